// Normalizers and the row projection for ImportRowRecords (contracts seed §2: raw evidence and normalized projection kept apart).
// Pure: a row's raw values stay untouched; the projection and its row-level errors are returned beside them.
import type { CanonicalField, MappingManifest } from "./profiles.ts";

export type Normalized = { value: string | null; error: string | null };

// ---------- phones ----------

export type NormalizedPhone = Normalized & { extension: string | null };

const EXTENSION = /\s*(?:,|;)?\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i;

/** North American numbers to 10 digits: "+1 (201) 555-0123 ext. 4" → "2015550123" with extension "4". */
export function normalizePhone(raw: string): NormalizedPhone {
  let text = raw.trim();
  if (text === "") return { value: null, error: null, extension: null };
  let extension: string | null = null;
  const ext = EXTENSION.exec(text);
  if (ext?.[1]) {
    extension = ext[1];
    text = text.slice(0, ext.index);
  }
  if (/[a-wyz]/i.test(text)) return { value: null, error: `"${raw.trim()}" is not a phone number`, extension };
  const international = /^\s*(?:\+|00)\s*(\d)/.exec(text);
  let digits = text.replace(/\D/g, "");
  if (international && international[1] !== "1") {
    return { value: null, error: `"${raw.trim()}" is not a North American number`, extension };
  }
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (digits.length === 7) return { value: null, error: `"${raw.trim()}" has no area code`, extension };
  if (digits.length !== 10) return { value: null, error: `"${raw.trim()}" does not have 10 digits`, extension };
  if (!/^[2-9]\d{2}[2-9]/.test(digits)) {
    return { value: null, error: `"${raw.trim()}" is not a valid North American number`, extension };
  }
  return { value: digits, error: null, extension };
}

// ---------- emails ----------

const EMAIL = /^[^\s@<>(),;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/;

/**
 * Trim, lowercase, drop "mailto:" and a display name. Decision: dots and "+tags" are kept, for Gmail too: the office
 * cannot know every provider's rules, and two addresses that differ only by a dot are rare enough for dedupe to use
 * names and phones instead of guessing.
 */
export function normalizeEmail(raw: string): Normalized {
  let text = raw.trim();
  if (text === "") return { value: null, error: null };
  const angle = /<([^>]+)>/.exec(text);
  if (angle?.[1]) text = angle[1];
  text = text
    .replace(/^mailto:/i, "")
    .trim()
    .toLowerCase();
  return EMAIL.test(text)
    ? { value: text, error: null }
    : { value: null, error: `"${raw.trim()}" is not an email address` };
}

// ---------- names ----------

export type NormalizedName = {
  /** Readable form: "Last, First" turned round, all-caps or all-lowercase names title-cased. */
  display: string;
  /** Comparison tokens: lowercase, no accents, punctuation, honorifics, suffixes or middle initials. */
  tokens: string[];
  /** Tokens sorted and joined: "Smith, John A." and "john smith" share "john smith". */
  key: string;
  first: string;
  last: string;
  suffix: string | null;
  isCompany: boolean;
};

const HONORIFICS = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "madam", "fr"]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "esq", "md", "phd", "dds", "cpa", "rn"]);
const COMPANY_WORDS =
  /\b(?:llc|l\.l\.c|inc|corp|corporation|co|company|ltd|lp|llp|properties|property|management|mgmt|realty|church|hoa|association|assn|trust|group|holdings|partners|apartments|condominiums?|school|services)\b\.?/i;

export function stripAccents(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, lead: string, letter: string) => lead + letter.toUpperCase());
}

function nameWords(text: string): string[] {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[.']/g, "")
    .split(/[\s,-]+/)
    .filter((word) => word !== "");
}

export function normalizeName(raw: string): NormalizedName {
  let text = raw.trim().replace(/\s+/g, " ");
  const isCompany = COMPANY_WORDS.test(text);
  if (!isCompany) {
    const commas = text.split(",");
    if (commas.length === 2) {
      const [left = "", right = ""] = commas.map((part) => part.trim());
      const rightWords = nameWords(right);
      const rightIsSuffix = rightWords.length > 0 && rightWords.every((word) => SUFFIXES.has(word));
      // "Smith, John" → "John Smith"; "John Smith, Jr." stays.
      if (!rightIsSuffix && left !== "" && right !== "") text = `${right} ${left}`;
    }
  }
  const shouting = text === text.toUpperCase() || text === text.toLowerCase();
  const display = (shouting && !isCompany ? titleCase(text) : text).replace(/\s*,\s*$/, "");

  let suffix: string | null = null;
  const tokens: string[] = [];
  const words = nameWords(text).filter((word) => word !== "and" && word !== "&");
  words.forEach((word, index) => {
    if (isCompany) {
      tokens.push(word);
      return;
    }
    if (index === 0 && HONORIFICS.has(word)) return;
    if (HONORIFICS.has(word) && index < 3 && words.slice(0, index).every((w) => HONORIFICS.has(w))) return;
    if (SUFFIXES.has(word)) {
      suffix = word;
      return;
    }
    if (word.length === 1) return; // middle or first initials
    tokens.push(word);
  });
  const kept = tokens.length > 0 ? tokens : words;
  return {
    display,
    tokens: kept,
    key: [...kept].sort().join(" "),
    first: kept[0] ?? "",
    last: kept[kept.length - 1] ?? "",
    suffix,
    isCompany,
  };
}

// ---------- street addresses ----------

const STREET_WORDS: Record<string, string> = {
  street: "st",
  str: "st",
  st: "st",
  saint: "st",
  avenue: "ave",
  av: "ave",
  ave: "ave",
  aven: "ave",
  avn: "ave",
  road: "rd",
  rd: "rd",
  drive: "dr",
  drv: "dr",
  dr: "dr",
  lane: "ln",
  ln: "ln",
  court: "ct",
  crt: "ct",
  ct: "ct",
  boulevard: "blvd",
  boul: "blvd",
  blvd: "blvd",
  parkway: "pkwy",
  pkway: "pkwy",
  pky: "pkwy",
  pkwy: "pkwy",
  highway: "hwy",
  hiway: "hwy",
  hwy: "hwy",
  circle: "cir",
  circ: "cir",
  cir: "cir",
  place: "pl",
  pl: "pl",
  terrace: "ter",
  terr: "ter",
  ter: "ter",
  trail: "trl",
  trl: "trl",
  way: "way",
  wy: "way",
  square: "sq",
  sq: "sq",
  crossing: "xing",
  xing: "xing",
  point: "pt",
  pt: "pt",
  expressway: "expy",
  expy: "expy",
  freeway: "fwy",
  fwy: "fwy",
  route: "rte",
  rte: "rte",
  alley: "aly",
  aly: "aly",
  heights: "hts",
  hts: "hts",
  mount: "mt",
  mt: "mt",
  fort: "ft",
  ft: "ft",
  center: "ctr",
  ctr: "ctr",
  plaza: "plz",
  plz: "plz",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

const ORDINALS: Record<string, string> = {
  first: "1st",
  second: "2nd",
  third: "3rd",
  fourth: "4th",
  fifth: "5th",
  sixth: "6th",
  seventh: "7th",
  eighth: "8th",
  ninth: "9th",
  tenth: "10th",
  eleventh: "11th",
  twelfth: "12th",
  thirteenth: "13th",
  fourteenth: "14th",
  fifteenth: "15th",
  sixteenth: "16th",
  seventeenth: "17th",
  eighteenth: "18th",
  nineteenth: "19th",
  twentieth: "20th",
};

const UNIT_MARKER =
  /(?:^|[\s,])(?:(?:apt|apartment|unit|ste|suite|bldg|building|fl|floor|rm|room|lot|space|spc|trlr|trailer)(?:[.\s#]+|(?=\d))|no\.?\s*(?=\d)|#\s*)([a-z0-9][a-z0-9-]*)\b(.*)$/i;

export type NormalizedStreet = {
  /** Comparison form: "123 N Main Street, Apt. 4B" → "123 n main st". */
  street: string;
  /** Unit identifier without its marker: "Apt. 4B", "Unit 4b" and "#4B" all give "4b". */
  unit: string | null;
  /** Readable street as given, whitespace tidied, unit removed. */
  display: string;
  /** Readable unit as given ("Apt. 4B"), or null. */
  unitDisplay: string | null;
};

function streetToken(word: string): string {
  return ORDINALS[word] ?? STREET_WORDS[word] ?? word;
}

export function normalizeStreet(raw: string): NormalizedStreet {
  let display = raw.trim().replace(/\s+/g, " ");
  let unitDisplay: string | null = null;
  let unit: string | null = null;
  // The marker must follow the house number and at least one word, so "No. 9 Road" or "#12 Elm" at the start is left alone.
  const body = /^\s*\S+\s+\S+/.exec(display);
  if (body) {
    const tail = display.slice(body[0].length);
    const marker = UNIT_MARKER.exec(tail);
    // A unit id has a digit or is a single letter ("Apt B"); "Lot Rd" is a street, not lot "Rd".
    if (marker?.[1] && (/\d/.test(marker[1]) || marker[1].length === 1)) {
      const start = body[0].length + marker.index;
      unitDisplay = display
        .slice(start)
        .replace(/^[\s,]+/, "")
        .trim();
      const ids = [marker[1], ...(marker[2] ?? "").split(/[\s,#]+/)]
        .map((part) => part.replace(/^(?:apt|apartment|unit|ste|suite|bldg|building|fl|floor|rm|room)\.?$/i, ""))
        .filter((part) => part !== "");
      unit = ids.join(" ").toLowerCase();
      display = display.slice(0, start).replace(/[\s,]+$/, "");
    }
  }
  const words = stripAccents(display)
    .toLowerCase()
    .replace(/[.,;]/g, " ")
    .split(/\s+/)
    .filter((word) => word !== "");
  const street = words.map((word, index) => (index === 0 && /\d/.test(word) ? word : streetToken(word))).join(" ");
  return { street, unit, display, unitDisplay };
}

/** Unit text from its own column: "Apt 4B", "#4b", "4B" → "4b". */
export function normalizeUnit(raw: string): string | null {
  const cleaned = raw
    .trim()
    .toLowerCase()
    .replace(/^(?:apt|apartment|unit|ste|suite|bldg|building|fl|floor|rm|room|lot|space|no)\.?\s*/, "")
    .replace(/^#\s*/, "")
    .replace(/[.,]/g, "")
    .trim();
  return cleaned === "" ? null : cleaned;
}

// ---------- zip and state ----------

/**
 * Five-digit ZIP. Decision: a four-digit value is taken as a ZIP whose leading zero a spreadsheet dropped ("2134" →
 * "02134"), which happens to every New England export opened in Excel.
 */
export function normalizeZip(raw: string): Normalized {
  const text = raw.trim();
  if (text === "") return { value: null, error: null };
  const match = /^(\d{4,5})(?:-?\d{4})?$/.exec(text.replace(/\s+/g, ""));
  if (!match?.[1]) return { value: null, error: `"${text}" is not a ZIP code` };
  return { value: match[1].padStart(5, "0"), error: null };
}

const STATES: Record<string, string> = {
  alabama: "AL",
  alaska: "AK",
  arizona: "AZ",
  arkansas: "AR",
  california: "CA",
  colorado: "CO",
  connecticut: "CT",
  delaware: "DE",
  "district of columbia": "DC",
  florida: "FL",
  georgia: "GA",
  hawaii: "HI",
  idaho: "ID",
  illinois: "IL",
  indiana: "IN",
  iowa: "IA",
  kansas: "KS",
  kentucky: "KY",
  louisiana: "LA",
  maine: "ME",
  maryland: "MD",
  massachusetts: "MA",
  michigan: "MI",
  minnesota: "MN",
  mississippi: "MS",
  missouri: "MO",
  montana: "MT",
  nebraska: "NE",
  nevada: "NV",
  "new hampshire": "NH",
  "new jersey": "NJ",
  "new mexico": "NM",
  "new york": "NY",
  "north carolina": "NC",
  "north dakota": "ND",
  ohio: "OH",
  oklahoma: "OK",
  oregon: "OR",
  pennsylvania: "PA",
  "rhode island": "RI",
  "south carolina": "SC",
  "south dakota": "SD",
  tennessee: "TN",
  texas: "TX",
  utah: "UT",
  vermont: "VT",
  virginia: "VA",
  washington: "WA",
  "west virginia": "WV",
  wisconsin: "WI",
  wyoming: "WY",
};
const STATE_CODES = new Set(Object.values(STATES));

export function normalizeState(raw: string): Normalized {
  const text = raw.trim().replace(/\./g, "");
  if (text === "") return { value: null, error: null };
  const upper = text.toUpperCase();
  if (STATE_CODES.has(upper)) return { value: upper, error: null };
  const named = STATES[text.toLowerCase().replace(/\s+/g, " ")];
  return named ? { value: named, error: null } : { value: null, error: `"${text}" is not a US state` };
}

/** "12 Elm St Apt 3, Springfield, IL 62701" → parts; null when the text is not in that shape. */
export function splitOneLineAddress(
  raw: string,
): { street: string; city: string; state: string; zip: string | null } | null {
  const parts = raw.split(",").map((part) => part.trim());
  if (parts.length < 3) return null;
  const last = parts[parts.length - 1] ?? "";
  const stateZip = /^([A-Za-z .]+?)\s*(\d{5}(?:-\d{4})?)?$/.exec(last);
  if (!stateZip?.[1] || normalizeState(stateZip[1]).value === null) return null;
  const city = parts[parts.length - 2] ?? "";
  return { street: parts.slice(0, -2).join(", "), city, state: stateZip[1], zip: stateZip[2] ?? null };
}

// ---------- row projection ----------

export type ContactPoint = {
  kind: "phone" | "email";
  value: string;
  label: string;
  raw: string;
  extension?: string;
};

export type ProjectedProperty = {
  street: string;
  streetKey: string;
  unit: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  externalId: string | null;
};

export type ProjectedCustomer = {
  name: string | null;
  nameKey: string;
  firstName: string | null;
  lastName: string | null;
  nameSuffix: string | null;
  company: string | null;
  type: string | null;
  tags: string[];
  notes: string[];
  externalId: string | null;
  leadSource: string | null;
  membership: string | null;
  createdAt: string | null;
  doNotService: boolean;
  optedOut: Array<"sms" | "email">;
};

export type RowError = { column: string | null; field: CanonicalField | null; reason: string };

export type RowProjection = {
  customer: ProjectedCustomer;
  contactPoints: ContactPoint[];
  property: ProjectedProperty | null;
  errors: RowError[];
  /** 0..1: lowered for a missing name, contact point or address and for each row error. */
  confidence: number;
};

const YES = new Set(["yes", "y", "true", "t", "1", "x", "on"]);
const NO = new Set(["no", "n", "false", "f", "0", "off", ""]);

/** Projects one raw row through the manifest. Never throws; what cannot be read becomes a row error. */
export function projectRow(values: Readonly<Record<string, string>>, manifest: MappingManifest): RowProjection {
  const errors: RowError[] = [];
  const byField = new Map<CanonicalField, Array<{ column: string; value: string }>>();
  for (const { column, field } of manifest.column_mappings) {
    const value = (values[column] ?? "").trim();
    const list = byField.get(field) ?? [];
    list.push({ column, value });
    byField.set(field, list);
  }
  const one = (field: CanonicalField): string => byField.get(field)?.find((entry) => entry.value !== "")?.value ?? "";
  const columnOf = (field: CanonicalField): string | null => byField.get(field)?.[0]?.column ?? null;
  const orNull = (text: string): string | null => (text === "" ? null : text);
  const yesNo = (field: CanonicalField): boolean => {
    const text = one(field).toLowerCase();
    if (YES.has(text)) return true;
    if (!NO.has(text))
      errors.push({ column: columnOf(field), field, reason: `"${one(field)}" is not yes or no; read as no` });
    return false;
  };

  // Name: a full-name column wins; otherwise first + last; otherwise the company.
  const first = one("customer.firstName");
  const last = one("customer.lastName");
  const company = one("customer.company");
  const rawName = one("customer.name") || [first, last].filter(Boolean).join(" ") || company;
  const name = rawName === "" ? null : normalizeName(rawName);
  if (!name) errors.push({ column: null, field: "customer.name", reason: "row has no customer name" });

  const optedOut: Array<"sms" | "email"> = [];
  if (yesNo("customer.optOut.sms")) optedOut.push("sms");
  if (yesNo("customer.optOut.email")) optedOut.push("email");

  const splitList = (field: CanonicalField): string[] =>
    (byField.get(field) ?? [])
      .flatMap((entry) => entry.value.split(/[,;|]/))
      .map((part) => part.trim())
      .filter((part, index, all) => part !== "" && all.indexOf(part) === index);

  const customer: ProjectedCustomer = {
    name: name?.display ?? null,
    nameKey: name?.key ?? "",
    firstName: orNull(first),
    lastName: orNull(last),
    nameSuffix: name?.suffix ?? null,
    company: orNull(company),
    type: orNull(one("customer.type")),
    tags: splitList("customer.tags"),
    notes: (byField.get("customer.notes") ?? []).map((entry) => entry.value).filter((note) => note !== ""),
    externalId: orNull(one("customer.externalId")),
    leadSource: orNull(one("customer.leadSource")),
    membership: orNull(one("customer.membership")),
    createdAt: orNull(one("customer.createdAt")),
    doNotService: yesNo("customer.doNotService"),
    optedOut,
  };

  const contactPoints: ContactPoint[] = [];
  const seen = new Set<string>();
  const phoneFields: Array<[CanonicalField, string]> = [
    ["phone.mobile", "mobile"],
    ["phone.main", "main"],
    ["phone.home", "home"],
    ["phone.work", "work"],
    ["phone.other", "other"],
  ];
  for (const [field, label] of phoneFields) {
    for (const { column, value } of byField.get(field) ?? []) {
      for (const part of value.split(/\s*(?:[;/]|\bor\b|\band\b)\s*/i).filter((p) => p.trim() !== "")) {
        const phone = normalizePhone(part);
        if (phone.error) errors.push({ column, field, reason: phone.error });
        if (!phone.value || seen.has(`phone:${phone.value}`)) continue;
        seen.add(`phone:${phone.value}`);
        contactPoints.push({
          kind: "phone",
          value: phone.value,
          label,
          raw: part.trim(),
          ...(phone.extension ? { extension: phone.extension } : {}),
        });
      }
    }
  }
  const emailFields: Array<[CanonicalField, string]> = [
    ["email.primary", "primary"],
    ["email.other", "other"],
  ];
  for (const [field, label] of emailFields) {
    for (const { column, value } of byField.get(field) ?? []) {
      for (const part of value.split(/[\s,;]+/).filter((p) => p !== "")) {
        const email = normalizeEmail(part);
        if (email.error) errors.push({ column, field, reason: email.error });
        if (!email.value || seen.has(`email:${email.value}`)) continue;
        seen.add(`email:${email.value}`);
        contactPoints.push({ kind: "email", value: email.value, label, raw: part });
      }
    }
  }

  const property = projectProperty(one, columnOf, errors);
  let confidence = 1;
  if (!name) confidence -= 0.4;
  if (contactPoints.length === 0) confidence -= 0.25;
  if (!property) confidence -= 0.15;
  confidence -= 0.05 * errors.length;
  return { customer, contactPoints, property, errors, confidence: Math.max(0, Math.round(confidence * 100) / 100) };
}

function projectProperty(
  one: (field: CanonicalField) => string,
  columnOf: (field: CanonicalField) => string | null,
  errors: RowError[],
): ProjectedProperty | null {
  // The service address describes the property; the billing address stands in when there is none.
  const prefix = one("property.street") !== "" ? "property" : one("billing.street") !== "" ? "billing" : null;
  if (!prefix) return null;
  const field = (name: "street" | "unit" | "city" | "state" | "zip") => `${prefix}.${name}` as CanonicalField;
  let streetText = one(field("street"));
  let city = one(field("city"));
  let stateText = one(field("state"));
  let zipText = one(field("zip"));
  if (city === "" && zipText === "") {
    const split = splitOneLineAddress(streetText);
    if (split) {
      streetText = split.street;
      city = split.city;
      stateText = stateText || split.state;
      zipText = split.zip ?? "";
    }
  }
  const street = normalizeStreet(streetText);
  const unitColumn = normalizeUnit(one(field("unit")));
  const state = normalizeState(stateText);
  if (state.error) errors.push({ column: columnOf(field("state")), field: field("state"), reason: state.error });
  const zip = normalizeZip(zipText);
  if (zip.error) errors.push({ column: columnOf(field("zip")), field: field("zip"), reason: zip.error });
  if (unitColumn && street.unit && unitColumn !== street.unit) {
    errors.push({
      column: columnOf(field("unit")),
      field: field("unit"),
      reason: `unit "${unitColumn}" differs from "${street.unit}" written in the street; kept the unit column`,
    });
  }
  return {
    street: street.display,
    streetKey: street.street,
    unit: unitColumn ?? street.unit,
    city: city === "" ? null : city,
    state: state.value,
    zip: zip.value,
    externalId: one("property.externalId") || null,
  };
}
