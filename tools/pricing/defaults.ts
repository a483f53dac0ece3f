// Office-configurable pricing settings (tenant `config.pricing`) and the defaults used when a setting is absent.
// Pure: zod only. Which price-book SKU is each estimate component lives here too, so the office can remap it.
import { z } from "zod";
import type { FinancingTerms } from "./proposal-math.ts";
import { DEMO_PRICING_RULES, PRICE_CATEGORIES, type PriceCategory, type PricingRules } from "./pricing-math.ts";

export type ProposedSystem = "furnace" | "boiler" | "ac" | "heat_pump";
export type Tier = "good" | "better" | "best";
export type AddOn = "panel_upgrade" | "ductwork_replacement" | "new_line_set" | "iaq" | "zoning";

export interface ComponentRef {
  sku: string;
  /** Company labor hours this component takes (before the access factor). */
  laborHours: number;
}

export interface SystemComponents {
  equipment: Readonly<Record<Tier, ComponentRef>>;
  materials: ComponentRef;
  /** Null for systems with no refrigerant line set (furnaces, boilers). */
  lineSet: { new: ComponentRef; reuse: ComponentRef } | null;
}

export interface PricingConfig {
  rules: PricingRules;
  /** Field Engineer §08: 60% at acceptance, 40% at completion, office-configurable. */
  depositPct: number;
  proposalValidDays: number;
  /** Offered on every proposal unless the rep enters others (at most two are shown). */
  financingOptions: FinancingTerms[];
  systems: Readonly<Record<ProposedSystem, SystemComponents>>;
  shared: {
    tearOutDisposal: ComponentRef;
    refrigerantRecovery: ComponentRef;
    asbestosAllowance: ComponentRef;
    permit: ComponentRef;
  };
  addOns: Readonly<Record<Exclude<AddOn, "new_line_set">, ComponentRef>>;
}

const ref = (sku: string, laborHours: number): ComponentRef => ({ sku, laborHours });

/** The demo price book's SKUs (fixtures/price-book.ts); a real office remaps them in `config.pricing.components`. */
export const DEFAULT_PRICING_CONFIG: PricingConfig = {
  rules: DEMO_PRICING_RULES,
  depositPct: 60,
  proposalValidDays: 30,
  financingOptions: [
    { lender: "Front Range Home Finance (demo)", termYears: 10, apr: 6 },
    { lender: "Summit Credit Union (demo)", termYears: 5, apr: 0 },
  ],
  systems: {
    furnace: {
      equipment: { good: ref("EQ-FUR-80", 6), better: ref("EQ-FUR-96", 7), best: ref("EQ-FUR-98M", 8) },
      materials: ref("MAT-FUR", 1),
      lineSet: null,
    },
    boiler: {
      equipment: { good: ref("EQ-BLR-80", 10), better: ref("EQ-BLR-96", 12), best: ref("EQ-BLR-98M", 14) },
      materials: ref("MAT-BLR", 2),
      lineSet: null,
    },
    ac: {
      equipment: { good: ref("EQ-AC-14", 6), better: ref("EQ-AC-16", 7), best: ref("EQ-AC-18", 8) },
      materials: ref("MAT-AC", 1),
      lineSet: { new: ref("LS-NEW", 4), reuse: ref("LS-FLUSH", 1.5) },
    },
    heat_pump: {
      equipment: { good: ref("EQ-HP-15", 9), better: ref("EQ-HP-17", 10), best: ref("EQ-HP-19CC", 11) },
      materials: ref("MAT-HP", 2),
      lineSet: { new: ref("LS-NEW", 4), reuse: ref("LS-FLUSH", 1.5) },
    },
  },
  shared: {
    tearOutDisposal: ref("DSP-EQUIP", 2),
    refrigerantRecovery: ref("HAZ-R22", 1),
    asbestosAllowance: ref("HAZ-ASB", 0),
    permit: ref("PRM-MECH", 0.5),
  },
  addOns: {
    panel_upgrade: ref("ELC-PANEL", 8),
    ductwork_replacement: ref("DUCT-REPL", 16),
    iaq: ref("IAQ-MEDIA", 4),
    zoning: ref("ZON-2", 6),
  },
};

/** How a price-book category is marked up (pricing-math's markup categories). */
export function markupCategoryFor(priceBookCategory: string): PriceCategory {
  if (priceBookCategory.startsWith("equipment_")) return "equipment";
  switch (priceBookCategory) {
    case "materials":
      return "materials";
    case "line_set":
      return "line_set";
    case "disposal":
      return "tear_out_disposal";
    case "hazardous":
      return "hazardous";
    case "permit":
      return "permit";
    default:
      return "add_on";
  }
}

const Pct = z.number().min(0).max(500);
const PricingSettingsSchema = z
  .object({
    markupPctByCategory: z.object(Object.fromEntries(PRICE_CATEGORIES.map((c) => [c, Pct.optional()]))).optional(),
    laborRatePerHour: z.number().positive().optional(),
    laborCostPerHour: z.number().nonnegative().optional(),
    minMarginPct: z.number().min(0).max(100).optional(),
    commission: z.object({ basePct: z.number().min(0).max(50), aboveFloorPct: z.number().min(0).max(100) }).optional(),
    depositPct: z.number().min(0).max(100).optional(),
    proposalValidDays: z.number().int().min(1).max(365).optional(),
    financingOptions: z
      .array(
        z.object({
          lender: z.string().min(1),
          termYears: z.number().positive().max(30),
          apr: z.number().min(0).max(40),
        }),
      )
      .max(2)
      .optional(),
  })
  .loose();

/** The office's pricing settings from tenant config, each absent or invalid setting replaced by its default. */
export function pricingConfigFrom(tenantConfig: Record<string, unknown> | null | undefined): PricingConfig {
  const parsed = PricingSettingsSchema.safeParse(tenantConfig?.pricing ?? {});
  if (!parsed.success) return DEFAULT_PRICING_CONFIG;
  const s = parsed.data;
  const markup = { ...DEFAULT_PRICING_CONFIG.rules.markupPctByCategory };
  for (const category of PRICE_CATEGORIES) {
    const value = s.markupPctByCategory?.[category];
    if (typeof value === "number") markup[category] = value;
  }
  return {
    ...DEFAULT_PRICING_CONFIG,
    rules: {
      markupPctByCategory: markup,
      laborRatePerHour: s.laborRatePerHour ?? DEFAULT_PRICING_CONFIG.rules.laborRatePerHour,
      laborCostPerHour: s.laborCostPerHour ?? DEFAULT_PRICING_CONFIG.rules.laborCostPerHour,
      minMarginPct: s.minMarginPct ?? DEFAULT_PRICING_CONFIG.rules.minMarginPct,
      commission: s.commission ?? DEFAULT_PRICING_CONFIG.rules.commission,
    },
    depositPct: s.depositPct ?? DEFAULT_PRICING_CONFIG.depositPct,
    proposalValidDays: s.proposalValidDays ?? DEFAULT_PRICING_CONFIG.proposalValidDays,
    financingOptions: s.financingOptions ?? DEFAULT_PRICING_CONFIG.financingOptions,
  };
}
