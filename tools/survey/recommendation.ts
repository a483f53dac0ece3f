// The survey's recommendation (Field Engineer §08): sizing, systems to propose, Good/Better/Best, flags, framing,
// rebates and savings per tier, derived from the survey facts. Pure: no I/O; `today` is passed in. Never prices a job.
import { type ComfortConcern, type Flag, flagHome, flagSystem, type AddOn, type SurveyedSystem } from "./flags.ts";
import { type CustomerGoal, framingFor, type GoalContext, type RecommendationFraming } from "./framing.ts";
import { BUNDLED_RATES_SNAPSHOT, type RatesSnapshot, ratesFor } from "./rates-data.ts";
import { type RebateEquipment, rebatesFor } from "./rebates-data.ts";
import {
  type BillMonth,
  type ComparisonBaseline,
  type CurrentHeating,
  climateZoneForState,
  type HeatingFuel,
  SavingsInputError,
  savingsProfile,
} from "./savings.ts";
import { type SizingEstimate, sizeHome } from "./sizing.ts";
import { type EquipmentType, type SystemCategory, TIER_LEVELS, type TierLevel, tierSpec } from "./tiers.ts";

export type ProposedSystem = "furnace" | "boiler" | "ac" | "heat_pump";

export interface SurveyFacts {
  property: { state: string; zip: string; sqft: number | null; yearBuilt: number | null };
  systems: readonly (SurveyedSystem & { tonnage: number | null; refrigerant: string | null; afue: number | null })[];
  site: {
    access: "easy" | "moderate" | "tight" | null;
    equipmentLocation: string | null;
    ductwork: "good" | "fair" | "poor" | null;
    lineSet: "reuse" | "replace" | "unknown" | null;
    panel: "100A" | "125A" | "150A" | "200A" | "200A+" | null;
    hasOpenBreakerSpaces: boolean | null;
    special: readonly ("finished_basement" | "crawlspace" | "attic")[];
  };
  needs: { concerns: readonly ComfortConcern[] };
  goals: readonly CustomerGoal[];
  primaryGoal: CustomerGoal | null;
  goalContext: readonly GoalContext[];
  energy: {
    heatingFuel: HeatingFuel | null;
    solar: { present: boolean; sizeKwDc: number | null } | null;
    bills: { months: readonly BillMonth[] };
  };
  plan: {
    systems: readonly ProposedSystem[] | null;
    addOns: readonly AddOn[] | null;
    baseline: ComparisonBaseline;
    repairEstimate: number | null;
  };
  /** The confirmed utilities; null until the confirmation gate is passed. */
  utilities: { electric: string | null; gas: string | null } | null;
}

export interface SavingsSummary {
  tier: "basis" | "better" | "best";
  tierLabel: string;
  baseline: ComparisonBaseline;
  baselineLabel: string;
  range: { low: number; high: number };
  assumptions: { label: string; value: string }[];
  footnote: string | null;
}

interface RebateLine {
  id: string;
  name: string;
  level: "federal" | "state" | "utility";
  amount: number;
  amountLabel: string;
  source: string;
}

export interface Recommendation {
  computedAt: string;
  sizing: SizingEstimate;
  systems: {
    system: ProposedSystem;
    category: SystemCategory;
    replacesIndex: number | null;
    existing: { fuel: string | null; refrigerant: string | null; ageYears: number | null } | null;
  }[];
  tiers: { level: TierLevel; isLead: boolean; labels: { system: ProposedSystem; label: string }[] }[];
  leadTier: TierLevel;
  leadsWith: string;
  primaryGoal: CustomerGoal | null;
  flags: (Flag & { systemIndex: number | null })[];
  addOns: AddOn[];
  rebates: Record<TierLevel, { programs: RebateLine[]; estimatedTotal: number }>;
  savings: Record<TierLevel, SavingsSummary | null>;
  estimate: {
    property: { sqft: number | null; yearBuilt: number | null; region: string | null };
    site: {
      access: "easy" | "moderate" | "tight" | null;
      equipmentLocation: string | null;
      ductwork: string | null;
      lineSet: "reuse" | "new" | "unknown";
    };
    special: ("finished_basement" | "crawlspace" | "attic")[];
  };
  framing: RecommendationFraming;
}

const PROPOSED_FOR: Partial<Record<EquipmentType, ProposedSystem>> = {
  furnace: "furnace",
  boiler: "boiler",
  ac: "ac",
  heat_pump: "heat_pump",
  minisplit: "heat_pump",
};

export const CATEGORY_OF: Readonly<Record<ProposedSystem, SystemCategory>> = {
  furnace: "furnace_boiler",
  boiler: "furnace_boiler",
  ac: "cooling",
  heat_pump: "heat_pump",
};

const REBATE_EQUIPMENT: Readonly<Record<ProposedSystem, RebateEquipment>> = {
  furnace: "furnace",
  boiler: "boiler",
  ac: "ac",
  heat_pump: "heat_pump",
};

/** Like for like from the surveyed systems unless the rep chose systems; a home with none gets furnace + AC. */
export function proposedSystemsFor(facts: Pick<SurveyFacts, "systems" | "plan" | "energy">): ProposedSystem[] {
  if (facts.plan.systems && facts.plan.systems.length > 0) return [...new Set(facts.plan.systems)];
  const fromSurvey = facts.systems.flatMap((s) => {
    const proposed = PROPOSED_FOR[s.type];
    return proposed ? [proposed] : [];
  });
  if (fromSurvey.length > 0) return [...new Set(fromSurvey)];
  const electric = facts.energy.heatingFuel === "heat_pump" || facts.energy.heatingFuel === "electric_resistance";
  return electric ? ["heat_pump"] : ["furnace", "ac"];
}

function replacedIndex(facts: SurveyFacts, system: ProposedSystem): number | null {
  const same = facts.systems.findIndex((s) => PROPOSED_FOR[s.type] === system);
  if (same >= 0) return same;
  // A heat pump conversion replaces the furnace (and the AC it also takes over).
  if (system === "heat_pump") {
    const furnace = facts.systems.findIndex((s) => s.type === "furnace" || s.type === "ac");
    if (furnace >= 0) return furnace;
  }
  return null;
}

function currentHeating(facts: SurveyFacts): CurrentHeating | null {
  const heater = facts.systems.find((s) => s.type === "furnace" || s.type === "boiler");
  const heatPump = facts.systems.find((s) => s.type === "heat_pump" || s.type === "minisplit");
  let fuel: HeatingFuel | null = facts.energy.heatingFuel;
  if (fuel === null && heater) {
    if (heater.fuel === "natural_gas" || heater.fuel === "propane" || heater.fuel === "oil") fuel = heater.fuel;
    else if (heater.fuel === "electric") fuel = "electric_resistance";
  }
  if (fuel === null && heatPump) fuel = "heat_pump";
  if (fuel === null) return null;
  return { fuel, afue: heater?.afue ?? null };
}

/** Sizing, systems, tiers, flags, framing, rebates and savings for a survey, as one snapshot. */
/** `rates` is the business's installed energy-rates snapshot (the bundled one by default). */
export function recommend(
  facts: SurveyFacts,
  today: Date,
  rates: RatesSnapshot = BUNDLED_RATES_SNAPSHOT,
): Recommendation {
  const installed = facts.systems.find((s) => s.type === "ac" || s.type === "heat_pump");
  const sizing = sizeHome({
    sqft: facts.property.sqft,
    yearBuilt: facts.property.yearBuilt,
    installedTons: installed?.tonnage ?? null,
  });
  const framing = framingFor({ goals: facts.goals, primaryGoal: facts.primaryGoal, context: facts.goalContext });
  const proposed = proposedSystemsFor(facts);
  const systems = proposed.map((system) => {
    const index = replacedIndex(facts, system);
    const replaced = index === null ? undefined : facts.systems[index];
    return {
      system,
      category: CATEGORY_OF[system],
      replacesIndex: index,
      existing: replaced
        ? { fuel: replaced.fuel, refrigerant: replaced.refrigerant, ageYears: replaced.ageYears }
        : null,
    };
  });

  const systemFlags = facts.systems.flatMap((s, systemIndex) =>
    flagSystem(s).map((flag) => ({ ...flag, systemIndex })),
  );
  const heatPumpRecommended =
    proposed.includes("heat_pump") ||
    (framing.suggestsHeatPump && systemFlags.some((flag) => flag.code === "heat_pump_candidate"));
  const homeFlags = flagHome({
    heatPumpRecommended,
    panel: facts.site.panel,
    hasOpenBreakerSpaces: facts.site.hasOpenBreakerSpaces,
    ductwork: facts.site.ductwork,
    lineSet: facts.site.lineSet,
    concerns: facts.needs.concerns,
  }).map((flag) => ({ ...flag, systemIndex: null }));
  const flags = [...systemFlags, ...homeFlags];
  const scopeAddOns = homeFlags.flatMap((flag) => (flag.kind === "scope_item" && flag.addOn ? [flag.addOn] : []));
  const addOns = [...new Set(facts.plan.addOns ?? scopeAddOns)];

  const tiers = TIER_LEVELS.map((level) => ({
    level,
    isLead: level === framing.leadTier,
    labels: systems.map((s) => ({ system: s.system, label: tierSpec(s.category, level).label })),
  }));

  const equipment: RebateEquipment[] = proposed.map((s) => REBATE_EQUIPMENT[s]);
  if (addOns.includes("panel_upgrade")) equipment.push("panel_upgrade");
  const utilities = facts.utilities ?? { electric: null, gas: null };
  const rebatesOf = (tier: TierLevel) => {
    const found = rebatesFor({ state: facts.property.state, utilities, equipment, tier });
    return {
      programs: found.programs.map((p) => ({
        id: p.id,
        name: p.name,
        level: p.level,
        amount: p.amount,
        amountLabel: p.amountLabel,
        source: p.source,
      })),
      estimatedTotal: found.estimatedTotal,
    };
  };

  const current = currentHeating(facts);
  const heatingCategory = proposed.includes("heat_pump")
    ? "heat_pump"
    : proposed.some((s) => s === "furnace" || s === "boiler")
      ? "furnace_boiler"
      : null;
  const energyRates = ratesFor(
    { state: facts.property.state, electricUtility: utilities.electric, gasUtility: utilities.gas },
    rates,
  );
  const savingsOf = (tier: TierLevel): SavingsSummary | null => {
    if (!current || !heatingCategory) return null;
    const base = {
      heatingBtu: sizing.heatingBtu,
      climateZone: climateZoneForState(facts.property.state),
      current,
      proposed: { category: heatingCategory, tier },
      rates: energyRates,
      solar: facts.energy.solar,
      bills: facts.energy.bills.months,
      repairEstimate: facts.plan.repairEstimate,
      today,
    } as const;
    let profile: ReturnType<typeof savingsProfile>;
    try {
      profile = savingsProfile({ ...base, baseline: facts.plan.baseline });
    } catch (error) {
      // Field Engineer §08: a baseline that does not apply to this tier falls back to the current system.
      if (!(error instanceof SavingsInputError)) throw error;
      profile = savingsProfile({ ...base, baseline: "current" });
    }
    return {
      tier: profile.tier,
      tierLabel: profile.tierLabel,
      baseline: profile.baseline,
      baselineLabel: profile.baselineLabel,
      range: profile.range,
      assumptions: profile.assumptions,
      footnote: profile.footnote ?? null,
    };
  };

  const lineSet = facts.site.lineSet === "replace" ? "new" : facts.site.lineSet === "reuse" ? "reuse" : "unknown";
  return {
    computedAt: today.toISOString(),
    sizing,
    systems,
    tiers,
    leadTier: framing.leadTier,
    leadsWith: framing.leadsWith,
    primaryGoal: framing.primaryGoal,
    flags,
    addOns,
    rebates: { good: rebatesOf("good"), better: rebatesOf("better"), best: rebatesOf("best") },
    savings: { good: savingsOf("good"), better: savingsOf("better"), best: savingsOf("best") },
    estimate: {
      property: { sqft: facts.property.sqft, yearBuilt: facts.property.yearBuilt, region: facts.property.state },
      site: {
        access: facts.site.access,
        equipmentLocation: facts.site.equipmentLocation,
        ductwork: facts.site.ductwork,
        lineSet,
      },
      special: [...facts.site.special],
    },
    framing,
  };
}
