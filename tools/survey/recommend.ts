// survey.recommend: Good/Better/Best for the surveyed systems, per-system and whole-home flags, and goal framing.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { loadSurvey, recommendationOf, SURVEY_READ_ROLES } from "./survey-io.ts";
import { tiersFor } from "./tiers.ts";

const FlagOut = z.object({
  code: z.string(),
  kind: z.string(),
  message: z.string(),
  addOn: z.string().nullable(),
  systemIndex: z.number().int().nullable(),
});

export const recommendTool = defineTool({
  name: "survey.recommend",
  title: "Recommend tiers and flags",
  description:
    "For a survey: the sizing cross-check, the systems to propose, all three Good/Better/Best tiers for each (the " +
    "lead tier marked by the customer's primary goal), per-system flags (end-of-life 15+, aging 12–14, failed, " +
    "heat-pump candidate), whole-home scope items and opportunities (panel upgrade, ductwork, line set, IAQ, zoning, " +
    "maintenance agreement) and the goal framing. Works offline. Goals reorder emphasis only: every tier stays " +
    "visible. It does not price anything (use pricing.estimate) and changes nothing.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ surveyId: z.string().min(1) }),
  output: z.object({
    sizing: z.object({
      coolingTons: z.number().nullable(),
      heatingBtu: z.object({ low: z.number(), high: z.number() }).nullable(),
      verifySizing: z.boolean(),
      reasons: z.array(z.string()),
      note: z.string(),
    }),
    systems: z.array(
      z.object({
        system: z.string(),
        category: z.string(),
        replacesIndex: z.number().int().nullable(),
        tiers: z.array(z.object({ level: z.string(), label: z.string(), isLead: z.boolean() })),
      }),
    ),
    tiers: z.array(
      z.object({
        level: z.string(),
        isLead: z.boolean(),
        labels: z.array(z.object({ system: z.string(), label: z.string() })),
      }),
    ),
    systemFlags: z.array(FlagOut),
    homeFlags: z.array(FlagOut),
    addOns: z.array(z.string()),
    framing: z.object({
      primaryGoal: z.string().nullable(),
      leadTier: z.string(),
      leadsWith: z.string(),
      emphasis: z.array(z.string()),
      highlightFlags: z.array(z.string()),
      suggestsHeatPump: z.boolean(),
    }),
    utilityConfirmed: z.boolean(),
  }),
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000" },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const rec = recommendationOf(survey.data, ctx.now);
    return {
      sizing: {
        ...rec.sizing,
        note: rec.sizing.verifySizing
          ? "Office to verify sizing: the heuristic is a cross-check, not a Manual J."
          : "Heuristic cross-check only, not a Manual J; confirmed before install.",
      },
      systems: rec.systems.map((s) => ({
        system: s.system,
        category: s.category,
        replacesIndex: s.replacesIndex,
        tiers: tiersFor(s.category).map((t) => ({ level: t.level, label: t.label, isLead: t.level === rec.leadTier })),
      })),
      tiers: rec.tiers,
      systemFlags: rec.flags.filter((f) => f.systemIndex !== null),
      homeFlags: rec.flags.filter((f) => f.systemIndex === null),
      addOns: rec.addOns,
      framing: rec.framing,
      utilityConfirmed: survey.data.utility !== null,
    };
  },
});
