// survey.identify_equipment: identify every unit in a set of photos (Field Engineer §15 `identify`). Offline: manual entry.
import { z } from "zod";
import { defineTool, KernelError } from "../kernel/index.ts";
import { SURVEY_ROLES } from "./survey-io.ts";
import { EXAMPLE_IMAGE, ImagesInput, visionGuard } from "./vision-gate.ts";

export const identifyEquipmentTool = defineTool({
  name: "survey.identify_equipment",
  title: "Identify equipment from photos",
  description:
    "Identifies the heating and cooling units in a set of site photos (furnace, AC, heat pump, boiler, water heater, " +
    "with an age estimate each) using Claude vision and web search when an API key is set. Without a key it refuses " +
    "and asks for manual entry of each system's type, fuel, brand and age. Photos are never stored. Changes nothing.",
  effect: "read",
  risk: "low",
  roles: [...SURVEY_ROLES, "tech"],
  input: z.object({ images: ImagesInput }),
  output: z.object({
    units: z.array(
      z.object({
        kind: z.string(),
        subtype: z.string().nullable(),
        brand: z.string().nullable(),
        ageEstimate: z.object({ years: z.number().nullable(), confidence: z.enum(["high", "medium", "low"]) }),
      }),
    ),
    systemSummary: z.string(),
  }),
  example: { images: [EXAMPLE_IMAGE] },
  async guard() {
    return visionGuard(
      "Equipment identification from photos",
      "Enter each system's type, fuel, brand and age instead (survey.update_survey → systems).",
    );
  },
  async run() {
    throw new KernelError(
      "vision_not_built",
      "survey.identify_equipment ran past its guard; the Claude reader is not built",
    );
  },
});
