// Utility reference list for the demo region "CO" (Field Engineer §06 `utility`): invented names, never real companies.
// Pure data and lookups: no I/O. A match is a suggestion for the confirmation gate; it never auto-confirms.

export type UtilityKind = "electric" | "gas";
export type UtilityConfidence = "high" | "medium" | "low";

export const DEMO_ELECTRIC_UTILITIES = [
  "Demo Valley Power & Light",
  "Foothills Rural Electric (demo)",
  "High Prairie Electric Cooperative (demo)",
  "Western Slope Power District (demo)",
] as const;

export const DEMO_GAS_UTILITIES = [
  "Front Range Gas Cooperative (demo)",
  "Prairie Sky Gas Company (demo)",
  "Canyon Country Gas (demo)",
] as const;

/** Field Engineer §06: editing is a pick-from-list; this entry lets the rep name a provider off the list. */
export const OTHER_UTILITY_CHOICE = "Other…";

interface ServiceArea {
  name: string;
  /** First three digits of the ZIP codes the area covers. */
  zipPrefixes: readonly string[];
  electric: string;
  gas: string;
}

const DEMO_SERVICE_AREAS: readonly ServiceArea[] = [
  {
    name: "North Front Range",
    zipPrefixes: ["800", "801", "802", "803", "804", "805", "806"],
    electric: "Demo Valley Power & Light",
    gas: "Front Range Gas Cooperative (demo)",
  },
  {
    name: "South Front Range & plains",
    zipPrefixes: ["807", "808", "809", "810"],
    electric: "High Prairie Electric Cooperative (demo)",
    gas: "Prairie Sky Gas Company (demo)",
  },
  {
    name: "Mountains & Western Slope",
    zipPrefixes: ["811", "812", "813", "814", "815", "816"],
    electric: "Western Slope Power District (demo)",
    gas: "Canyon Country Gas (demo)",
  },
];

export interface UtilitySuggestion {
  name: string | null;
  confidence: UtilityConfidence;
  sourceUrl: string | null;
  /** Other plausible providers for the area, for the pick-from-list edit. */
  alternatives: string[];
}

export interface UtilityCandidates {
  electric: UtilitySuggestion;
  gas: UtilitySuggestion;
}

function suggestion(name: string | null, all: readonly string[]): UtilitySuggestion {
  return {
    name,
    // Reference-list matches by ZIP are a reasonable guess, not a verified lookup.
    confidence: name === null ? "low" : "medium",
    sourceUrl: null,
    alternatives: all.filter((candidate) => candidate !== name),
  };
}

/** Suggested distribution utilities for an address in the demo region; names are null (low) when the ZIP is unknown. */
export function utilityCandidatesFor(address: { state: string; zip: string | null }): UtilityCandidates {
  if (address.state.trim().toUpperCase() !== "CO") {
    return { electric: suggestion(null, []), gas: suggestion(null, []) };
  }
  const prefix = (address.zip ?? "").trim().slice(0, 3);
  const area = DEMO_SERVICE_AREAS.find((candidate) => candidate.zipPrefixes.includes(prefix));
  return {
    electric: suggestion(area?.electric ?? null, DEMO_ELECTRIC_UTILITIES),
    gas: suggestion(area?.gas ?? null, DEMO_GAS_UTILITIES),
  };
}

/** The pick list shown when a rep edits a suggestion: the suggestion, its alternatives, then "Other…". */
export function utilityPickList(found: UtilitySuggestion): string[] {
  const names = found.name === null ? found.alternatives : [found.name, ...found.alternatives];
  return [...names, OTHER_UTILITY_CHOICE];
}
