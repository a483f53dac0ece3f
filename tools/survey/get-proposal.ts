// survey.get_proposal: one sales proposal with its internal figures, filtered at the source for the caller's role.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { loadProposal, ProposalViewSchema, proposalViewOf } from "./proposal-io.ts";
import { SURVEY_READ_ROLES } from "./survey-io.ts";

export const getProposalTool = defineTool({
  name: "survey.get_proposal",
  title: "Show a sales proposal",
  description:
    "Returns a sales proposal: tier, systems, Good/Better/Best prices, add-ons, sell price, discount, rebates, net " +
    "out-of-pocket, deposit and balance, financing, savings, status and acceptance. The sales manager, office and " +
    "founder also receive vendorCost, margin and floorPrice; the salesperson receives sell prices and their own " +
    "commission only (cost fields are removed at the source). For the customer's copy use survey.proposal_document. " +
    "Read only.",
  effect: "read",
  risk: "low",
  roles: SURVEY_READ_ROLES,
  input: z.object({ proposalId: z.string().min(1) }),
  output: ProposalViewSchema,
  refs: { proposalId: "sales_proposal" },
  sensitive: ["floorPrice"],
  example: { proposalId: "spr_0000000000000000" },
  async run(input, ctx) {
    return proposalViewOf(await loadProposal(ctx, input.proposalId));
  },
});
