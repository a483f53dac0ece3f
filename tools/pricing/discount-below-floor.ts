// pricing.discount_below_floor: ask the founder for an exception to the price floor. High risk: only the founder
// approves, and never the person who asked.
import { z } from "zod";
import { getSalesProposal, saveSalesProposal } from "../../store/repos/field-sales.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import { DiscountResultSchema, discountCheckOf, discountedData, discountResult, dollars } from "./discount-io.ts";
import { PRICING_SENSITIVE, SELLING_ROLES } from "./price-book-io.ts";

export const discountBelowFloorTool = defineTool({
  name: "pricing.discount_below_floor",
  title: "Ask for a discount below the floor",
  description:
    "Requests an exception: a discount that takes a draft proposal below its price floor. Becomes a high-risk " +
    "proposal that only the founder may approve (never the person who asked); the reason is required and recorded " +
    "on the proposal. For discounts within the floor use pricing.set_discount instead. It never reveals cost or margin.",
  effect: "write",
  risk: "high",
  roles: SELLING_ROLES,
  input: z.object({
    proposalId: z.string().min(1),
    discount: z.number().positive().max(1_000_000).describe("Dollars off the list price"),
    reason: z.string().min(5).max(500).describe("Why the exception is worth it"),
  }),
  output: DiscountResultSchema,
  refs: { proposalId: "sales_proposal" },
  sensitive: PRICING_SENSITIVE,
  example: {
    proposalId: "spr_0000000000000000",
    discount: 4000,
    reason: "Match a competing bid for a repeat customer",
  },
  async guard(input, ctx) {
    const record = await getSalesProposal(ctx.db, ctx.tenantId, input.proposalId);
    if (!record) return { refuse: failure("not_found", `No proposal ${input.proposalId} in this business.`) };
    if (record.status !== "draft") {
      return {
        refuse: failure(
          "duplicate_or_conflict",
          `Proposal ${record.data.number} is ${record.status}; only a draft can be discounted.`,
        ),
      };
    }
    if (input.discount >= record.data.listPrice) {
      return { refuse: failure("invalid_input", "A discount must leave a price above zero.") };
    }
    if (discountCheckOf(record, input.discount).allowed) {
      return {
        refuse: failure(
          "invalid_input",
          "That discount is within the floor: use pricing.set_discount, no exception needed.",
        ),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const record = await getSalesProposal(ctx.db, ctx.tenantId, input.proposalId);
    if (!record) throw new KernelError("proposal_vanished", "proposal vanished");
    const next = discountedData(record, input.discount, ctx, null);
    return {
      summary:
        `Exception below the price floor on proposal ${record.data.number}: discount ${dollars(input.discount)}, price ` +
        `${dollars(record.data.sellPrice)} → ${dollars(next.sellPrice)}, below the price floor. ` +
        `Reason: ${input.reason}. Needs the founder.`,
      changes: [
        {
          entity: "sales_proposal",
          id: record.id,
          field: "discount",
          before: record.data.discount,
          after: next.discount,
        },
        {
          entity: "sales_proposal",
          id: record.id,
          field: "sellPrice",
          before: record.data.sellPrice,
          after: next.sellPrice,
        },
      ],
      basis: [{ entity: "sales_proposal", id: record.id, version: record.version }],
    };
  },
  async run(input, ctx) {
    const record = await getSalesProposal(ctx.db, ctx.tenantId, input.proposalId);
    if (!record) throw new KernelError("proposal_vanished", "proposal vanished inside the apply transaction");
    const exception = { approvedVia: ctx.proposalId ?? "unknown", reason: input.reason };
    const saved = await saveSalesProposal(ctx.db, ctx.tenantId, record.id, {
      data: discountedData(record, input.discount, ctx, exception),
    });
    if (!saved) throw new KernelError("proposal_vanished", "proposal vanished inside the apply transaction");
    return discountResult(saved);
  },
});
