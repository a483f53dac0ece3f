// The validator (charter step 2): reads an issue's words and says what kind of issue it is, which capabilities it
// touches, what it recommends and how sure it is. Advisory only: it cannot create a contract or change state.
// Pure and deterministic offline; a model may help with phrasing, but its output passes the same schema and gate.
import { capabilityNamed, settingOf } from "./capabilities.ts";

export type IssueType = "capability_request" | "bug_report" | "configuration_change" | "escalation";
export type Severity = "critical" | "high" | "medium" | "low";

export interface RequestedChange {
  capability: string;
  field: string;
  value: unknown;
}

export interface Validation {
  issueType: IssueType;
  severity: Severity;
  affectedCapabilities: string[];
  recommendedAction: "create_contract" | "defer" | "reject" | "escalate";
  confidenceScore: number;
  reason: string;
  requestedChanges: RequestedChange[];
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};
const NUM = `(\\d{1,3}|${Object.keys(WORD_NUMBERS).join("|")})`;

function toNumber(token: string | undefined): number | null {
  if (!token) return null;
  const lower = token.toLowerCase();
  if (lower in WORD_NUMBERS) return WORD_NUMBERS[lower] as number;
  const n = Number(lower);
  return Number.isFinite(n) ? n : null;
}

function hour(token: string | undefined, meridiem: string | undefined): number | null {
  const h = toNumber(token);
  if (h === null || h < 0 || h > 23) return null;
  if (meridiem?.toLowerCase() === "pm" && h < 12) return h + 12;
  if (meridiem?.toLowerCase() === "am" && h === 12) return 0;
  return h;
}

interface Rule {
  capability: string;
  /** Words that name the setting. */
  about: RegExp;
  /** Pulls the requested value(s) out of the words; null when the words do not say. */
  read(text: string): { field: string; value: unknown }[] | null;
}

/** A number after "after"/"to"/"at"/"be" wins over one after "not"/"from"/"instead of" ("after 5 days not 7" → 5). */
function targetNumber(text: string, unit: string): number | null {
  const preferred = new RegExp(`(?:after|to|at|be|within|every|of)\\s+${NUM}\\s*${unit}`, "i").exec(text);
  if (preferred) return toNumber(preferred[1]);
  const all = [...text.matchAll(new RegExp(`${NUM}\\s*${unit}`, "gi"))].filter(
    (m) => !/(?:not|from|instead of|than)\s*$/i.test(text.slice(0, m.index)),
  );
  return all.length === 1 ? toNumber(all[0]?.[1]) : null;
}

const THRESHOLD_RULES: { field: string; about: RegExp; unit: string }[] = [
  {
    field: "quoteChaseDays",
    about:
      /\b(chase|follow(?:\s|-)?up on|check in on)\b.*\b(quotes?|estimates?|proposals?)\b|\b(quotes?|estimates?)\b.*\bchas/i,
    unit: "days?",
  },
  {
    field: "leadStagnantDays",
    about:
      /\b(leads?|deals?)\b.*\b(quiet|stale|stagnant|no activity|gone cold|untouched)\b|\b(stale|stagnant)\b.*\bleads?\b/i,
    unit: "days?",
  },
  {
    field: "agreementRenewalDays",
    about:
      /\b(renewals?|renew)\b.*\b(agreements?|plans?|memberships?)\b|\b(agreements?|plans?|memberships?)\b.*\brenew/i,
    unit: "days?",
  },
  {
    field: "agingEquipmentYears",
    about: /\b(old|aging|ageing)\b.*\b(equipment|units?|systems?|furnaces?)\b/i,
    unit: "years?",
  },
  {
    field: "noVisitMonths",
    about: /\b(no visit|haven'?t seen|not visited|since (?:the|their) last visit)\b/i,
    unit: "months?",
  },
  { field: "complaintLookbackDays", about: /\bcomplaints?\b/i, unit: "days?" },
];

const RULES: Rule[] = [
  ...THRESHOLD_RULES.map(
    (r): Rule => ({
      capability: "trigger_thresholds",
      about: r.about,
      read(text) {
        const n = targetNumber(text, r.unit);
        return n === null ? null : [{ field: r.field, value: n }];
      },
    }),
  ),
  {
    capability: "quiet_hours",
    about: /\bquiet hours?\b|\bno (?:texts?|messages?) (?:after|before)\b/i,
    read(text) {
      const m = new RegExp(`${NUM}\\s*(am|pm)?\\s*(?:to|-|until|till|and)\\s*${NUM}\\s*(am|pm)?`, "i").exec(text);
      if (!m) return null;
      const start = hour(m[1], m[2] ?? m[4] ?? undefined);
      const end = hour(m[3], m[4]);
      return start === null || end === null
        ? null
        : [
            { field: "startHour", value: start },
            { field: "endHour", value: end },
          ];
    },
  },
  {
    capability: "deposit_split",
    about: /\bdeposit\b/i,
    read(text) {
      const m = new RegExp(`${NUM}\\s*(?:%|percent)`, "i").exec(text);
      const pct = toNumber(m?.[1]);
      return pct === null ? null : [{ field: "depositPct", value: pct }];
    },
  },
  {
    capability: "markup_rules",
    about: /\bmark\s?-?up\b/i,
    read(text) {
      const category =
        /\b(equipment|materials?|line ?sets?|tear[- ]?out|disposal|hazardous|permits?|add[- ]?ons?)\b/i.exec(text);
      const pct = toNumber(new RegExp(`${NUM}\\s*(?:%|percent)`, "i").exec(text)?.[1]);
      if (!category || pct === null) return null;
      const word = (category[1] as string).toLowerCase().replace(/\s|-/g, "");
      const field = word.startsWith("material")
        ? "materials"
        : word.startsWith("lineset")
          ? "line_set"
          : word.startsWith("tear") || word === "disposal"
            ? "tear_out_disposal"
            : word.startsWith("permit")
              ? "permit"
              : word.startsWith("addon")
                ? "add_on"
                : word;
      return [{ field, value: pct }];
    },
  },
  {
    capability: "enabled_packs",
    about:
      /\b(turn (?:off|on)|disable|enable|switch (?:off|on))\b.*\b(pack|module|feature)s?\b|\b(pack|module)\b.*\b(off|on)\b/i,
    read(text) {
      const pack = /\b(crm|imports?|survey|pricing|repair|inventory|public|ops|governance)\b/i.exec(text);
      if (!pack) return null;
      const on = /\b(turn on|enable|switch on)\b/i.test(text);
      const name = (pack[1] as string).toLowerCase().replace(/^import$/, "imports");
      return [{ field: name, value: on }];
    },
  },
];

/** Words that name something the business might want but no capability covers (MAY_NOT: unknown capability). */
const UNKNOWN_CAPABILITIES: { name: string; about: RegExp }[] = [
  { name: "review_requests", about: /\breview requests?\b/i },
  { name: "technician_schedule", about: /\b(schedule|dispatch|routing)\b/i },
  { name: "payroll", about: /\b(payroll|wages?|pay rates?)\b/i },
];

export function validateIssue(text: string): Validation {
  const words = text.trim();
  if (/\b(bug|broken|crash(?:es|ed)?|error|doesn'?t work|not working)\b/i.test(words)) {
    return {
      issueType: "bug_report",
      severity: /\b(everyone|all|down|can'?t)\b/i.test(words) ? "high" : "medium",
      affectedCapabilities: [],
      recommendedAction: "escalate",
      confidenceScore: 0.8,
      reason: "This reads as a fault report, not a configuration change; a person must triage it.",
      requestedChanges: [],
    };
  }
  for (const rule of RULES) {
    if (!rule.about.test(words)) continue;
    const values = rule.read(words);
    const capability = capabilityNamed(rule.capability);
    if (!values || values.length === 0) {
      return {
        issueType: "configuration_change",
        severity: "low",
        affectedCapabilities: [rule.capability],
        recommendedAction: "defer",
        confidenceScore: 0.4,
        reason: `This is about ${capability?.title.toLowerCase() ?? rule.capability}, but the words do not say the new value; ask for it.`,
        requestedChanges: [],
      };
    }
    const valid = values.every(
      ({ field, value }) => settingOf(rule.capability, field)?.schema.safeParse(value).success,
    );
    return {
      issueType: "configuration_change",
      severity: capability?.risk === "high" ? "medium" : "low",
      affectedCapabilities: [rule.capability],
      recommendedAction: valid ? "create_contract" : "reject",
      confidenceScore: valid ? 0.9 : 0.5,
      reason: valid
        ? `Change ${values.map((v) => `${v.field} to ${JSON.stringify(v.value)}`).join(" and ")} (${capability?.title ?? rule.capability}).`
        : `The value asked for is outside what ${capability?.title.toLowerCase() ?? rule.capability} allows.`,
      requestedChanges: values.map((v) => ({ capability: rule.capability, ...v })),
    };
  }
  for (const unknown of UNKNOWN_CAPABILITIES) {
    if (unknown.about.test(words)) {
      return {
        issueType: "capability_request",
        severity: "low",
        affectedCapabilities: [unknown.name],
        recommendedAction: "create_contract",
        confidenceScore: 0.8,
        reason: `This asks to change ${unknown.name.replaceAll("_", " ")}.`,
        requestedChanges: [],
      };
    }
  }
  if (/\b(urgent|escalate|asap|emergency)\b/i.test(words)) {
    return {
      issueType: "escalation",
      severity: "high",
      affectedCapabilities: [],
      recommendedAction: "escalate",
      confidenceScore: 0.7,
      reason: "This asks for a person's attention now; the workflow does not change settings for it.",
      requestedChanges: [],
    };
  }
  return {
    issueType: "capability_request",
    severity: "low",
    affectedCapabilities: [],
    recommendedAction: "defer",
    confidenceScore: 0.2,
    reason: "The words do not name a setting the workflow can change.",
    requestedChanges: [],
  };
}

/** A structured request (an MCP client or form that names the settings itself) validated the same way. */
export function validateStructured(changes: RequestedChange[]): Validation {
  const capabilities = [...new Set(changes.map((c) => c.capability))];
  const unknown = changes.filter((c) => !settingOf(c.capability, c.field));
  const invalid = changes.filter((c) => settingOf(c.capability, c.field)?.schema.safeParse(c.value).success === false);
  return {
    issueType: "configuration_change",
    severity: "low",
    affectedCapabilities: capabilities,
    recommendedAction: unknown.length > 0 || invalid.length > 0 ? "reject" : "create_contract",
    confidenceScore: unknown.length > 0 ? 0.9 : invalid.length > 0 ? 0.5 : 0.95,
    reason:
      unknown.length > 0
        ? `Unknown setting(s): ${unknown.map((c) => `${c.capability}.${c.field}`).join(", ")}.`
        : invalid.length > 0
          ? `Value(s) out of range: ${invalid.map((c) => `${c.capability}.${c.field}`).join(", ")}.`
          : "Structured change to registered settings.",
    requestedChanges: changes,
  };
}
