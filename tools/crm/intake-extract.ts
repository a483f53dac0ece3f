// Reads who called, how to reach them, where and what they need from a call transcript or a one-line address.
// Pure: no I/O, no clock. It only suggests; a reviewer turns an intake item into records through a proposal.

export type IntakeFields = {
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  intent: string | null;
};

export type IntakeMissing = "identity" | "address" | "intent";

export type Extraction = {
  extracted: IntakeFields;
  missingFields: IntakeMissing[];
  /** 0..1: how sure the route is; below 0.5 the item stays in review (intake_low_confidence). */
  routeConfidence: number;
  wantsCallback: boolean;
  wantsQuote: boolean;
};

const NAME = /\b(?:this is|my name is|my name's|name is|it's|i'm)\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\b/;
const PHONE = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const STREET_TYPES =
  "(?:St|Street|Ave|Avenue|Rd|Road|Ln|Lane|Ct|Court|Way|Dr|Drive|Pl|Place|Trl|Trail|Cir|Circle|Blvd|Boulevard|Pkwy|Ter|Terrace)";
const ADDRESS = new RegExp(
  `\\b\\d{1,6}\\s+(?:[A-Z][A-Za-z'-]*\\s+){1,4}${STREET_TYPES}\\.?(?:\\s*(?:#|Apt\\.?|Unit)\\s*\\w+)?(?:,\\s*[A-Z][A-Za-z .'-]+)?(?:,\\s*[A-Z]{2})?(?:\\s+\\d{5}(?:-\\d{4})?)?`,
);
const INTENT_WORDS =
  /\b(?:furnace|boiler|heat pump|water heater|a\/?c|air condition\w*|no heat|no hot water|leak\w*|drain|clog\w*|pipe\w*|gas smell|smell gas|thermostat|mini[- ]?split|tune[- ]?up|maintenance|replace\w*|install\w*|quote|estimate|repair|broken|not working|blows? cold)\b/i;
const CALLBACK = /\b(?:call (?:me )?back|callback|give me a call|reach me|call me)\b/i;
const QUOTE = /\b(?:quote|estimate|pricing|how much|price)\b/i;
const STAFF_LABEL = /^(?:office|agent|staff|dispatcher|csr|rep|receptionist|tech)\b/i;

/** The caller's words: lines whose speaker label is not the office's; all of it when there are no labels. */
function callerText(text: string): string {
  const lines = text.split(/\n+/);
  const labelled = lines.filter((l) => /^[^:]{1,30}:/.test(l));
  if (labelled.length === 0) return text;
  return labelled
    .filter((l) => !STAFF_LABEL.test(l.trim()))
    .map((l) => l.slice(l.indexOf(":") + 1).trim())
    .join("\n");
}

/** Extracts intake fields from a call transcript's text. */
export function extractIntake(text: string): Extraction {
  const caller = callerText(text);
  const name = NAME.exec(caller)?.[1]?.trim() ?? null;
  const phone = PHONE.exec(caller)?.[0]?.trim() ?? null;
  const email = EMAIL.exec(caller)?.[0]?.toLowerCase() ?? null;
  const address = ADDRESS.exec(caller)?.[0]?.replace(/[.,\s]+$/, "") ?? null;
  const intentSentence =
    caller
      .split(/(?<=[.!?])\s+|\n+/)
      .find((s) => INTENT_WORDS.test(s))
      ?.trim() ?? null;
  const extracted: IntakeFields = { name, phone, email, address, intent: intentSentence };
  const missingFields: IntakeMissing[] = [];
  if (!name) missingFields.push("identity");
  if (!address) missingFields.push("address");
  if (!intentSentence) missingFields.push("intent");
  const found = [name, phone ?? email, address, intentSentence].filter((v) => v !== null).length;
  const routeConfidence = Math.round((0.15 + 0.2 * found) * 100) / 100;
  return {
    extracted,
    missingFields,
    routeConfidence,
    wantsCallback: CALLBACK.test(text),
    wantsQuote: QUOTE.test(caller),
  };
}

export type AddressParts = { street: string; unit: string | null; city: string; state: string; zip: string };

/** "2834 Saltbush Crossing Ln, Windrow Junction, CO 80286" → parts; an address it cannot split keeps the street only. */
export function parseAddressLine(line: string): AddressParts {
  const parts = line
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const unitOf = (street: string) => {
    const m = /\s*(?:#|Apt\.?|Unit)\s*(\w+)$/i.exec(street);
    return m ? { street: street.slice(0, m.index).trim(), unit: m[1] ?? null } : { street, unit: null };
  };
  const last = parts[parts.length - 1] ?? "";
  const stateZip = /^([A-Z]{2})(?:\s+(\d{5}(?:-\d{4})?))?$/.exec(last);
  if (parts.length >= 3 && stateZip) {
    const { street, unit } = unitOf(parts.slice(0, -2).join(", "));
    return { street, unit, city: parts[parts.length - 2] ?? "", state: stateZip[1] ?? "", zip: stateZip[2] ?? "" };
  }
  const { street, unit } = unitOf(line.trim());
  return { street, unit, city: "", state: "", zip: "" };
}
