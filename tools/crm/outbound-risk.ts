// Deterministic risk scan of an outbound draft (skeleton seed, "Failure taxonomy": unsafe_outbound).
// Pure: no I/O, no clock. A draft with any flag is quarantined by the caller; the app itself never sends.

export type OutboundRiskKind =
  | "pressure_language"
  | "opt_out_conflict"
  | "risky_claim"
  | "unapproved_send_path"
  | "quiet_hours";

export type OutboundRiskFlag = { kind: OutboundRiskKind; reason: string; match?: string };

export type OutboundChannel = "sms" | "email";

export type OutboundScanInput = {
  body: string;
  channel: OutboundChannel;
  customer: { optedOut: readonly string[] };
  /** When the draft would go out; quiet hours are checked only when this is given. */
  sendAt?: Date;
  /** IANA zone of the customer, e.g. "America/Chicago". Needed to read `sendAt` as local time. */
  timeZone?: string;
  /** Local hours during which no message goes out. Default 20:00–08:00. */
  quietHours?: { startHour: number; endHour: number };
  /** Quiet hours apply to these channels. Default: SMS only (a text buzzes a phone; an email waits in an inbox). */
  quietHoursChannels?: readonly OutboundChannel[];
  /** The only approved path is a person copying the text ("manual_copy"); absent means manual copy. */
  sendPath?: string;
};

export const DEFAULT_QUIET_HOURS = { startHour: 20, endHour: 8 } as const;
export const APPROVED_SEND_PATH = "manual_copy";

type Rule = {
  kind: "pressure_language" | "risky_claim";
  pattern: RegExp;
  why: string;
  /** False when the phrase carries its own negation ("don't wait until it breaks"). */
  negatable: boolean;
};

const EQUIPMENT =
  "(?:furnace|boiler|a\\/?c|air conditioner|heat pump|water heater|system|unit|equipment|compressor|heater|pipes?|tank)";
const FAIL_VERB = "(?:fail|die|break(?:\\s+down)?|quit|give out|go out|stop working|burst|leak|crack)";
const SOON = "(?:any day(?: now)?|any time(?: now)?|at any (?:moment|time)|any minute|without warning|soon)";

// Phrases a real office writes when it pushes. Each `why` is shown to the operator after the quoted phrase.
const PRESSURE_RULES: Rule[] = [
  { pattern: /\bact (?:now|fast|quickly|today)\b/i, why: "pushes the customer to decide right away", negatable: true },
  { pattern: /\b(?:last|final) chance\b/i, why: "frames the offer as now or never", negatable: true },
  { pattern: /\bnow or never\b/i, why: "frames the offer as now or never", negatable: true },
  {
    pattern:
      /\bonly (?:\d+|one|two|three|four|five|a few|a couple(?: of)?) (?:slots?|spots?|openings?|appointments?|units?|days?|installs?) (?:left|remaining)\b/i,
    why: "creates scarcity to rush a decision",
    negatable: true,
  },
  {
    pattern: /\b(?:slots?|spots?|openings?|appointments?) (?:are )?(?:filling|going) (?:up )?fast\b/i,
    why: "creates scarcity to rush a decision",
    negatable: true,
  },
  { pattern: /\bbefore it'?s too late\b/i, why: "plays on fear of missing out", negatable: true },
  {
    pattern: new RegExp(`\\b(?:could|might|may|will|is going to|can|is about to)\\s+${FAIL_VERB}\\s+${SOON}`, "i"),
    why: "plays on fear of a breakdown",
    negatable: true,
  },
  {
    pattern: new RegExp(
      `\\b${EQUIPMENT} (?:is|are) (?:on (?:its|their) last legs|a ticking time bomb|about to ${FAIL_VERB})`,
      "i",
    ),
    why: "plays on fear of a breakdown",
    negatable: true,
  },
  { pattern: /\bticking time bomb\b/i, why: "plays on fear of a breakdown", negatable: true },
  {
    pattern:
      /\bdon'?t wait (?:until|till|'til|for) (?:it|the \w+|your \w+)\s*(?:breaks|fails|dies|quits|goes out|stops working|to (?:break|fail|die))/i,
    why: "plays on fear of a breakdown",
    negatable: false,
  },
  { pattern: /\bdon'?t wait until it'?s too late\b/i, why: "plays on fear of missing out", negatable: false },
  {
    pattern: /\b(?:left|stuck|freezing) (?:out )?in the cold\b/i,
    why: "plays on fear of a breakdown",
    negatable: true,
  },
  { pattern: /\blimited[- ]time\b/i, why: "puts a clock on the decision", negatable: true },
  {
    pattern: /\bexpires? (?:tonight|today|at midnight|tomorrow|this (?:week|weekend|friday))\b/i,
    why: "puts a clock on the decision",
    negatable: true,
  },
  {
    pattern: /\b(?:offer|deal|price|pricing|discount|promo(?:tion)?|sale|this) (?:expires|ends|goes away)\b/i,
    why: "puts a clock on the decision",
    negatable: true,
  },
  { pattern: /\b(?:today|tonight|this weekend) only\b/i, why: "puts a clock on the decision", negatable: true },
  { pattern: /\bwon'?t last\b/i, why: "creates scarcity to rush a decision", negatable: true },
  { pattern: /\bhurry\b/i, why: "pushes the customer to decide right away", negatable: true },
  { pattern: /\btime is running out\b/i, why: "puts a clock on the decision", negatable: true },
  { pattern: /\bdon'?t miss (?:out|this)\b/i, why: "plays on fear of missing out", negatable: false },
  {
    pattern: /\b(?:put|putting|puts) your family at risk\b/i,
    why: "uses fear for the family to push a sale",
    negatable: true,
  },
].map((rule) => ({ ...rule, kind: "pressure_language" as const }));

const RISKY_CLAIM_RULES: Rule[] = [
  {
    pattern: /\bguarantee(?:d|s)? (?:you(?:'ll| will)? )?(?:to )?(?:save|savings|lower|cut|reduce)/i,
    why: "promises savings the office cannot guarantee",
    negatable: true,
  },
  {
    pattern: /\bguarantee(?:d|s)?\b/i,
    why: "is a guarantee the office may not be able to stand behind",
    negatable: true,
  },
  {
    pattern:
      /\b(?:will|you'll|you will|going to|is going to|it'll)\s+(?:save|cut|lower|reduce|slash)\s+(?:you\s+)?(?:\$\s?\d|\d+\s?%|your (?:\w+ )?bills? (?:in half|by))/i,
    why: "states savings as certain",
    negatable: true,
  },
  { pattern: /\bsaves? you \$\s?\d/i, why: "states savings as certain", negatable: true },
  { pattern: /\bcut your (?:\w+ )?bills? in half\b/i, why: "states savings as certain", negatable: true },
  {
    pattern: /\b(?:100\s?%|completely|totally|perfectly|absolutely) (?:safe|risk[- ]free)\b/i,
    why: "is a safety claim no one can make",
    negatable: true,
  },
  { pattern: /\b(?:risk[- ]free|zero risk)\b/i, why: "is a safety claim no one can make", negatable: true },
  {
    pattern: /\b(?:worry|trouble|maintenance|hassle)[- ]free\b/i,
    why: "promises an outcome the office cannot guarantee",
    negatable: true,
  },
  {
    pattern: /\blicensed (?:for|to do|to handle) (?:everything|anything|any (?:job|work)|all (?:work|jobs|trades))\b/i,
    why: "is a licensing promise that may not hold for every trade",
    negatable: true,
  },
  {
    pattern: /\b(?:no|don'?t need (?:a|any)|skip the|without (?:a|any)) permits?\b/i,
    why: "promises work without a permit",
    negatable: true,
  },
  { pattern: /\bnever (?:needs?|requires?) a permit\b/i, why: "promises work without a permit", negatable: false },
  // "free": see FREE_* below; handled in code because of "feel free", "toll-free" and "free estimate".
].map((rule) => ({ ...rule, kind: "risky_claim" as const }));

// Negation cues looked for in the few words before a phrase, within the same clause.
const NEGATION =
  /\b(?:no|not|never|isn'?t|aren'?t|wasn'?t|don'?t|doesn'?t|won'?t|can'?t|cannot|without|no need to|nothing)\b/i;
const CONDITIONAL_THREAT = /\b(?:if (?:you )?(?:don'?t|do not)|unless)\b/i;
const CLAUSE_BREAK = /[.!?;:,\n—–(]|\bbut\b/i;

function isNegated(body: string, index: number): boolean {
  const before = body.slice(Math.max(0, index - 40), index);
  const parts = before.split(CLAUSE_BREAK);
  const clause = parts[parts.length - 1] ?? "";
  const words = clause.trim().split(/\s+/).slice(-4).join(" ");
  // "if you don't act now" and "unless you act now" are threats, not negations.
  if (CONDITIONAL_THREAT.test(clause)) return false;
  return NEGATION.test(words);
}

/**
 * Decision on "free": a promise of something at no charge is a claim the office must stand behind, so it is flagged,
 * except (a) "feel free", "free to", "free time", availability ("are you free", "when you're free"), (b) compounds
 * that describe something else ("toll-free", "hands-free", "lead-free", "frost-free"), and (c) "free estimate / quote
 * / second opinion / consultation": a statement of the office's own quoting policy, which the office controls and
 * which trade offices say in almost every first reply. "free install", "free furnace", "for free" are flagged.
 */
const FREE_WORD = /(?<![\w-])free(?![\w-])/gi;
const FREE_BENIGN_BEFORE =
  /\b(?:feel|you'?re|you are|are you|i'?m|i am|we'?re|we are|when|whenever|if|be|get|break|set|duty|tax|scot|carefree)\s*$/i;
const FREE_BENIGN_AFTER =
  /^\s*(?:to\b|time\b|up\b|of (?:debris|clutter|leaks?|rust|obstructions?)\b|(?:in-home |no-obligation |on-site |written |phone )?(?:estimates?|quotes?|second opinions?|consultations?)\b)/i;

function scanFree(body: string): OutboundRiskFlag[] {
  const flags: OutboundRiskFlag[] = [];
  for (const hit of body.matchAll(FREE_WORD)) {
    const index = hit.index ?? 0;
    const before = body.slice(Math.max(0, index - 20), index);
    const after = body.slice(index + hit[0].length, index + hit[0].length + 40);
    if (FREE_BENIGN_BEFORE.test(before) || FREE_BENIGN_AFTER.test(after)) continue;
    if (isNegated(body, index)) continue;
    const phrase = quotePhrase(body, index, hit[0].length, after);
    flags.push({
      kind: "risky_claim",
      reason: `Risky claim: "${phrase}" promises something at no charge; confirm the offer in writing before sending.`,
      match: phrase,
    });
  }
  return flags;
}

function quotePhrase(body: string, index: number, length: number, after: string): string {
  const nextWord = /^\s+([\w'$%-]+)/.exec(after);
  const previous = /(?:^|\s)([\w'$%-]+)\s+$/.exec(body.slice(Math.max(0, index - 25), index));
  const parts = [previous?.[1], body.slice(index, index + length), nextWord?.[1]].filter(Boolean);
  return parts.join(" ");
}

// Rebates and credits: flagged when stated as certain. Hedged wording ("may qualify for up to $X, to be verified") is fine.
const REBATE = /\b(?:rebates?|tax credits?|incentives?|cash back)\b/i;
const AMOUNT = /\$\s?\d[\d,]*(?:\.\d+)?k?|\b\d[\d,]*\s?(?:dollars|%)/i;
const CERTAIN_REBATE =
  /\b(?:you(?:'ll| will)|will|guaranteed|definitely|for sure|you get|you'?re getting|you qualify|yours)\b/i;
const HEDGE =
  /\b(?:may|might|could|up to|if (?:you'?re |you are )?eligible|eligibility|qualify|qualifies|if you qualify|verif(?:y|ied|ication)|subject to|pending|if approved|depend(?:s|ing)?|potential(?:ly)?|possibl[ey]|check)\b/i;

function scanRebates(body: string): OutboundRiskFlag[] {
  const flags: OutboundRiskFlag[] = [];
  for (const sentence of body.split(/(?<=[.!?])\s+|\n+/)) {
    const rebate = REBATE.exec(sentence);
    if (!rebate) continue;
    const amount = AMOUNT.exec(sentence);
    const certain = CERTAIN_REBATE.exec(sentence);
    if (!amount && !certain) continue;
    const hedged = HEDGE.exec(sentence);
    // "you qualify" alone is not a hedge; "may qualify" is.
    if (hedged && !(hedged[0].toLowerCase() === "qualify" && /\byou qualify\b/i.test(sentence))) continue;
    const phrase = sentence.trim();
    flags.push({
      kind: "risky_claim",
      reason: `Risky claim: "${phrase}" states a ${rebate[0].toLowerCase()} as certain; say the customer may qualify, up to the program's amount, to be verified.`,
      match: phrase,
    });
  }
  return flags;
}

function scanRules(body: string, rules: readonly Rule[]): OutboundRiskFlag[] {
  const flags: OutboundRiskFlag[] = [];
  const covered: Array<[number, number]> = [];
  for (const rule of rules) {
    const global = new RegExp(
      rule.pattern.source,
      rule.pattern.flags.includes("g") ? rule.pattern.flags : `${rule.pattern.flags}g`,
    );
    for (const hit of body.matchAll(global)) {
      const start = hit.index ?? 0;
      const end = start + hit[0].length;
      if (rule.negatable && isNegated(body, start)) continue;
      // One phrase, one flag: a longer rule that already covered this span wins.
      if (covered.some(([s, e]) => start < e && end > s)) continue;
      covered.push([start, end]);
      const phrase = hit[0];
      const label = rule.kind === "pressure_language" ? "Pressure language" : "Risky claim";
      flags.push({ kind: rule.kind, reason: `${label}: "${phrase}" ${rule.why}.`, match: phrase });
    }
  }
  return flags;
}

const CHANNEL_ALIASES: Record<string, readonly OutboundChannel[]> = {
  sms: ["sms"],
  text: ["sms"],
  texts: ["sms"],
  email: ["email"],
  "e-mail": ["email"],
  all: ["sms", "email"],
  "*": ["sms", "email"],
};

function scanOptOut(input: OutboundScanInput): OutboundRiskFlag[] {
  const blocked = input.customer.optedOut.some((entry) =>
    (CHANNEL_ALIASES[entry.trim().toLowerCase()] ?? []).includes(input.channel),
  );
  if (!blocked) return [];
  const label = input.channel === "sms" ? "text messages (SMS)" : "email";
  return [
    {
      kind: "opt_out_conflict",
      reason: `Opt-out conflict: the customer opted out of ${label}; this draft must not go out on that channel.`,
    },
  ];
}

function localMinutes(at: Date, timeZone: string): number | null {
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    }).formatToParts(at);
    const hour = Number(parts.find((p) => p.type === "hour")?.value);
    const minute = Number(parts.find((p) => p.type === "minute")?.value);
    return Number.isFinite(hour) && Number.isFinite(minute) ? (hour % 24) * 60 + minute : null;
  } catch {
    return null;
  }
}

function pad(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** True when `minutes` (local minutes since midnight) falls inside the quiet window, which may wrap midnight. */
export function isQuietTime(minutes: number, quiet: { startHour: number; endHour: number }): boolean {
  const start = quiet.startHour * 60;
  const end = quiet.endHour * 60;
  if (start === end) return false;
  return start > end ? minutes >= start || minutes < end : minutes >= start && minutes < end;
}

function scanQuietHours(input: OutboundScanInput): OutboundRiskFlag[] {
  if (!input.sendAt) return [];
  const channels = input.quietHoursChannels ?? ["sms"];
  if (!channels.includes(input.channel)) return [];
  const quiet = input.quietHours ?? DEFAULT_QUIET_HOURS;
  const window = `${pad(quiet.startHour)}–${pad(quiet.endHour)}`;
  if (!input.timeZone) {
    return [
      {
        kind: "quiet_hours",
        reason: `Quiet hours: a send time was given without the customer's time zone, so it cannot be checked against quiet hours (${window} local).`,
      },
    ];
  }
  const minutes = localMinutes(input.sendAt, input.timeZone);
  if (minutes === null) {
    return [
      {
        kind: "quiet_hours",
        reason: `Quiet hours: unknown time zone "${input.timeZone}", so the send time cannot be checked against quiet hours (${window} local).`,
      },
    ];
  }
  if (!isQuietTime(minutes, quiet)) return [];
  const local = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return [
    {
      kind: "quiet_hours",
      reason: `Quiet hours: the send time is ${local} in ${input.timeZone}, inside quiet hours (${window} local); hold it until morning.`,
      match: local,
    },
  ];
}

function scanSendPath(input: OutboundScanInput): OutboundRiskFlag[] {
  const path = input.sendPath ?? APPROVED_SEND_PATH;
  if (path === APPROVED_SEND_PATH) return [];
  return [
    {
      kind: "unapproved_send_path",
      reason: `Unapproved send path: "${path}". External sending is disabled; a person copies the approved text and sends it (manual_copy).`,
      match: path,
    },
  ];
}

/** Every risk the draft carries, in a stable order: send path, opt-out, quiet hours, pressure, claims. Empty means clean. */
export function scanOutbound(input: OutboundScanInput): OutboundRiskFlag[] {
  const body = input.body.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"');
  return [
    ...scanSendPath(input),
    ...scanOptOut(input),
    ...scanQuietHours(input),
    ...scanRules(body, PRESSURE_RULES),
    ...scanRules(body, RISKY_CLAIM_RULES),
    ...scanFree(body),
    ...scanRebates(body),
  ];
}
