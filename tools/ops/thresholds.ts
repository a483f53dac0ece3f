// Trigger thresholds: tenant configuration (`config.ops.thresholds`), changed only through the governed change
// workflow. Pure: zod only, so the browser and the governance validator use the same definitions.
import { z } from "zod";

export const TRIGGER_TYPES = [
  "lead_stagnant",
  "deal_regression",
  "account_risk",
  "re_engagement",
  "quote_chase_due",
  "agreement_renewal_due",
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const TRIGGER_LABELS: Readonly<Record<TriggerType, string>> = {
  lead_stagnant: "Lead gone quiet",
  deal_regression: "Deal moved backwards",
  account_risk: "Account at risk",
  re_engagement: "Past customer to re-engage",
  quote_chase_due: "Quote to chase",
  agreement_renewal_due: "Maintenance agreement renewal due",
};

export const ThresholdsSchema = z.object({
  /** An open lead or deal with no activity for this many days. */
  leadStagnantDays: z.number().int().min(1).max(180),
  /** A stage moved back or value cut within this many days. */
  dealRegressionLookbackDays: z.number().int().min(1).max(90),
  /** A value cut of at least this percent counts as regression. */
  dealValueDropPct: z.number().int().min(1).max(100),
  /** A complaint within this many days puts the account at risk. */
  complaintLookbackDays: z.number().int().min(1).max(365),
  /** This many inbound calls inside the window below put the account at risk. */
  repeatedCallbacks: z.number().int().min(2).max(20),
  callbackWindowDays: z.number().int().min(1).max(90),
  /** A maintenance agreement cancelled within this many days puts the account at risk. */
  cancelledAgreementLookbackDays: z.number().int().min(1).max(365),
  /** Equipment at least this old makes a past customer worth a call. */
  agingEquipmentYears: z.number().int().min(5).max(40),
  /** ... when there has been no visit for this many months. */
  noVisitMonths: z.number().int().min(3).max(60),
  /** A sent quote with no answer after this many days is chased. */
  quoteChaseDays: z.number().int().min(1).max(60),
  /** An agreement renewing within this many days is flagged. */
  agreementRenewalDays: z.number().int().min(1).max(120),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  leadStagnantDays: 10,
  dealRegressionLookbackDays: 14,
  dealValueDropPct: 10,
  complaintLookbackDays: 30,
  repeatedCallbacks: 3,
  callbackWindowDays: 14,
  cancelledAgreementLookbackDays: 30,
  agingEquipmentYears: 12,
  noVisitMonths: 18,
  quoteChaseDays: 7,
  agreementRenewalDays: 30,
};

/** The tenant's thresholds: its own values over the defaults (an invalid stored value falls back to the default). */
export function thresholdsOf(config: Record<string, unknown>): Thresholds {
  const ops = (config.ops ?? {}) as { thresholds?: Record<string, unknown> };
  const merged = { ...DEFAULT_THRESHOLDS, ...(ops.thresholds ?? {}) };
  const parsed = ThresholdsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

/** Pipeline order of open stages; moving to a lower rank is a regression. Won and lost are closed. */
export const STAGE_RANK: Readonly<Record<string, number>> = {
  new: 0,
  contacted: 1,
  survey_booked: 2,
  quoted: 3,
};
export const OPEN_STAGES = Object.keys(STAGE_RANK);
