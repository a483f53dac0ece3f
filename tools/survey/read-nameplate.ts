// survey.read_nameplate: read an equipment nameplate photo (Field Engineer §06 `nameplate`). Offline: manual entry.
import { z } from "zod";
import { defineTool, KernelError } from "../kernel/index.ts";
import { SURVEY_ROLES } from "./survey-io.ts";
import { EXAMPLE_IMAGE, ImagesInput, visionGuard } from "./vision-gate.ts";

export const readNameplateTool = defineTool({
  name: "survey.read_nameplate",
  title: "Read a nameplate photo",
  description:
    "Reads brand, model, serial, type, tonnage and an age estimate from nameplate photos, using Claude vision when an " +
    "API key is set. Without a key it refuses and asks for manual entry: type the brand, model, serial and age into " +
    "the survey with survey.update_survey. Photos are used once and never stored; the age estimate is always flagged " +
    "for verification. Changes nothing.",
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
      confidence: z.enum(["high", "medium", "low"]),
      flagged: z.boolean(),
    }),
  }),
  example: { images: [EXAMPLE_IMAGE] },
  async guard() {
    return visionGuard(
      "Photo reading",
      "Type the brand, model, serial and age instead (survey.update_survey → systems).",
    );
  },
  async run() {
    throw new KernelError(
      "vision_not_built",
      "survey.read_nameplate ran past its guard; the Claude reader is not built",
    );
  },
});
