// Utility confirmation gate (Field Engineer §06): resolve a person's pick-from-list choice and tell whether it passed.
// Pure: no I/O. The gate never auto-passes: only an explicit, valid confirmation counts, whatever the confidence.
import {
  DEMO_ELECTRIC_UTILITIES,
  DEMO_GAS_UTILITIES,
  OTHER_UTILITY_CHOICE,
  type UtilityKind,
  type UtilitySuggestion,
  utilityPickList,
} from "./utilities-data.ts";

/** A home without gas service confirms that, from the list, rather than typing it. */
export const NO_GAS_SERVICE = "No gas service";

/** The normalized names "Other…" may name: known providers only, never free text. */
export const KNOWN_UTILITIES: Readonly<Record<UtilityKind, readonly string[]>> = {
  electric: DEMO_ELECTRIC_UTILITIES,
  gas: [...DEMO_GAS_UTILITIES, NO_GAS_SERVICE],
};

export interface UtilityPick {
  choice: string;
  otherName?: string | undefined;
}

export type ResolvedPick = { ok: true; name: string | null; label: string } | { ok: false; reason: string };

/** The provider a pick stands for: one of the suggestion's pick list, or "Other…" with a known name. */
export function resolveUtilityPick(kind: UtilityKind, found: UtilitySuggestion, pick: UtilityPick): ResolvedPick {
  const list = utilityPickList(found);
  if (pick.choice === OTHER_UTILITY_CHOICE) {
    const known = KNOWN_UTILITIES[kind];
    if (!pick.otherName || !known.includes(pick.otherName)) {
      return {
        ok: false,
        reason: `"${OTHER_UTILITY_CHOICE}" for ${kind} must name a known provider: ${known.join("; ")}.`,
      };
    }
    return { ok: true, name: pick.otherName === NO_GAS_SERVICE ? null : pick.otherName, label: pick.otherName };
  }
  if (!list.includes(pick.choice)) {
    return { ok: false, reason: `"${pick.choice}" is not on the ${kind} list for this address: ${list.join("; ")}.` };
  }
  return { ok: true, name: pick.choice, label: pick.choice };
}

function comparable(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(demo\)/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The known, normalized provider a researched name stands for (Field Engineer §06: the chosen provider stays on a
 * known name), or null when it is not on the list. A model's spelling never becomes a new provider.
 */
export function knownUtilityFor(kind: UtilityKind, researched: string | null): string | null {
  if (researched === null) return null;
  const wanted = comparable(researched);
  if (wanted.length < 4) return null;
  const known = KNOWN_UTILITIES[kind];
  return (
    known.find((name) => comparable(name) === wanted) ??
    known.find((name) => {
      const candidate = comparable(name);
      return candidate.length >= 4 && (candidate.includes(wanted) || wanted.includes(candidate));
    }) ??
    null
  );
}
