// Shell helpers the survey tools share: load a survey inside the caller's tenant, map it to the pure modules' facts,
// and refresh its derived recommendation. No rule lives here; the rules are in the pure modules.
import { z } from "zod";
import { type SurveyData, SurveyDataSchema, type SurveyRecord, getSurvey } from "../../store/repos/field-sales.ts";
import { KernelError, type ToolContext } from "../kernel/index.ts";
import type { RatesSnapshot } from "./rates-data.ts";
import { ratesSnapshotOf } from "./rates-io.ts";
import { type Recommendation, recommend, type SurveyFacts } from "./recommendation.ts";

export const SURVEY_ROLES = ["founder", "office", "sales_manager", "salesperson"] as const;
/** Reads an MCP client may also make (cost is filtered for it like for any non-manager). */
export const SURVEY_READ_ROLES = [...SURVEY_ROLES, "ai_client"] as const;

export const SurveyViewSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  createdBy: z.string(),
  status: z.string(),
  utilityConfirmed: z.boolean(),
  data: SurveyDataSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export function surveyView(record: SurveyRecord): z.input<typeof SurveyViewSchema> {
  return { ...record, utilityConfirmed: record.data.utility !== null };
}

/** The survey, which the kernel already resolved inside this tenant; its absence here is a bug, not a refusal. */
export async function loadSurvey(ctx: ToolContext, surveyId: string): Promise<SurveyRecord> {
  const survey = await getSurvey(ctx.db, ctx.tenantId, surveyId);
  if (!survey) throw new KernelError("survey_vanished", `survey ${surveyId} vanished between resolve and use`);
  return survey;
}

export function factsOf(data: SurveyData): SurveyFacts {
  return {
    property: data.property,
    systems: data.systems,
    site: data.site,
    needs: data.needs,
    goals: data.goals,
    primaryGoal: data.primaryGoal,
    goalContext: data.goalContext,
    energy: data.energy,
    plan: data.plan,
    utilities: data.utility ? data.utility.chosen : null,
  };
}

/** `rates` is the business's energy-rates snapshot (ratesOf(ctx)); the bundled one when left out. */
export function recommendationOf(data: SurveyData, now: Date, rates?: RatesSnapshot): Recommendation {
  return recommend(factsOf(data), now, rates);
}

/** The energy-rates snapshot this business prices savings on: the one it installed, or the bundled one. */
export function ratesOf(ctx: ToolContext): RatesSnapshot {
  return ratesSnapshotOf(ctx.tenant);
}

/** The document with its derived recommendation recomputed (sizing, flags, framing, rebates, savings). */
export function withDerived(data: SurveyData, now: Date, rates?: RatesSnapshot): SurveyData {
  const { framing: _framing, ...derived } = recommendationOf(data, now, rates);
  return { ...data, derived };
}

export function blankSurveyData(property: SurveyData["property"]): SurveyData {
  return {
    property,
    systems: [],
    site: {
      access: null,
      equipmentLocation: null,
      ductwork: null,
      lineSet: null,
      panel: null,
      hasOpenBreakerSpaces: null,
      special: [],
    },
    needs: { concerns: [], notes: "" },
    goals: [],
    primaryGoal: null,
    goalContext: [],
    energy: { heatingFuel: null, propane: null, solar: null, battery: null, bills: { provided: false, months: [] } },
    photos: [],
    plan: { systems: null, addOns: null, baseline: "current", repairEstimate: null },
    utility: null,
    stamps: [],
    derived: null,
  };
}
