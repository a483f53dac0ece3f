// pricing.financing_estimate: estimated monthly payments for an amount (standard amortization), never a loan offer.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { PROPOSING_ROLES } from "./price-book-io.ts";
import { FINANCING_DISCLAIMER, MAX_FINANCING_OPTIONS, monthlyPayment } from "./proposal-math.ts";

export const financingEstimateTool = defineTool({
  name: "pricing.financing_estimate",
  title: "Estimate financing payments",
  description:
    "Estimated monthly payment for an amount at up to two APR/term options (standard amortization; 0% APR divides " +
    "evenly), e.g. $10,000 at 6% for 10 years. Use it to answer a customer's 'what would that be a month?'. " +
    "Always estimated and subject to credit approval; it is not a loan offer and saves nothing.",
  effect: "read",
  risk: "low",
  roles: PROPOSING_ROLES,
  input: z.object({
    amount: z.number().positive().max(10_000_000).describe("Dollars financed"),
    options: z
      .array(
        z.object({
          lender: z.string().min(1).max(80).optional(),
          termYears: z.number().positive().max(30),
          apr: z.number().min(0).max(40).describe("Percent: 6 means 6% APR"),
        }),
      )
      .min(1)
      .max(MAX_FINANCING_OPTIONS),
  }),
  output: z.object({
    amount: z.number(),
    options: z.array(
      z.object({ lender: z.string().nullable(), termYears: z.number(), apr: z.number(), monthlyPayment: z.number() }),
    ),
    disclaimer: z.string(),
  }),
  example: { amount: 10000, options: [{ termYears: 10, apr: 6 }] },
  async run(input) {
    return {
      amount: input.amount,
      options: input.options.map((o) => ({
        lender: o.lender ?? null,
        termYears: o.termYears,
        apr: o.apr,
        monthlyPayment: monthlyPayment({ principal: input.amount, aprPct: o.apr, termYears: o.termYears }),
      })),
      disclaimer: FINANCING_DISCLAIMER,
    };
  },
});
