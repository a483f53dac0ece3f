// Good / Better / Best reference table (Field Engineer §08): the fixed tiers every survey recommends from.
// Pure data and lookups: no I/O, no imports. Goals may change which tier leads, never what a tier is.

export const TIER_LEVELS = ["good", "better", "best"] as const;
export type TierLevel = (typeof TIER_LEVELS)[number];

export const SYSTEM_CATEGORIES = ["cooling", "furnace_boiler", "heat_pump"] as const;
export type SystemCategory = (typeof SYSTEM_CATEGORIES)[number];

export type Staging = "single_stage" | "two_stage" | "inverter" | "modulating";

export interface TierSpec {
  category: SystemCategory;
  level: TierLevel;
  /** The seed's own wording, shown on the proposal's Good/Better/Best columns. */
  label: string;
  /** Cooling efficiency (BTU per watt-hour); the table's minimum where it says "18+". */
  seer2: number | null;
  /** Heating efficiency of a fuel-burning unit as a fraction: 0.96 means 96% AFUE. */
  afue: number | null;
  /** Heat-pump heating efficiency (BTU per watt-hour, seasonal); the table's minimum where it says "10+". */
  hspf2: number | null;
  staging: Staging | null;
  coldClimate: boolean;
}

function tier(category: SystemCategory, level: TierLevel, label: string, rest: Partial<TierSpec>): TierSpec {
  return { category, level, label, seer2: null, afue: null, hspf2: null, staging: null, coldClimate: false, ...rest };
}

// Field Engineer §08 Good / Better / Best table, verbatim labels.
export const TIER_TABLE: Readonly<Record<SystemCategory, Readonly<Record<TierLevel, TierSpec>>>> = {
  cooling: {
    good: tier("cooling", "good", "14.3 SEER2 single-stage", { seer2: 14.3, staging: "single_stage" }),
    better: tier("cooling", "better", "16 SEER2 two-stage", { seer2: 16, staging: "two_stage" }),
    best: tier("cooling", "best", "18+ SEER2 inverter", { seer2: 18, staging: "inverter" }),
  },
  furnace_boiler: {
    good: tier("furnace_boiler", "good", "80% AFUE", { afue: 0.8 }),
    better: tier("furnace_boiler", "better", "96% AFUE", { afue: 0.96 }),
    best: tier("furnace_boiler", "best", "98% AFUE modulating", { afue: 0.98, staging: "modulating" }),
  },
  heat_pump: {
    good: tier("heat_pump", "good", "15 SEER2 / 8.1 HSPF2", { seer2: 15, hspf2: 8.1 }),
    better: tier("heat_pump", "better", "17 SEER2 / 9 HSPF2", { seer2: 17, hspf2: 9 }),
    best: tier("heat_pump", "best", "19+ SEER2 / 10+ HSPF2 cold-climate", {
      seer2: 19,
      hspf2: 10,
      staging: "inverter",
      coldClimate: true,
    }),
  },
};

/** All three tiers of a system category, always in Good → Better → Best order. */
export function tiersFor(category: SystemCategory): readonly [TierSpec, TierSpec, TierSpec] {
  const row = TIER_TABLE[category];
  return [row.good, row.better, row.best];
}

export function tierSpec(category: SystemCategory, level: TierLevel): TierSpec {
  return TIER_TABLE[category][level];
}

export type EquipmentType = "furnace" | "ac" | "heat_pump" | "boiler" | "water_heater" | "minisplit" | "other";

/** The tier category that replaces a piece of installed equipment; null when the table has no row for it. */
export function categoryForEquipment(type: EquipmentType): SystemCategory | null {
  switch (type) {
    case "ac":
      return "cooling";
    case "furnace":
    case "boiler":
      return "furnace_boiler";
    case "heat_pump":
    case "minisplit":
      return "heat_pump";
    default:
      return null;
  }
}
