// crm.add_note: an internal note on a customer. Low risk; becomes a proposal, applied by the safe apply engine.
import { z } from "zod";
import { NoteSchema } from "../../contracts/index.ts";
import { getCustomer, insertNote } from "../../store/repos/customers.ts";
import { defineTool } from "../kernel/index.ts";

export const addNoteTool = defineTool({
  name: "crm.add_note",
  title: "Add a note",
  description:
    "Add an internal note to a customer's record (e.g. 'left voicemail', 'gate code 4411'). Internal only: it is " +
    "never sent to the customer. Becomes a low-risk proposal the requester can approve with one tap.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z.object({ customerId: z.string().min(1), body: z.string().trim().min(1, "the note is empty").max(4000) }),
  output: NoteSchema,
  refs: { customerId: "customer" },
  example: { customerId: "cus_0000000000000000", body: "Left voicemail about the furnace quote." },
  async preview(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    return {
      summary: `Add a note to ${customer?.name ?? input.customerId}: "${input.body}"`,
      changes: [{ entity: "note", id: null, field: "body", before: null, after: input.body }],
      basis: [],
    };
  },
  async run(input, ctx) {
    return insertNote(ctx.db, ctx.tenantId, {
      customerId: input.customerId,
      body: input.body,
      authorId: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    });
  },
});
