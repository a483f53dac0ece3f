// Source profiles and manifests (contracts seed §5, ImportMappingManifest): every column mapped, ignored or unresolved.
import { describe, expect, it } from "vitest";
import { buildManifest, detectProfile, headerKey, type SourceProfileId, unaccountedColumns } from "./profiles.ts";

const EXPORTS: Record<Exclude<SourceProfileId, "generic">, string[]> = {
  servicetitan: [
    "Customer ID",
    "Customer Name",
    "Customer Type",
    "Phone Number",
    "Mobile Phone",
    "Email",
    "Street Address",
    "Unit",
    "City",
    "State",
    "Zip",
    "Member",
    "Tags",
    "Balance",
    "Created On",
    "Campaign",
    "Location ID",
    "Do Not Mail",
    "Do Not Service",
  ],
  jobber: [
    "Client ID",
    "Title",
    "First name",
    "Last name",
    "Company name",
    "Email",
    "Main phone #",
    "Mobile phone #",
    "Billing street 1",
    "Billing street 2",
    "Billing city",
    "Billing state/province",
    "Billing zip/postal code",
    "Billing country",
    "Tags",
    "Lead source",
    "Created date",
  ],
  housecall_pro: [
    "Customer ID",
    "First Name",
    "Last Name",
    "Display Name",
    "Company",
    "Mobile Number",
    "Home Number",
    "Work Number",
    "Email",
    "Address",
    "Address 2",
    "City",
    "State",
    "Zip",
    "Lead Source",
    "Tags",
    "Notifications Enabled",
  ],
};

describe("detectProfile", () => {
  it.each(Object.entries(EXPORTS))("recognizes a %s-style export by its column names", (profile, headers) => {
    expect(detectProfile(headers).profile).toBe(profile);
  });

  it("falls back to generic for a hand-made spreadsheet", () => {
    expect(detectProfile(["Full Name", "Phone #", "E-mail", "Street Address", "Zip Code", "Gate Code"]).profile).toBe(
      "generic",
    );
  });
});

describe("buildManifest", () => {
  it.each(Object.entries(EXPORTS))("accounts for every column of a %s-style export", (profile, headers) => {
    const manifest = buildManifest(headers, profile as SourceProfileId);
    expect(unaccountedColumns(headers, manifest)).toEqual([]);
    expect(manifest.unmapped_columns).toEqual([]);
  });

  it("maps phones as separate contact points and ignores balances on purpose", () => {
    const manifest = buildManifest(EXPORTS.servicetitan, "servicetitan");
    const field = (column: string) => manifest.column_mappings.find((m) => m.column === column)?.field;
    expect([field("Phone Number"), field("Mobile Phone"), field("Customer ID")]).toEqual([
      "phone.main",
      "phone.mobile",
      "customer.externalId",
    ]);
    expect(manifest.ignored_columns.map((c) => c.column)).toEqual(["Balance", "Do Not Mail"]);
  });

  it("maps Jobber billing columns to the billing address", () => {
    const manifest = buildManifest(EXPORTS.jobber, "jobber");
    expect(manifest.column_mappings.find((m) => m.column === "Billing zip/postal code")?.field).toBe("billing.zip");
    expect(manifest.ignored_columns.map((c) => c.column)).toEqual(["Title", "Billing country"]);
  });

  it("an unseen export maps through the generic profile and leaves Gate Code unresolved", () => {
    const headers = ["Full Name", "Phone #", "E-mail", "Street Address", "Zip Code", "Gate Code"];
    const manifest = buildManifest(headers, detectProfile(headers).profile);
    expect(manifest.source_profile).toBe("generic");
    expect(manifest.column_mappings.map((m) => [m.column, m.field])).toEqual([
      ["Full Name", "customer.name"],
      ["Phone #", "phone.main"],
      ["E-mail", "email.primary"],
      ["Street Address", "property.street"],
      ["Zip Code", "property.zip"],
    ]);
    expect(manifest.unmapped_columns.map((c) => c.column)).toEqual(["Gate Code"]);
  });

  it.each([
    ["Name", "customer.name"],
    ["Customer", "customer.name"],
    ["Phone", "phone.main"],
    ["Tel", "phone.main"],
    ["Cell", "phone.mobile"],
    ["Email Address", "email.primary"],
    ["Address 1", "property.street"],
    ["Postal Code", "property.zip"],
    ["  ZIP code  ", "property.zip"],
    ["PHONE_NUMBER", "phone.main"],
  ])("generic maps the header variant %j to %s", (header, field) => {
    expect(buildManifest([header], "generic").column_mappings).toEqual([{ column: header, field, via: "profile" }]);
  });

  it.each([["Favorite Color"], ["Gate Code"], ["Contact"], ["Info"], ["Phone Type"]])(
    "generic leaves %j unresolved rather than guessing",
    (header) => {
      const manifest = buildManifest([header], "generic");
      expect(manifest.unmapped_columns.map((c) => c.column)).toEqual([header]);
    },
  );

  it("a product profile borrows generic names for columns it does not know, and says so", () => {
    const manifest = buildManifest(["Customer Name", "Cell", "Gate Code"], "servicetitan");
    expect(manifest.column_mappings.find((m) => m.column === "Cell")).toEqual({
      column: "Cell",
      field: "phone.mobile",
      via: "generic",
    });
    expect(manifest.resolver_notes.join(" ")).toContain('"Cell"');
    expect(manifest.unmapped_columns.map((c) => c.column)).toEqual(["Gate Code"]);
  });

  it("a second column aimed at a single-valued field is unresolved, not silently merged", () => {
    const manifest = buildManifest(["Name", "Full Name", "Phone", "Tel"], "generic");
    expect(manifest.unmapped_columns.map((c) => c.column)).toEqual(["Full Name"]);
    expect(manifest.column_mappings.filter((m) => m.field === "phone.main")).toHaveLength(2);
  });

  it("a manual override maps, ignores or holds a column, and beats the profile", () => {
    const headers = ["Full Name", "Gate Code", "Favorite Color", "Phone #"];
    const manifest = buildManifest(headers, "generic", {
      "Gate Code": "customer.notes",
      "Favorite Color": "ignore",
      "Phone #": "phone.mobile",
      Missing: "ignore",
    });
    expect(manifest.column_mappings.map((m) => [m.column, m.field, m.via])).toEqual([
      ["Full Name", "customer.name", "profile"],
      ["Gate Code", "customer.notes", "override"],
      ["Phone #", "phone.mobile", "override"],
    ]);
    expect(manifest.ignored_columns).toEqual([{ column: "Favorite Color", reason: "ignored by manual override" }]);
    expect(manifest.unmapped_columns).toEqual([]);
    expect(manifest.resolver_notes.some((note) => note.includes('"Missing"'))).toBe(true);
  });

  it("headerKey ignores case, spaces and punctuation", () => {
    expect(["Main phone #", "Billing state/province", "E-mail", "Zip_Code"].map(headerKey)).toEqual([
      "mainphonenumber",
      "billingstateprovince",
      "email",
      "zipcode",
    ]);
  });
});
