// survey.savings_profile: the Savings Profile (Field Engineer §08) for a survey — an estimate in ranges, never a promise.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { ratesFor } from "./rates-data.ts";
import { climateZoneForState, SavingsInputError, savingsProfile } from "./savings.ts";
import { sizeHome } from "./sizing.ts";
import { factsOf, loadSurvey, ratesOf, recommendationOf, SURVEY_READ_ROLES } from "./survey-io.ts";
import { failure } from "../kernel/index.ts";

const Range = z.object({ low: z.number(), high: z.number() });

export const savingsProfileTool = defineTool({
  name: "survey.savings_profile",
  title: "Savings profile (estimate)",
  description:
    "Estimated annual heating savings of a proposed tier against a baseline stated in words (your current system; " +
    "repairing it, when a repair estimate exists; or a basic Good-tier replacement, for Better/Best). Every dollar " +
    "figure is a range with its assumptions; with no bills (basis tier) it carries the dated-rate footnote. Use it for " +
    "the value story at the close. It is an estimate, not a promise, and changes nothing. Bills in the energy profile " +
    "narrow the range and remove the footnote.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({
    surveyId: z.string().min(1),
    proposedTier: z.enum(["good", "better", "best"]).optional().describe("Defaults to the goal-driven lead tier"),
    baseline: z
      .enum(["current", "repair", "good_tier"])
      .optional()
      .describe("Defaults to the survey's chosen baseline"),
  }),
  output: z.object({
    tier: z.enum(["basis", "better", "best"]),
    tierLabel: z.string(),
    proposedTier: z.enum(["good", "better", "best"]),
    baseline: z.enum(["current", "repair", "good_tier"]),
    baselineLabel: z.string(),
    range: Range,
    annualCost: z.object({ baseline: Range, proposed: Range }),
    solarOffset: z.object({ kwhPerYear: z.number(), value: Range }).nullable(),
    paybackYears: z.object({ low: z.number(), high: z.number().nullable() }).nullable(),
    assumptions: z.array(z.object({ label: z.string(), value: z.string() })),
    footnote: z.string().nullable(),
    note: z.string(),
  }),
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000", proposedTier: "better" },
  async guard(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const rec = recommendationOf(survey.data, ctx.now);
    if (rec.savings.good === null) {
      return {
        refuse: failure(
          "invalid_input",
          "This survey has no heating system or heating fuel recorded, so there is nothing to compare. Record the " +
            "heating system (type and fuel) with survey.update_survey first.",
        ),
      };
    }
    return null;
  },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const facts = factsOf(survey.data);
    const rec = recommendationOf(survey.data, ctx.now);
    const proposedTier = input.proposedTier ?? rec.leadTier;
    const heatingCategory = rec.systems.some((s) => s.system === "heat_pump") ? "heat_pump" : "furnace_boiler";
    const heater = facts.systems.find((s) => s.type === "furnace" || s.type === "boiler");
    const fuel =
      facts.energy.heatingFuel ??
      (heater?.fuel === "natural_gas" || heater?.fuel === "propane" || heater?.fuel === "oil"
        ? heater.fuel
        : heater?.fuel === "electric"
          ? "electric_resistance"
          : "heat_pump");
    const base = {
      heatingBtu: sizeHome(facts.property).heatingBtu,
      climateZone: climateZoneForState(facts.property.state),
      current: { fuel, afue: heater?.afue ?? null },
      proposed: { category: heatingCategory, tier: proposedTier },
      // The business's installed snapshot (survey.refresh_rates), so every figure carries that snapshot's vintage.
      rates: ratesFor(
        {
          state: facts.property.state,
          electricUtility: facts.utilities?.electric ?? null,
          gasUtility: facts.utilities?.gas ?? null,
        },
        ratesOf(ctx),
      ),
      solar: facts.energy.solar,
      bills: facts.energy.bills.months,
      repairEstimate: facts.plan.repairEstimate,
      today: ctx.now,
    } as const;
    let profile: ReturnType<typeof savingsProfile>;
    let note =
      "An estimate in ranges, based on the assumptions listed; actual savings depend on weather, use and energy prices.";
    try {
      profile = savingsProfile({ ...base, baseline: input.baseline ?? facts.plan.baseline });
    } catch (error) {
      if (!(error instanceof SavingsInputError)) throw error;
      profile = savingsProfile({ ...base, baseline: "current" });
      note = `${error.message} Compared with your current system instead. ${note}`;
    }
    return { ...profile, proposedTier, footnote: profile.footnote ?? null, note };
  },
});
