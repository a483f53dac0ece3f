// Field Engineer §08 proposal money: net out-of-pocket, 60/40 deposit split, estimated financing payments.
import { describe, expect, it } from "vitest";
import { FINANCING_DISCLAIMER, monthlyPayment, proposalMoney } from "./proposal-math.ts";

describe("monthlyPayment", () => {
  it.each([
    { principal: 10_000, aprPct: 6, termYears: 10, payment: 111.02 },
    { principal: 25_000, aprPct: 7.99, termYears: 15, payment: 238.77 },
    { principal: 12_800, aprPct: 9.99, termYears: 12, payment: 152.9 },
    { principal: 30_000, aprPct: 4.5, termYears: 30, payment: 152.01 },
    { principal: 10_000, aprPct: 0, termYears: 5, payment: 166.67 },
  ])(
    "$principal at $aprPct% APR over $termYears years is $payment a month",
    ({ principal, aprPct, termYears, payment }) => {
      expect(monthlyPayment({ principal, aprPct, termYears })).toBe(payment);
    },
  );

  it("a zero-length term is refused as a bug", () => {
    expect(() => monthlyPayment({ principal: 1000, aprPct: 5, termYears: 0 })).toThrow(RangeError);
  });
});

describe("proposalMoney", () => {
  it("a $12,800 system with $2,700 of rebates shows $10,100 out of pocket, 60% at acceptance", () => {
    const money = proposalMoney({
      sellPrice: 12_800,
      rebatesEstimated: 2_700,
      financing: [
        { lender: "Demo Home Lending", termYears: 10, apr: 6 },
        { lender: "Demo Credit Union", termYears: 5, apr: 0 },
      ],
    });
    expect(money).toEqual({
      sellPrice: 12_800,
      rebatesEstimated: 2_700,
      netOutOfPocket: 10_100,
      deposit: { pct: 60, amount: 7_680, dueAt: "acceptance" },
      balance: { pct: 40, amount: 5_120, dueAt: "completion" },
      financing: [
        { lender: "Demo Home Lending", termYears: 10, apr: 6, monthlyPayment: 142.11 },
        { lender: "Demo Credit Union", termYears: 5, apr: 0, monthlyPayment: 213.33 },
      ],
      financingDisclaimer: FINANCING_DISCLAIMER,
    });
  });

  it.each([
    { depositPct: 50, deposit: 6172.84, balance: 6172.83 },
    { depositPct: 60, deposit: 7407.4, balance: 4938.27 },
    { depositPct: 0, deposit: 0, balance: 12345.67 },
  ])("a $depositPct% deposit split still adds up to the cent", ({ depositPct, deposit, balance }) => {
    const money = proposalMoney({ sellPrice: 12_345.67, rebatesEstimated: 0, depositPct });
    expect(money.deposit.amount).toBe(deposit);
    expect(money.balance.amount).toBe(balance);
    expect(money.balance.pct).toBe(100 - depositPct);
    expect(Math.round((money.deposit.amount + money.balance.amount) * 100)).toBe(1_234_567);
  });

  it("rebates larger than the price never make the out-of-pocket negative", () => {
    expect(proposalMoney({ sellPrice: 1_000, rebatesEstimated: 1_500 }).netOutOfPocket).toBe(0);
  });

  it("a financed amount other than the sell price sets the payment", () => {
    const money = proposalMoney({
      sellPrice: 12_800,
      rebatesEstimated: 0,
      financedAmount: 10_000,
      financing: [{ lender: "Demo Home Lending", termYears: 10, apr: 6 }],
    });
    expect(money.financing[0]?.monthlyPayment).toBe(111.02);
  });

  it("a third financing option is refused: the proposal shows at most two", () => {
    const option = { lender: "Demo Home Lending", termYears: 10, apr: 6 };
    expect(() => proposalMoney({ sellPrice: 1, rebatesEstimated: 0, financing: [option, option, option] })).toThrow(
      RangeError,
    );
  });

  it("the customer's money view never carries cost, margin or commission", () => {
    const keys = JSON.stringify(proposalMoney({ sellPrice: 12_800, rebatesEstimated: 2_700 }));
    expect(keys).not.toMatch(/vendorCost|margin|commission/);
  });
});
