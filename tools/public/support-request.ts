// public.support_request: a homeowner's service request. Effect write: it becomes a pending low-risk proposal in
// the office's queue; office (or any manager) approves it into an intake item. The customer can never approve.
import { z } from "zod";
import { insertPublicIntake } from "../../store/repos/field-repair.ts";
import { defineTool } from "../kernel/index.ts";
import { detectEmergency, MAX_DESCRIPTION_CHARS, problemKind, routeCompleteness } from "./triage-rules.ts";

const Input = z
  .object({
    name: z.string().trim().min(1).max(120),
    phone: z.string().trim().min(7).max(30).optional(),
    email: z.email().max(200).optional(),
    address: z.string().trim().min(3).max(300).optional(),
    description: z.string().trim().min(3).max(MAX_DESCRIPTION_CHARS),
  })
  .refine((r) => r.phone !== undefined || r.email !== undefined, {
    message: "give a phone number or an email so the office can reach you",
    path: ["phone"],
  });

function suggestedAction(input: z.output<typeof Input>): string {
  const emergency = detectEmergency(input.description);
  if (emergency) return `EMERGENCY reported (${emergency.kind}): call the customer now and confirm they are safe.`;
  return `Call back to book a ${problemKind(input.description).replaceAll("_", " ")} visit.`;
}

export const supportRequestTool = defineTool({
  name: "public.support_request",
  title: "Customer service request",
  description:
    "For the public support page: a homeowner asks for service with their name, a phone or email, the address and " +
    "what is wrong. It becomes a pending request in the office's review queue; when office approves it, it lands " +
    "as an intake item (source public_triage) with how complete it is and what is still missing. Nothing is sent " +
    "and nothing internal is returned to the customer.",
  effect: "write",
  risk: "low",
  roles: ["customer"],
  input: Input,
  output: z.object({
    intakeId: z.string(),
    status: z.string(),
    routeConfidence: z.number(),
    missingFields: z.array(z.enum(["identity", "address", "intent"])),
  }),
  example: {
    name: "Sam Example",
    phone: "(303) 555-0142",
    address: "18 Juniper Lane",
    description: "Furnace blowing cold air since this morning",
  },
  async preview(input) {
    const { routeConfidence, missingFields } = routeCompleteness(input);
    return {
      summary: `Public service request from ${input.name}: "${input.description.slice(0, 160)}" — ${suggestedAction(input)} (route confidence ${routeConfidence}${missingFields.length > 0 ? `, missing ${missingFields.join(", ")}` : ""})`,
      changes: [
        { entity: "intake_item", id: null, field: "source", before: null, after: "public_triage" },
        { entity: "intake_item", id: null, field: "rawText", before: null, after: input.description },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const { routeConfidence, missingFields } = routeCompleteness(input);
    const kind = problemKind(input.description);
    const saved = await insertPublicIntake(ctx.db, ctx.tenantId, {
      rawText: input.description,
      receivedAt: ctx.now.toISOString(),
      routeConfidence,
      extracted: {
        name: input.name,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
        intent: kind === "other" ? null : kind,
      },
      missingFields,
      suggestedAction: suggestedAction(input),
    });
    return { intakeId: saved.id, ...saved };
  },
});
