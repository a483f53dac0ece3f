// survey.proposal_document: the customer's one-page proposal as HTML. Never contains cost, margin or commission,
// whoever asks: it is built from the customer projection only.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { proposalHtml } from "./proposal-html.ts";
import { brandOf, customerProposalOf, loadProposal } from "./proposal-io.ts";
import { SURVEY_READ_ROLES } from "./survey-io.ts";

export const proposalDocumentTool = defineTool({
  name: "survey.proposal_document",
  title: "Customer proposal document",
  description:
    "Renders the customer-facing proposal (printable to a one-page PDF): header, customer and property, recommended " +
    "system, Good/Better/Best columns, what's included, your investment (price, estimated rebates, net out-of-pocket, " +
    "deposit and balance), estimated savings with the dated-rate asterisk, financing, rebates to be verified, " +
    "acceptance, fine print and footer. It never shows cost, margin or commission, whatever the caller's role. Read only.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ proposalId: z.string().min(1) }),
  output: z.object({ proposalId: z.string(), status: z.string(), html: z.string() }),
  refs: { proposalId: "sales_proposal" },
  example: { proposalId: "spr_0000000000000000" },
  async run(input, ctx) {
    const record = await loadProposal(ctx, input.proposalId);
    return {
      proposalId: record.id,
      status: record.status,
      html: proposalHtml(customerProposalOf(record), brandOf(ctx.tenant)),
    };
  },
});
