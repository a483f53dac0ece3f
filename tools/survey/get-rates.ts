// survey.get_rates: the energy rates this business prices savings on, each with its source, vintage and trend. Read.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { RATE_FUELS, rateRowFor } from "./rates-data.ts";
import { installedRatesOf, ratesSnapshotOf } from "./rates-io.ts";
import { RateRowSchema, snapshotId, snapshotVintage } from "./rates-snapshot.ts";
import { SURVEY_READ_ROLES } from "./survey-io.ts";

export const getRatesTool = defineTool({
  name: "survey.get_rates",
  title: "Show energy rates",
  description:
    "Lists the residential energy rates (electric $/kWh, gas $/therm, propane and oil $/gal) the business's savings " +
    "profiles use, each with its source, level (utility, state, region, national), as-of vintage and trend % per " +
    "year, and whether they are the bundled snapshot or one the office installed (who, when, which proposal). With " +
    "a state, only the rates that apply there (the national row where the state has none). The snapshotId is what " +
    "survey.refresh_rates needs as basedOn. Read only.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({
    state: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "Use a two-letter state code.")
      .optional()
      .describe("Two-letter state code; all rates when left out"),
  }),
  output: z.object({
    snapshotId: z.string(),
    origin: z.enum(["bundled", "installed"]),
    installed: z
      .object({
        at: z.string(),
        by: z.string(),
        proposalId: z.string().nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    vintage: z.object({ newest: z.string(), oldest: z.string(), sources: z.array(z.string()) }),
    rows: z.array(RateRowSchema),
    note: z.string(),
  }),
  example: { state: "CO" },
  async run(input, ctx) {
    const installed = installedRatesOf(ctx.tenant);
    const snapshot = ratesSnapshotOf(ctx.tenant);
    const state = input.state?.toUpperCase();
    const rows = state
      ? [
          ...RATE_FUELS.map((fuel) => rateRowFor(snapshot, fuel, state)),
          ...snapshot.rows.filter((r) => r.utility && r.state === state),
        ]
      : snapshot.rows;
    return {
      snapshotId: snapshotId(snapshot),
      origin: installed ? ("installed" as const) : ("bundled" as const),
      installed: installed
        ? {
            at: installed.installedAt,
            by: installed.installedBy,
            proposalId: installed.proposalId,
            note: installed.note,
          }
        : null,
      vintage: snapshotVintage(snapshot),
      rows,
      note:
        "Each rate is as of its asOf date, not today: savings built on it carry that date and the trend since " +
        "(Field Engineer §08 asterisk). Bills, when a customer gives them, replace these rates.",
    };
  },
});
