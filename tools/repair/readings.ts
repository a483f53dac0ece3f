// Readings from a technician's voice-to-text: spoken numbers and units turned into values (Field Engineer §06 trail).
// Pure: no I/O, no clock, no imports — runs offline in the browser. It reads numbers; it never decides safety.

export type Unit = "V" | "A" | "µA" | "psi" | "°F" | "in_wc" | "µF" | "Ω" | "ppm";

export type Quantity =
  | "voltage"
  | "current"
  | "flame_current"
  | "pressure"
  | "temperature"
  | "water_column"
  | "capacitance"
  | "resistance"
  | "carbon_monoxide"
  | "carbon_dioxide"
  | "concentration";

export interface Reading {
  value: number;
  unit: Unit;
  quantity: Quantity;
  /** The words the value came from, after number normalization. */
  raw: string;
  /** Only on CO readings: a flue/analyzer reading is not the air people breathe. */
  where?: "ambient" | "flue";
}

const UNIT_ALIASES: Record<string, Unit> = {
  v: "V",
  volt: "V",
  volts: "V",
  vac: "V",
  vdc: "V",
  a: "A",
  amp: "A",
  amps: "A",
  ampere: "A",
  amperes: "A",
  ua: "µA",
  µa: "µA",
  μa: "µA",
  microamp: "µA",
  microamps: "µA",
  "micro amps": "µA",
  psi: "psi",
  psig: "psi",
  f: "°F",
  "°f": "°F",
  degf: "°F",
  degrees: "°F",
  in_wc: "in_wc",
  inwc: "in_wc",
  "in wc": "in_wc",
  iwc: "in_wc",
  "in. wc": "in_wc",
  wc: "in_wc",
  uf: "µF",
  µf: "µF",
  μf: "µF",
  mfd: "µF",
  microfarads: "µF",
  ohm: "Ω",
  ohms: "Ω",
  ω: "Ω",
  Ω: "Ω",
  ppm: "ppm",
};

/** Returns the canonical unit for a unit a person or a model typed ("uA", "volts", "in wc"), or null if unknown. */
export function normalizeUnit(unit: string): Unit | null {
  const key = unit.trim().toLowerCase().replace(/\s+/g, " ");
  if (key === "Ω" || key === "ω") return "Ω";
  return UNIT_ALIASES[key] ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Spoken numbers

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
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const FILLER_WORDS = new Set(["uh", "uhh", "uhm", "um", "umm", "er", "erm", "ah", "ahh", "hmm", "mm", "like"]);
const FILLER_PHRASES = /\b(?:you know|i mean|kind of|kinda|sort of|sorta)\b/g;

/** Returns the text lowercased with voice fillers ("uh", "um", "like", "you know") removed and spaces collapsed. */
export function removeFillers(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(FILLER_PHRASES, " ")
    .split(/(\s+)/)
    .filter((token) => !FILLER_WORDS.has(token.replace(/[,.;:!?]+$/, "")))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

type WordKind = "one" | "teen" | "tens" | "hundred" | "thousand" | "point" | "oh" | "a" | "and" | "half" | "digits";

function classify(word: string): { kind: WordKind; value: number } | null {
  if (word in ONES) return { kind: "one", value: ONES[word] ?? 0 };
  if (word in TEENS) return { kind: "teen", value: TEENS[word] ?? 0 };
  if (word in TENS) return { kind: "tens", value: TENS[word] ?? 0 };
  if (word === "hundred") return { kind: "hundred", value: 100 };
  if (word === "thousand") return { kind: "thousand", value: 1000 };
  if (word === "point") return { kind: "point", value: 0 };
  if (word === "oh") return { kind: "oh", value: 0 };
  if (word === "a") return { kind: "a", value: 0 };
  if (word === "and") return { kind: "and", value: 0 };
  if (word === "half") return { kind: "half", value: 0.5 };
  if (/^\d+$/.test(word)) return { kind: "digits", value: Number(word) };
  return null;
}

interface ParsedNumber {
  text: string;
  next: number;
}

/**
 * Reads one number starting at words[start]. Returns its digits and the index after it, or null when the words
 * there are not a number. Trades pairing: "two forty" = 240, "one eighteen" = 118, "one oh five" = 105.
 */
function readNumber(words: readonly string[], start: number): ParsedNumber | null {
  const kinds = words.map(classify);
  const at = (i: number) => kinds[i] ?? null;
  let i = start;
  let total = 0;
  let current = 0;
  let started = false;
  // What the last consumed word was, to decide whether the next one continues this number.
  let last: "none" | "one" | "teen" | "tens" | "hundred" | "thousand" | "pair" | "pairTens" | "digits" = "none";

  const first = at(i);
  if (first === null) return null;
  if (first.kind === "a") {
    const after = at(i + 1);
    if (after?.kind !== "hundred" && after?.kind !== "thousand") return null;
    i += 1;
  }

  while (i < words.length) {
    const w = at(i);
    if (w === null) break;
    if (w.kind === "one" || w.kind === "teen" || w.kind === "tens" || w.kind === "digits") {
      if (!started) {
        current = w.value;
        started = true;
        last = w.kind;
      } else if (w.kind === "one" && (last === "tens" || last === "pairTens") && current % 10 === 0) {
        current += w.value; // forty five, two thirty eight
        last = "one";
      } else if (last === "thousand" && w.kind !== "digits") {
        current = w.value; // two thousand five hundred
        last = w.kind;
      } else if (last === "hundred" && w.kind !== "digits") {
        current += w.value; // two hundred thirty
        last = w.kind === "tens" ? "tens" : "one";
      } else if ((last === "one" || last === "teen") && current < 20 && (w.kind === "tens" || w.kind === "teen")) {
        current = current * 100 + w.value; // two forty, one eighteen, twelve fifty
        last = w.kind === "tens" ? "pairTens" : "pair";
      } else {
        break;
      }
      i += 1;
      continue;
    }
    if (w.kind === "oh" && started && last === "one" && current < 10 && at(i + 1)?.kind === "one") {
      current = current * 100 + (at(i + 1)?.value ?? 0); // one oh five
      last = "pair";
      i += 2;
      continue;
    }
    if (w.kind === "hundred") {
      if (!started) {
        current = 100;
        started = true;
      } else if (current > 0 && current < 100 && last !== "pair" && last !== "pairTens") {
        current *= 100;
      } else break;
      last = "hundred";
      i += 1;
      continue;
    }
    if (w.kind === "thousand") {
      if (!started) current = 1;
      started = true;
      total += current * 1000;
      current = 0;
      last = "thousand";
      i += 1;
      continue;
    }
    if (w.kind === "and" && (last === "hundred" || last === "thousand")) {
      const after = at(i + 1);
      if (after && (after.kind === "one" || after.kind === "teen" || after.kind === "tens")) {
        i += 1;
        continue;
      }
    }
    break;
  }

  // "and a half"
  let half = false;
  if (started && at(i)?.kind === "and" && at(i + 1)?.kind === "a" && at(i + 2)?.kind === "half") {
    half = true;
    i += 3;
  }

  // Decimals: "point two", "three point five", "point oh five", "point twenty five"
  let decimals = "";
  if (!half && at(i)?.kind === "point") {
    let j = i + 1;
    let digits = "";
    while (j < words.length) {
      const w = at(j);
      if (w === null) break;
      if (w.kind === "one" || w.kind === "oh") digits += String(w.value);
      else if (w.kind === "digits") digits += words[j];
      else if (w.kind === "teen") digits += String(w.value);
      else if (w.kind === "tens") {
        const unit = at(j + 1);
        if (unit?.kind === "one" && unit.value > 0) {
          digits += String(w.value + unit.value);
          j += 1;
        } else digits += String(w.value);
      } else break;
      j += 1;
    }
    if (digits !== "") {
      decimals = digits;
      started = true;
      i = j;
    }
  }

  if (!started) return null;
  const whole = total + current;
  const text = half ? String(whole + 0.5) : decimals !== "" ? `${whole}.${decimals}` : String(whole);
  return { text, next: i };
}

/** Returns the number a run of spoken words stands for ("two thirty eight" → 238, "point two" → 0.2), or null. */
export function wordsToNumber(words: string): number | null {
  const list = removeFillers(words)
    .replace(/-/g, " ")
    .split(" ")
    .filter((w) => w !== "");
  const parsed = readNumber(list, 0);
  if (parsed === null || parsed.next !== list.length) return null;
  return Number(parsed.text);
}

/**
 * Returns the sentence lowercased, fillers removed and spoken numbers written as digits:
 * "uh two thirty eight volts" → "238 volts"; "forty five five capacitor" → "45 5 capacitor".
 */
export function normalizeSpokenNumbers(text: string): string {
  const cleaned = removeFillers(text).replace(/\b([a-z]+)-([a-z]+)\b/g, (match, a: string, b: string) =>
    classify(a) !== null && classify(b) !== null ? `${a} ${b}` : match,
  );
  // Split into words and separators; a number may only continue across plain spaces.
  const tokens = cleaned.split(/(\s+|[^a-z0-9'µμ°.]+|\.(?=\s|$))/).filter((t) => t !== "");
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] ?? "";
    const startsNumber = classify(token) !== null && token !== "and" && token !== "half" && token !== "oh";
    const isPlainDigits = /^\d+$/.test(token);
    if (startsNumber && !(isPlainDigits && tokens[i + 2] !== "point")) {
      // Collect the run of words separated only by single spaces.
      const words: string[] = [];
      const indexOf: number[] = [];
      let j = i;
      while (j < tokens.length) {
        const t = tokens[j] ?? "";
        if (/^\s+$/.test(t)) {
          j += 1;
          continue;
        }
        if (classify(t) === null) break;
        words.push(t);
        indexOf.push(j);
        j += 1;
      }
      let k = 0;
      let consumedUntil = i;
      const pieces: string[] = [];
      while (k < words.length) {
        const parsed = readNumber(words, k);
        if (parsed === null) {
          pieces.push(words[k] ?? "");
          k += 1;
        } else {
          pieces.push(parsed.text);
          k = parsed.next;
        }
        consumedUntil = (indexOf[k - 1] ?? i) + 1;
      }
      out.push(pieces.join(" "));
      i = consumedUntil;
      continue;
    }
    out.push(token);
    i += 1;
  }
  return out.join("").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Readings

const NUM = String.raw`(-?\d+(?:\.\d+)?|\.\d+)`;

interface UnitPattern {
  pattern: string;
  unit: Unit;
  quantity: Quantity;
  multiplier?: number;
}

// Longest first: "micro amps" must win over "amps", "k ohms" over "ohms".
const UNIT_PATTERNS: readonly UnitPattern[] = [
  { pattern: String.raw`micro[\s-]*farads?\b|mfds?\b|[µμu]\s?f\b|mf\b`, unit: "µF", quantity: "capacitance" },
  {
    pattern: String.raw`micro[\s-]*amp(?:ere)?s?\b|micros\b|micro\b|mic amps?\b|[µμu]\s?a\b`,
    unit: "µA",
    quantity: "flame_current",
  },
  { pattern: String.raw`caps?\b|capacitor\b`, unit: "µF", quantity: "capacitance" },
  {
    pattern: String.raw`(?:k|kilo)[\s-]*ohms?\b|kilohms?\b|k\s?[Ωω]`,
    unit: "Ω",
    quantity: "resistance",
    multiplier: 1000,
  },
  { pattern: String.raw`meg(?:a)?[\s-]*ohms?\b|megohms?\b`, unit: "Ω", quantity: "resistance", multiplier: 1_000_000 },
  { pattern: String.raw`ohms?\b|[Ωω]`, unit: "Ω", quantity: "resistance" },
  {
    pattern: String.raw`(?:inches|inch|in\.?|")\s*(?:of\s+)?(?:water\s*column|water|w\.?\s?c\.?|h2o)(?![a-z])|iwc\b|w\.c\.|wc\b`,
    unit: "in_wc",
    quantity: "water_column",
  },
  { pattern: String.raw`ppm\b|p\s?p\s?m\b|parts per million`, unit: "ppm", quantity: "concentration" },
  { pattern: String.raw`psig?\b|pounds?\b|lbs?\b`, unit: "psi", quantity: "pressure" },
  {
    pattern: String.raw`°\s?f?|degrees?(?:\s+(?:f|fahrenheit)\b)?|deg\b|fahrenheit\b|(?<=\d)f\b`,
    unit: "°F",
    quantity: "temperature",
  },
  { pattern: String.raw`volts?\b|vac\b|vdc\b|v\b`, unit: "V", quantity: "voltage" },
  { pattern: String.raw`amp(?:ere)?s?\b|amperage\b|(?<=\d)a\b`, unit: "A", quantity: "current" },
];

const CO_WORD = String.raw`(?:co(?![\w-])|c\.o\.|carbon\s*mon[oi]x+c?[ie]de?|mon[oi]x+c?[ie]de?)`;
const CO2_WORD = /\bco2\b|co₂|carbon dioxide/;
const FLUE_WORDS =
  /\bflue\b|\bstack\b|\bvent\b|air[\s-]?free|\bexhaust\b|chimney|draft hood|combustion analy[sz]er|\banaly[sz]er\b|\bprobe\b/;
const WATER_QUALITY_WORDS = /hardness|\btds\b|grains|chlorine|\biron\b|\bwater\b(?! heater)|sediment|softener/;

function prepareForReadings(text: string): string {
  return normalizeSpokenNumbers(text)
    .replace(/(\d),(\d{3})\b/g, "$1$2")
    .replace(/μ/g, "µ")
    .replace(/(\d{1,2}):(\d{2})(?=\s*(?:volts?|v\b|psi|amps?|degrees|ohms|ppm))/g, "$1$2");
}

function windowAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 60), start);
  const boundary = Math.max(before.lastIndexOf(". "), before.lastIndexOf("; "), before.lastIndexOf("? "));
  const after = text.slice(end, end + 40);
  const stop = after.search(/[.;?!](?:\s|$)/);
  return (
    (boundary >= 0 ? before.slice(boundary + 2) : before) +
    text.slice(start, end) +
    (stop >= 0 ? after.slice(0, stop) : after)
  );
}

function classifyPpm(text: string, start: number, end: number, coFirst: boolean): Pick<Reading, "quantity" | "where"> {
  const around = windowAround(text, start, end);
  const where: "ambient" | "flue" = FLUE_WORDS.test(around) ? "flue" : "ambient";
  const mentionsCo = coFirst || new RegExp(CO_WORD).test(around.replace(/\bco2\b/g, ""));
  if (mentionsCo) return { quantity: "carbon_monoxide", where };
  if (CO2_WORD.test(around)) return { quantity: "carbon_dioxide" };
  if (WATER_QUALITY_WORDS.test(around)) return { quantity: "concentration" };
  if (/\b(?:alarm|detector|monitor)\b/.test(around)) return { quantity: "carbon_monoxide", where };
  return { quantity: "concentration" };
}

const GAS_PRESSURE_CONTEXT = /\b(?:manifold|inlet|outlet|gas pressure|static|pressure|gas|wc|draft|draught)\b/;

/**
 * Returns every reading found in a dictated sentence, in spoken order:
 * "flame sensor reading point two micro amps" → [{ value: 0.2, unit: "µA", quantity: "flame_current", raw: "0.2 micro amps" }].
 * A dual capacitor ("45/5 mfd", "forty five five capacitor") gives two µF readings. Numbers without a unit are
 * skipped, except after "CO" ("co is at thirty five" → 35 ppm CO).
 */
export function parseReadings(text: string): Reading[] {
  const normalized = prepareForReadings(text);
  const found: Array<Reading & { index: number }> = [];
  let masked = normalized;
  const mask = (start: number, end: number) => {
    masked = masked.slice(0, start) + " ".repeat(end - start) + masked.slice(end);
  };

  // Dual run capacitors: 45/5, 45 and 5, 45 by 5, 45 5 capacitor.
  const dual = new RegExp(
    String.raw`(?<![\d.])${NUM}\s*(?:/|\bover\b|\bby\b|\band\b|\bslash\b|\s)\s*${NUM}\s*(?:micro[\s-]*farads?\b|mfds?\b|[µu]\s?f\b|mf\b|caps?\b|capacitor\b|dual\b)`,
    "g",
  );
  for (const m of normalized.matchAll(dual)) {
    const index = m.index ?? 0;
    const raw = m[0];
    // Dual run capacitors are always herm above fan (45/5, 70/7.5); anything else is two separate numbers.
    if (!(Number(m[2]) < Number(m[1]))) continue;
    found.push({ value: Number(m[1]), unit: "µF", quantity: "capacitance", raw, index });
    found.push({ value: Number(m[2]), unit: "µF", quantity: "capacitance", raw, index: index + 0.5 });
    mask(index, index + raw.length);
  }

  // CO first: "co is at 35 ppm", "carbon monoxide reading 200", "co detector reads 40".
  const between = String.raw`(?:\s+(?:is|was|at|of|reading|reads|read|readings|level|levels|are|were|showing|shows|showed|measured|measuring|ambient|around|about|in|the|house|home|room|basement|living|space|air|detector|detectors|alarm|monitor|meter|analyzer|analyser|now|still|up|to|peaked|peak|hit|hitting|right|got|gets|a|an|my|our|on|its|it's|air-free|free|flue|stack|supply|register|spiked|jumped|went|over|above|near|by|pegged|says|displaying)\b|\s*[:=])*`;
  const coFirst = new RegExp(
    String.raw`\b${CO_WORD}${between}\s*${NUM}(?![\d.])(?!\s*(?:volts?|v\b|amps?|psi|degrees?|°|ohms?|years?|yrs?|minutes?|min\b|hours?|days?|times?|seconds?|months?|weeks?|percent|%|inch|ft|feet|foot))(?:\s*(?:ppm\b|p\s?p\s?m\b|parts per million))?`,
    "g",
  );
  for (const m of masked.matchAll(coFirst)) {
    const index = m.index ?? 0;
    const raw = m[0];
    const numberText = m[1] ?? "0";
    const numberAt = index + raw.lastIndexOf(numberText);
    const { where } = classifyPpm(normalized, index, index + raw.length, true);
    found.push({
      value: Number(numberText),
      unit: "ppm",
      quantity: "carbon_monoxide",
      where: where ?? "ambient",
      raw: raw.trim(),
      index: numberAt,
    });
    mask(index, index + raw.length);
  }

  const units = UNIT_PATTERNS.map((u) => `(${u.pattern})`).join("|");
  const single = new RegExp(String.raw`(?<![\d.\w-])${NUM}\s*(?:${units})`, "g");
  for (const m of masked.matchAll(single)) {
    const index = m.index ?? 0;
    const groupAt = m.slice(2).findIndex((g) => g !== undefined);
    const pattern = UNIT_PATTERNS[groupAt];
    if (pattern === undefined) continue;
    const raw = m[0];
    const value = Number(m[1]) * (pattern.multiplier ?? 1);
    if (pattern.unit === "ppm") {
      found.push({ value, unit: "ppm", raw, index, ...classifyPpm(normalized, index, index + raw.length, false) });
      continue;
    }
    found.push({ value, unit: pattern.unit, quantity: pattern.quantity, raw, index });
  }

  // Bare "inches" is a pressure only when the sentence is about gas or static pressure: "3.5 inches on the manifold".
  const bareInches = new RegExp(
    String.raw`(?<![\d.\w-])${NUM}\s*(?:inches|inch|")(?!\s*(?:of\s+)?(?:water|w\.?c|h2o))`,
    "g",
  );
  for (const m of masked.matchAll(bareInches)) {
    const index = m.index ?? 0;
    if (found.some((r) => r.index === index)) continue;
    if (!GAS_PRESSURE_CONTEXT.test(windowAround(normalized, index, index + m[0].length))) continue;
    found.push({ value: Number(m[1]), unit: "in_wc", quantity: "water_column", raw: m[0], index });
  }

  return found.sort((a, b) => a.index - b.index).map(({ index: _index, ...reading }) => reading);
}

/** Plausible field ranges per unit; a value outside is a reading that does not reconcile (Field Engineer §10). */
export const PLAUSIBLE_RANGE: Readonly<Record<Unit, { min: number; max: number }>> = {
  V: { min: -600, max: 600 },
  A: { min: 0, max: 300 },
  µA: { min: 0, max: 30 },
  psi: { min: -15, max: 700 },
  "°F": { min: -60, max: 2000 },
  in_wc: { min: -30, max: 60 },
  µF: { min: 0, max: 1500 },
  Ω: { min: 0, max: Number.POSITIVE_INFINITY },
  ppm: { min: 0, max: 20000 },
};

/** Returns true when a reading is physically plausible for its unit in residential work. */
export function isPlausibleReading(reading: { value: number; unit: Unit }): boolean {
  const range = PLAUSIBLE_RANGE[reading.unit];
  return !Number.isNaN(reading.value) && reading.value >= range.min && reading.value <= range.max;
}
