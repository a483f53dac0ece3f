// survey.get_survey: one sales survey record with its derived recommendation. Read only.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { loadSurvey, SURVEY_READ_ROLES, SurveyViewSchema, surveyView } from "./survey-io.ts";

export const getSurveyTool = defineTool({
  name: "survey.get_survey",
  title: "Show a survey",
  description:
    "Returns one sales survey: property, systems, site conditions, needs, goals, energy profile, photo thumbnails, " +
    "the utility confirmation stamp (or its absence) and the derived sizing/flags/rebates snapshot. Use it to review " +
    "where a survey stands. Read only; it changes nothing and shows no cost or margin.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ surveyId: z.string().min(1) }),
  output: SurveyViewSchema,
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000" },
  async run(input, ctx) {
    return surveyView(await loadSurvey(ctx, input.surveyId));
  },
});
