// survey.parse_bill: read usage and cost from utility bill photos (Field Engineer §06 `parsebill`) with Claude vision
// when an advisor is configured. Offline, or when the read fails: manual entry.
// Privacy (§06): usage and cost only — never the account number, name or address; the image is never stored.
import { z } from "zod";
import { BillMonthSchema } from "../../store/repos/field-sales.ts";
import { defineTool } from "../kernel/index.ts";
import { SURVEY_ROLES } from "./survey-io.ts";
import { EXAMPLE_IMAGE, ImagesInput, type PhotoRead, photoReadFor, visionGuard } from "./vision-gate.ts";

/**
 * The only fields a bill read may carry. A zod object drops every other key, so an account number, a name or a
 * service address in the model's reply never reaches the output, the audit log or the store.
 */
const BillRead = z.object({ bills: z.array(BillMonthSchema).max(36) });

const READ: PhotoRead<typeof BillRead> = {
  action: "Bill reading",
  manualEntry:
    "Type each month's usage and cost from the bill instead (survey.update_survey → energy.bills); account numbers are not needed.",
  request: {
    task: "survey.parse_bill",
    instructions:
      "Read the utility bill(s) in the photo(s). For each billing month and fuel give ONLY: fuel (electric, " +
      "natural_gas, propane or oil), periodMonth (YYYY-MM of the period's end), usage (number), unit (kWh, therm, " +
      "ccf or gal) and cost in dollars for that fuel. Do not return the account number, the customer's name, the " +
      "service or mailing address, or any other personal detail — they are not wanted.",
    schema: BillRead,
  },
};

export const parseBillTool = defineTool({
  name: "survey.parse_bill",
  title: "Read a utility bill",
  description:
    "Reads monthly usage and cost (fuel, month, usage, unit, cost) from utility bill photos using Claude vision when " +
    "an API key is set; never the account number, name or address, and the image is not stored. Without a key (or " +
    "when the read fails) it refuses and asks for manual entry: type each month's usage and cost into the energy " +
    "profile with survey.update_survey (energy.bills). Bills are optional and never block the survey. Changes nothing.",
  effect: "read",
  risk: "low",
  roles: SURVEY_ROLES,
  input: z.object({ images: ImagesInput }),
  output: z.object({
    bills: z.array(
      z.object({
        fuel: z.enum(["electric", "natural_gas", "propane", "oil"]),
        periodMonth: z.string(),
        usage: z.number(),
        unit: z.enum(["kWh", "therm", "ccf", "gal"]),
        cost: z.number(),
      }),
    ),
    source: z.string(),
    next: z.string(),
  }),
  example: { images: [EXAMPLE_IMAGE] },
  async guard(input, ctx) {
    return visionGuard(ctx, input, READ);
  },
  async run(input, ctx) {
    const { value, by } = await photoReadFor(ctx, input, READ);
    return {
      bills: value.bills.map((b) => ({
        fuel: b.fuel,
        periodMonth: b.periodMonth,
        usage: b.usage,
        unit: b.unit,
        cost: b.cost,
      })),
      source: `Read by ${by}: usage and cost only (no account number, name or address). The photos were not stored.`,
      next: "Check the figures with the customer, then add them to the survey with survey.update_survey (energy.bills).",
    };
  },
});
