// survey.suggest_utility: the utility suggestion (Field Engineer §06 `utility`). Offline from the bundled list; with an
// advisor, Claude's web search pre-fills a known provider with its confidence and source. Never a confirmation.
import { z } from "zod";
import { adviseOnce, defineTool } from "../kernel/index.ts";
import { loadSurvey, SURVEY_READ_ROLES } from "./survey-io.ts";
import { knownUtilityFor } from "./utility-gate.ts";
import {
  type UtilityCandidates,
  type UtilityKind,
  type UtilitySuggestion,
  utilityCandidatesFor,
  utilityPickList,
} from "./utilities-data.ts";

export const UTILITY_SOURCE = "bundled demo reference list";

const Confidence = z.enum(["high", "medium", "low"]);

const Suggestion = z.object({
  name: z.string().nullable(),
  confidence: Confidence,
  sourceUrl: z.string().nullable(),
  alternatives: z.array(z.string()),
  pickList: z.array(z.string()),
});

const Finding = z.object({
  name: z.string().nullable(),
  confidence: Confidence,
  sourceUrl: z.string().nullable(),
  /** The known provider this stands for, or null when it is not on the office's list. */
  onList: z.string().nullable(),
});

/** What Claude may answer (the seed's `utility` contract). */
const UtilityResearch = z.object({
  electric: z.object({
    name: z.string().max(120).nullable(),
    confidence: Confidence,
    sourceUrl: z.string().max(500).nullable(),
  }),
  gas: z.object({
    name: z.string().max(120).nullable(),
    confidence: Confidence,
    sourceUrl: z.string().max(500).nullable(),
  }),
});
type Researched = z.output<typeof UtilityResearch>["electric"];

const INSTRUCTIONS =
  "Find the DISTRIBUTION utilities (whose efficiency rebates apply) for electricity and natural gas at this " +
  "location — not a retail energy supplier the customer may have chosen. Give each name with your confidence and " +
  "the page you relied on; use null with low confidence when you cannot tell. Only the city, state and ZIP are given.";

/** Claude's finding laid over the bundled suggestion: it pre-fills only a name a person can confirm from the list. */
function prefilled(
  kind: UtilityKind,
  bundled: UtilitySuggestion,
  found: Researched,
  fallbackUrl: string | null,
): { suggestion: UtilitySuggestion; finding: z.input<typeof Finding>; used: boolean } {
  const onList = knownUtilityFor(kind, found.name);
  const sourceUrl = found.sourceUrl ?? fallbackUrl;
  const finding = { name: found.name, confidence: found.confidence, sourceUrl, onList };
  if (onList === null || !utilityPickList(bundled).includes(onList))
    return { suggestion: bundled, finding, used: false };
  const all = bundled.name === null ? bundled.alternatives : [bundled.name, ...bundled.alternatives];
  return {
    suggestion: {
      name: onList,
      confidence: found.confidence,
      sourceUrl,
      alternatives: all.filter((name) => name !== onList),
    },
    finding,
    used: true,
  };
}

export const suggestUtilityTool = defineTool({
  name: "survey.suggest_utility",
  title: "Suggest the utilities",
  description:
    "Suggests the electric and gas distribution utilities for the survey's address, with confidence, source and the " +
    "pick list a person confirms from (alternatives plus 'Other…'). With an API key Claude searches the web (city, " +
    "state and ZIP only) and its finding pre-fills the suggestion when it names a provider on the office's list; " +
    "otherwise, and offline, the bundled demo reference list by ZIP is used, and it says which. A suggestion is " +
    "never a confirmation: the survey cannot advance to a proposal until someone confirms with " +
    "survey.confirm_utility. Changes nothing.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ surveyId: z.string().min(1) }),
  output: z.object({
    electric: Suggestion,
    gas: Suggestion,
    source: z.string(),
    webSearch: z.string(),
    research: z.object({ by: z.string(), electric: Finding, gas: Finding, sources: z.array(z.string()) }).nullable(),
    confirmed: z.boolean(),
    next: z.string(),
  }),
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000" },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const { city, state, zip } = survey.data.property;
    const found = utilityCandidatesFor({ state, zip });
    const common = {
      confirmed: survey.data.utility !== null,
      next: "Ask the customer, then confirm with survey.confirm_utility (pick from the list; 'Other…' names a known provider).",
    };
    const offline = (webSearch: string) => ({
      electric: { ...found.electric, pickList: utilityPickList(found.electric) },
      gas: { ...found.gas, pickList: utilityPickList(found.gas) },
      source: UTILITY_SOURCE,
      webSearch,
      research: null,
      ...common,
    });
    if (!ctx.advisor) {
      return offline("No web search was run: that needs a Claude API key. These come from the bundled reference list.");
    }
    const advice = await adviseOnce(ctx.advisor, input, {
      task: "survey.suggest_utility",
      instructions: INSTRUCTIONS,
      facts: { city, state, zip },
      webSearch: true,
      schema: UtilityResearch,
    });
    if (!advice.ok) {
      return offline(
        `Web search did not give a usable answer: ${advice.note} These come from the bundled reference list.`,
      );
    }
    const firstSource = advice.sources[0] ?? null;
    const electric = prefilled("electric", found.electric, advice.value.electric, firstSource);
    const gas = prefilled("gas", found.gas, advice.value.gas, firstSource);
    const merged: UtilityCandidates = { electric: electric.suggestion, gas: gas.suggestion };
    const offList = [electric.finding, gas.finding].filter((f) => f.name !== null && f.onList === null);
    return {
      electric: { ...merged.electric, pickList: utilityPickList(merged.electric) },
      gas: { ...merged.gas, pickList: utilityPickList(merged.gas) },
      source:
        electric.used || gas.used
          ? `${advice.by} web search, matched to the office's list of known providers`
          : `${UTILITY_SOURCE} (${advice.by}'s search pre-filled nothing)`,
      webSearch:
        `${advice.by} searched the web for ${city}, ${state} ${zip}.` +
        (offList.length > 0
          ? ` Not on the office's list: ${offList.map((f) => f.name).join(", ")} — pick the matching provider or "Other…".`
          : ""),
      research: { by: advice.by, electric: electric.finding, gas: gas.finding, sources: advice.sources },
      ...common,
    };
  },
});
