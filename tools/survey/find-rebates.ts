// survey.find_rebates: rebate programs for a survey's proposed equipment (Field Engineer §06 `rebates`). With an
// advisor, Claude searches the web for a live snapshot; offline, the bundled demo catalog. Amounts are always "to be
// verified", and neither source changes the survey or a proposal's numbers.
import { z } from "zod";
import { adviseOnce, defineTool } from "../kernel/index.ts";
import { REBATE_VERIFICATION } from "./rebates-data.ts";
import { loadSurvey, recommendationOf, SURVEY_READ_ROLES } from "./survey-io.ts";

const Level = z.enum(["federal", "state", "utility"]);

const Program = z.object({
  name: z.string(),
  level: Level,
  /** Estimated dollars; null when the program's amount varies or could not be found. */
  amount: z.number().nullable(),
  amountLabel: z.string(),
  verification: z.literal(REBATE_VERIFICATION),
  source: z.string(),
  sourceUrl: z.string().nullable(),
});

/** What Claude may answer (the seed's `rebates` contract). */
const RebateResearch = z.object({
  programs: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        level: Level,
        amount: z.number().nonnegative().max(100_000).nullable(),
        sourceUrl: z.string().max(500).nullable(),
      }),
    )
    .max(20),
});

const Output = z.object({
  programs: z.array(Program),
  estimatedTotal: z.number(),
  verification: z.literal(REBATE_VERIFICATION),
  source: z.string(),
  webSearch: z.string(),
});
type FoundRebates = z.input<typeof Output>;

function money(amount: number | null): string {
  return amount === null
    ? `amount varies (${REBATE_VERIFICATION})`
    : `$${amount.toLocaleString("en-US")} (estimated, ${REBATE_VERIFICATION})`;
}

export const findRebatesTool = defineTool({
  name: "survey.find_rebates",
  title: "Find rebate programs",
  description:
    "Lists federal, state and utility rebate programs that may apply to the survey's proposed equipment at one " +
    "Good/Better/Best tier. With an API key Claude searches the web (state, ZIP, confirmed utilities and equipment " +
    "only) and each program carries its source page; offline, or when the search fails, the bundled demo catalog " +
    "answers and it says so. Every amount is an estimate to be verified; nothing here changes the survey or a " +
    "proposal's rebate figure. Changes nothing.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ surveyId: z.string().min(1), tier: z.enum(["good", "better", "best"]).default("better") }),
  output: Output,
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000", tier: "better" },
  async run(input, ctx) {
    const survey = await loadSurvey(ctx, input.surveyId);
    const recommendation = recommendationOf(survey.data, ctx.now);
    const bundled = recommendation.rebates[input.tier];
    const offline = (webSearch: string): FoundRebates => ({
      programs: bundled.programs.map((p) => ({
        name: p.name,
        level: p.level,
        amount: p.amount,
        amountLabel: p.amountLabel,
        verification: REBATE_VERIFICATION,
        source: p.source,
        sourceUrl: null,
      })),
      estimatedTotal: bundled.estimatedTotal,
      verification: REBATE_VERIFICATION,
      source: "Bundled demo rebate catalog",
      webSearch,
    });
    if (!ctx.advisor) {
      return offline("No web search was run: that needs a Claude API key. These come from the bundled demo catalog.");
    }
    const equipment = [
      ...recommendation.systems.map((s) => s.system),
      ...(recommendation.addOns.includes("panel_upgrade") ? ["panel_upgrade"] : []),
    ];
    const { state, zip } = survey.data.property;
    const advice = await adviseOnce(ctx.advisor, input, {
      task: "survey.find_rebates",
      instructions:
        "Find current rebate and incentive programs (federal, state, and the named utilities') for installing this " +
        "equipment in a home at this location and efficiency tier. For each give the program name, level, the " +
        "typical dollar amount (null when it varies) and the page you relied on. Do not guess programs.",
      facts: { state, zip, utilities: survey.data.utility?.chosen ?? null, equipment, tier: input.tier },
      webSearch: true,
      schema: RebateResearch,
    });
    if (!advice.ok) {
      return offline(
        `Web search did not give a usable answer: ${advice.note} These come from the bundled demo catalog.`,
      );
    }
    const programs = advice.value.programs.map((p): FoundRebates["programs"][number] => ({
      name: p.name,
      level: p.level,
      amount: p.amount,
      amountLabel: money(p.amount),
      verification: REBATE_VERIFICATION,
      source: `${advice.by} web search (live snapshot)`,
      sourceUrl: p.sourceUrl ?? advice.sources[0] ?? null,
    }));
    const answer: FoundRebates = {
      programs,
      estimatedTotal: programs.reduce((sum, p) => sum + (p.amount ?? 0), 0),
      verification: REBATE_VERIFICATION,
      source: `${advice.by} web search (live snapshot); every amount is to be verified before it is counted`,
      webSearch: `${advice.by} searched the web for programs in ${state} ${zip}.`,
    };
    return answer;
  },
});
