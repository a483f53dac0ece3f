// public.triage: the customer support page's first answer — emergency instructions first, then high-level possible
// causes. Never repair steps, parts, prices or staff; nothing internal leaves through this tool.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import {
  base64Bytes,
  detectEmergency,
  MAX_DESCRIPTION_CHARS,
  MAX_IMAGE_BYTES,
  MAX_IMAGES,
  possibleCauses,
  problemKind,
  safeChecks,
} from "./triage-rules.ts";

export const PublicImageSchema = z.object({
  base64: z
    .string()
    .min(1)
    .refine((data) => base64Bytes(data) <= MAX_IMAGE_BYTES, { message: `each photo must be at most 1 MB` }),
  mediaType: z.enum(["image/jpeg", "image/png", "image/webp", "image/heic"]),
});

export const triageTool = defineTool({
  name: "public.triage",
  title: "Customer triage",
  description:
    "For the public support page: reads a homeowner's description of a heating, cooling or water heater problem. " +
    "Emergencies come first — a gas smell, a CO alarm, sparks or a burning smell, flooding near power — with what to " +
    "do right now (leave, call 911 or the gas utility from outside). Otherwise it lists a few high-level possible " +
    "causes and safe checks. It never gives repair steps, part names, prices or staff names. Description up to " +
    "2,000 characters, at most 3 photos of 1 MB each (photos are not analyzed on this page).",
  effect: "read",
  risk: "low",
  roles: ["customer"],
  input: z.object({
    description: z.string().trim().min(3).max(MAX_DESCRIPTION_CHARS),
    images: z.array(PublicImageSchema).max(MAX_IMAGES).optional(),
  }),
  output: z.object({
    emergency: z
      .object({
        kind: z.enum(["gas", "carbon_monoxide", "electrical_fire", "flooding_power"]),
        instruction: z.string(),
      })
      .nullable(),
    headline: z.string(),
    possibleCauses: z.array(z.string()),
    safeChecks: z.array(z.string()),
    nextStep: z.string(),
    photosReceived: z.number().int(),
  }),
  example: { description: "The furnace is blowing cold air and the house is at 58 degrees" },
  async run(input) {
    const emergency = detectEmergency(input.description);
    const photosReceived = input.images?.length ?? 0;
    if (emergency) {
      // Emergency first: nothing else competes with the instruction.
      return {
        emergency,
        headline: emergency.instruction,
        possibleCauses: [],
        safeChecks: [],
        nextStep: "Once everyone is safe and responders have been called, you can send us a service request.",
        photosReceived,
      };
    }
    const kind = problemKind(input.description);
    return {
      emergency: null,
      headline: "This does not sound like an emergency. Here is what it could be — a technician will confirm.",
      possibleCauses: possibleCauses(kind),
      safeChecks: safeChecks(kind),
      nextStep: "Send a service request and the office will call you to book a visit.",
      photosReceived,
    };
  },
});
