// survey.parse_bill: read usage and cost from utility bill photos (Field Engineer §06 `parsebill`). Offline: manual entry.
// Privacy: usage and cost only — never the account number, name or address; the image is never stored.
import { z } from "zod";
import { defineTool, KernelError } from "../kernel/index.ts";
import { SURVEY_ROLES } from "./survey-io.ts";
import { EXAMPLE_IMAGE, ImagesInput, visionGuard } from "./vision-gate.ts";

export const parseBillTool = defineTool({
  name: "survey.parse_bill",
  title: "Read a utility bill",
  description:
    "Reads monthly usage and cost (fuel, month, usage, unit, cost) from utility bill photos using Claude vision when " +
    "an API key is set; never the account number, name or address, and the image is not stored. Without a key it " +
    "refuses and asks for manual entry: type each month's usage and cost into the energy profile with " +
    "survey.update_survey (energy.bills). Bills are optional and never block the survey. Changes nothing.",
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
  }),
  example: { images: [EXAMPLE_IMAGE] },
  async guard() {
    return visionGuard(
      "Bill reading",
      "Type each month's usage and cost from the bill instead (survey.update_survey → energy.bills); account numbers are not needed.",
    );
  },
  async run() {
    throw new KernelError("vision_not_built", "survey.parse_bill ran past its guard; the Claude reader is not built");
  },
});
