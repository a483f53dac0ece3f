// survey.read_nameplate: read an equipment nameplate photo (Field Engineer §06 `nameplate`) with Claude vision when an
// advisor is configured. Offline, or when the read fails: a refusal offering manual entry. Photos are never stored.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { SURVEY_ROLES } from "./survey-io.ts";
import { EXAMPLE_IMAGE, ImagesInput, type PhotoRead, photoReadFor, visionGuard } from "./vision-gate.ts";

const Confidence = z.enum(["high", "medium", "low"]);

/** What Claude may answer; anything else in its reply is dropped by the schema. */
const NameplateRead = z.object({
  brand: z.string().max(80).nullable(),
  model: z.string().max(80).nullable(),
  serial: z.string().max(80).nullable(),
  type: z.string().max(80).nullable(),
  tonnage: z.number().positive().max(30).nullable(),
  ageEstimate: z.object({ years: z.number().min(0).max(100).nullable(), confidence: Confidence }),
});

const READ: PhotoRead<typeof NameplateRead> = {
  action: "Photo reading",
  manualEntry: "Type the brand, model, serial and age instead (survey.update_survey → systems).",
  request: {
    task: "survey.read_nameplate",
    instructions:
      "Read the HVAC or water-heating equipment nameplate in the photo(s): brand, model number, serial number, " +
      "equipment type (furnace, ac, heat_pump, boiler, water_heater, …) and cooling tonnage when the model number " +
      "encodes it. Estimate the age in years from the serial number using the brand's date code when you know it, " +
      "with your confidence. Use null for anything you cannot read.",
    schema: NameplateRead,
  },
};

export const readNameplateTool = defineTool({
  name: "survey.read_nameplate",
  title: "Read a nameplate photo",
  description:
    "Reads brand, model, serial, type, tonnage and an age estimate from nameplate photos, using Claude vision when an " +
    "API key is set. Without a key (or when the read fails) it refuses and asks for manual entry: type the brand, " +
    "model, serial and age into the survey with survey.update_survey. Photos are used once and never stored; the age " +
    "estimate is always flagged for verification. Changes nothing.",
  effect: "read",
  risk: "low",
  roles: [...SURVEY_ROLES, "tech"],
  input: z.object({ images: ImagesInput }),
  output: z.object({
    brand: z.string().nullable(),
    model: z.string().nullable(),
    serial: z.string().nullable(),
    type: z.string().nullable(),
    tonnage: z.number().nullable(),
    ageEstimate: z.object({
      years: z.number().nullable(),
      confidence: Confidence,
      flagged: z.boolean(),
    }),
    source: z.string(),
  }),
  example: { images: [EXAMPLE_IMAGE] },
  async guard(input, ctx) {
    return visionGuard(ctx, input, READ);
  },
  async run(input, ctx) {
    const { value, by } = await photoReadFor(ctx, input, READ);
    return {
      ...value,
      // Field Engineer §06: the age is best-effort and brand-specific, always flagged for verification.
      ageEstimate: { ...value.ageEstimate, flagged: true },
      source: `Read by ${by} from the photo(s); verify the age before relying on it. The photos were not stored.`,
    };
  },
});
