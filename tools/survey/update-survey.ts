// survey.update_survey: merge a patch into a survey (systems, site, needs, goals, energy, plan, photo thumbnails).
// Low risk, stale-checked against the version it was built on. It never confirms a utility (survey.confirm_utility does).
import { z } from "zod";
import {
  CustomerGoalSchema,
  EnergyProfileSchema,
  MAX_THUMBNAIL_BASE64_CHARS,
  PHOTO_CATEGORIES,
  type SurveyData,
  SurveyNeedsSchema,
  SurveyPlanSchema,
  SurveyPropertySchema,
  SurveySiteSchema,
  SurveySystemSchema,
  saveSurveyData,
} from "../../store/repos/field-sales.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import { loadSurvey, ratesOf, SURVEY_ROLES, SurveyViewSchema, surveyView, withDerived } from "./survey-io.ts";

const MAX_PHOTOS = 40;

const PhotoInput = z.object({
  category: z.enum(PHOTO_CATEGORIES),
  label: z.string().min(1).max(120),
  mediaType: z.enum(["image/jpeg", "image/png", "image/webp"]),
  thumbnailBase64: z
    .string()
    .min(1)
    .max(
      MAX_THUMBNAIL_BASE64_CHARS,
      "Full-size images are never stored: send a thumbnail of about 200 px (at most ~200 KB of base64).",
    ),
});

export const SurveyPatchSchema = z
  .object({
    property: SurveyPropertySchema.partial().optional(),
    /** Replaces the list of surveyed systems; unknown fields may be left out. */
    systems: z
      .array(SurveySystemSchema.partial().required({ type: true }))
      .max(12)
      .optional(),
    site: SurveySiteSchema.partial().optional(),
    needs: SurveyNeedsSchema.partial().optional(),
    goals: z.array(CustomerGoalSchema).max(8).optional(),
    primaryGoal: CustomerGoalSchema.nullable().optional(),
    goalContext: z.array(z.enum(["staying_long_term", "selling_soon"])).optional(),
    energy: EnergyProfileSchema.partial().optional(),
    plan: SurveyPlanSchema.partial().optional(),
    /** Appended to the labeled photo set: thumbnails only. */
    addPhotos: z.array(PhotoInput).max(12).optional(),
  })
  .strict();
export type SurveyPatch = z.infer<typeof SurveyPatchSchema>;

/** The survey document with the patch merged in (sections shallow-merged, lists replaced, photos appended). */
export function mergeSurveyPatch(data: SurveyData, patch: SurveyPatch, by: string, at: string): SurveyData {
  const next: SurveyData = structuredClone(data);
  if (patch.property) next.property = { ...next.property, ...patch.property };
  if (patch.systems) {
    next.systems = patch.systems.map((s) => ({
      type: s.type,
      fuel: s.fuel ?? null,
      brand: s.brand ?? null,
      model: s.model ?? null,
      serial: s.serial ?? null,
      ageYears: s.ageYears ?? null,
      condition: s.condition ?? null,
      tonnage: s.tonnage ?? null,
      refrigerant: s.refrigerant ?? null,
      afue: s.afue ?? null,
    }));
  }
  if (patch.site) next.site = { ...next.site, ...patch.site };
  if (patch.needs) next.needs = { ...next.needs, ...patch.needs };
  if (patch.goals) next.goals = patch.goals;
  if (patch.primaryGoal !== undefined) next.primaryGoal = patch.primaryGoal;
  if (patch.primaryGoal && !next.goals.includes(patch.primaryGoal)) next.goals = [...next.goals, patch.primaryGoal];
  if (patch.goalContext) next.goalContext = patch.goalContext;
  if (patch.energy) next.energy = { ...next.energy, ...patch.energy };
  if (patch.plan) next.plan = { ...next.plan, ...patch.plan };
  for (const photo of patch.addPhotos ?? []) next.photos.push({ ...photo, addedBy: by, addedAt: at });
  // Field Engineer §06: a changed address invalidates the utility confirmation; it must be confirmed again.
  const moved = next.property.state !== data.property.state || next.property.zip !== data.property.zip;
  if (moved && next.utility) {
    next.utility = null;
    next.stamps.push({ what: "utility confirmation cleared: the address changed", by, at });
  }
  return next;
}

function summarize(section: string, value: unknown): unknown {
  if (section !== "addPhotos" || !Array.isArray(value)) return value;
  return value.map((p: { category: string; label: string }) => ({ category: p.category, label: p.label }));
}

export const updateSurveyTool = defineTool({
  name: "survey.update_survey",
  title: "Update a survey",
  description:
    "Merges what the rep found into a survey: property basics, systems (type, fuel, brand/model/serial, age, " +
    "condition, tonnage), site conditions (access, location, ductwork, line set, panel and open breaker spaces), " +
    "needs, goals with one primary goal, energy profile (fuel, propane, solar, battery, bills), the proposal plan, " +
    "and labeled photo thumbnails. Full-size images are refused: thumbnails only. Low risk; refused as a conflict if " +
    "the survey changed since basisVersion. It cannot confirm a utility (use survey.confirm_utility).",
  effect: "write",
  risk: "low",
  roles: SURVEY_ROLES,
  input: z.object({
    surveyId: z.string().min(1),
    patch: SurveyPatchSchema,
    basisVersion: z.number().int().positive().optional().describe("The survey version this patch was written against"),
  }),
  output: SurveyViewSchema,
  refs: { surveyId: "survey" },
  example: {
    surveyId: "srv_0000000000000000",
    patch: {
      systems: [{ type: "furnace", fuel: "propane", ageYears: 17, condition: "fair" }],
      site: { panel: "100A", hasOpenBreakerSpaces: false },
      goals: ["lower_bills"],
      primaryGoal: "lower_bills",
    },
  },
  async guard(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    if (input.basisVersion !== undefined && input.basisVersion !== survey.version) {
      return {
        refuse: failure(
          "duplicate_or_conflict",
          `The survey changed since version ${input.basisVersion} (it is now version ${survey.version}); review it and send the patch again.`,
        ),
      };
    }
    const added = input.patch.addPhotos?.length ?? 0;
    if (survey.data.photos.length + added > MAX_PHOTOS) {
      return { refuse: failure("invalid_input", `A survey keeps at most ${MAX_PHOTOS} photo thumbnails.`) };
    }
    return null;
  },
  async preview(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const data = survey.data as Record<string, unknown>;
    const changes = Object.entries(input.patch).map(([section, after]) => ({
      entity: "survey",
      id: survey.id,
      field: section,
      before: section === "addPhotos" ? survey.data.photos.length : (data[section] ?? null),
      after: summarize(section, after),
    }));
    return {
      summary: `Update survey ${survey.id} at ${survey.data.property.street}: ${changes.map((c) => c.field).join(", ")}.`,
      changes,
      basis: [{ entity: "survey", id: survey.id, version: survey.version }],
    };
  },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const at = ctx.now.toISOString();
    const merged = withDerived(mergeSurveyPatch(survey.data, input.patch, ctx.actor.id, at), ctx.now, ratesOf(ctx));
    const saved = await saveSurveyData(ctx.db, ctx.tenantId, survey.id, merged, at);
    if (!saved) throw new KernelError("survey_vanished", "survey vanished inside the apply transaction");
    return surveyView(saved);
  },
});
