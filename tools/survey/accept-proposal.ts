// survey.accept_proposal: the customer signs; the proposal becomes ready_to_install for the office to schedule.
import { z } from "zod";
import { saveSalesProposal } from "../../store/repos/field-sales.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import { loadProposal } from "./proposal-io.ts";
import { SURVEY_ROLES } from "./survey-io.ts";

export const acceptProposalTool = defineTool({
  name: "survey.accept_proposal",
  title: "Record the customer's acceptance",
  description:
    "Records the customer's signature (typed name) and acceptance time on a draft proposal and moves it to " +
    "ready_to_install, with handoff flags for the office calendar and books left false until the office syncs them. " +
    "Medium risk: office or the founder approves. It takes no payment and schedules nothing by itself.",
  effect: "write",
  risk: "medium",
  roles: SURVEY_ROLES,
  input: z.object({
    proposalId: z.string().min(1),
    signatureName: z.string().min(2).max(120).describe("The customer's name as signed"),
    acceptedAt: z.iso.datetime().optional().describe("When the customer signed; defaults to now"),
  }),
  output: z.object({
    proposalId: z.string(),
    status: z.string(),
    acceptedAt: z.string(),
    signature: z.object({ name: z.string(), signedAt: z.string() }),
    handoff: z.object({ googleCalendar: z.boolean(), quickBooks: z.boolean() }),
  }),
  refs: { proposalId: "sales_proposal" },
  example: { proposalId: "spr_0000000000000000", signatureName: "Jordan Demo" },
  async guard(input, ctx) {
    const record = await loadProposal(ctx, input.proposalId);
    if (record.status !== "draft") {
      return {
        refuse: failure(
          "duplicate_or_conflict",
          `Proposal ${record.data.number} is ${record.status}; only a draft can be accepted.`,
        ),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const record = await loadProposal(ctx, input.proposalId);
    return {
      summary: `${input.signatureName} accepts proposal ${record.data.number} (net out-of-pocket $${record.data.netOutOfPocket.toLocaleString("en-US")}); it becomes ready to install.`,
      changes: [
        { entity: "sales_proposal", id: record.id, field: "status", before: record.status, after: "ready_to_install" },
        { entity: "sales_proposal", id: record.id, field: "signature", before: null, after: input.signatureName },
      ],
      basis: [{ entity: "sales_proposal", id: record.id, version: record.version }],
    };
  },
  async run(input, ctx) {
    const record = await loadProposal(ctx, input.proposalId);
    const acceptedAt = input.acceptedAt ?? ctx.now.toISOString();
    const signature = { name: input.signatureName, signedAt: acceptedAt };
    const handoff = { googleCalendar: false, quickBooks: false };
    const saved = await saveSalesProposal(ctx.db, ctx.tenantId, record.id, {
      data: { ...record.data, signature, handoff },
      status: "ready_to_install",
      acceptedAt,
    });
    if (!saved) throw new KernelError("proposal_vanished", "proposal vanished inside the apply transaction");
    return { proposalId: saved.id, status: saved.status, acceptedAt, signature, handoff };
  },
});
