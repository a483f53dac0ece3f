// survey.create_proposal: the customer proposal from a survey, priced from the price book. It lives in the pricing
// pack because its money math does (packs never import each other); the survey side comes from the stored survey.
import { z } from "zod";
import { insertSalesProposal } from "../../store/repos/field-sales.ts";
import { defineTool, KernelError } from "../kernel/index.ts";
import { PROPOSING_ROLES } from "./price-book-io.ts";
import { buildProposal } from "./proposal-pricing.ts";

const Financing = z.object({
  lender: z.string().min(1).max(80),
  termYears: z.number().positive().max(30),
  apr: z.number().min(0).max(40).describe("Percent: 6 means 6% APR"),
});

const Part = z.object({ pct: z.number(), amount: z.number(), dueAt: z.string() });

export const createProposalTool = defineTool({
  name: "survey.create_proposal",
  title: "Create the customer proposal",
  description:
    "Builds the customer proposal from a survey: the chosen tier (default: the goal-driven lead tier) with all three " +
    "Good/Better/Best prices, add-ons, sell price from the price book, estimated rebates (to be verified), net " +
    "out-of-pocket, deposit at acceptance and balance at completion (office-configurable split), up to two financing " +
    "options with an estimated monthly payment, and the savings estimate. Status draft. Medium risk: office or the " +
    "founder approves. Refused with gate_required until the utility is confirmed (survey.confirm_utility).",
  effect: "write",
  risk: "medium",
  roles: PROPOSING_ROLES,
  input: z.object({
    surveyId: z.string().min(1),
    tier: z.enum(["good", "better", "best"]).optional(),
    financing: z.array(Financing).max(2).optional().describe("Up to two options; defaults to the office's lenders"),
  }),
  output: z.object({
    proposalId: z.string(),
    number: z.string(),
    status: z.string(),
    tier: z.string(),
    sellPrice: z.number(),
    rebatesEstimated: z.number(),
    netOutOfPocket: z.number(),
    deposit: Part,
    balance: Part,
    financing: z.array(Financing.extend({ monthlyPayment: z.number() })),
    financingDisclaimer: z.string(),
  }),
  refs: { surveyId: "survey" },
  example: { surveyId: "srv_0000000000000000", tier: "better" },
  async guard(input, ctx) {
    const result = await buildProposal(input, ctx);
    return result.ok ? null : { refuse: result.failure };
  },
  async preview(input, ctx) {
    const result = await buildProposal(input, ctx);
    if (!result.ok) throw new KernelError("proposal_unbuildable", result.failure.reason);
    const { data, basis } = result.built;
    const money = (n: number) => `$${n.toLocaleString("en-US")}`;
    return {
      summary:
        `Proposal for ${data.customer.name}: ${data.tier} tier (${data.systems.map((s) => s.label).join(" + ")}), ` +
        `${money(data.sellPrice)}, estimated rebates ${money(data.rebatesEstimated)} (to be verified), net ` +
        `out-of-pocket ${money(data.netOutOfPocket)}, deposit ${data.deposit.pct}% ${money(data.deposit.amount)}.`,
      changes: [
        {
          entity: "sales_proposal",
          id: "(new)",
          field: "proposal",
          before: null,
          after: {
            tier: data.tier,
            sellPrice: data.sellPrice,
            rebatesEstimated: data.rebatesEstimated,
            netOutOfPocket: data.netOutOfPocket,
            status: "draft",
          },
        },
      ],
      basis,
    };
  },
  async run(input, ctx) {
    const result = await buildProposal(input, ctx);
    if (!result.ok) throw new KernelError("proposal_unbuildable", result.failure.reason);
    const { survey, data } = result.built;
    const saved = await insertSalesProposal(ctx.db, ctx.tenantId, {
      surveyId: survey.id,
      customerId: survey.customerId,
      preparedBy: ctx.actor.id,
      status: "draft",
      data,
      now: ctx.now.toISOString(),
    });
    return {
      proposalId: saved.id,
      number: data.number,
      status: saved.status,
      tier: data.tier,
      sellPrice: data.sellPrice,
      rebatesEstimated: data.rebatesEstimated,
      netOutOfPocket: data.netOutOfPocket,
      deposit: data.deposit,
      balance: data.balance,
      financing: data.financing,
      financingDisclaimer: data.financingDisclaimer,
    };
  },
});
