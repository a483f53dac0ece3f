// Source profiles and the ImportMappingManifest builder (contracts seed §5, "ImportMappingManifest").
// Rule from the seed: every imported column is either mapped, ignored, or unresolved. Pure; unknown columns are never guessed.

export const CANONICAL_FIELDS = [
  "customer.name",
  "customer.firstName",
  "customer.lastName",
  "customer.company",
  "customer.type",
  "customer.tags",
  "customer.notes",
  "customer.createdAt",
  "customer.externalId",
  "customer.leadSource",
  "customer.membership",
  "customer.doNotService",
  "customer.optOut.sms",
  "customer.optOut.email",
  "phone.main",
  "phone.mobile",
  "phone.home",
  "phone.work",
  "phone.other",
  "email.primary",
  "email.other",
  "property.street",
  "property.unit",
  "property.city",
  "property.state",
  "property.zip",
  "property.externalId",
  "billing.street",
  "billing.unit",
  "billing.city",
  "billing.state",
  "billing.zip",
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Fields that may receive several columns (each adds a contact point, tag or note). Others take one column only. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<CanonicalField> = new Set<CanonicalField>([
  "customer.tags",
  "customer.notes",
  "phone.main",
  "phone.mobile",
  "phone.home",
  "phone.work",
  "phone.other",
  "email.primary",
  "email.other",
]);

export type SourceProfileId = "servicetitan" | "jobber" | "housecall_pro" | "generic";

export type SourceProfile = {
  id: SourceProfileId;
  label: string;
  /** Header (any case, spacing, punctuation) → canonical field. */
  columns: Record<string, CanonicalField>;
  /** Header → why it is left out on purpose. */
  ignore: Record<string, string>;
};

/** "Main phone #" → "mainphonenumber"; "Billing state/province" → "billingstateprovince"; "E-mail" → "email". */
export function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/#/g, "number")
    .replace(/[^a-z0-9]/g, "");
}

function keyed<T>(table: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [header, value] of Object.entries(table)) out[headerKey(header)] = value;
  return out;
}

const MONEY_IGNORED = "account balances are not imported; the accounting system stays the source of money owed";
const POSTAL_IGNORED = "postal mail preferences are not modeled";
const SYSTEM_IGNORED = "source system bookkeeping with no meaning in this office";

// ServiceTitan-style customer export (one row per customer location).
const SERVICETITAN: SourceProfile = {
  id: "servicetitan",
  label: "ServiceTitan-style customer export",
  columns: keyed<CanonicalField>({
    "Customer ID": "customer.externalId",
    "Customer Id": "customer.externalId",
    "Customer Name": "customer.name",
    "Customer Type": "customer.type",
    "Phone Number": "phone.main",
    "Mobile Phone": "phone.mobile",
    "Mobile Number": "phone.mobile",
    "Home Phone": "phone.home",
    "Work Phone": "phone.work",
    Email: "email.primary",
    "Street Address": "property.street",
    "Address Line 2": "property.unit",
    Unit: "property.unit",
    City: "property.city",
    State: "property.state",
    Zip: "property.zip",
    "Zip Code": "property.zip",
    "Location ID": "property.externalId",
    Member: "customer.membership",
    "Membership Type": "customer.membership",
    Tags: "customer.tags",
    "Customer Tags": "customer.tags",
    Campaign: "customer.leadSource",
    "Lead Source": "customer.leadSource",
    "Created On": "customer.createdAt",
    "Created Date": "customer.createdAt",
    "Do Not Service": "customer.doNotService",
    "Do Not Text": "customer.optOut.sms",
    "Do Not Email": "customer.optOut.email",
    Notes: "customer.notes",
    "Customer Notes": "customer.notes",
  }),
  ignore: keyed({
    Balance: MONEY_IGNORED,
    "Customer Balance": MONEY_IGNORED,
    "Do Not Mail": POSTAL_IGNORED,
    "Business Unit": "the source's internal business unit; this office has one business",
    "Location Name": "duplicates the street address",
    "Modified On": SYSTEM_IGNORED,
    Active: SYSTEM_IGNORED,
  }),
};

// Jobber-style client export (billing and service addresses in separate columns).
const JOBBER: SourceProfile = {
  id: "jobber",
  label: "Jobber-style client export",
  columns: keyed<CanonicalField>({
    "Client ID": "customer.externalId",
    "J-ID": "customer.externalId",
    "Display name": "customer.name",
    "First name": "customer.firstName",
    "Last name": "customer.lastName",
    "Company name": "customer.company",
    Email: "email.primary",
    "E-mails": "email.primary",
    "Main phone #": "phone.main",
    "Mobile phone #": "phone.mobile",
    "Home phone #": "phone.home",
    "Work phone #": "phone.work",
    "Other phone #": "phone.other",
    "Billing street 1": "billing.street",
    "Billing street 2": "billing.unit",
    "Billing city": "billing.city",
    "Billing state/province": "billing.state",
    "Billing zip/postal code": "billing.zip",
    "Service street 1": "property.street",
    "Service street 2": "property.unit",
    "Service city": "property.city",
    "Service state/province": "property.state",
    "Service zip/postal code": "property.zip",
    Tags: "customer.tags",
    "Lead source": "customer.leadSource",
    "Created date": "customer.createdAt",
    Notes: "customer.notes",
  }),
  ignore: keyed({
    Title: "honorifics are dropped from names",
    "Billing country": "the office serves one country",
    "Service country": "the office serves one country",
    Archived: SYSTEM_IGNORED,
    "Receives review requests": "review requests are decided per job here",
    Balance: MONEY_IGNORED,
  }),
};

// Housecall Pro-style customer export.
const HOUSECALL_PRO: SourceProfile = {
  id: "housecall_pro",
  label: "Housecall Pro-style customer export",
  columns: keyed<CanonicalField>({
    "Customer ID": "customer.externalId",
    ID: "customer.externalId",
    "First Name": "customer.firstName",
    "Last Name": "customer.lastName",
    "Display Name": "customer.name",
    Company: "customer.company",
    "Mobile Number": "phone.mobile",
    "Home Number": "phone.home",
    "Work Number": "phone.work",
    Email: "email.primary",
    "Additional Emails": "email.other",
    Address: "property.street",
    "Address 2": "property.unit",
    City: "property.city",
    State: "property.state",
    Zip: "property.zip",
    "Lead Source": "customer.leadSource",
    Tags: "customer.tags",
    Notes: "customer.notes",
    "Customer Notes": "customer.notes",
    "Created At": "customer.createdAt",
    "Customer Type": "customer.type",
  }),
  ignore: keyed({
    "Notifications Enabled": "message preferences are kept as opt-outs, not as a notification switch",
    "Outstanding Balance": MONEY_IGNORED,
    "Lifetime Value": MONEY_IGNORED,
    "Address Country": "the office serves one country",
  }),
};

// Generic spreadsheet: the names people type by hand. Exact (normalized) matches only; anything else is unresolved.
const GENERIC: SourceProfile = {
  id: "generic",
  label: "Generic spreadsheet",
  columns: keyed<CanonicalField>({
    "Full Name": "customer.name",
    Name: "customer.name",
    Customer: "customer.name",
    "Customer Name": "customer.name",
    Client: "customer.name",
    "Client Name": "customer.name",
    "Contact Name": "customer.name",
    Homeowner: "customer.name",
    "First Name": "customer.firstName",
    First: "customer.firstName",
    "Given Name": "customer.firstName",
    "Last Name": "customer.lastName",
    Last: "customer.lastName",
    Surname: "customer.lastName",
    "Family Name": "customer.lastName",
    Company: "customer.company",
    "Company Name": "customer.company",
    "Business Name": "customer.company",
    Phone: "phone.main",
    "Phone #": "phone.main",
    "Phone No": "phone.main",
    "Phone Number": "phone.main",
    "Primary Phone": "phone.main",
    "Main Phone": "phone.main",
    Telephone: "phone.main",
    Tel: "phone.main",
    "Phone 1": "phone.main",
    "Phone 2": "phone.other",
    "Other Phone": "phone.other",
    "Alt Phone": "phone.other",
    Cell: "phone.mobile",
    "Cell Phone": "phone.mobile",
    "Cell #": "phone.mobile",
    Mobile: "phone.mobile",
    "Mobile Phone": "phone.mobile",
    "Mobile Number": "phone.mobile",
    "Home Phone": "phone.home",
    "Work Phone": "phone.work",
    "Office Phone": "phone.work",
    Email: "email.primary",
    "E-mail": "email.primary",
    "Email Address": "email.primary",
    "E-mail Address": "email.primary",
    "Primary Email": "email.primary",
    "Email 1": "email.primary",
    "Email 2": "email.other",
    "Secondary Email": "email.other",
    Address: "property.street",
    Street: "property.street",
    "Street Address": "property.street",
    "Address 1": "property.street",
    "Address Line 1": "property.street",
    "Service Address": "property.street",
    "Address 2": "property.unit",
    "Address Line 2": "property.unit",
    Apt: "property.unit",
    Unit: "property.unit",
    Suite: "property.unit",
    City: "property.city",
    Town: "property.city",
    State: "property.state",
    ST: "property.state",
    Province: "property.state",
    Zip: "property.zip",
    "Zip Code": "property.zip",
    "ZIP+4": "property.zip",
    "Postal Code": "property.zip",
    Postcode: "property.zip",
    Tags: "customer.tags",
    Labels: "customer.tags",
    Notes: "customer.notes",
    Comments: "customer.notes",
    "Customer Type": "customer.type",
    Type: "customer.type",
    "Lead Source": "customer.leadSource",
    Source: "customer.leadSource",
    "Referral Source": "customer.leadSource",
    Created: "customer.createdAt",
    "Created Date": "customer.createdAt",
    "Date Added": "customer.createdAt",
    "Customer Since": "customer.createdAt",
    "Customer ID": "customer.externalId",
    "Customer #": "customer.externalId",
    "Account Number": "customer.externalId",
    "Do Not Text": "customer.optOut.sms",
    "SMS Opt Out": "customer.optOut.sms",
    "Do Not Email": "customer.optOut.email",
    "Email Opt Out": "customer.optOut.email",
  }),
  ignore: keyed({
    Balance: MONEY_IGNORED,
    "Amount Due": MONEY_IGNORED,
    Country: "the office serves one country",
  }),
};

export const SOURCE_PROFILES: Record<SourceProfileId, SourceProfile> = {
  servicetitan: SERVICETITAN,
  jobber: JOBBER,
  housecall_pro: HOUSECALL_PRO,
  generic: GENERIC,
};

export type ProfileScore = { profile: SourceProfileId; score: number; matched: number };
export type ProfileDetection = { profile: SourceProfileId; scores: ProfileScore[] };

/** Least share of a file's headers a named profile must recognize by its own names before it wins over generic. */
export const DETECTION_THRESHOLD = 0.6;

/**
 * Scores each product profile by the share of headers it knows by its own names (mapped or ignored). The best product
 * profile wins when it reaches DETECTION_THRESHOLD and is at least generic's own score; otherwise the file is generic.
 */
export function detectProfile(headers: readonly string[]): ProfileDetection {
  const keys = headers.map(headerKey).filter((key) => key !== "");
  const scores: ProfileScore[] = (Object.keys(SOURCE_PROFILES) as SourceProfileId[]).map((id) => {
    const profile = SOURCE_PROFILES[id];
    const matched = keys.filter((key) => key in profile.columns || key in profile.ignore).length;
    return { profile: id, score: keys.length === 0 ? 0 : matched / keys.length, matched };
  });
  scores.sort((a, b) => b.score - a.score || (a.profile === "generic" ? 1 : b.profile === "generic" ? -1 : 0));
  const generic = scores.find((s) => s.profile === "generic")?.score ?? 0;
  const best = scores.find((s) => s.profile !== "generic");
  const profile = best && best.score >= DETECTION_THRESHOLD && best.score >= generic ? best.profile : "generic";
  return { profile, scores };
}

export type ColumnMapping = { column: string; field: CanonicalField; via: "profile" | "generic" | "override" };
export type SkippedColumn = { column: string; reason: string };

export type MappingManifest = {
  source_profile: SourceProfileId;
  column_mappings: ColumnMapping[];
  ignored_columns: SkippedColumn[];
  /** Unresolved: a person decides (manual override) before these columns mean anything. */
  unmapped_columns: SkippedColumn[];
  resolver_notes: string[];
};

/** An operator's decision for one column, by its exact header: a field, "ignore", or "unresolved". */
export type ColumnOverride = CanonicalField | "ignore" | "unresolved";

const FIELD_SET: ReadonlySet<string> = new Set(CANONICAL_FIELDS);

export function isCanonicalField(value: string): value is CanonicalField {
  return FIELD_SET.has(value);
}

/**
 * Maps each header through, in order: the operator's override, the profile's own names, its ignore list, then (for a
 * product profile) the generic names. A second column aimed at a single-valued field is left unresolved, not merged.
 */
export function buildManifest(
  headers: readonly string[],
  profileId: SourceProfileId,
  overrides: Readonly<Record<string, ColumnOverride>> = {},
): MappingManifest {
  const profile = SOURCE_PROFILES[profileId];
  const manifest: MappingManifest = {
    source_profile: profileId,
    column_mappings: [],
    ignored_columns: [],
    unmapped_columns: [],
    resolver_notes: [],
  };
  const taken = new Map<CanonicalField, string>();
  const place = (column: string, field: CanonicalField, via: ColumnMapping["via"]) => {
    const holder = taken.get(field);
    if (holder !== undefined && !MULTI_COLUMN_FIELDS.has(field)) {
      manifest.unmapped_columns.push({
        column,
        reason: `would map to ${field}, which "${holder}" already fills; choose one with a manual override`,
      });
      return;
    }
    taken.set(field, column);
    manifest.column_mappings.push({ column, field, via });
  };

  for (const column of headers) {
    const key = headerKey(column);
    const override = overrides[column];
    if (override !== undefined) {
      manifest.resolver_notes.push(`"${column}": manual override → ${override}`);
      if (override === "ignore") manifest.ignored_columns.push({ column, reason: "ignored by manual override" });
      else if (override === "unresolved") manifest.unmapped_columns.push({ column, reason: "held by manual override" });
      else place(column, override, "override");
      continue;
    }
    const own = profile.columns[key];
    if (own) {
      place(column, own, "profile");
      continue;
    }
    const ignored = profile.ignore[key];
    if (ignored) {
      manifest.ignored_columns.push({ column, reason: ignored });
      continue;
    }
    const fallback = profileId === "generic" ? undefined : GENERIC.columns[key];
    if (fallback) {
      manifest.resolver_notes.push(`"${column}": not a ${profile.label} column name; mapped by the generic name list`);
      place(column, fallback, "generic");
      continue;
    }
    const genericIgnored = profileId === "generic" ? undefined : GENERIC.ignore[key];
    if (genericIgnored) {
      manifest.ignored_columns.push({ column, reason: genericIgnored });
      continue;
    }
    manifest.unmapped_columns.push({
      column,
      reason: key === "" ? "column has no usable name" : "no known meaning; left for a person to map or ignore",
    });
  }
  const extraOverrides = Object.keys(overrides).filter((column) => !headers.includes(column));
  for (const column of extraOverrides) {
    manifest.resolver_notes.push(`override for "${column}" matches no column in this file and was not used`);
  }
  return manifest;
}

/** Columns the manifest leaves unaccounted for (should be empty) — the seed's validation rule as a check. */
export function unaccountedColumns(headers: readonly string[], manifest: MappingManifest): string[] {
  const accounted = new Set([
    ...manifest.column_mappings.map((m) => m.column),
    ...manifest.ignored_columns.map((c) => c.column),
    ...manifest.unmapped_columns.map((c) => c.column),
  ]);
  return headers.filter((header) => !accounted.has(header));
}
