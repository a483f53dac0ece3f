// crm.log_interaction: an InteractionBundle (call, SMS, email, visit) on a customer's timeline. The raw event refs are
// kept even when the interaction is summarized (contracts seed §5). Low risk.
import { z } from "zod";
import { InteractionSchema } from "../../contracts/index.ts";
import { insertInteraction } from "../../store/repos/office-imports.ts";
import { defineTool } from "../kernel/index.ts";

export const logInteractionTool = defineTool({
  name: "crm.log_interaction",
  title: "Log an interaction",
  description:
    "Log a call, text, email, visit or web form with a customer: direction, a short summary, the outcome, when it " +
    "happened, and the raw event refs it summarizes (call record, message ids, attachments) — at least one ref, so " +
    "the summary always points back to its source. Low-risk proposal; it sends nothing.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech"],
  input: z
    .object({
      customerId: z.string().min(1),
      channel: z.enum(["call", "sms", "email", "visit", "web_form"]),
      direction: z.enum(["inbound", "outbound"]),
      summary: z.string().trim().min(1).max(2000),
      outcome: z.string().trim().max(200).optional(),
      occurredAt: z.iso.datetime({ offset: true }).optional(),
      eventRefs: z.array(z.string().trim().min(1).max(300)).min(1, "keep at least one raw event ref").max(50),
      attachments: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
    })
    .strict(),
  output: InteractionSchema,
  refs: { customerId: "customer" },
  example: {
    customerId: "cus_0000000000000000",
    channel: "call",
    direction: "inbound",
    summary: "Asked about a heat pump estimate; prefers mornings",
    eventRefs: ["call-log:2026-11-23T15:02:00Z"],
  },
  async preview(input) {
    return {
      summary: `Log ${input.direction} ${input.channel}: ${input.summary.slice(0, 120)} (refs: ${input.eventRefs.join(", ")})`,
      changes: [
        { entity: "interaction", id: null, field: "summary", before: null, after: input.summary },
        {
          entity: "interaction",
          id: null,
          field: "rawRefs",
          before: null,
          after: [...input.eventRefs, ...(input.attachments ?? [])],
        },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const row = {
      customerId: input.customerId,
      channel: input.channel,
      direction: input.direction,
      summary: input.summary,
      outcome: input.outcome ?? null,
      occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : ctx.now.toISOString(),
      rawRefs: [...input.eventRefs, ...(input.attachments ?? []).map((a) => `attachment:${a}`)],
    };
    const id = await insertInteraction(ctx.db, ctx.tenantId, row);
    return { id, ...row };
  },
});
