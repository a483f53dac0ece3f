// crm.mark_sent_manually: records that a person copied an approved draft and sent it themself. The app sent nothing.
// Low risk; logs the message on the customer's timeline.
import { z } from "zod";
import { OutboundDraftSchema } from "../../contracts/index.ts";
import { getDraft, insertInteraction, setDraftStatus } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";

export const markSentManuallyTool = defineTool({
  name: "crm.mark_sent_manually",
  title: "Mark a draft sent by hand",
  description:
    "After a person copied an approved draft (ready_for_manual_send) and sent it from the office phone or mailbox, " +
    "record it as sent_manually and log it on the customer's timeline. Quarantined or unapproved drafts are refused. " +
    "Low-risk proposal; the app itself never sends.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson"],
  input: z.object({ draftId: z.string().min(1), sentAt: z.iso.datetime({ offset: true }).optional() }).strict(),
  output: OutboundDraftSchema.extend({ interactionId: z.string() }),
  refs: { draftId: "outbound_draft" },
  example: { draftId: "drf_0000000000000000" },
  async guard(input, ctx) {
    const draft = await getDraft(ctx.db, ctx.tenantId, input.draftId);
    if (!draft || draft.status === "ready_for_manual_send") return null;
    if (draft.status === "quarantined") {
      return {
        refuse: failure(
          "unsafe_outbound",
          `Draft ${draft.id} is quarantined; it must never be sent. Reword and draft again.`,
        ),
      };
    }
    return {
      refuse: failure(
        "duplicate_or_conflict",
        `Draft ${draft.id} is ${draft.status}; only an approved draft (ready_for_manual_send) can be marked sent.`,
      ),
    };
  },
  async preview(input, ctx) {
    const draft = await getDraft(ctx.db, ctx.tenantId, input.draftId);
    if (!draft) throw new Error("draft vanished between resolve and preview");
    return {
      summary: `Record that the ${draft.channel} "${draft.body.slice(0, 80)}" was sent by hand`,
      changes: [
        { entity: "outbound_draft", id: draft.id, field: "status", before: draft.status, after: "sent_manually" },
      ],
      basis: [{ entity: "outbound_draft", id: draft.id, version: draft.version }],
    };
  },
  async run(input, ctx) {
    const draft = await setDraftStatus(ctx.db, ctx.tenantId, input.draftId, "sent_manually");
    const interactionId = await insertInteraction(ctx.db, ctx.tenantId, {
      customerId: draft.customerId,
      channel: draft.channel,
      direction: "outbound",
      summary: `Sent by hand: ${draft.body}`.slice(0, 500),
      outcome: "sent_manually",
      occurredAt: input.sentAt ? new Date(input.sentAt).toISOString() : ctx.now.toISOString(),
      rawRefs: [draft.id],
    });
    return { ...draft, interactionId };
  },
});
