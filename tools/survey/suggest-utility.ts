// survey.suggest_utility: the utility suggestion (Field Engineer §06 `utility`) — offline from the bundled list.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { loadSurvey, SURVEY_READ_ROLES } from "./survey-io.ts";
import { utilityCandidatesFor, utilityPickList } from "./utilities-data.ts";

export const UTILITY_SOURCE = "bundled demo reference list";

const Suggestion = z.object({
  name: z.string().nullable(),
  confidence: z.enum(["high", "medium", "low"]),
  sourceUrl: z.string().nullable(),
  alternatives: z.array(z.string()),
  pickList: z.array(z.string()),
});

export const suggestUtilityTool = defineTool({
  name: "survey.suggest_utility",
  title: "Suggest the utilities",
  description:
    "Suggests the electric and gas distribution utilities for the survey's address, with confidence, source and the " +
    "pick list a person confirms from (alternatives plus 'Other…'). Offline it uses the bundled demo reference list " +
    "by ZIP; there is no web search without an API key, and it says so. A suggestion is never a confirmation: the " +
    "survey cannot advance to a proposal until someone confirms with survey.confirm_utility. Changes nothing.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ surveyId: z.string().min(1) }),
  output: z.object({
    electric: Suggestion,
    gas: Suggestion,
    source: z.string(),
    webSearch: z.string(),
    confirmed: z.boolean(),
    next: z.string(),
  }),
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000" },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const found = utilityCandidatesFor({ state: survey.data.property.state, zip: survey.data.property.zip });
    return {
      electric: { ...found.electric, pickList: utilityPickList(found.electric) },
      gas: { ...found.gas, pickList: utilityPickList(found.gas) },
      source: UTILITY_SOURCE,
      webSearch: "No web search was run: that needs a Claude API key. These come from the bundled reference list.",
      confirmed: survey.data.utility !== null,
      next: "Ask the customer, then confirm with survey.confirm_utility (pick from the list; 'Other…' names a known provider).",
    };
  },
});
