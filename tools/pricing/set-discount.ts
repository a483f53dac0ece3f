// pricing.set_discount: a discount on a draft proposal, only down to the enforced floor (Field Engineer §08, §11).
// Below the floor it is refused; the founder may approve an exception through pricing.discount_below_floor.
import { z } from "zod";
import { getSalesProposal, saveSalesProposal } from "../../store/repos/field-sales.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import { DiscountResultSchema, discountCheckOf, discountedData, discountResult, dollars } from "./discount-io.ts";
import { PRICING_SENSITIVE, SELLING_ROLES } from "./price-book-io.ts";

export const setDiscountTool = defineTool({
  name: "pricing.set_discount",
  title: "Discount a proposal",
  description:
    "Takes a dollar discount off a draft proposal's list price (replacing any earlier discount) and recomputes net " +
    "out-of-pocket, deposit, balance, financing payments and the rep's commission. Allowed only down to the " +
    "proposal's price floor; low risk, so the rep approves it in one tap. A discount below the floor is refused — " +
    "ask the founder for an exception with pricing.discount_below_floor. It never reveals cost or margin.",
  effect: "write",
  risk: "low",
  roles: SELLING_ROLES,
  input: z.object({
    proposalId: z.string().min(1),
    discount: z.number().nonnegative().max(1_000_000).describe("Dollars off the list price"),
    reason: z.string().max(300).optional(),
  }),
  output: DiscountResultSchema,
  refs: { proposalId: "sales_proposal" },
  sensitive: PRICING_SENSITIVE,
  example: { proposalId: "spr_0000000000000000", discount: 250 },
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
    const check = discountCheckOf(record, input.discount);
    if (!check.allowed) {
      return {
        refuse: failure(
          "forbidden",
          `A ${dollars(input.discount)} discount would take proposal ${record.data.number} to ` +
            `${dollars(record.data.listPrice - input.discount)}, below its price floor of ${dollars(check.floorPrice)}. ` +
            `The most you can take off is ${dollars(check.maxDiscount)}. The founder can approve an exception: ask ` +
            "with pricing.discount_below_floor.",
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
        `Discount ${dollars(input.discount)} on proposal ${record.data.number}: price ${dollars(record.data.sellPrice)} → ` +
        `${dollars(next.sellPrice)}, net out-of-pocket ${dollars(record.data.netOutOfPocket)} → ${dollars(next.netOutOfPocket)}.` +
        (input.reason ? ` Reason: ${input.reason}` : ""),
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
        {
          entity: "sales_proposal",
          id: record.id,
          field: "netOutOfPocket",
          before: record.data.netOutOfPocket,
          after: next.netOutOfPocket,
        },
      ],
      basis: [{ entity: "sales_proposal", id: record.id, version: record.version }],
    };
  },
  async run(input, ctx) {
    const record = await getSalesProposal(ctx.db, ctx.tenantId, input.proposalId);
    if (!record) throw new KernelError("proposal_vanished", "proposal vanished inside the apply transaction");
    const saved = await saveSalesProposal(ctx.db, ctx.tenantId, record.id, {
      data: discountedData(record, input.discount, ctx, null),
    });
    if (!saved) throw new KernelError("proposal_vanished", "proposal vanished inside the apply transaction");
    return discountResult(saved);
  },
});
