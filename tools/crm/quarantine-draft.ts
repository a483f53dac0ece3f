// crm.quarantine_draft: files a flagged outbound draft in the outbound queue as quarantined, so the office and the
// weekly summary see it. Low risk: a quarantined draft can never be sent or approved for sending.
import { OutboundDraftSchema } from "../../contracts/index.ts";
import { getCustomer } from "../../store/repos/customers.ts";
import { insertDraft } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";
import { DraftInputSchema, draftRiskFlags, storedFlags } from "./outbound-check.ts";

export const quarantineDraftTool = defineTool({
  name: "crm.quarantine_draft",
  title: "Quarantine a flagged draft",
  description:
    "Keep a draft that crm.draft_outbound refused (unsafe_outbound) in the outbound queue with status quarantined and " +
    "its risk flags, so the office can see and reword it and the weekly summary counts it. Low-risk proposal. A " +
    "quarantined draft is never sent and never becomes ready for manual send; a clean draft is refused here.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson"],
  input: DraftInputSchema,
  output: OutboundDraftSchema,
  refs: { customerId: "customer" },
  example: {
    customerId: "cus_0000000000000000",
    channel: "sms",
    body: "Last chance! Act now to lock in this price before it's gone.",
  },
  async guard(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    if (!customer) return null;
    if (draftRiskFlags(input, customer, ctx.tenant).length > 0) return null;
    return {
      refuse: failure(
        "invalid_input",
        "This draft has no risk flags, so there is nothing to quarantine; propose it for approval with crm.draft_outbound.",
      ),
    };
  },
  async preview(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    if (!customer) throw new Error("customer vanished between resolve and preview");
    const flags = storedFlags(draftRiskFlags(input, customer, ctx.tenant));
    return {
      summary: `File a quarantined ${input.channel} draft to ${customer.name} in the outbound queue (never sent): ${flags.map((f) => f.reason).join(" ")}`,
      changes: [
        { entity: "outbound_draft", id: null, field: "status", before: null, after: "quarantined" },
        { entity: "outbound_draft", id: null, field: "riskFlags", before: null, after: flags },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    if (!customer) throw new Error("customer vanished inside the apply transaction");
    return insertDraft(ctx.db, ctx.tenantId, {
      customerId: input.customerId,
      channel: input.channel,
      body: input.body,
      riskFlags: storedFlags(draftRiskFlags(input, customer, ctx.tenant)),
      status: "quarantined",
      createdAt: ctx.now.toISOString(),
    });
  },
});
