// Customer goals → recommendation framing (Field Engineer §08): which tier and story lead, for the same engineering.
// Pure: no I/O. Goals reorder emphasis; they never hide a tier or change sizing, tiers or flags.
import type { FlagCode } from "./flags.ts";
import { TIER_LEVELS, type TierLevel } from "./tiers.ts";

export const CUSTOMER_GOALS = [
  "lowest_upfront_cost",
  "best_value",
  "lower_bills",
  "comfort",
  "reliability",
  "environment",
  "direct_replacement",
  "best_available",
] as const;
export type CustomerGoal = (typeof CUSTOMER_GOALS)[number];

/** Field Engineer §08 "More": context for framing, never a tier choice. */
export type GoalContext = "staying_long_term" | "selling_soon";

export type Emphasis =
  | "financing"
  | "cheapest_path"
  | "lifetime_cost"
  | "savings_profile"
  | "efficiency_deltas"
  | "comfort_flags"
  | "end_of_life_flags"
  | "maintenance_plan"
  | "electrification"
  | "emissions"
  | "rebates"
  | "like_for_like"
  | "top_performance"
  | "upfront_cost";

export interface GoalFraming {
  goal: CustomerGoal;
  /** Field Engineer §08 goal table, "Recommendation leads with". */
  leadsWith: string;
  leadTier: TierLevel;
  emphasis: readonly Emphasis[];
  /** The flags this goal puts on top. */
  highlightFlags: readonly FlagCode[];
  suggestsHeatPump: boolean;
}

// Field Engineer §08 goal table. Where the seed names no tier, the Better tier leads (the balanced middle).
export const GOAL_FRAMING: Readonly<Record<CustomerGoal, GoalFraming>> = {
  lowest_upfront_cost: {
    goal: "lowest_upfront_cost",
    leadsWith: "Good tier + financing; cheapest path that solves it",
    leadTier: "good",
    emphasis: ["financing", "cheapest_path"],
    highlightFlags: [],
    suggestsHeatPump: false,
  },
  best_value: {
    goal: "best_value",
    leadsWith: "Better tier; lifetime cost + the Savings Profile",
    leadTier: "better",
    emphasis: ["lifetime_cost", "savings_profile"],
    highlightFlags: [],
    suggestsHeatPump: false,
  },
  lower_bills: {
    goal: "lower_bills",
    leadsWith: "Savings Profile front and center; efficiency deltas",
    leadTier: "better",
    emphasis: ["savings_profile", "efficiency_deltas"],
    highlightFlags: [],
    suggestsHeatPump: false,
  },
  comfort: {
    goal: "comfort",
    leadsWith: "Comfort flags (zoning, IAQ, two-stage/variable), not price",
    leadTier: "better",
    emphasis: ["comfort_flags"],
    highlightFlags: ["zoning_opportunity", "iaq_opportunity", "ductwork_replacement"],
    suggestsHeatPump: false,
  },
  reliability: {
    goal: "reliability",
    leadsWith: "End-of-life flags, reliability, maintenance plan",
    leadTier: "better",
    emphasis: ["end_of_life_flags", "maintenance_plan"],
    highlightFlags: ["end_of_life", "aging", "failed", "maintenance_agreement"],
    suggestsHeatPump: false,
  },
  environment: {
    goal: "environment",
    leadsWith: "Heat-pump / electrification + emissions story + rebates",
    leadTier: "better",
    emphasis: ["electrification", "emissions", "rebates"],
    highlightFlags: ["heat_pump_candidate", "panel_upgrade"],
    suggestsHeatPump: true,
  },
  direct_replacement: {
    goal: "direct_replacement",
    leadsWith: "Like-for-like match; minimal change & disruption",
    leadTier: "good",
    emphasis: ["like_for_like"],
    highlightFlags: [],
    suggestsHeatPump: false,
  },
  best_available: {
    goal: "best_available",
    leadsWith: "Best tier; top performance, budget not the constraint",
    leadTier: "best",
    emphasis: ["top_performance"],
    highlightFlags: [],
    suggestsHeatPump: false,
  },
};

const CONTEXT_EMPHASIS: Readonly<Record<GoalContext, Emphasis>> = {
  staying_long_term: "lifetime_cost",
  selling_soon: "upfront_cost",
};

export interface FramingInput {
  goals: readonly CustomerGoal[];
  /** Exactly one primary goal drives which tier and story lead; null when none was chosen. */
  primaryGoal: CustomerGoal | null;
  context?: readonly GoalContext[];
}

export interface FramedTier {
  level: TierLevel;
  isLead: boolean;
}

export interface RecommendationFraming {
  primaryGoal: CustomerGoal | null;
  leadTier: TierLevel;
  leadsWith: string;
  /** Always all three tiers in Good → Better → Best order, the lead one marked. */
  tiers: FramedTier[];
  /** Primary goal's emphasis first, then the other goals', then context; no repeats. */
  emphasis: Emphasis[];
  highlightFlags: FlagCode[];
  suggestsHeatPump: boolean;
}

const NO_GOAL_LEAD: TierLevel = "better";

/** Which tier and story lead for the customer's goals; every tier stays on the page. */
export function framingFor(input: FramingInput): RecommendationFraming {
  const ordered = [
    ...(input.primaryGoal ? [input.primaryGoal] : []),
    ...input.goals.filter((goal) => goal !== input.primaryGoal),
  ].map((goal) => GOAL_FRAMING[goal]);
  const primary = input.primaryGoal ? GOAL_FRAMING[input.primaryGoal] : null;
  const leadTier = primary?.leadTier ?? NO_GOAL_LEAD;

  const emphasis = new Set<Emphasis>(ordered.flatMap((framing) => framing.emphasis));
  for (const context of input.context ?? []) emphasis.add(CONTEXT_EMPHASIS[context]);

  return {
    primaryGoal: input.primaryGoal,
    leadTier,
    leadsWith: primary?.leadsWith ?? "Better tier; no goal was chosen, so every tier is shown evenly",
    tiers: TIER_LEVELS.map((level) => ({ level, isLead: level === leadTier })),
    emphasis: [...emphasis],
    highlightFlags: [...new Set(ordered.flatMap((framing) => framing.highlightFlags))],
    suggestsHeatPump: ordered.some((framing) => framing.suggestsHeatPump),
  };
}
