// survey.confirm_utility: the utility confirmation gate (Field Engineer §06). A person picks from the list; the survey
// records what was detected, what was chosen and who confirmed. It never auto-passes, whatever the confidence.
import { z } from "zod";
import { saveSurveyData } from "../../store/repos/field-sales.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import { UTILITY_SOURCE } from "./suggest-utility.ts";
import { loadSurvey, ratesOf, SURVEY_ROLES, SurveyViewSchema, surveyView, withDerived } from "./survey-io.ts";
import { resolveUtilityPick } from "./utility-gate.ts";
import { OTHER_UTILITY_CHOICE, utilityCandidatesFor } from "./utilities-data.ts";

const Pick = z.object({
  choice: z.string().min(1).describe(`A name from survey.suggest_utility's pick list, or "${OTHER_UTILITY_CHOICE}"`),
  otherName: z.string().min(1).optional().describe(`With "${OTHER_UTILITY_CHOICE}": a provider from the known list`),
});

const Input = z.object({ surveyId: z.string().min(1), electric: Pick, gas: Pick });

function resolvePicks(input: z.output<typeof Input>, address: { state: string; zip: string }) {
  const detected = utilityCandidatesFor(address);
  return {
    detected,
    electric: resolveUtilityPick("electric", detected.electric, input.electric),
    gas: resolveUtilityPick("gas", detected.gas, input.gas),
  };
}

export const confirmUtilityTool = defineTool({
  name: "survey.confirm_utility",
  title: "Confirm the utilities",
  description:
    "The confirmation gate: a person confirms the electric and gas utilities for the survey by picking from the " +
    "list survey.suggest_utility shows (the suggestion, its alternatives, or 'Other…' naming a known provider — " +
    "never free text). Stamps what was detected, what was chosen, who confirmed and when. Required before " +
    "survey.create_proposal, even for a high-confidence suggestion. Low risk: the rep approves it in one tap.",
  effect: "write",
  risk: "low",
  roles: SURVEY_ROLES,
  input: Input,
  output: SurveyViewSchema,
  refs: { surveyId: "survey" },
  example: {
    surveyId: "srv_0000000000000000",
    electric: { choice: "Demo Valley Power & Light" },
    gas: { choice: "Front Range Gas Cooperative (demo)" },
  },
  async guard(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const resolved = resolvePicks(input, survey.data.property);
    const problems = [resolved.electric, resolved.gas].flatMap((r) => (r.ok ? [] : [r.reason]));
    if (problems.length > 0) return { refuse: failure("invalid_input", problems.join(" ")) };
    return null;
  },
  async preview(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const resolved = resolvePicks(input, survey.data.property);
    if (!resolved.electric.ok || !resolved.gas.ok) throw new KernelError("utility_pick_invalid", "guard was bypassed");
    return {
      summary:
        `Confirm utilities for ${survey.data.property.street}: electric ${resolved.electric.label} ` +
        `(suggested ${resolved.detected.electric.name ?? "none"}), gas ${resolved.gas.label} ` +
        `(suggested ${resolved.detected.gas.name ?? "none"}).`,
      changes: [
        {
          entity: "survey",
          id: survey.id,
          field: "utility",
          before: survey.data.utility?.chosen ?? null,
          after: { electric: resolved.electric.name, gas: resolved.gas.name },
        },
      ],
      basis: [{ entity: "survey", id: survey.id, version: survey.version }],
    };
  },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const resolved = resolvePicks(input, survey.data.property);
    if (!resolved.electric.ok || !resolved.gas.ok) throw new KernelError("utility_pick_invalid", "guard was bypassed");
    const at = ctx.now.toISOString();
    const data = structuredClone(survey.data);
    data.utility = {
      detected: { electric: resolved.detected.electric, gas: resolved.detected.gas, source: UTILITY_SOURCE },
      chosen: { electric: resolved.electric.name, gas: resolved.gas.name },
      confirmedBy: ctx.actor.id,
      confirmedAt: at,
      proposalId: ctx.proposalId ?? null,
    };
    data.stamps.push({
      what: `utilities confirmed: electric ${resolved.electric.label}, gas ${resolved.gas.label}`,
      by: ctx.actor.id,
      at,
    });
    const saved = await saveSurveyData(ctx.db, ctx.tenantId, survey.id, withDerived(data, ctx.now, ratesOf(ctx)), at);
    if (!saved) throw new KernelError("survey_vanished", "survey vanished inside the apply transaction");
    return surveyView(saved);
  },
});
