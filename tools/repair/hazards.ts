// Repair hard stops detected by code from a technician's own words and readings (Field Engineer §10).
// Pure: no I/O, no clock. No override path for universal stops; a model can add a stop here, never remove one.
import {
  isPlausibleReading,
  normalizeSpokenNumbers,
  normalizeUnit,
  parseReadings,
  type Quantity,
  type Unit,
} from "./readings.ts";

export type StopId = "gas_leak" | "co_alarm" | "water_energized" | "cracked_heat_exchanger" | "readings_unreconciled";
export type StopType = "universal" | "conditional";

/** The seed §06 hardstop shape, plus what in the tech's words triggered it. Mirrors contracts HardStopSchema. */
export interface HardStop {
  stopId: string;
  type: StopType;
  matched: string;
  message: string;
  action: string;
  clearedBy: { gates: string[] };
}

export interface HazardScan {
  stops: HardStop[];
  /** Questions the tech must answer before continuing: a hazard was mentioned but negated, resolved or unclear. */
  confirm: string[];
}

/** A reading as a caller may hold it (from parseReadings, a diagnostic trail or a model). */
export interface ReadingInput {
  value: number;
  unit: string;
  quantity?: Quantity | string;
  where?: "ambient" | "flue";
  raw?: string;
}

// Field Engineer §10 table: the behaviour of each stop, quoted as the on-screen action.
export const STOP_CATALOG: Readonly<Record<StopId, Omit<HardStop, "matched">>> = {
  gas_leak: {
    stopId: "gas_leak",
    type: "universal",
    message: "Gas odor or suspected gas leak.",
    action: "Stop, ventilate, shut gas, escalate — no override",
    clearedBy: { gates: [] },
  },
  co_alarm: {
    stopId: "co_alarm",
    type: "universal",
    message: "Active CO alarm or carbon monoxide present.",
    action: "Stop, ventilate, shut down appliance, escalate",
    clearedBy: { gates: [] },
  },
  water_energized: {
    stopId: "water_energized",
    type: "universal",
    message: "Standing water with energized equipment.",
    action: "Kill power safely if possible, stop, escalate",
    clearedBy: { gates: [] },
  },
  cracked_heat_exchanger: {
    stopId: "cracked_heat_exchanger",
    type: "conditional",
    message: "Suspected cracked heat exchanger or combustion/venting hazard (flame rollout, spillage, impingement).",
    action: "Red-tag + escalate for baseline/mid; G2 + override may proceed after acknowledgment",
    clearedBy: { gates: ["G2"] },
  },
  readings_unreconciled: {
    stopId: "readings_unreconciled",
    type: "conditional",
    message: "Readings don't reconcile or confidence is low.",
    action: "Stop and escalate rather than guess; senior/master with override may continue",
    clearedBy: { gates: [] },
  },
};

/** CO in living space: at or above this is a universal stop (BPI/utility evacuation level). */
export const CO_STOP_PPM = 35;
/** CO in living space: at or above this (and below the stop) the tech must confirm the source. */
export const CO_CONFIRM_PPM = 9;
/** Flue CO air-free above this is a combustion problem to confirm (ANSI Z21.47 limit for furnaces). */
export const FLUE_CO_CONFIRM_PPM = 400;

/** Returns a hard stop of the catalog with what triggered it; an optional message adds detail. */
export function buildStop(stopId: StopId, matched: string, message?: string): HardStop {
  const entry = STOP_CATALOG[stopId];
  return { ...entry, clearedBy: { gates: [...entry.clearedBy.gates] }, matched, message: message ?? entry.message };
}

// ---------------------------------------------------------------------------------------------------------------
// Text handling

/** Returns the text as the detector reads it: lowercase, fillers removed, spoken numbers as digits, "c.o." as "co". */
export function normalizeForHazards(text: string): string {
  return normalizeSpokenNumbers(text.replace(/\bC\.\s?O\.?(?=[\s,;!?']|$)/gi, "co"))
    .replace(/\bc o\b(?=\s+(?:alarm|detector|monitor|sensor|reading|level|is))/g, "co")
    .replace(/&/g, " and ")
    .replace(/\s+/g, " ")
    .trim();
}

const BOUNDARY =
  /[.;!?,](?=\s|$)|\s(?:but|and|so|then|though|although|however|while|because|cause|plus|also|after|before)\s/g;

function clauseStartBefore(text: string, index: number): number {
  let start = 0;
  for (const m of text.slice(0, index).matchAll(BOUNDARY)) start = (m.index ?? 0) + m[0].length;
  return start;
}

function clauseEndAfter(text: string, index: number): number {
  BOUNDARY.lastIndex = 0;
  const rest = text.slice(index);
  const m = rest.search(BOUNDARY);
  return m < 0 ? text.length : index + m;
}

function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("; "),
    before.lastIndexOf("! "),
    before.lastIndexOf("? "),
  );
  const after = text.slice(end).search(/[.;!?](?:\s|$)/);
  return text.slice(from < 0 ? 0 : from + 2, after < 0 ? text.length : end + after);
}

// Plain negation: "no gas smell", "doesn't smell like gas", "never found a crack".
const NEGATOR =
  /\b(?:no|not|never|without|none|nor|nothing|nobody|no one|noone|neither|negative(?: for| on)?|isn'?t|wasn'?t|aren'?t|weren'?t|don'?t|doesn'?t|didn'?t|can'?t|cannot|couldn'?t|won'?t|wouldn'?t|haven'?t|hasn'?t|hadn'?t|ain'?t|free of|ruled out|rule out|rules out|absence of|denies|denied|zero)\b/g;
// Inspection words: "checked for gas leaks" says what was looked for, not what was found.
const INSPECTION =
  /\b(?:check(?:ed|ing|s)?|test(?:ed|ing|s)?|look(?:ed|ing|s)?|inspect(?:ed|ing|s)?|sniff(?:ed|ing|s)?|scan(?:ned|ning|s)?|search(?:ed|ing|es)?|smell(?:ed|ing)?|listen(?:ed|ing)?|camera'?d|scope[sd]?|verif(?:y|ied|ying)|asked(?: about| if| whether)?|probe[sd]?|monitor(?:ed|ing)?)\s+(?:\S+\s+){0,3}?for\b|\bfor\s+(?:any\s+|possible\s+|signs?\s+of\s+|evidence\s+of\s+)?(?:cracks?|holes?|splits?|breach\w*|leaks?|rollout|roll out|spillage|backdraft\w*|co\b|gas\b)/g;
const GLUE = new Set(
  (
    "any a an the of i we you they he she it really even at all strong faint slight real sign signs evidence " +
    "indication indications that there there's theres is was are were be been smell smelled smelling smelt detect " +
    "detected notice noticed see seen saw find found getting get got have has had obvious visible more longer such " +
    "thing as for to do does did hear heard hearing customer homeowner tenant say says said reports reported also " +
    "any obvious sort kind single trace hint whiff bit little problem issue sure active current currently definitely"
  ).split(" "),
);
const POSITIVE_FINDING =
  /^(?:\s+\S+){0,6}?\s+(?:found|find|spotted|there (?:is|was|are)|confirmed|sure enough|positive|yes|yep)\b(?!\s+(?:none|nothing|no\b|zero|0\b|it (?:was )?fine|nothing))/;
const POST_NEGATION =
  /^\s*[?:,.-]*\s*(?:(?:is|was|are|were|-|:|=)\s+)?(?:none|nothing|negative|not (?:present|detected|found)|none found|ruled out|all clear|nope|no)\b/;

function lastMatchEnd(pattern: RegExp, text: string): { end: number; text: string } | null {
  let found: { end: number; text: string } | null = null;
  for (const m of text.matchAll(pattern)) found = { end: (m.index ?? 0) + m[0].length, text: m[0] };
  return found;
}

function onlyGlueBetween(text: string, maxWords: number): boolean {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  return words.length <= maxWords && words.every((w) => GLUE.has(w));
}

/** Returns true when the hazard words at [start, end) are negated or only inspected for (and nothing was found). */
function isNegated(text: string, start: number, end: number, matched: string, checkInside: boolean): boolean {
  const clauseStart = clauseStartBefore(text, start);
  const prefix = text.slice(clauseStart, start);
  const after = text.slice(end, end + 80);
  const finding = POSITIVE_FINDING.test(after);

  const negator = lastMatchEnd(NEGATOR, prefix);
  if (negator !== null && onlyGlueBetween(prefix.slice(negator.end), 4)) return true;
  const inspection = lastMatchEnd(INSPECTION, prefix);
  if (inspection !== null && onlyGlueBetween(prefix.slice(inspection.end), 4) && !finding) return true;

  if (checkInside) {
    const inside = matched.replace(/\b(?:won'?t|can'?t|doesn'?t|never)\s+(?:stop|quit|shut up)\w*/g, "");
    if (new RegExp(NEGATOR.source).test(inside)) return true;
    if (new RegExp(INSPECTION.source).test(inside) && !finding) return true;
  }
  const clauseEnd = clauseEndAfter(text, end);
  return POST_NEGATION.test(text.slice(end, Math.max(clauseEnd, end + 12)));
}

const ANTI_RESOLUTION =
  /\b(?:still|again|keeps?|kept|continues|continued|came back|coming back|returned)\b(?:\s+\S+){0,3}?\s*\b(?:going off|go off|goes off|beep\w*|chirp\w*|sound\w*|alarm\w*|smell\w*|stink\w*|leak\w*|hiss\w*|bubbl\w*|reading|reads|rolling|tripping)\b|\b(?:went off|going off|goes off|smell\w*|beep\w*|tripped|rolled out)\s+again\b/;

/** Returns the resolution words found after a hazard (within its sentence), unless the hazard came back after them. */
function resolutionAfter(text: string, start: number, resolution: RegExp): string | null {
  const sentenceEnd = text.slice(start).search(/[.;!?](?:\s|$)/);
  const scope = text.slice(start, Math.min(sentenceEnd < 0 ? text.length : start + sentenceEnd, start + 140));
  const m = new RegExp(resolution.source).exec(scope);
  if (m === null) return null;
  if (ANTI_RESOLUTION.test(scope.slice((m.index ?? 0) + m[0].length))) return null;
  return m[0];
}

interface Trigger {
  pattern: RegExp;
  /** Check negators inside the match too ("co alarm is not going off"). */
  checkInside?: boolean;
  /** Return false to ignore this match (e.g. a refrigerant leak is not a gas leak). */
  applies?: (sentence: string, matched: string) => boolean;
}

interface TriggerHit {
  matched: string;
  start: number;
  state: "active" | "negated" | "resolved";
  resolution?: string;
}

function findHits(text: string, triggers: readonly Trigger[], resolution: RegExp | null): TriggerHit[] {
  const hits: TriggerHit[] = [];
  for (const trigger of triggers) {
    for (const m of text.matchAll(new RegExp(trigger.pattern.source, "g"))) {
      const start = m.index ?? 0;
      const matched = m[0].trim();
      const end = start + m[0].length;
      if (trigger.applies && !trigger.applies(sentenceAround(text, start, end), matched)) continue;
      if (isNegated(text, start, end, matched, trigger.checkInside === true)) {
        hits.push({ matched, start, state: "negated" });
        continue;
      }
      const resolved = resolution === null ? null : resolutionAfter(text, start, resolution);
      hits.push(
        resolved === null
          ? { matched, start, state: "active" }
          : { matched, start, state: "resolved", resolution: resolved },
      );
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function rx(source: string): RegExp {
  return new RegExp(source);
}

// ---------------------------------------------------------------------------------------------------------------
// Gas odor / suspected leak — universal

const SMELL =
  "(?:sm[ea]l+(?:s|t|ed|ing|z|in)?|smelly|odou?rs?|oder|odur|stinks?|stinking|stinky|stench|reeks?|reeking|whiff|scent|fumes?)";
const ODOR_DESCRIPTOR =
  "(?:of|some|any|a|the|faint|strong|slight|real|little|bit|lot|hint|tiny|kind|sort|definite|definitely|really|very|pretty|heavy|light|bad|weird|funny|big|major|noticeable|obvious)";
const GAS_EQUIPMENT_AFTER = String.raw`(?!\s*(?:furnace|valve|line|pipe|meter|pressure|bill|company|co\b|water heater|dryer|range|stove|appliance|fireplace|logs?|pack|piping|cock|supply|service|fired|burner|can\b|tank|grill|station|mileage|prices?))`;
const GAS_ODOR = String.raw`(?:natural\s+)?(?:ga+s+y?|gassy|propane|lp|l\.p\.|mercaptan|odorant|rotten\s*eggs?|sul(?:ph|f)[eu]r|eggy|eggs?)`;
const LEAK = "(?:lea?k|leek)(?:s|ing|ed|y)?";
const REFRIGERANT_CONTEXT =
  /\b(?:refrigerant|freon|r-?22|r-?410a?|410a?|r-?32|r-?454b?|puron|coil|evap\w*|condenser|line ?set|schrader|service valve|king valve|braz\w*|txv|suction|liquid line|nitrogen|a-coil|micron\w*|vacuum|compressor|charge|low on gas|sight glass)\b/;
const HYDRONIC_OR_WATER_CONTEXT =
  /\b(?:water(?! heater)|boiler|radiators?|baseboards?|expansion tank|purge\w*|gauge glass|sight glass|hydronic|pex|drain|dwv|sewer|toilet|faucet|aquarium|sump)\b/;
const WATER_ODOR_CONTEXT =
  /\b(?:hot water|the water|water smells|water has|water is|faucets?|taps?|anode|well water|well|shower|sinks?|sewer|drains?|traps?|toilets?|septic|softener|tub|plumbing vent)\b/;
const GAS_FITTING = String.raw`(?:gas|meter|regulator|gas line|gas pipe|gas valve|union|flex|flex line|connector|appliance connector|shut\s?off|gas cock|cock|drip leg|sediment trap|fitting|csst|black pipe|threads|joint|flare|propane tank|tank valve|valve)`;

const notRefrigerant = (sentence: string): boolean => !REFRIGERANT_CONTEXT.test(sentence);
const isFuelOdor = (sentence: string, matched: string): boolean =>
  !/rotten|sul(?:ph|f)[eu]r|egg/.test(matched) || !WATER_ODOR_CONTEXT.test(sentence.replace(/water heater/g, "heater"));
const isWaterOdor = (sentence: string, matched: string): boolean => !isFuelOdor(sentence, matched);

const GAS_ODOR_TRIGGERS: readonly Trigger[] = [
  {
    pattern: rx(
      String.raw`\b${SMELL}\b(?:\s+${ODOR_DESCRIPTOR}\b)*\s+${GAS_ODOR}\b(?:\s*-?\s*like)?${GAS_EQUIPMENT_AFTER}`,
    ),
    applies: isFuelOdor,
  },
  {
    pattern: rx(
      String.raw`(?<!(?:flue|exhaust|sewer|swamp|marsh|septic|sewage)\s)\b${GAS_ODOR}(?:\s*-?\s*like)?\s+${SMELL}\b`,
    ),
    applies: isFuelOdor,
  },
  { pattern: /\brotten\s*eggs?\b|\bmercaptan\b/, applies: isFuelOdor },
  {
    pattern: rx(
      String.raw`\b${SMELL}\b(?:\s+\S+){0,3}?\s+(?:at|by|near|around|from|coming from|outside|over by)\s+(?:the\s+)?(?:gas\s+)?(?:meter|gas valve|gas line|gas pipe|regulator|gas cock|flex line|gas flex|propane tank|gas hookup|gas connection)\b`,
    ),
  },
];

const GAS_LEAK_TRIGGERS: readonly Trigger[] = [
  {
    pattern: rx(
      String.raw`\b(?:natural\s+)?(?:ga+s|propane|lp)\s+(?:is\s+|was\s+)?${LEAK}\b(?!\s*(?:test\w*|check\w*|detect\w*|search\w*|solution|fluid|spray|soap|survey|inspection))`,
    ),
    applies: notRefrigerant,
  },
  {
    pattern: rx(
      String.raw`\b${LEAK}\s+(?:of\s+|some\s+)?(?:natural\s+)?(?:ga+s|propane|lp)\b(?!\s*(?:furnace|water heater|dryer|pack|fired))`,
    ),
    applies: notRefrigerant,
  },
  {
    pattern: rx(
      String.raw`\b${LEAK}\s+(?:on|at|in|from|off)\s+(?:the\s+|a\s+|that\s+)?(?:gas|propane|lp)\s+(?:line|valve|pipe|piping|meter|regulator|union|fitting|connection|connector|flex|cock|shut\s?off|tank|cylinder|hookup|service|riser|drop|manifold)`,
    ),
    applies: notRefrigerant,
  },
  {
    pattern: rx(
      String.raw`\b(?:gas|propane|lp)\s+(?:line|valve|pipe|piping|meter|regulator|union|fitting|connection|connector|flex|cock|shut\s?off|tank|cylinder|bottle|control|hookup)s?\s+(?:is\s+|was\s+|are\s+|keeps\s+)?(?:${LEAK}|hiss\w*|whistl\w*|bubbl\w*|passing|weeping)`,
    ),
    applies: notRefrigerant,
  },
  {
    pattern: rx(String.raw`\bhiss\w*\b(?:\s+\S+){0,4}?\s+${GAS_FITTING}\b|\b${GAS_FITTING}\s+(?:\S+\s+){0,3}?hiss\w*`),
    applies: (sentence) =>
      notRefrigerant(sentence) && /\b(?:gas|meter|regulator|propane|flex|csst|cock|drip leg)\b/.test(sentence),
  },
  {
    pattern: /\bbubbl\w*\b/,
    applies: (sentence) =>
      notRefrigerant(sentence) &&
      !HYDRONIC_OR_WATER_CONTEXT.test(sentence.replace(/water heater/g, "heater")) &&
      /\b(?:leak\s*(?:test|check|detector|solution|tested|checked)|soap|snoop|big blu|gas|union|fitting|flex|connector|regulator|meter|threads|joint|cock|drip leg|gas valve|black pipe|csst)\b/.test(
        sentence,
      ),
    checkInside: true,
  },
  {
    pattern:
      /\b(?:failed|fails|failing|didn'?t pass|did not pass|flunked)\s+(?:the\s+|a\s+|my\s+)?(?:gas\s+)?(?:leak|pressure|drop|soap|bubble)\s+test\b|\b(?:leak|pressure|drop|soap|bubble)\s+test\s+(?:\S+\s+){0,5}?(?:failed|fail\w*|shows?\s+(?:a\s+)?(?:leak|drop|bubbles)|showed\s+(?:a\s+)?(?:leak|drop|bubbles)|found\s+(?:a\s+)?leak)/,
    applies: (sentence) =>
      notRefrigerant(sentence) && !HYDRONIC_OR_WATER_CONTEXT.test(sentence.replace(/water heater/g, "heater")),
  },
  {
    pattern:
      /\b(?:gas|combustible(?:\s+gas)?|methane|propane|explosive(?:\s+gas)?|lel|natural gas)\s+(?:leak\s+)?(?:detector|sniffer|alarm|monitor|sensor|meter|tester)s?\b(?:\s+\S+){0,4}?\s+(?:going off|go off|goes off|went off|beep\w*|alarm\w*|sound\w*|scream\w*|chirp\w*|tick\w*|lit up|lights? up|pegged|detect\w*|picked up|picking up|hit|found|flashing|triggered|tripped|squeal\w*)/,
    checkInside: true,
  },
  {
    pattern:
      /\b(?:sniffer|tic ?tracer|ticktracer|leak detector)(?:'?s)?\s+(?:\S+\s+){0,3}?(?:going off|went off|goes off|beep\w*|scream\w*|pegged|lit up|(?:going|goes|went) (?:crazy|nuts|wild|bananas|haywire)|freak\w* out|tick\w*|picked up|picking up|found|hit|detect\w*|alarm\w*|squeal\w*)/,
    applies: notRefrigerant,
    checkInside: true,
  },
  {
    // A combustible gas detector's percent of the lower explosive limit: any reading above zero is gas in the air.
    pattern:
      /\b(?:[1-9]\d*(?:\.\d+)?|0?\.\d*[1-9]\d*)\s*(?:%|percent|per cent)\s+(?:of\s+(?:the\s+)?)?(?:lel|lower explosive limit)\b/,
  },
  {
    // A gas piping pressure test that does not hold is a leak, whatever the tech calls it.
    pattern:
      /\b(?:pressure|leak|drop|gas|standing)\s+test\s+(?:is\s+|was\s+)?(?:isn'?t|wasn'?t|won'?t|wouldn'?t|didn'?t|not|never)\s+hold\w*|\b(?:line|lines|piping|pipe|pipes|system|it)\s+(?:\S+\s+){0,2}?(?:won'?t|wouldn'?t|isn'?t|not|didn'?t|doesn'?t|can'?t)\s+hold(?:ing)?\s+(?:the\s+)?(?:pressure|test|psi)\b|\b(?:losing|lost|loses|bleeding|bleeds)\s+(?:\S+\s+){0,2}?(?:pressure|psi|pounds)\b/,
    applies: (sentence) =>
      notRefrigerant(sentence) &&
      /\b(?:test\w*|gauge|manometer|psi|pounds|hold\w*|held)\b/.test(sentence) &&
      !HYDRONIC_OR_WATER_CONTEXT.test(sentence.replace(/water heater/g, "heater")) &&
      /\b(?:gas|propane|lp|csst|black pipe|black iron|meter|regulator|manometer)\b/.test(sentence),
  },
  {
    // The clocking test: the gas meter moving with every appliance off means gas is going somewhere.
    pattern:
      /\b(?:gas\s+)?meter(?:'s)?(?:\s+(?:dial|hand|test dial|needle))?\s+(?:is\s+|was\s+|keeps\s+)?(?:still\s+)?(?:spinning|moving|turning|clocking|running|creeping|ticking)\s+(?:\S+\s+){0,3}?(?:with|while|when)\s+(?:\S+\s+){0,3}?(?:off|shut off|turned off|shut down)\b/,
    applies: (sentence) => !/\b(?:electric|power|kwh|water meter)\b/.test(sentence),
  },
  {
    // The utility already found it: "the gas company red tagged the meter for a leak".
    pattern:
      /\bred[\s-]?tag\w*\s+(?:\S+\s+){0,4}?(?:for|because of|due to|over)\s+(?:a\s+|the\s+)?(?:gas\s+)?(?:leak|odou?r|smell)/,
    applies: notRefrigerant,
  },
];

const GAS_RESOLUTION = new RegExp(
  String.raw`(?:smell|odou?r|it|leak|gas)\s+(?:is\s+|was\s+|has\s+|'s\s+)?(?:gone|went away|dissipated|cleared|faded|no longer there)` +
    String.raw`|no longer smell|(?:don'?t|do not|can'?t|cannot|couldn'?t)\s+smell\s+(?:anything|it|nothing|any\s+now)|not smelling (?:it|anything)` +
    "|turned out|was (?:just )?(?:the |a )?(?:sewer|drain|dry trap|trap|skunk|dead (?:mouse|rat|animal)|sulfur water|anode)" +
    "|found (?:none|nothing)|none found|couldn'?t find|didn'?t find" +
    String.raw`|\bnow (?:and |there'?s |there is )?no (?:gas )?(?:smell|odou?r)|\bno (?:more |longer any )?(?:gas )?(?:smell|odou?r) (?:now|anymore|any more|left)` +
    String.raw`|(?:gas company|utility|the gas co|xcel|atmos|dominion|nicor|spire|peoples gas|fire department)\b(?:\s+\S+){0,3}?\s+(?:fixed|repaired|came|checked|cleared|tightened|found nothing|tested|said)` +
    String.raw`|(?:leak|it|union|fitting|flare|connection|nut|joint)\s+(?:was\s+|is\s+|has been\s+|got\s+)?(?:fixed|repaired|tightened|sealed|redone|re-?made|re-?doped)` +
    "|tightened (?:the |up the |it)|re-?tested|leak test(?:ed)? (?:good|passed|ok|fine)|passed (?:the )?leak test|no more bubbles" +
    String.raw`|(?:sniffer|detector|combustible)\s+(?:\S+\s+){0,2}?(?:reads|shows|showing|reading)\s+(?:0|nothing|zero)`,
);

// ---------------------------------------------------------------------------------------------------------------
// Carbon monoxide — universal

const CO = String.raw`(?:co(?![\w-])|carbon[\s-]*mon[oi]x+c?[ie]de?|mon[oi]x+c?[ie]de?|carbon mono)`;
const DEVICE = String.raw`(?:alarms?|detect[eo]rs?|dectectors?|dectors?|monitors?|sensors?|meters?|alerts?|testers?|plug[\s-]?ins?)`;
const ACTIVE = String.raw`(?:going off|goes off|go off|went off|gone off|beep\w*|chirp\w*|sound\w*|alarm(?:ing|ed)|ring\w*|scream\w*|blar\w*|buzz\w*|flash\w*|blink\w*|trip\w*|trigger\w*|activat\w*|alert\w*|detect(?:ed|ing)|warning|won'?t stop|shriek\w*|squawk\w*|squeal\w*|red light|lit up|lighting up|in alarm|on alarm|peak\w*|pegg\w*|maxed|maxing|spik\w*|jump\w*|yelling|talking|(?:going|goes|went) (?:crazy|nuts|wild|haywire)|says? (?:co|carbon|warning|danger))`;

const CO_DEVICE_MENTION = rx(
  String.raw`\b${CO}(?:'s)?\s+(?:(?:and|/)\s*smoke\s+)?${DEVICE}|\bsmoke\s*(?:and|/)?\s*${CO}\s+${DEVICE}`,
);

const CO_TRIGGERS: readonly Trigger[] = [
  {
    pattern: rx(
      String.raw`\b${CO}(?:'s)?\s+(?:(?:and|/)\s*smoke\s+|smoke\s+)?${DEVICE}(?:'s)?\b(?:\s+\S+){0,5}?\s+${ACTIVE}`,
    ),
    checkInside: true,
  },
  {
    pattern: rx(String.raw`\bsmoke\s*(?:and|/)?\s*${CO}\s+(?:combo\s+)?${DEVICE}(?:'s)?\b(?:\s+\S+){0,5}?\s+${ACTIVE}`),
    checkInside: true,
  },
  { pattern: rx(String.raw`\b${ACTIVE}\s+(?:\S+\s+){0,2}?${CO}\s+${DEVICE}`), checkInside: true },
  {
    pattern: rx(
      String.raw`\b${DEVICE}\b(?:\s+\S+){0,3}?\s+(?:${ACTIVE}\s+)?(?:for|says|saying|shows?|showing|reading|reads|detecting|detected|picked up|picking up|warning of|alerting|indicating)\s+(?:\S+\s+){0,2}?${CO}\b(?!2)`,
    ),
    checkInside: true,
  },
  {
    pattern: rx(
      String.raw`\b(?:responding to|respond to|call(?:ed)? (?:for|about)|came out for|out here for|(?:was|were|been|went|are|is) out (?:here |there )?for|there'?s|there is|there was|dispatched (?:for|to|on)|emergency call for)\s+(?:a|an)\s+${CO}\s+(?:alarm|emergency|call|issue|problem|incident|event)`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b(?:high|elevated|dangerous|lethal|deadly|detectable|significant|measurable|lots of|picked up|picking up|detected|detecting|found|finding|getting|seeing|saw|smell|smelling)\s+(?:some\s+|a\s+lot\s+of\s+|high\s+|elevated\s+)?${CO}\b(?!2|\s*(?:2|alarm|detector|monitor|sensor|meter))`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b${CO}\b(?!2)\s+(?:is\s+|was\s+|are\s+)?(?:present|detected|levels?\s+(?:is\s+|are\s+|were\s+)?(?:high|elevated|up|rising|climbing|dangerous)|(?:is\s+)?(?:high|elevated|rising|climbing)|spilling|coming (?:out|in|into|from)|in the (?:house|home|air|living|basement|room|supply|ducts?|ductwork|bedroom|kitchen|garage|space)|at the (?:supply|register|registers|ceiling))`,
    ),
    checkInside: true,
  },
  {
    // The complaint itself: a dictation that opens with "co alarm" is an active alarm unless it is about installing one.
    pattern: rx(String.raw`^(?:\S+\s+){0,2}?${CO}\s+(?:alarm|alarms|detector|detectors)\b`),
    applies: (sentence) =>
      !/\b(?:install\w*|replac\w*|recommend\w*|new|add\w*|mount\w*|put up|years? old|old|test\w*|works|working|fine|good|ok|okay|sell|quote|batter\w*|silent|quiet|normal|clear|green|off|not|isn'?t|wasn'?t|never|no longer)\b/.test(
        sentence,
      ),
    checkInside: true,
  },
  {
    pattern: rx(String.raw`\b${ACTIVE}\s+(?:about|for|because of|due to)\s+(?:\S+\s+)?${CO}\b(?!2)`),
    checkInside: true,
  },
  {
    // The alarm came back after an explanation: "replaced the battery and it's still going off".
    pattern:
      /\b(?:still|again|keeps?|kept)\s+(?:\S+\s+){0,2}?(?:going off|goes off|beep\w*|chirp\w*|sound\w*|alarm\w*)|\b(?:went off|going off|goes off|beeping|alarming|sounding)\s+again\b/,
    applies: (sentence) => new RegExp(CO_DEVICE_MENTION.source).test(sentence),
  },
  {
    // A bare "detector beeping" on a service call is treated as CO unless the tech names another kind of detector.
    pattern:
      /\bdetect[eo]rs?(?:'s)?\s+(?:\S+\s+){0,4}?(?:going off|goes off|went off|beep\w*|chirp\w*|alarm\w*|sounding|scream\w*|blaring)/,
    applies: (sentence) =>
      !/\b(?:smoke|fire|security|water|leak|flood|motion|radon|gas|combustible|methane|propane|refrigerant|freon|sniffer|metal|stud|heat)\b/.test(
        sentence.replace(/\bsmoke\s*(?:and|\/)?\s*co\b/g, "co"),
      ),
    checkInside: true,
  },
  { pattern: rx(String.raw`\b${CO}\s+(?:poison\w*|exposure|leak\w*|spillage)|\bpoisoned\b`) },
  // The Kidde Nighthawk is a plug-in CO alarm; techs name it instead of saying "CO alarm".
  { pattern: rx(String.raw`\bnight\s?hawks?\b(?:\s+\S+){0,5}?\s+${ACTIVE}`), checkInside: true },
  {
    // Flue products spilling into the living space with CO measured: the CO is in the room, not just the flue.
    pattern:
      /\b(?:spill\w*|back[\s-]?draft\w*)\s+(?:\S+\s+){0,2}?(?:into|in)\s+(?:the\s+)?(?:room|house|home|living space|living area|basement|space|hallway|closet|kitchen|utility room)\b/,
    applies: (sentence) => /\bco\b|carbon|monoxide/.test(sentence),
    checkInside: true,
  },
  {
    pattern:
      /\b(?:getting|having|has|have|had|with|complain\w*(?:\s+of|\s+about)?|report\w*|causing|giving\s+(?:them|her|him|everyone|us|me))\s+(?:\S+\s+){0,2}?(?:headaches?|nause\w*|dizz\w*|light[\s-]?headed\w*|flu[\s-]?(?:like\s+)?symptoms)|\bheadaches\b|\b(?:feel(?:s|ing)?|getting|got|been)\s+(?:\S+\s+)?(?:sick|nause\w*|dizzy|light[\s-]?headed)\b|\b(?:passed out|passing out|fainted|vomiting|throwing up)\b/,
  },
];

const CO_RESOLUTION =
  /batter(?:y|ies)|unplugged|false alarm|end of (?:its )?life|end-of-life|expired|nuisance|bad (?:detector|alarm|sensor|unit)|faulty (?:detector|alarm|sensor)|(?:reads?|reading|showing|shows|at|is|down to)\s+0\b|\b0\s+(?:ppm|now)|no co (?:now|present|detected)|replaced the (?:detector|alarm)|steam from|hair ?spray|paint fumes|cleaning (?:products|chemicals)|test(?:ed|ing)? (?:it )?(?:with )?(?:the )?(?:test )?button|(?:push|press|hit)\w* (?:the )?test/;

// ---------------------------------------------------------------------------------------------------------------
// Standing water + energized equipment — universal

const EQUIPMENT = String.raw`(?:floor|ground|unit|furnace|air handler|ah|equipment|water heater|heater|boiler|panel|basement|base|pan|burner|platform|condensate pump|pump|electrical|disconnect|outlet|condenser|compressor|motor|control board|board|wiring|wires|transformer|junction box|breaker box|breaker panel|ac|system|tank|mechanical room|utility room|crawl\s?space)`;
const WATER_TRIGGERS: readonly Trigger[] = [
  {
    pattern:
      /\bstanding water\b|\bpool(?:s|ing|ed)? of water\b|\bpuddl\w*|\bwater\s+(?:is\s+|was\s+)?(?:standing|pooling|pooled|puddl\w*|all over|everywhere|collecting|backing up|ankle deep)/,
  },
  {
    pattern: rx(
      String.raw`\bwater\s+(?:(?:is|was|all|sitting|standing|pooled|pooling|laying|lying|puddled|everywhere|still|right|just)\s+){0,2}(?:on|around|under|underneath|beneath|below|at the base of|in the bottom of|all over|across|covering|surrounding)\s+(?:the\s+|a\s+)?(?:\S+\s+)?${EQUIPMENT}\b`,
    ),
    applies: (_sentence, matched) =>
      !/water heater$/.test(matched) || /\bon the floor|under|around|beneath|below/.test(matched),
  },
  {
    pattern:
      /\b(?:flood(?!\s*back)\w*(?!\s+(?:back|compressor|evap\w*|coil|start|the burner|burner|the compressor|the coil|the evap\w*))|submerged|under\s?water|inches of water(?! column)|\d+(?:\.\d+)? (?:inches|inch|in) of water(?! column)|ankle deep|knee deep|sitting in water)\b/,
  },
  {
    pattern:
      /\b(?:wet floor|floor(?:'s| is| was)?\s+(?:all\s+|completely\s+|soaking\s+)?(?:wet|soaked|soaking|flooded))\b/,
  },
  {
    pattern: rx(
      String.raw`\b(?:leak\w*|dripp\w*|pour\w*|spill\w*|running|spray\w*|gush\w*|pissing|overflow\w*)\s+(?:\S+\s+){0,3}?(?:all over|onto|on|across|into|in)\s+(?:the\s+)?(?:floor|ground|control board|board|panel|electrical|wiring|wires|motor|transformer|disconnect|outlet|junction box|breaker|igniter|burner|inducer|blower)\b`,
    ),
  },
  {
    pattern:
      /\b(?:control board|board|panel|wiring|wires|motor|outlet|disconnect|junction box|electrical|transformer|breaker box|burner compartment|inducer|blower motor|igniter|circulator)\s+(?:is\s+|are\s+|got\s+|getting\s+)?(?:all\s+|completely\s+|soaking\s+)?(?:wet|soaked|soaking|under\s?water|dripping|full of water)\b/,
  },
];

// Parts that stay live whatever the appliance switch says: a panel's line side, a disconnect, an outlet, a cord.
// Water in or on them is a stop unless the tech says the power is off (Field Engineer §10: kill power safely first).
const LIVE_PART = String.raw`(?:(?:electrical|electric|service|breaker|main|sub)[\s-]?panel|(?<!(?:solar|access|blower|door|ceiling|radiant|side|front|back|top|burner)\s)panel|breaker box|breakers?|fuse box|disconnect(?: box)?|(?:electrical |wall )?outlets?|receptacles?|junction box|j[\s-]?box|extension cords?|power cords?|cords?|whips?|wiring|wires|control board|circuit board|transformer|contactor|light fixtures?|ceiling lights?|can lights?|light box(?:es)?|electrical)`;
const WATER_WORDS = /\bwater|\bpuddl\w*|\bflood\w*|\bsoak\w*|\bwet\b|\bleak\w*|\bdripp?\w*/;
const LIVE_CONTACT_TRIGGERS: readonly Trigger[] = [
  {
    pattern: rx(
      String.raw`\b(?:water(?!\s*(?:heaters?|lines?|pipes?|piping|supply|valves?|meter|softener|filter|tank|column|side|temp\w*|pressure|flow|test|hoses?|spigot|main|treatment))(?:'s)?|puddles?|rain(?:water)?(?!\s*(?:cap|shield|hood|gutter|guard))|condensate(?!\s*(?:lines?|pumps?|drains?|traps?|pipes?|tubing|hose)))\s+(?:\S+\s+){0,6}?(?:in|into|inside|on|onto|around|under|over|near|by|coming out of|out of|at|through|thru)\s+(?:the\s+|a\s+|that\s+)?(?:\S+\s+){0,2}?${LIVE_PART}\b`,
    ),
    checkInside: true,
  },
  {
    pattern: rx(
      String.raw`\b${LIVE_PART}\s+(?:is\s+|was\s+|are\s+|were\s+)?(?:\S+\s+){0,2}?(?:in|under|into|full of|filled with)\s+(?:the\s+|a\s+)?(?:water|puddle|it|rain\s?water)\b`,
    ),
    applies: (sentence) => WATER_WORDS.test(sentence.replace(/water heater/g, "heater")),
    checkInside: true,
  },
  {
    pattern:
      /\b(?:furnace|unit|boiler|water heater|air handler|condenser|heat pump|equipment|pump|compressor|motor)\s+(?:is\s+|was\s+|are\s+)?(?:sitting\s+|standing\s+|setting\s+)?in\s+(?:the\s+)?(?:standing\s+)?(?:water|it|a puddle|flood\s?water)\b/,
    applies: (sentence) => /\bflood\w*|\bstanding water|\bpuddl\w*|\binches of water|\bwater\b/.test(sentence),
  },
  {
    pattern: rx(String.raw`\b(?:soaked|drenched|flooded|wet)\s+(?:the\s+)?${LIVE_PART}\b`),
  },
];

const WATER_CLEANUP =
  /(?:cleaned|mopped|dried|vacuumed|pumped|sucked|wet[\s-]?vac\w*|squeegee\w*|soaked)\s+(?:it\s+|everything\s+|all\s+|the\s+water\s+|the\s+floor\s+)?(?:up|out)|water\s+(?:was\s+|is\s+|has\s+been\s+|got\s+|'s\s+)?(?:cleaned|mopped|dried|vacuumed|pumped|gone|removed|drained)|floor\s+(?:is\s+|was\s+|'s\s+)?(?:now\s+)?(?:dry|dried)|(?:dried|dry)\s+now|no (?:more|longer) (?:any\s+)?(?:standing )?water|(?:mopped|cleaned) up/;

const ENERGIZED =
  /\bre-?energi[sz]ed\b|(?<!de-?)\benergi[sz]ed\b|(?<![\w-])powered(?!\s*(?:off|down))(?:\s+(?:up|on))?\b|\bpower(?:'s)?\s+(?:is\s+|was\s+)?(?:still\s+)?on\b|\bstill\s+(?:on|running|powered|energi[sz]ed|live|hot|plugged in|connected|got power|has power|humming|cycling|firing)\b|\b(?:is|are|it'?s|its)\s+(?:still\s+)?live\b|\blive\s+(?:wires?|circuit|voltage|power|electrical|panel)\b|\bbreakers?(?:'s|\s+is|\s+was|\s+are)?\s+(?:still\s+)?(?:on|closed|hot)\b|\b(?:has|have|got|there'?s)\s+(?:still\s+)?power\b|\bpower\s+to\s+(?:it|the)\b|\b(?:unit|furnace|it|equipment|heater|water heater|boiler|pump|ac|air handler|compressor|blower|motor|system|inducer|condenser|circulator|circ|circ pump|sump pump|fan|igniter|burner)\s+(?:is\s+|'s\s+|was\s+)?(?:still\s+)?(?:running|cycling|firing|humming|operating|buzzing|on\b(?!\s+(?:the|a|an|top|it|its)\b))|\b(?:it'?s|it is|its|they'?re|they are)\s+(?:still\s+)?(?:running|powered|energi[sz]ed|live|humming|cycling|firing|plugged in|on\b(?!\s+(?:the|a|an|top|it|its)\b))|\bhasn'?t\s+been\s+(?:shut|turned|switched)\s+off\b|\b(?:not|never)\s+(?:been\s+)?(?:shut|turned|switched)\s+off\b|\bpower\s+(?:isn'?t|wasn'?t|is not|was not)\s+off\b|\bplugged in\b|\bsparking\b|\barcing\b|\bshock(?:ed|ing)?\b|\btingl\w*|\b\d+\s*volts?\s+(?:present|at|to|on)\b/;
const DE_ENERGIZED =
  /\bde-?energi[sz]ed\b|\bunpowered\b|\bpowered\s+(?:off|down)\b|\bpower(?:'s)?\s+(?:is\s+|was\s+|has been\s+|got\s+)?(?:now\s+)?(?:off|shut off|killed|cut|disconnected|turned off)\b|\b(?:killed|cut|shut off|shut down|turned off|disconnected|pulled|opened|flipped off|switched off|kill|cut off)\s+(?:the\s+)?(?:power|breaker|disconnect|fuse|main)\b|\bbreakers?(?:'s|\s+is|\s+was|\s+are)?\s+(?:now\s+)?(?:off|open|tripped|shut off|turned off|flipped off)\b|\b(?:flipped|shut|turned|switched)\s+(?:off\s+)?the\s+breaker(?:\s+off)?\b|\bno power\b|\bunplugged\b|\blocked out\b|\block\s*out\s*tag\s*out\b|\bloto\b|\bdisconnect\s+(?:is\s+)?(?:pulled|off|open)\b/;

// ---------------------------------------------------------------------------------------------------------------
// Cracked heat exchanger and combustion/venting — conditional, cleared by G2 + override

// "hex" is trade shorthand for the heat exchanger; a hex key, nut or bolt is a tool or a fastener.
const HX = String.raw`(?:heat[\s-]*ex\w*|hx|h\.x\.|exchangers?|clam\s?shells?|hex(?![\w-]|\s*(?:key|head|nut|bolt|screw|driver|bit|wrench|socket|shank|cap|drive|shaft)))`;
const HX_TRIGGERS: readonly Trigger[] = [
  {
    pattern: rx(
      String.raw`\b(?:cracked|split|holed|compromised|failed|breached|rusted[\s-]?(?:thru|through|out)|perforated|burnt[\s-]?through|burned[\s-]?through|broken)\s+(?:\S+\s+){0,3}?${HX}`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b(?:crack|cracks|hole|holes|split|splits|breach|fracture|tear|rust hole|rust holes)\s+(?:\S+\s+){0,3}?(?:in|on|through|thru|at|along|across)\s+(?:the\s+|a\s+|one of the\s+|my\s+|his\s+|their\s+)?(?:\S+\s+){0,2}?${HX}`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b${HX}(?:'s|s)?\s+(?:\S+\s+){0,5}?(?:crack\w*|split\w*|holes?|holed|breach\w*|rusted[\s-]?(?:thru|through|out)|rust holes?|perforat\w*|separat\w*|fractur\w*|compromised|failed|burnt[\s-]?through|burned[\s-]?through|torn)\b`,
    ),
    checkInside: true,
  },
  {
    pattern:
      /\bflames?\s+(?:are\s+|is\s+|was\s+|were\s+|keeps?\s+)?(?:roll\w*|rolled)\s*(?:-\s*)?out(?!\s*(?:switch|limit|sensor|safet|fuse))/,
  },
  { pattern: /\b(?:flames?\s+)?roll[\s-]?outs?\b(?!\s*(?:switch\w*|limits?|sensors?|safet\w*|fuses?|protection))/ },
  {
    // "it rolled out and burned the wires": the furnace's flame, said without the word flame.
    pattern: /(?:^|\b(?:it|flames?|fire|burners?|furnace|unit)\s+(?:has\s+|had\s+)?)rolled[\s-]?out\b/,
    applies: (sentence) =>
      /\b(?:burn\w*|scorch\w*|flames?|fire|burners?|furnace|melt\w*|wires|soot\w*)\b/.test(sentence),
  },
  {
    pattern:
      /\broll[\s-]?out\s+(?:switch|switches|limit|limits|sensor|safety|fuse)\s+(?:\S+\s+){0,2}?(?:tripped|trips|tripping|open|opened|popped|blown|blew|reset)\b|\b(?:tripped|tripping|popped|blew|blown|reset|resetting|open)\s+(?:the\s+|a\s+)?(?:manual\s+)?roll[\s-]?out/,
    checkInside: true,
  },
  {
    pattern:
      /\b(?:flames?|fire)\s+(?:\S+\s+)?(?:coming|shooting|licking|spilling|pouring|reaching|curling|lapping|jumping|rolling|blowing)\s+(?:out|outside|back)\b/,
  },
  {
    pattern:
      /\bflame\s+impingement\b|\bimping\w*|\bflames?\s+(?:\S+\s+){0,2}?(?:hitting|touching|licking|hit|touch|lick)\s+(?:the\s+)?(?:heat exchanger|hx|cell|cells|walls?|top|back|sides?)\b/,
  },
  {
    pattern:
      /\bflames?\s+(?:\S+\s+){0,3}?(?:move|moves|moving|dances?|dancing|waver\w*|flicker\w*|lift\w*|chang\w*|shift\w*|bends?|bending|blow\w*|jump\w*|disturb\w*|distort\w*|pulls?|pulled|goes crazy|go crazy)\s+(?:\S+\s+){0,3}?(?:when|once|as soon as|after|with)\s+(?:the\s+)?(?:blower|fan|indoor fan|circ\w*|air handler)/,
  },
  {
    pattern:
      /\b(?:scorch\w*|burn(?:t|ed)? marks?|burn marks?|char(?:red|ring)|heat (?:damage|marks?)|discolou?r\w*|melted)\b/,
    applies: (sentence) =>
      /\b(?:burners?|vestibule|manifold|combustion|burner box|heat exchanger|draft hood|jacket|front panel|burner compartment|firebox|flue collar|above the burners|sight glass|cabinet)\b/.test(
        sentence,
      ),
  },
  {
    pattern:
      /\bback[\s-]?draft\w*|\bspillage\b|\bspill\w*\s+(?:\S+\s+){0,2}?(?:at|from|out of)\s+(?:the\s+)?(?:draft hood|diverter|hood|vent|flue)|\bspill\w*\s+(?:\S+\s+){0,2}?(?:into|in)\s+(?:the\s+)?(?:room|house|home|living space|basement|closet|utility room)\b|\bflue gas(?:es)?\s+(?:spill\w*|in the house|coming|leaking|entering)|\b(?:flue gas|exhaust|combustion)\s+(?:smell|odou?r|fumes)|\bsmell\w*\s+(?:of\s+)?(?:exhaust|flue gas|combustion)/,
    checkInside: true,
  },
  {
    pattern:
      /\b(?:vent|flue|chimney|vent pipe|flue pipe|exhaust pipe)\s+(?:is\s+|was\s+|has\s+)?(?:disconnected|separated|came apart|fell|collapsed|blocked|plugged|obstructed|rusted through)\b|\b(?:disconnected|separated|blocked|plugged|obstructed|collapsed)\s+(?:\S+\s+)?(?:vent|flue|chimney)\b/,
    checkInside: true,
  },
  {
    pattern:
      /\bsoot(?:ing|ed)?\b(?:\s+\S+){0,3}?\s+(?:all over|everywhere|coming out|on the (?:ceiling|wall|walls|registers?|cabinet|burners?|heat exchanger|draft hood))|\bheavy soot|\bsooting (?:up|badly|heavily)|\bsooted up/,
  },
  {
    // The light test: light from the firebox showing through the heat exchanger is a breach.
    pattern: rx(
      String.raw`\bdaylight\s+(?:\S+\s+){0,2}?(?:through|thru)\s+(?:the\s+|a\s+)?(?:\S+\s+){0,2}?${HX}|\b(?:see|seeing|saw|seen)\s+(?:\S+\s+){0,2}?light\s+(?:\S+\s+){0,2}?(?:through|thru)\s+(?:the\s+|a\s+)?(?:\S+\s+){0,2}?${HX}`,
    ),
  },
];

const HX_RESOLUTION =
  /turned out|just (?:a |the )?(?:seam|shadow|reflection|weld|surface rust|scale|crimp|baffle|glare)|not (?:actually )?(?:a crack|cracked)|false alarm|camera (?:showed|shows) (?:no|nothing)|was the (?:baffle|seam)/;

// ---------------------------------------------------------------------------------------------------------------
// Readings that don't reconcile / low confidence — conditional

const READINGS_WORDS =
  "(?:readings?|numbers?|values?|measurements?|pressures?|temps?|temperatures?|voltages?|amps|amperage|meter|gauges?|manifold)";
const UNRECONCILED_TRIGGERS: readonly Trigger[] = [
  {
    pattern: rx(
      String.raw`\b${READINGS_WORDS}\s+(?:\S+\s+){0,2}?(?:don'?t|do not|doesn'?t|does not|didn'?t|did not|aren'?t|are not|isn'?t|is not|won'?t|will not|weren'?t|wasn'?t)\s+(?:\S+\s+)?(?:make (?:any |much )?sense|making (?:any |much )?sense|add up|adding up|match|line up|reconcile|agree|jive|jibe|look right|seem right|right|stable|settle)`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b${READINGS_WORDS}\s+(?:\S+\s+){0,2}?(?:are\s+|is\s+|keep\s+|keeps\s+)?(?:all over the place|jumping\w*|jump around|bouncing\w*|bounce around|erratic|inconsistent|unstable|weird|strange|nonsense|crazy|impossible|way off|off the charts|fluctuating|wandering|drifting|contradict\w*|conflicting)`,
    ),
  },
  {
    pattern:
      /\b(?:doesn'?t|does not|don'?t|do not)\s+add up\b|\bmakes? no sense\b|\bnothing (?:is\s+)?(?:adds? up|adding up|makes? sense|making sense)\b/,
  },
  {
    pattern:
      /\b(?:can'?t|cannot|couldn'?t|unable to)\s+(?:get|take)\s+(?:a\s+)?(?:good|steady|stable|consistent|solid|clean|reliable|straight|decent)\s+(?:reading|number|measurement)/,
  },
  {
    pattern: rx(
      String.raw`\b(?:not sure|unsure|no idea|can'?t tell|don'?t know|not confident)\s+(?:what|if|whether|about|which)\s+(?:\S+\s+){0,2}?(?:reading|readings|meter|number|numbers|measurement|reads|i'?m (?:reading|seeing|looking at))`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b${READINGS_WORDS}\s+(?:seem|seems|look|looks)\s+(?:\S+\s+)?(?:off|wrong|weird|impossible|crazy|bogus)\b`,
    ),
  },
  { pattern: /\blow confidence\b|\bnot confident in (?:the |these |my )?(?:readings?|numbers?)/ },
  {
    // The adjective before the noun: "conflicting readings", "inconsistent numbers".
    pattern: rx(
      String.raw`\b(?:conflicting|contradictory|contradicting|inconsistent|erratic|bogus|nonsense|impossible|crazy|screwy|wonky|funky|goofy|mismatched|weird|strange|wacky|whack|garbage|junk)\s+(?:\S+\s+)?${READINGS_WORDS}`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b(?:second[\s-]?guess\w*|doubt\w*|question\w*)\s+(?:the\s+|these\s+|those\s+|my\s+|all\s+)?(?:\S+\s+)?${READINGS_WORDS}|\b(?:something'?s|somethings|something is|something)\s+(?:not right|off|wrong|fishy|funny|weird)\s+(?:with|about|in)\s+(?:the\s+|these\s+|those\s+|my\s+)?(?:\S+\s+)?${READINGS_WORDS}`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b(?:can'?t|cannot|couldn'?t|unable to|won'?t)\s+(?:get|make)\s+(?:the\s+|these\s+|my\s+|them\s+)?(?:\S+\s+)?(?:${READINGS_WORDS}\s+)?(?:to\s+)?(?:line up|match|agree|reconcile|add up|make sense|jive|jibe)`,
    ),
  },
  {
    pattern: rx(
      String.raw`\b(?:don'?t|do not|can'?t|cannot|wouldn'?t|doesn'?t)\s+trust\s+(?:the\s+|these\s+|those\s+|my\s+|this\s+|that\s+)?(?:\S+\s+)?${READINGS_WORDS}`,
    ),
  },
  {
    // Two instruments disagreeing: "gauges say one thing and the thermometer says another", "the split says it's
    // fine but the pressures say it's undercharged".
    pattern:
      /\bsays? (?:one|1) thing\b(?:\s+\S+){0,6}?\s+(?:says?|shows?|reads?)\s+(?:something\s+)?(?:else|another|different)\b|\b(?:readings?|numbers?|pressures?|temps?|temperatures?|gauges?|meter|amps|split|temp split|delta t|superheat|subcool\w*|voltage)\s+(?:says?|shows?|reads?|looks?|indicates?)\s+(?:\S+\s+){0,4}?but\s+(?:the\s+|my\s+)?(?:readings?|numbers?|pressures?|temps?|temperatures?|gauges?|meter|amps|split|temp split|delta t|superheat|subcool\w*|voltage)\s+(?:says?|shows?|reads?|looks?|indicates?)\b/,
  },
];
const UNRECONCILED_RESOLUTION =
  /re-?(?:took|taken|measured|checked|tested|did)\b(?:\s+\S+){0,4}?\s+(?:make sense|match|matches|line up|lines up|good|fine|agree|consistent)|(?:make sense|add up|line up|match) now|(?:bad|dead|weak|low) (?:meter )?batter(?:y|ies)|swapped (?:meters|leads|probes)|other meter (?:reads|shows|agrees)/;

// ---------------------------------------------------------------------------------------------------------------
// Scan

interface NormalizedReading {
  value: number;
  unit: Unit;
  quantity: string;
  where: "ambient" | "flue" | undefined;
  raw: string;
}

function normalizeReadings(readings: readonly ReadingInput[]): NormalizedReading[] {
  const out: NormalizedReading[] = [];
  for (const r of readings) {
    const unit = normalizeUnit(r.unit);
    if (unit === null) continue;
    out.push({
      value: r.value,
      unit,
      quantity: r.quantity ?? "concentration",
      where: r.where,
      raw: r.raw ?? `${r.value} ${r.unit}`,
    });
  }
  return out;
}

function coReason(resolution: string, text: string): string {
  const parts: string[] = [];
  if (/batter/.test(text)) parts.push("was a battery issue");
  else if (/unplugged/.test(text)) parts.push("was unplugged");
  else if (/false alarm|nuisance|end of|expired|bad |faulty /.test(text)) parts.push("was a false or failed alarm");
  if (/(?:reads?|reading|showing|shows|at|is|down to)\s+0\b|\b0\s+(?:ppm|now)/.test(text)) parts.push("reads zero");
  if (parts.length === 0) parts.push(`was explained ("${resolution}")`);
  return parts.join(" and ");
}

/**
 * Returns the hard stops found in a technician's words (and readings), and the confirm questions for hazards that
 * were mentioned but negated, resolved or left unclear. Readings are parsed from the text; pass `readings` to add
 * measured values (a trail). Code decides here — the model's view is merged separately with mergeStops.
 */
export function scanForHazards(text: string, readings?: readonly ReadingInput[]): HazardScan {
  const normalized = normalizeForHazards(text);
  const stops: HardStop[] = [];
  const confirm: string[] = [];
  const addStop = (stop: HardStop) => {
    if (!stops.some((s) => s.stopId === stop.stopId)) stops.push(stop);
  };
  const ask = (question: string) => {
    if (!confirm.includes(question)) confirm.push(question);
  };

  // Gas odor / suspected leak (§10 universal).
  const gasHits = findHits(normalized, [...GAS_ODOR_TRIGGERS, ...GAS_LEAK_TRIGGERS], GAS_RESOLUTION);
  const gasActive = gasHits.find((h) => h.state === "active");
  if (gasActive) addStop(buildStop("gas_leak", gasActive.matched));
  else {
    const resolved = gasHits.find((h) => h.state === "resolved");
    if (resolved)
      ask(
        `You said the gas smell or leak was explained ("${resolved.resolution}") — confirm a combustible gas detector and a leak test at the meter, piping and appliance show nothing before continuing?`,
      );
    else if (gasHits.some((h) => h.state === "negated"))
      ask(
        "You said there is no gas smell or leak — confirm you checked with a combustible gas detector at the meter, the appliance connections and the room before continuing?",
      );
  }
  const waterOdor = findHits(
    normalized,
    GAS_ODOR_TRIGGERS.map((t) => ({ ...t, applies: isWaterOdor })),
    null,
  );
  if (!gasActive && waterOdor.some((h) => h.state === "active"))
    ask(
      "You mentioned a rotten-egg or sulfur smell with the water or drains — confirm with a combustible gas detector that it is not fuel gas before continuing?",
    );
  if (!gasActive && /\bsewer gas\b|\bsewer smell\b/.test(normalized))
    ask("You mentioned sewer gas — confirm with a combustible gas detector that it is not fuel gas before continuing?");

  // Active CO alarm / CO present (§10 universal).
  const coHits = findHits(normalized, CO_TRIGGERS, CO_RESOLUTION);
  const coActive = coHits.find((h) => h.state === "active");
  if (coActive) addStop(buildStop("co_alarm", coActive.matched));
  else {
    const resolved = coHits.find((h) => h.state === "resolved");
    const mention = CO_DEVICE_MENTION.exec(normalized);
    const mentionResolution = mention === null ? null : resolutionAfter(normalized, mention.index, CO_RESOLUTION);
    if (resolved || mentionResolution !== null) {
      const scope = normalized.slice(resolved?.start ?? mention?.index ?? 0);
      ask(
        `You said the CO alarm ${coReason(resolved?.resolution ?? mentionResolution ?? "", scope)} — confirm the air reads 0 ppm on your own analyzer before continuing?`,
      );
    } else if (coHits.some((h) => h.state === "negated"))
      ask(
        "You said there is no CO alarm or CO — confirm your own CO monitor reads 0 ppm in the living space before continuing?",
      );
  }

  // Standing water + energized equipment (§10 universal).
  const waterHits = findHits(normalized, WATER_TRIGGERS, WATER_CLEANUP);
  const waterActive = waterHits.find((h) => h.state === "active");
  const energized = findHits(normalized, [{ pattern: ENERGIZED, checkInside: true }], null).find(
    (h) => h.state === "active" && !DE_ENERGIZED.test(h.matched),
  );
  const deEnergized = DE_ENERGIZED.exec(normalized);
  const liveContact = findHits(normalized, LIVE_CONTACT_TRIGGERS, WATER_CLEANUP).find((h) => h.state === "active");
  if (waterActive && energized) addStop(buildStop("water_energized", `${waterActive.matched} … ${energized.matched}`));
  else if (liveContact && !deEnergized) addStop(buildStop("water_energized", liveContact.matched));
  else if (liveContact && deEnergized)
    ask(
      `You said there is water on electrical parts but the power is off ("${deEnergized[0]}") — confirm with a meter that they are de-energized (a panel's line side stays live) before continuing?`,
    );
  else if (waterActive && deEnergized)
    ask(
      `You said there is water but the power is off ("${deEnergized[0]}") — confirm the equipment is de-energized (verified with a meter) and the floor is dry before continuing?`,
    );
  else if (waterActive)
    ask(
      `You mentioned water ("${waterActive.matched}") — is the equipment de-energized? Standing water with power on is a stop: confirm before continuing?`,
    );
  else if (waterHits.some((h) => h.state === "resolved") || WATER_CLEANUP.test(normalized))
    ask(
      "You said the water was cleaned up — confirm the floor is dry and the equipment is de-energized (verified with a meter) before restoring power or continuing?",
    );
  else if (waterHits.some((h) => h.state === "negated"))
    ask(
      "You said there is no standing water — confirm the floor and equipment are dry before working on energized parts?",
    );

  // Cracked heat exchanger, flame rollout, spillage (§10 conditional, G2).
  const hxHits = findHits(normalized, HX_TRIGGERS, HX_RESOLUTION);
  const hxActive = hxHits.find((h) => h.state === "active");
  if (hxActive) addStop(buildStop("cracked_heat_exchanger", hxActive.matched));
  else if (hxHits.some((h) => h.state === "resolved" || h.state === "negated"))
    ask(
      "You said the heat exchanger / combustion shows no problem — confirm how you checked (camera or visual, flame with the blower on, combustion analysis) before continuing?",
    );

  // Readings that don't reconcile (§10 conditional).
  const unreconciledHits = findHits(normalized, UNRECONCILED_TRIGGERS, UNRECONCILED_RESOLUTION);
  const unreconciledActive = unreconciledHits.find((h) => h.state === "active");
  if (unreconciledActive) addStop(buildStop("readings_unreconciled", unreconciledActive.matched));
  else if (unreconciledHits.some((h) => h.state === "resolved"))
    ask(
      "You said the readings make sense after re-measuring — confirm the values you entered are the re-measured ones?",
    );

  // Readings: CO in living space and implausible values.
  const allReadings = normalizeReadings([...parseReadings(text), ...(readings ?? [])]);
  for (const reading of allReadings) {
    if (!isPlausibleReading(reading)) {
      addStop(
        buildStop(
          "readings_unreconciled",
          reading.raw,
          `Reading ${reading.value} ${reading.unit} is outside what residential equipment can show — re-measure before continuing.`,
        ),
      );
      continue;
    }
    if (reading.unit !== "ppm") continue;
    const ambientCo = reading.quantity === "carbon_monoxide" && reading.where !== "flue";
    if (ambientCo && reading.value >= CO_STOP_PPM)
      addStop(
        buildStop(
          "co_alarm",
          reading.raw,
          `Carbon monoxide ${reading.value} ppm in the living space (stop at ${CO_STOP_PPM} ppm).`,
        ),
      );
    else if (ambientCo && reading.value >= CO_CONFIRM_PPM)
      ask(
        `CO reads ${reading.value} ppm in the living space — above the ${CO_CONFIRM_PPM} ppm action level. Confirm the source with your own analyzer before continuing? At ${CO_STOP_PPM} ppm this is a stop.`,
      );
    else if (reading.quantity === "carbon_monoxide" && reading.where === "flue" && reading.value >= FLUE_CO_CONFIRM_PPM)
      ask(
        `Flue CO reads ${reading.value} ppm — above the ${FLUE_CO_CONFIRM_PPM} ppm air-free limit. Confirm combustion analysis by a G2 tech before the unit runs?`,
      );
    else if (
      reading.quantity === "concentration" &&
      reading.value >= CO_CONFIRM_PPM &&
      !/hardness|tds|grain|chlorine|iron/.test(normalized)
    )
      ask(
        `You gave ${reading.value} ppm without saying what gas — if that is CO in the living space, ${CO_STOP_PPM} ppm or more is a stop. Confirm what it measures?`,
      );
  }

  return { stops, confirm };
}

const SEVERITY: Record<StopType, number> = { conditional: 0, universal: 1 };

function isCatalogStop(stopId: string): stopId is StopId {
  return stopId in STOP_CATALOG;
}

/**
 * Returns the union of the stops code detected and the hard stops a model reported. A model can add a stop, never
 * remove or downgrade one: a known stop keeps the catalog's type and action (a model calling a gas leak
 * "conditional" leaves it universal), and gates only accumulate.
 */
export function mergeStops(detected: readonly HardStop[], modelReported: readonly HardStop[]): HardStop[] {
  const merged: HardStop[] = detected.map((stop) => ({ ...stop, clearedBy: { gates: [...stop.clearedBy.gates] } }));
  for (const reported of modelReported) {
    const catalog = isCatalogStop(reported.stopId) ? STOP_CATALOG[reported.stopId] : null;
    const existing = merged.find((s) => s.stopId === reported.stopId);
    const target: HardStop =
      existing ??
      (() => {
        const added: HardStop = {
          stopId: reported.stopId,
          type: reported.type === "universal" ? "universal" : "conditional",
          matched: reported.matched ?? "",
          message: reported.message || catalog?.message || "Hard stop reported by the diagnostic model.",
          action: catalog?.action ?? (reported.action || "Stop and escalate."),
          clearedBy: { gates: [...(catalog?.clearedBy.gates ?? [])] },
        };
        merged.push(added);
        return added;
      })();
    const types: StopType[] = [target.type, reported.type === "universal" ? "universal" : "conditional"];
    if (catalog) types.push(catalog.type);
    target.type = types.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
    if (catalog) target.action = catalog.action;
    for (const gate of reported.clearedBy?.gates ?? []) {
      if (!target.clearedBy.gates.includes(gate)) target.clearedBy.gates.push(gate);
    }
  }
  // Field Engineer §10: universal stops have no override
  for (const stop of merged) if (stop.type === "universal") stop.clearedBy = { gates: [] };
  return merged;
}
