// Normalizers and row projection for ImportRowRecords (contracts seed §2: raw evidence and normalized projection apart).
import { describe, expect, it } from "vitest";
import {
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeState,
  normalizeStreet,
  normalizeZip,
  projectRow,
  splitOneLineAddress,
} from "./normalize.ts";
import { buildManifest } from "./profiles.ts";

describe("normalizePhone", () => {
  it.each([
    ["201-555-0123", "2015550123", null],
    ["(201) 555-0123", "2015550123", null],
    ["201.555.0123", "2015550123", null],
    ["+1 201 555 0123", "2015550123", null],
    ["1-201-555-0123", "2015550123", null],
    ["2015550123", "2015550123", null],
    ["201-555-0123 ext. 45", "2015550123", "45"],
    ["(201) 555-0123 x7", "2015550123", "7"],
    ["201 555 0123 #12", "2015550123", "12"],
  ])("%j → %s (extension %s)", (raw, value, extension) => {
    expect(normalizePhone(raw)).toEqual({ value, error: null, extension });
  });

  it.each([["555-0123"], ["+44 20 7946 0958"], ["12345"], ["call the office"], ["011-555-0123"]])(
    "%j is a row error, not a number",
    (raw) => {
      const phone = normalizePhone(raw);
      expect(phone.value).toBeNull();
      expect(phone.error).toContain(raw.trim());
    },
  );

  it("an empty cell is neither a number nor an error", () => {
    expect(normalizePhone("  ")).toEqual({ value: null, error: null, extension: null });
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["  Ana.Ruiz@Example.com ", "ana.ruiz@example.com"],
    ["mailto:bo@example.com", "bo@example.com"],
    ["Bo Chen <Bo@Example.COM>", "bo@example.com"],
    ["first.last+hvac@example.com", "first.last+hvac@example.com"],
  ])("%j → %s (dots and +tags kept)", (raw, value) => {
    expect(normalizeEmail(raw)).toEqual({ value, error: null });
  });

  it.each([["ana@"], ["not an email"], ["ana@example"]])("%j is an error", (raw) => {
    expect(normalizeEmail(raw).value).toBeNull();
  });
});

describe("normalizeName", () => {
  it.each([
    ["John Smith", "john smith", "John Smith"],
    ["SMITH, JOHN", "john smith", "John Smith"],
    ["Smith, John A.", "john smith", "John A. Smith"],
    ["Mr. John Smith Jr.", "john smith", "Mr. John Smith Jr."],
    ["josé garcía", "garcia jose", "José García"],
    ["Dr. Mary-Kate O'Neil", "kate mary oneil", "Dr. Mary-Kate O'Neil"],
    ["Mr and Mrs Pat Lee", "lee pat", "Mr and Mrs Pat Lee"],
    ["John Smith, Sr.", "john smith", "John Smith, Sr."],
  ])("%j has key %j and reads %j", (raw, key, display) => {
    const name = normalizeName(raw);
    expect(name.key).toBe(key);
    expect(name.display).toBe(display);
  });

  it("keeps the suffix apart so Jr and Sr stay two people", () => {
    expect(normalizeName("John Smith Jr").suffix).toBe("jr");
    expect(normalizeName("Smith, John, Sr.").suffix).toBe("sr");
  });

  it("does not turn a company round at its comma", () => {
    const name = normalizeName("Maple Property Management, LLC");
    expect(name.isCompany).toBe(true);
    expect(name.display).toBe("Maple Property Management, LLC");
  });
});

describe("normalizeStreet", () => {
  it.each([
    ["123 Main Street", "123 main st", null],
    ["123 MAIN ST.", "123 main st", null],
    ["123 N. Main St", "123 n main st", null],
    ["123 North Main Street", "123 n main st", null],
    ["45 Oak Avenue Apt 4B", "45 oak ave", "4b"],
    ["45 Oak Ave, Unit 4b", "45 oak ave", "4b"],
    ["45 Oak Ave #4B", "45 oak ave", "4b"],
    ["900 Harbor Blvd Ste. 200", "900 harbor blvd", "200"],
    ["7 Willow Lane", "7 willow ln", null],
    ["7 Willow Ln", "7 willow ln", null],
    ["12 Quarry Court", "12 quarry ct", null],
    ["88 Ridge Parkway", "88 ridge pkwy", null],
    ["3 Fern Circle", "3 fern cir", null],
    ["3 Fern Terrace", "3 fern ter", null],
    ["3 Fern Place", "3 fern pl", null],
    ["60 Cedar Trail", "60 cedar trl", null],
    ["1200 State Highway 9", "1200 state hwy 9", null],
    ["14 First Avenue", "14 1st ave", null],
    ["14 1st Ave", "14 1st ave", null],
    ["22 Saint Brendan Road", "22 st brendan rd", null],
    ["22 St. Brendan Rd", "22 st brendan rd", null],
    ["500 Lakeview Dr NE", "500 lakeview dr ne", null],
    ["500 Lakeview Drive Northeast", "500 lakeview dr ne", null],
    ["10 Parking Lot Rd", "10 parking lot rd", null],
    ["10 Elm St Apt B", "10 elm st", "b"],
    ["10 Elm St Apt4", "10 elm st", "4"],
    ["No. 9 Mill Road", "no 9 mill rd", null],
  ])("%j → %j unit %j", (raw, street, unit) => {
    const normalized = normalizeStreet(raw);
    expect(normalized.street).toBe(street);
    expect(normalized.unit).toBe(unit);
  });

  it("keeps a readable street and unit beside the comparison form", () => {
    expect(normalizeStreet("45 Oak Avenue, Apt. 4B")).toEqual({
      street: "45 oak ave",
      unit: "4b",
      display: "45 Oak Avenue",
      unitDisplay: "Apt. 4B",
    });
  });
});

describe("zip, state and one-line addresses", () => {
  it.each([
    ["02134", "02134"],
    ["2134", "02134"],
    ["62701-1234", "62701"],
    ["627011234", "62701"],
  ])("zip %j → %j", (raw, value) => {
    expect(normalizeZip(raw).value).toBe(value);
  });

  it("rejects a non-zip and maps state names to codes", () => {
    expect(normalizeZip("ABC").error).toContain("ABC");
    expect(normalizeState("Illinois").value).toBe("IL");
    expect(normalizeState("il").value).toBe("IL");
    expect(normalizeState("Narnia").error).toContain("Narnia");
  });

  it("splits a one-line address", () => {
    expect(splitOneLineAddress("12 Elm St Apt 3, Springfield, IL 62701")).toEqual({
      street: "12 Elm St Apt 3",
      city: "Springfield",
      state: "IL",
      zip: "62701",
    });
    expect(splitOneLineAddress("12 Elm St")).toBeNull();
  });
});

describe("projectRow", () => {
  it("projects a generic row into customer, contact points and property", () => {
    const headers = ["Full Name", "Phone #", "Cell", "E-mail", "Street Address", "Zip Code", "Gate Code"];
    const manifest = buildManifest(headers, "generic");
    const projection = projectRow(
      {
        "Full Name": "RUIZ, ANA",
        "Phone #": "(201) 555-0101",
        Cell: "201.555.0102",
        "E-mail": " Ana@Example.com",
        "Street Address": "45 Oak Avenue Apt 4B",
        "Zip Code": "2134",
        "Gate Code": "1234",
      },
      manifest,
    );
    expect(projection.customer.name).toBe("Ana Ruiz");
    expect(projection.contactPoints.map((c) => [c.kind, c.value, c.label])).toEqual([
      ["phone", "2015550102", "mobile"],
      ["phone", "2015550101", "main"],
      ["email", "ana@example.com", "primary"],
    ]);
    expect(projection.property).toMatchObject({
      street: "45 Oak Avenue",
      streetKey: "45 oak ave",
      unit: "4b",
      zip: "02134",
    });
    expect(projection.errors).toEqual([]);
    expect(projection.confidence).toBe(1);
  });

  it("builds the name from first and last and uses the billing address when there is no service address", () => {
    const headers = ["First name", "Last name", "Billing street 1", "Billing city", "Billing state/province", "Tags"];
    const projection = projectRow(
      {
        "First name": "Bo",
        "Last name": "Chen",
        "Billing street 1": "7 Willow Ln",
        "Billing city": "Fairview",
        "Billing state/province": "Ohio",
        Tags: "vip, furnace; vip",
      },
      buildManifest(headers, "jobber"),
    );
    expect(projection.customer.name).toBe("Bo Chen");
    expect(projection.customer.tags).toEqual(["vip", "furnace"]);
    expect(projection.property).toMatchObject({ street: "7 Willow Ln", city: "Fairview", state: "OH" });
  });

  it("splits a one-line address written into the street column", () => {
    const projection = projectRow(
      { Name: "Cy Park", Address: "9 Fern Cir, Lakeside, OR 97401" },
      buildManifest(["Name", "Address"], "generic"),
    );
    expect(projection.property).toMatchObject({ streetKey: "9 fern cir", city: "Lakeside", state: "OR", zip: "97401" });
  });

  it("keeps row-level errors and lowers confidence instead of dropping the row", () => {
    const headers = ["Name", "Phone", "Email", "Zip", "Address", "Do Not Text"];
    const projection = projectRow(
      { Name: "", Phone: "555-0101", Email: "nope", Zip: "ABCDE", Address: "", "Do Not Text": "maybe" },
      buildManifest(headers, "generic"),
    );
    expect(projection.errors.map((e) => e.field)).toEqual([
      "customer.name",
      "customer.optOut.sms",
      "phone.main",
      "email.primary",
    ]);
    expect(projection.property).toBeNull();
    expect(projection.confidence).toBeLessThan(0.5);
  });

  it("reads opt-outs and several numbers in one cell", () => {
    const headers = ["Name", "Phone", "Do Not Text"];
    const projection = projectRow(
      { Name: "Di Ode", Phone: "201-555-0105 / 201-555-0106", "Do Not Text": "Yes" },
      buildManifest(headers, "generic"),
    );
    expect(projection.customer.optedOut).toEqual(["sms"]);
    expect(projection.contactPoints.map((c) => c.value)).toEqual(["2015550105", "2015550106"]);
  });
});
