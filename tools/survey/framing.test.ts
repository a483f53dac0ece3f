// Field Engineer §08 goals → framing: goals pick the lead tier and story; no tier is ever hidden.
import { describe, expect, it } from "vitest";
import { CUSTOMER_GOALS, framingFor } from "./framing.ts";

describe("framingFor", () => {
  it.each([
    { goal: "lowest_upfront_cost", lead: "good", first: "financing" },
    { goal: "best_value", lead: "better", first: "lifetime_cost" },
    { goal: "lower_bills", lead: "better", first: "savings_profile" },
    { goal: "comfort", lead: "better", first: "comfort_flags" },
    { goal: "reliability", lead: "better", first: "end_of_life_flags" },
    { goal: "environment", lead: "better", first: "electrification" },
    { goal: "direct_replacement", lead: "good", first: "like_for_like" },
    { goal: "best_available", lead: "best", first: "top_performance" },
  ] as const)(
    "a customer whose primary goal is $goal sees the $lead tier lead with $first",
    ({ goal, lead, first }) => {
      const framing = framingFor({ goals: [goal], primaryGoal: goal });
      expect(framing.leadTier).toBe(lead);
      expect(framing.emphasis[0]).toBe(first);
    },
  );

  it.each(CUSTOMER_GOALS)("with %s as the goal, all three tiers stay on the page", (goal) => {
    const framing = framingFor({ goals: [goal], primaryGoal: goal });
    expect(framing.tiers.map((tier) => tier.level)).toEqual(["good", "better", "best"]);
    expect(framing.tiers.filter((tier) => tier.isLead)).toHaveLength(1);
  });

  it("the seed's lower-bills + comfort customer leads with savings, then comfort flags", () => {
    const framing = framingFor({ goals: ["lower_bills", "comfort"], primaryGoal: "lower_bills" });
    expect(framing.leadsWith).toBe("Savings Profile front and center; efficiency deltas");
    expect(framing.emphasis).toEqual(["savings_profile", "efficiency_deltas", "comfort_flags"]);
    expect(framing.highlightFlags).toEqual(["zoning_opportunity", "iaq_opportunity", "ductwork_replacement"]);
  });

  it("the primary goal decides the lead even when listed last", () => {
    const framing = framingFor({
      goals: ["best_available", "lowest_upfront_cost"],
      primaryGoal: "lowest_upfront_cost",
    });
    expect(framing.leadTier).toBe("good");
    expect(framing.emphasis.slice(0, 2)).toEqual(["financing", "cheapest_path"]);
    expect(framing.emphasis).toContain("top_performance");
  });

  it("an environmental goal anywhere in the list brings up the heat-pump story", () => {
    expect(framingFor({ goals: ["reliability", "environment"], primaryGoal: "reliability" }).suggestsHeatPump).toBe(
      true,
    );
    expect(framingFor({ goals: ["reliability"], primaryGoal: "reliability" }).suggestsHeatPump).toBe(false);
  });

  it("context adds emphasis without changing the lead tier", () => {
    const framing = framingFor({ goals: ["best_available"], primaryGoal: "best_available", context: ["selling_soon"] });
    expect(framing.leadTier).toBe("best");
    expect(framing.emphasis).toEqual(["top_performance", "upfront_cost"]);
  });

  it("with no goal chosen, Better leads and every tier is shown", () => {
    const framing = framingFor({ goals: [], primaryGoal: null });
    expect(framing.leadTier).toBe("better");
    expect(framing.tiers).toEqual([
      { level: "good", isLead: false },
      { level: "better", isLead: true },
      { level: "best", isLead: false },
    ]);
  });
});
