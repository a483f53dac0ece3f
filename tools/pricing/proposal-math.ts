// Proposal money math (Field Engineer §08 "Proposal & close"): net out-of-pocket, deposit/balance, financing payments.
// Pure: no I/O, no imports. Only customer-facing figures: no cost, margin or commission ever passes through here.
import { roundToCents } from "./pricing-math.ts";

export const FINANCING_DISCLAIMER = "Estimated — subject to credit approval";
/** Field Engineer §08: up to two financing options per deal. */
export const MAX_FINANCING_OPTIONS = 2;
/** Field Engineer §08: 60% at acceptance, 40% at completion; office-configurable. */
export const DEFAULT_DEPOSIT_PCT = 60;

export interface FinancingTerms {
  lender: string;
  termYears: number;
  /** Annual percentage rate as a percent: 6 means 6% APR. */
  apr: number;
}

export interface FinancingOption extends FinancingTerms {
  /** Estimated; subject to credit approval. */
  monthlyPayment: number;
}

export interface PaymentPart<Due extends string> {
  pct: number;
  amount: number;
  dueAt: Due;
}

export interface ProposalMoney {
  sellPrice: number;
  rebatesEstimated: number;
  /** The headline: sellPrice − rebatesEstimated, never below zero. */
  netOutOfPocket: number;
  deposit: PaymentPart<"acceptance">;
  balance: PaymentPart<"completion">;
  financing: FinancingOption[];
  financingDisclaimer: typeof FINANCING_DISCLAIMER;
}

/**
 * Standard amortization: payment = P·r / (1 − (1 + r)^−n), r = APR / 12, n = termYears × 12; at 0% APR, P / n.
 * Rounded to cents.
 */
export function monthlyPayment(loan: { principal: number; aprPct: number; termYears: number }): number {
  const months = Math.round(loan.termYears * 12);
  if (months <= 0) throw new RangeError(`A loan term must be at least one month, got ${loan.termYears} years.`);
  const monthlyRate = loan.aprPct / 100 / 12;
  if (monthlyRate === 0) return roundToCents(loan.principal / months);
  return roundToCents((loan.principal * monthlyRate) / (1 - (1 + monthlyRate) ** -months));
}

export interface ProposalMoneyInput {
  sellPrice: number;
  rebatesEstimated: number;
  /** Percent due at acceptance; the rest is due at completion. */
  depositPct?: number;
  financing?: readonly FinancingTerms[];
  /** What a loan would cover; the sell price unless the office says otherwise (rebates arrive after install). */
  financedAmount?: number;
}

/** The "Your investment" and "Financing" sections of a proposal, in dollars rounded to cents. */
export function proposalMoney(input: ProposalMoneyInput): ProposalMoney {
  const depositPct = input.depositPct ?? DEFAULT_DEPOSIT_PCT;
  if (!(depositPct >= 0 && depositPct <= 100)) {
    throw new RangeError(`The deposit must be between 0% and 100%, got ${depositPct}%.`);
  }
  const financing = input.financing ?? [];
  if (financing.length > MAX_FINANCING_OPTIONS) {
    throw new RangeError(
      `A proposal shows at most ${MAX_FINANCING_OPTIONS} financing options, got ${financing.length}.`,
    );
  }

  const sellPrice = roundToCents(input.sellPrice);
  const rebatesEstimated = roundToCents(input.rebatesEstimated);
  const depositAmount = roundToCents(sellPrice * (depositPct / 100));
  const principal = input.financedAmount ?? sellPrice;

  return {
    sellPrice,
    rebatesEstimated,
    netOutOfPocket: roundToCents(Math.max(0, sellPrice - rebatesEstimated)),
    deposit: { pct: depositPct, amount: depositAmount, dueAt: "acceptance" },
    // The balance is the remainder, so deposit + balance is always exactly the sell price.
    balance: { pct: 100 - depositPct, amount: roundToCents(sellPrice - depositAmount), dueAt: "completion" },
    financing: financing.map((terms) => ({
      lender: terms.lender,
      termYears: terms.termYears,
      apr: terms.apr,
      monthlyPayment: monthlyPayment({ principal, aprPct: terms.apr, termYears: terms.termYears }),
    })),
    financingDisclaimer: FINANCING_DISCLAIMER,
  };
}
