// Office settings that the governed change workflow may change (the capability registry's values), with their
// built-in defaults. Zod only. A pack reads its own settings; governance proposes, checks and records changes to them.
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

/** Quiet hours for texts (local time; start > end wraps midnight). Must equal crm's DEFAULT_QUIET_HOURS (tested). */
export const QuietHoursSchema = z.object({
  startHour: z.number().int().min(0).max(23),
  endHour: z.number().int().min(0).max(23),
});
export const DEFAULT_QUIET_HOURS_SETTING = { startHour: 20, endHour: 8 } as const;

export const PRICE_CATEGORY_NAMES = [
  "equipment",
  "materials",
  "line_set",
  "tear_out_disposal",
  "hazardous",
  "permit",
  "add_on",
] as const;

/** The pricing settings governance may change. Must equal the pricing pack's defaults (tested). */
export const DEFAULT_PRICING_SETTINGS = {
  markupPctByCategory: {
    equipment: 40,
    materials: 50,
    line_set: 50,
    tear_out_disposal: 25,
    hazardous: 25,
    permit: 0,
    add_on: 45,
  } as Record<(typeof PRICE_CATEGORY_NAMES)[number], number>,
  minMarginPct: 20,
  depositPct: 60,
  proposalValidDays: 30,
};

/** Tool packs a business can turn off; repair (the hazard screen) and governance cannot be (health invariant). */
export const PACK_NAMES = [
  "crm",
  "imports",
  "survey",
  "pricing",
  "repair",
  "inventory",
  "public",
  "ops",
  "governance",
] as const;
export const REQUIRED_PACKS = ["crm", "repair", "governance"] as const;
