// crm.outbound_queue: drafts awaiting manual send, with risk flags (GET /api/outbound-queue.json). The app sends nothing.
import { z } from "zod";
import { OutboundQueueSchema } from "../../contracts/index.ts";
import { outboundQueue } from "../../store/repos/office.ts";
import { defineTool } from "../kernel/index.ts";

export const outboundQueueTool = defineTool({
  name: "crm.outbound_queue",
  title: "Outbound draft queue",
  description:
    "Customer messages drafted but not sent: quarantined drafts with their risk flags (pressure language, opt-out " +
    "conflict, risky claims, unapproved send path), drafts awaiting approval, and approved drafts ready for manual " +
    "send. External sending is disabled by policy; a person copies and sends. Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "ai_client"],
  input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
  output: OutboundQueueSchema,
  example: { limit: 20 },
  async run(input, ctx) {
    return { sendsEnabled: false, drafts: await outboundQueue(ctx.db, ctx.tenantId, input.limit ?? 50) };
  },
});
