// Voice-to-text tolerance: lower case, no punctuation, fillers removed, spoken numbers as digits.
// Pure; the offline intents match against `text` and keep `raw` for what a person wrote word for word.
import { spokenNumbersToDigits } from "./numbers.ts";

export interface Utterance {
  /** Exactly what arrived. */
  raw: string;
  /** Lower case, contractions expanded, punctuation and fillers removed, numbers as digits, single spaces. */
  text: string;
  words: string[];
}

const CONTRACTIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bwhat's\b/g, "what is"],
  [/\bwho's\b/g, "who is"],
  [/\bthat's\b/g, "that is"],
  [/\bit's\b/g, "it is"],
  [/\bthere's\b/g, "there is"],
  [/\bhow's\b/g, "how is"],
  [/\blet's\b/g, "let us"],
  [/\bi'm\b/g, "i am"],
  [/\bi'd\b/g, "i would"],
  [/\bi've\b/g, "i have"],
  [/\bwe've\b/g, "we have"],
  [/\b(\w+)n't\b/g, "$1 not"],
  [/\b(\w+)'ll\b/g, "$1 will"],
  [/\b(\w+)'re\b/g, "$1 are"],
  // Possessive: "rivera's phone" → "rivera phone".
  [/\b(\w+)'s\b/g, "$1"],
];

/** Multi-word fillers first, so "ok so" goes before "so" could be read on its own. */
const FILLER_PHRASES: readonly string[] = ["you know", "i mean", "ok so", "okay so", "so uh", "so um", "kind of like"];
const FILLER_WORDS = new Set(["uh", "uhh", "um", "umm", "uhm", "er", "erm", "ah", "ahh", "hmm", "mm", "mhm"]);
/** "like" is a filler unless it follows a word that makes it a verb or comparison ("would like", "looks like"). */
const LIKE_KEEPERS = new Set([
  "would",
  "i",
  "we",
  "you",
  "they",
  "he",
  "she",
  "it",
  "looks",
  "look",
  "feels",
  "feel",
  "sounds",
  "seems",
  "just",
  "not",
  "really",
  "also",
]);

/** Strips the fillers people say out loud; keeps the rest of the words as they were. */
export function withoutFillers(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (FILLER_WORDS.has(word)) continue;
    if (word === "like" && !LIKE_KEEPERS.has(out.at(-1) ?? "")) continue;
    out.push(word);
  }
  return out;
}

function tokens(raw: string): string[] {
  let text = raw.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
  // Keep emails and ids whole; everything else that is not a letter or digit separates words.
  const found = text.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|[a-z0-9_]+/g) ?? [];
  return found;
}

function dropPhrases(words: string[]): string[] {
  let joined = ` ${words.join(" ")} `;
  for (const phrase of FILLER_PHRASES) joined = joined.split(` ${phrase} `).join(" ");
  // "ok"/"okay"/"so" only as an opener: "ok pull up rivera".
  joined = joined.replace(/^ (?:(?:ok|okay|so|alright|all right|hey|hi|please)\s+)+/, " ");
  return joined.trim().split(/\s+/).filter(Boolean);
}

export function normalize(raw: string): Utterance {
  const words = spokenNumbersToDigits(dropPhrases(withoutFillers(tokens(raw))));
  return { raw, text: words.join(" "), words };
}
