// Shell helper for the discount tools: re-price a draft proposal after a discount from its list price, with the
// tenant's commission rule.
// The floor check itself is pricing-math's; this only maps the stored proposal in and out.
import { z } from "zod";
import type { SalesProposalData, SalesProposalRecord } from "../../store/repos/field-sales.ts";
import type { ToolContext } from "../kernel/index.ts";
import { pricingOf } from "./price-book-io.ts";
import { checkDiscount, commissionFor, type DiscountCheck, roundToCents } from "./pricing-math.ts";
import { proposalMoney } from "./proposal-math.ts";

export const DiscountResultSchema = z.object({
  proposalId: z.string(),
  number: z.string(),
  listPrice: z.number(),
  discount: z.number(),
  sellPrice: z.number(),
  netOutOfPocket: z.number(),
  deposit: z.object({ pct: z.number(), amount: z.number(), dueAt: z.string() }),
  balance: z.object({ pct: z.number(), amount: z.number(), dueAt: z.string() }),
  financing: z.array(
    z.object({ lender: z.string(), termYears: z.number(), apr: z.number(), monthlyPayment: z.number() }),
  ),
  commission: z.number(),
  belowFloorException: z.boolean(),
});

export function dollars(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}

/** Whether a discount off the list price keeps this proposal at or above its floor. */
export function discountCheckOf(record: SalesProposalRecord, discount: number): DiscountCheck {
  return checkDiscount({ listPrice: record.data.listPrice, floorPrice: record.data.internal.floorPrice, discount });
}

/** The proposal document after a discount off its list price (replacing any earlier discount). */
export function discountedData(
  record: SalesProposalRecord,
  discount: number,
  ctx: ToolContext,
  exception: SalesProposalData["floorException"],
): SalesProposalData {
  const d = record.data;
  const cost = d.sellPrice - d.internal.margin;
  const sellPrice = roundToCents(d.listPrice - discount);
  const money = proposalMoney({
    sellPrice,
    rebatesEstimated: d.rebatesEstimated,
    depositPct: d.deposit.pct,
    financing: d.financing.map((f) => ({ lender: f.lender, termYears: f.termYears, apr: f.apr })),
  });
  const margin = roundToCents(sellPrice - cost);
  return {
    ...d,
    discount: roundToCents(discount),
    sellPrice: money.sellPrice,
    netOutOfPocket: money.netOutOfPocket,
    deposit: money.deposit,
    balance: money.balance,
    financing: money.financing,
    floorException: exception ?? d.floorException,
    internal: {
      ...d.internal,
      margin,
      marginPct: sellPrice > 0 ? Math.round((margin / sellPrice) * 1000) / 10 : 0,
      commission: commissionFor(sellPrice, d.internal.floorPrice, pricingOf(ctx).rules.commission),
    },
  };
}

export function discountResult(record: SalesProposalRecord): z.input<typeof DiscountResultSchema> {
  const d = record.data;
  return {
    proposalId: record.id,
    number: d.number,
    listPrice: d.listPrice,
    discount: d.discount,
    sellPrice: d.sellPrice,
    netOutOfPocket: d.netOutOfPocket,
    deposit: d.deposit,
    balance: d.balance,
    financing: d.financing,
    commission: d.internal.commission,
    belowFloorException: d.floorException !== null,
  };
}
