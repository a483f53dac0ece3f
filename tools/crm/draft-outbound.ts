// crm.draft_outbound: a customer message (SMS/email text) for approval, never a send. A draft with any risk flag is
// refused as unsafe_outbound (quarantined, reasons in plain words); a clean one is a high-risk proposal for the founder.
import { z } from "zod";
import { OutboundDraftSchema } from "../../contracts/index.ts";
import { getCustomer } from "../../store/repos/customers.ts";
import { insertDraft } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";
import { DraftInputSchema, draftRiskFlags, storedFlags } from "./outbound-check.ts";

export const draftOutboundTool = defineTool({
  name: "crm.draft_outbound",
  title: "Draft a customer message",
  description:
    "Draft an SMS or email to a customer for a person to send by hand. The app never sends. A deterministic scan " +
    'checks pressure language ("act now", "last chance", fear of breakdown), the customer\'s opt-outs, quiet hours, ' +
    'risky claims (guaranteed savings, "free", unlicensed promises, rebates stated as certain) and the send path. ' +
    "Any flag: refused as unsafe_outbound with the draft (riskFlags, status quarantined) in the details; file it in the " +
    "outbound queue with crm.quarantine_draft. Clean: a high-risk proposal (draft status awaiting_approval) that the " +
    "founder approves; the approved draft is ready_for_manual_send with a copy action.",
  effect: "external",
  risk: "high",
  roles: ["founder", "office", "sales_manager", "salesperson"],
  input: DraftInputSchema,
  output: OutboundDraftSchema.extend({ sendsEnabled: z.literal(false), copyText: z.string(), next: z.string() }),
  refs: { customerId: "customer" },
  example: {
    customerId: "cus_0000000000000000",
    channel: "email",
    body: "Hi, this is the office following up on the furnace quote we sent. Happy to answer any questions.",
  },
  async guard(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    if (!customer) return null; // the kernel's ref check answers not_found
    const flags = draftRiskFlags(input, customer, ctx.tenant);
    if (flags.length === 0) return null;
    const draft = {
      id: null,
      customerId: customer.id,
      customerName: customer.name,
      channel: input.channel,
      body: input.body,
      riskFlags: storedFlags(flags),
      status: "quarantined" as const,
      createdAt: ctx.now.toISOString(),
    };
    return {
      refuse: failure(
        "unsafe_outbound",
        `Draft to ${customer.name} quarantined, nothing was sent: ${flags.map((f) => f.reason).join(" ")} ` +
          "Reword it and draft again, or file it in the outbound queue with crm.quarantine_draft.",
        {
          details: {
            draft,
            quarantine: { tool: "crm.quarantine_draft", input },
          },
        },
      ),
    };
  },
  async preview(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    if (!customer) throw new Error("customer vanished between resolve and preview");
    const draft = {
      id: null,
      customerId: customer.id,
      customerName: customer.name,
      channel: input.channel,
      body: input.body,
      riskFlags: [],
      status: "awaiting_approval",
    };
    return {
      summary:
        `Approve this ${input.channel === "sms" ? "text" : "email"} to ${customer.name} for manual send ` +
        `(the app sends nothing; a person copies it): "${input.body}"`,
      changes: [
        { entity: "outbound_draft", id: null, field: "draft", before: null, after: draft },
        {
          entity: "outbound_draft",
          id: null,
          field: "status",
          before: "awaiting_approval",
          after: "ready_for_manual_send",
        },
      ],
      basis: [{ entity: "customer", id: customer.id, version: customer.version }],
    };
  },
  async run(input, ctx) {
    const draft = await insertDraft(ctx.db, ctx.tenantId, {
      customerId: input.customerId,
      channel: input.channel,
      body: input.body,
      riskFlags: [],
      status: "ready_for_manual_send",
      createdAt: ctx.now.toISOString(),
    });
    return {
      ...draft,
      sendsEnabled: false as const,
      copyText: draft.body,
      next: "Copy the text, send it from the office phone or mailbox, then record it with crm.mark_sent_manually.",
    };
  },
});
