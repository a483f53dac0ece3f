// The capability registry (CRM workflow charter, steps 3 and 10): what the governed change workflow may change, where
// each setting lives in tenant config, its schema and built-in default. Pure: contracts and zod only.
import { z } from "zod";
import {
  DEFAULT_PRICING_SETTINGS,
  DEFAULT_QUIET_HOURS_SETTING,
  DEFAULT_THRESHOLDS,
  PACK_NAMES,
  PRICE_CATEGORY_NAMES,
  QuietHoursSchema,
  ThresholdsSchema,
} from "../../contracts/settings.ts";

export interface Setting {
  capability: string;
  field: string;
  /** Where the value lives in `tenants.config`. */
  path: readonly string[];
  schema: z.ZodType;
  defaultValue: unknown;
  label: string;
}

export interface Capability {
  name: string;
  title: string;
  /** Contract risk level when this capability changes (validator-derived, charter step 4). */
  risk: "low" | "medium" | "high";
  settings: readonly Setting[];
}

const thresholdLabels: Record<string, string> = {
  leadStagnantDays: "days without activity before a lead counts as gone quiet",
  dealRegressionLookbackDays: "days a backwards deal move is watched",
  dealValueDropPct: "percent value cut that counts as a deal regression",
  complaintLookbackDays: "days a complaint keeps an account at risk",
  repeatedCallbacks: "inbound calls that count as repeated callbacks",
  callbackWindowDays: "days the repeated-callback count covers",
  cancelledAgreementLookbackDays: "days a cancelled agreement keeps an account at risk",
  agingEquipmentYears: "equipment age (years) that makes a past customer worth a call",
  noVisitMonths: "months without a visit before a past customer is re-engaged",
  quoteChaseDays: "days after sending before a quote is chased",
  agreementRenewalDays: "days before renewal that an agreement is flagged",
};

export const CAPABILITIES: readonly Capability[] = [
  {
    name: "trigger_thresholds",
    title: "Trigger thresholds and follow-up cadence",
    risk: "medium",
    settings: Object.entries(ThresholdsSchema.shape).map(([field, schema]) => ({
      capability: "trigger_thresholds",
      field,
      path: ["ops", "thresholds", field],
      schema,
      defaultValue: DEFAULT_THRESHOLDS[field as keyof typeof DEFAULT_THRESHOLDS],
      label: thresholdLabels[field] ?? field,
    })),
  },
  {
    name: "quiet_hours",
    title: "Quiet hours for texts to customers",
    risk: "medium",
    settings: (["startHour", "endHour"] as const).map((field) => ({
      capability: "quiet_hours",
      field,
      path: ["quietHours", field],
      schema: QuietHoursSchema.shape[field],
      defaultValue: DEFAULT_QUIET_HOURS_SETTING[field],
      label: field === "startHour" ? "quiet hours start (hour, 0–23)" : "quiet hours end (hour, 0–23)",
    })),
  },
  {
    name: "deposit_split",
    title: "Deposit at acceptance",
    risk: "high",
    settings: [
      {
        capability: "deposit_split",
        field: "depositPct",
        path: ["pricing", "depositPct"],
        schema: z.number().int().min(10).max(90),
        defaultValue: DEFAULT_PRICING_SETTINGS.depositPct,
        label: "deposit percent at acceptance (the balance is due at completion)",
      },
    ],
  },
  {
    name: "markup_rules",
    title: "Markup by price category",
    risk: "high",
    settings: PRICE_CATEGORY_NAMES.map((category) => ({
      capability: "markup_rules",
      field: category,
      path: ["pricing", "markupPctByCategory", category],
      schema: z.number().min(0).max(300),
      defaultValue: DEFAULT_PRICING_SETTINGS.markupPctByCategory[category],
      label: `markup percent on ${category.replaceAll("_", " ")}`,
    })),
  },
  {
    name: "enabled_packs",
    title: "Tool packs turned on for this business",
    risk: "high",
    settings: PACK_NAMES.map((pack) => ({
      capability: "enabled_packs",
      field: pack,
      path: ["packs", pack],
      schema: z.boolean(),
      defaultValue: true,
      label: `the ${pack} pack is on`,
    })),
  },
];

export function capabilityNamed(name: string): Capability | undefined {
  return CAPABILITIES.find((c) => c.name === name);
}

export function settingOf(capability: string, field: string): Setting | undefined {
  return capabilityNamed(capability)?.settings.find((s) => s.field === field);
}

/** The value a business runs with now: its stored setting, else the built-in default. */
export function effectiveValue(config: Record<string, unknown>, setting: Setting): unknown {
  let node: unknown = config;
  for (const key of setting.path) {
    if (node === null || typeof node !== "object") return setting.defaultValue;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined ? setting.defaultValue : node;
}

/** A copy of `config` with one setting written (the governance job's step; nothing else in config changes). */
export function withValue(config: Record<string, unknown>, setting: Setting, value: unknown): Record<string, unknown> {
  const copy = structuredClone(config);
  let node = copy;
  setting.path.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  const last = setting.path[setting.path.length - 1] as string;
  node[last] = value;
  return copy;
}
