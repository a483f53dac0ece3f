// Spoken numbers to digits for voice-to-text: "two thirty eight" → 238, "three oh three five five five" → 303555.
// Pure: no I/O, so it can be table-tested and reused by any pack's intents.

const ONES: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  o: 0,
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
const TEENS: Readonly<Record<string, number>> = {
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
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Words after which a lone "one" is a number ("at one", "P one"), not a pronoun ("the last one"). */
const ONE_AS_NUMBER_AFTER = new Set(["p", "at", "in", "proposal", "number", "around", "about", "by", "until"]);

function isNumberWord(word: string | undefined): boolean {
  return word !== undefined && (word in ONES || word in TEENS || word in TENS || word === "hundred");
}

/** "oh" and "o" count as zero only before another number word ("three oh three"), never alone ("oh ok"). */
function isZeroLetter(word: string): boolean {
  return word === "oh" || word === "o";
}

/** Reads one spoken chunk ("two hundred thirty eight", "forty two", "seven") at `start`. */
function readChunk(words: readonly string[], start: number): { value: number; length: number } | null {
  let i = start;
  let value = 0;
  let hundreds = false;
  const first = words[i];
  if (first !== undefined && first in ONES && !isZeroLetter(first) && words[i + 1] === "hundred") {
    value = (ONES[first] ?? 0) * 100;
    hundreds = true;
    i += 2;
    if (words[i] === "and" && isNumberWord(words[i + 1])) i += 1;
  }
  const word = words[i];
  if (word !== undefined && word in TEENS) return { value: value + (TEENS[word] ?? 0), length: i + 1 - start };
  if (word !== undefined && word in TENS) {
    value += TENS[word] ?? 0;
    i += 1;
    const next = words[i];
    if (next !== undefined && next in ONES && !isZeroLetter(next) && next !== "zero") {
      value += ONES[next] ?? 0;
      i += 1;
    }
    return { value, length: i - start };
  }
  if (word !== undefined && word in ONES && !hundreds) {
    if (isZeroLetter(word) && !isNumberWord(words[i + 1])) return null;
    return { value: ONES[word] ?? 0, length: 1 };
  }
  if (word !== undefined && word in ONES && hundreds && !isZeroLetter(word)) {
    return { value: value + (ONES[word] ?? 0), length: i + 1 - start };
  }
  return hundreds ? { value, length: i - start } : null;
}

function startsRun(words: readonly string[], i: number): boolean {
  const word = words[i];
  if (!isNumberWord(word) || word === "hundred") return false;
  if (word !== undefined && isZeroLetter(word)) return isNumberWord(words[i + 1]);
  if (word === "one" && !isNumberWord(words[i + 1])) return ONE_AS_NUMBER_AFTER.has(words[i - 1] ?? "");
  return true;
}

/**
 * Replaces runs of spoken number words with digits. Chunks concatenate the way people say numbers:
 * single digits spell a phone number ("three oh three" → 303), "two thirty eight" → 238, "ten thirty" → 1030,
 * "twenty twenty six" → 2026; "thousand" multiplies ("two thousand twenty six" → 2026).
 * Digit-by-digit dictation ("3 0 3 5 5 5") joins too.
 */
export function spokenNumbersToDigits(words: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    if (!startsRun(words, i)) {
      out.push(words[i] ?? "");
      i += 1;
      continue;
    }
    const chunks: number[] = [];
    let thousands = 0;
    while (i < words.length) {
      if (words[i] === "thousand" && chunks.length > 0) {
        thousands += (chunks.pop() ?? 0) * 1000;
        i += 1;
        continue;
      }
      const chunk = readChunk(words, i);
      if (!chunk) break;
      chunks.push(chunk.value);
      i += chunk.length;
    }
    if (thousands > 0) out.push(String(thousands + chunks.reduce((a, b) => a + b, 0)));
    else out.push(chunks.map(String).join(""));
  }
  return joinDictatedDigits(out);
}

/** Three or more single-digit tokens in a row are one dictated number ("3 0 3" → "303"). */
function joinDictatedDigits(words: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 3) out.push(run.join(""));
    else out.push(...run);
    run = [];
  };
  for (const word of words) {
    if (/^\d$/.test(word)) run.push(word);
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out;
}
