// Gates a model-proposed step or repair needs, read from its own words (Field Engineer §09 gate table).
// Pure: no I/O. It only ever adds gates to what a model declared; measurement wording alone adds none.
import type { GateCode } from "./gates.ts";

const HANDS_ON =
  /\b(?:replac\w*|install\w*|rewir\w*|re-wir\w*|wire in|swap\w*|repair\w*|adjust\w*|charg\w*|recover\w*|evacuat\w*|braz\w*|solder\w*|reset\w*|tighten\w*|splice\w*|pip(?:e|ing) in|re-?pipe\w*|sign(?:ing)? off|sign-off|seal\w*|remov\w*|mount\w*|run a new|pull a new|purg\w*|fill\w*|descal\w*|flush\w*|clean\w*)\b/;

const GATE_WORDS: ReadonlyArray<{ gate: GateCode; pattern: RegExp }> = [
  { gate: "EPA-U", pattern: /\bchiller\b|\blow[- ]pressure (?:refrigerant|system|chiller)|\br-?123\b|\br-?11\b/ },
  {
    gate: "E1",
    pattern: /line[- ]voltage wir\w*|\bwhips?\b|\bdisconnects?\b|hard[- ]wired|burned wir\w*|motor rewir\w*/,
  },
  { gate: "E2", pattern: /\bthree[- ]phase\b|\b3[- ]phase\b|\b3ph\b/ },
  { gate: "E3", pattern: /\bnew circuit\b|\bbranch (?:circuit|extension)\b|\bnew disconnect\b|\bfrom the panel\b/ },
  { gate: "G1", pattern: /\bgas valve\b|\bgas (?:piping|line|pipe|connection|cock|flex)\b|\bflex connector\b/ },
  {
    gate: "G2",
    pattern: /\bcombustion\b|\bventing\b|\bvent (?:pipe|connector|sign)|\bflue\b|\bheat exchanger\b|\bdraft hood\b/,
  },
  {
    gate: "HP",
    pattern: /\breversing valve\b|\bdefrost\b|\bheat pump\b|\b(?:aux|auxiliary|emergency) heat\b|\blow[- ]ambient\b/,
  },
  { gate: "B2", pattern: /\bsteam\b|\blwco\b|\blow[- ]water cut|\bpressuretrol\b|\bsight glass\b|\bgauge glass\b/ },
  { gate: "B1", pattern: /\bcirculator\b|\bexpansion tank\b|\bzone valve\b|\baquastat\b|\bhydronic\b|\bboiler\b/ },
  { gate: "WH", pattern: /\bwater heater\b|\bt ?& ?p\b|\brelief valve\b|\bthermocouple\b|\btankless\b|\bdescal\w*/ },
  { gate: "CB", pattern: /\bcombi\b/ },
  { gate: "OIL", pattern: /\boil[- ](?:burner|fired|nozzle|pump|tank|line)\b|\bfuel oil\b/ },
];

const COMBUSTION_WORK =
  /\bcombustion analy\w*|\bventing sign|\bvent sign|\bconfirm\w* (?:a |the )?crack\w*|\bco\/o2\b|\bo2 and co\b/;

export interface InferredGates {
  gates: GateCode[];
  /** Combustion-dependent work (combustion analysis, venting sign-off): G2 on any fuel-burning unit. */
  combustion: boolean;
  handsOn: boolean;
}

/** Returns the gates the words of a step or repair imply. Steam work is B2 (not B1); measurement alone implies none. */
export function inferGates(text: string): InferredGates {
  const t = text.toLowerCase();
  const combustion = COMBUSTION_WORK.test(t);
  const handsOn = HANDS_ON.test(t);
  if (!handsOn) return { gates: [], combustion, handsOn };
  const gates: GateCode[] = [];
  for (const { gate, pattern } of GATE_WORDS) {
    if (gate === "B1" && gates.includes("B2")) continue;
    if (pattern.test(t)) gates.push(gate);
  }
  return { gates, combustion, handsOn };
}
