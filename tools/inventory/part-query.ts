// Reads a parts question the way a tech says it ("do I have a 45/5 capacitor on my truck", "forty five five cap")
// into search terms. Pure: no I/O. It only interprets the words; stock comes from the store.

export interface PartQuery {
  /** Dual or single capacitor rating, normalized like the part attributes: "45/5", "7.5". */
  microfarads: string | null;
  /** A category the words name (capacitor, flame_sensor, igniter, …), or null. */
  category: string | null;
  /** The caller means their own truck ("my truck", "on the truck", "do I have"). */
  mine: boolean;
  /** Remaining words to match against SKU and description. */
  terms: string[];
}

const ONES: Record<string, number> = {
  zero: 0,
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
  fifteen: 15,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
};

/** "forty five five" → "45 5", "seven point five" → "7.5"; other words unchanged. */
export function spokenToDigits(text: string): string {
  const words = text.toLowerCase().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i] ?? "";
    const tens = TENS[w];
    const next = words[i + 1] ?? "";
    if (tens !== undefined) {
      const one = ONES[next];
      if (one !== undefined && one > 0 && one < 10) {
        out.push(String(tens + one));
        i += 1;
      } else out.push(String(tens));
      continue;
    }
    const one = ONES[w];
    if (one !== undefined) {
      if (next === "point" && ONES[words[i + 2] ?? ""] !== undefined) {
        out.push(`${one}.${ONES[words[i + 2] ?? ""]}`);
        i += 2;
      } else out.push(String(one));
      continue;
    }
    out.push(w);
  }
  return out.join(" ");
}

const CATEGORIES: ReadonlyArray<{ category: string; pattern: RegExp }> = [
  { category: "capacitor", pattern: /\bcap(?:acitor)?s?\b|\bmfd\b|\b[µu]f\b/ },
  { category: "flame_sensor", pattern: /\bflame (?:sensor|rod|probe)s?\b/ },
  { category: "igniter", pattern: /\bigniters?\b|\bignitors?\b|\bhsi\b/ },
  { category: "contactor", pattern: /\bcontactors?\b/ },
  { category: "pressure_switch", pattern: /\bpressure switch(?:es)?\b/ },
  { category: "thermocouple", pattern: /\bthermocouples?\b/ },
  { category: "transformer", pattern: /\btransformers?\b/ },
  { category: "limit_switch", pattern: /\b(?:rollout|high limit|limit) switch(?:es)?\b/ },
  { category: "gas_valve", pattern: /\bgas valves?\b/ },
  { category: "inducer", pattern: /\binducers?\b/ },
  { category: "motor", pattern: /\bmotors?\b/ },
  { category: "control_board", pattern: /\b(?:control )?boards?\b/ },
  { category: "relief_valve", pattern: /\bt ?& ?p\b|\brelief valves?\b/ },
  { category: "circulator", pattern: /\bcirculators?\b|\bcirc pumps?\b/ },
  { category: "filter", pattern: /\bfilters?\b/ },
];

const STOP_WORDS = new Set(
  "do i have a an any the on in my truck van got is there we us of for some left stock how many need one ok so uh um like please check warehouse shop".split(
    " ",
  ),
);

/** Interprets a spoken or typed parts question. */
export function parsePartQuery(query: string): PartQuery {
  const text = spokenToDigits(query.toLowerCase().replace(/[?!,]/g, " ")).replace(/µ/g, "u");
  const mine = /\b(?:my|our) (?:truck|van)\b|\bon the (?:truck|van)\b|\bdo i have\b|\bi got\b/.test(text);
  let microfarads: string | null = null;
  const dual =
    /(\d+(?:\.\d+)?)\s*(?:\/|\bover\b|\band\b|\bby\b|\s)\s*(\d+(?:\.\d+)?)\s*(?=(?:mfd|uf|micro ?farads?|cap|capacitor|dual|$|\s))/.exec(
      text,
    );
  if (dual && Number(dual[2]) < Number(dual[1])) microfarads = `${dual[1]}/${dual[2]}`;
  else {
    const single = /(\d+(?:\.\d+)?)\s*(?:mfd|uf|micro ?farads?|cap\b|capacitor)/.exec(text);
    if (single) microfarads = single[1] ?? null;
  }
  const category = CATEGORIES.find((c) => c.pattern.test(text))?.category ?? (microfarads ? "capacitor" : null);
  const matchedCategory = CATEGORIES.find((c) => c.category === category)?.pattern;
  const rest = matchedCategory ? text.replace(new RegExp(matchedCategory.source, "g"), " ") : text;
  const terms = rest
    .split(/[^a-z0-9./-]+/)
    .filter((w) => w !== "" && !STOP_WORDS.has(w) && !/^\d/.test(w))
    .filter(
      (w) =>
        !CATEGORIES.some((c) => c.pattern.test(w)) && !["mfd", "uf", "dual", "micro", "farad", "farads"].includes(w),
    );
  return { microfarads, category, mine, terms };
}

/** Returns true when a part fits the query (category, µF rating, and every remaining word in SKU or description). */
export function partMatches(
  part: { sku: string; description: string; category: string; attributes: Record<string, string | number> },
  query: PartQuery,
): boolean {
  if (query.category && part.category !== query.category) return false;
  if (query.microfarads && String(part.attributes.microfarads ?? "") !== query.microfarads) return false;
  const haystack = `${part.sku} ${part.description} ${part.category}`.toLowerCase();
  return query.terms.every((t) => haystack.includes(t));
}
