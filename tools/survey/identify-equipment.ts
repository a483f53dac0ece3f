// survey.identify_equipment: identify every unit in a set of photos (Field Engineer §15 `identify`) with Claude vision
// and web search when an advisor is configured. Offline, or when the read fails: manual entry. Photos are never stored.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { SURVEY_ROLES } from "./survey-io.ts";
import { EXAMPLE_IMAGE, ImagesInput, type PhotoRead, photoReadFor, visionGuard } from "./vision-gate.ts";

const Confidence = z.enum(["high", "medium", "low"]);
/** Field Engineer §15: the coarse unit kind the evaluator assembles by. */
const UNIT_KINDS = [
  "furnace",
  "ac",
  "heat_pump",
  "rtu",
  "boiler",
  "evaporative_cooler",
  "water_heater",
  "other",
] as const;

const IdentifyRead = z.object({
  units: z
    .array(
      z.object({
        kind: z.enum(UNIT_KINDS),
        subtype: z.string().max(40).nullable(),
        brand: z.string().max(80).nullable(),
        ageEstimate: z.object({ years: z.number().min(0).max(100).nullable(), confidence: Confidence }),
      }),
    )
    .max(20),
  systemSummary: z.string().max(600),
});

const READ: PhotoRead<typeof IdentifyRead> = {
  action: "Equipment identification from photos",
  manualEntry: "Enter each system's type, fuel, brand and age instead (survey.update_survey → systems).",
  request: {
    task: "survey.identify_equipment",
    instructions:
      `Identify each heating, cooling and water-heating unit in the site photos. For each unit give its kind (one of ` +
      `${UNIT_KINDS.join(", ")}), a finer subtype when clear (heat_pump_outdoor, minisplit_head, ac_condenser, ` +
      "evaporator_coil, water_heater, thermostat, line_set, …), the brand and an age estimate with confidence. The " +
      "same unit photographed twice is one unit. You may search the web to date a model or serial. Finish with a " +
      "one-paragraph summary of the whole system.",
    schema: IdentifyRead,
    webSearch: true,
  },
};

export const identifyEquipmentTool = defineTool({
  name: "survey.identify_equipment",
  title: "Identify equipment from photos",
  description:
    "Identifies the heating and cooling units in a set of site photos (furnace, AC, heat pump, boiler, water heater, " +
    "with an age estimate each) using Claude vision and web search when an API key is set. Without a key (or when " +
    "the read fails) it refuses and asks for manual entry of each system's type, fuel, brand and age. Photos are " +
    "never stored. Changes nothing.",
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
        ageEstimate: z.object({ years: z.number().nullable(), confidence: Confidence }),
      }),
    ),
    systemSummary: z.string(),
    source: z.string(),
    sources: z.array(z.string()),
  }),
  example: { images: [EXAMPLE_IMAGE] },
  async guard(input, ctx) {
    return visionGuard(ctx, input, READ);
  },
  async run(input, ctx) {
    const { value, by, sources } = await photoReadFor(ctx, input, READ);
    return {
      ...value,
      source: `Identified by ${by} from the photo(s); ages are estimates to verify. The photos were not stored.`,
      sources,
    };
  },
});
