// A whole job's quote for one Good/Better/Best tier: each system's estimate from the price book plus priced add-ons.
// Pure: no I/O. Resolves price-book SKUs through a lookup the shell provides; a missing SKU is reported, never guessed.
import {
  type ComponentRef,
  markupCategoryFor,
  type AddOn,
  type PricingConfig,
  type ProposedSystem,
  type Tier,
} from "./defaults.ts";
import { type EstimateComponents, type EstimateRequest, estimateJob, type JobEstimate } from "./estimate-math.ts";
import { commissionFor, floorPriceFor, type PriceBookLine, priceLine, roundToCents } from "./pricing-math.ts";

export interface BookEntry {
  sku: string;
  description: string;
  category: string;
  /** Dollars. */
  vendorCost: number;
  /** "YYYY-MM" of the item's last change. */
  asOf: string;
}

export type PriceBookLookup = (sku: string) => BookEntry | null;

export const SYSTEM_NAMES: Readonly<Record<ProposedSystem, string>> = {
  furnace: "Furnace",
  boiler: "Boiler",
  ac: "Air conditioner",
  heat_pump: "Heat pump",
};

export const ADD_ON_NAMES: Readonly<Record<AddOn, string>> = {
  panel_upgrade: "Electrical panel upgrade",
  ductwork_replacement: "Ductwork replacement",
  new_line_set: "New refrigerant line set",
  iaq: "Indoor air quality package",
  zoning: "Zoning",
};

export interface SystemRequest {
  system: ProposedSystem;
  existing: { fuel: string | null; refrigerant: string | null; ageYears: number | null } | null;
}

export interface QuoteRequest {
  systems: readonly SystemRequest[];
  tier: Tier;
  property: EstimateRequest["property"];
  site: EstimateRequest["site"];
  special: EstimateRequest["special"];
  addOns: readonly AddOn[];
}

export interface TierQuote {
  tier: Tier;
  sellPrice: number;
  range: { low: number; high: number };
  systems: { system: ProposedSystem; estimate: JobEstimate }[];
  addOns: { addOn: AddOn; description: string; sellPrice: number }[];
  assumptions: string[];
  asOf: string;
  confidence: "rough" | "price_book";
  /** Every SKU the quote used, for the stale check of a proposal. */
  skus: string[];
  vendorCost: number;
  margin: number;
  marginPct: number;
  floorPrice: number;
  commission: number;
}

export type QuoteResult = { ok: true; quote: TierQuote } | { ok: false; missing: string[] };

/** The newest "YYYY-MM" among the items used: the vintage of the price book for this quote. */
function latestAsOf(entries: readonly BookEntry[]): string {
  return (
    entries
      .map((entry) => entry.asOf)
      .sort()
      .at(-1) ?? ""
  );
}

function lineFrom(ref: ComponentRef, lookup: PriceBookLookup, used: BookEntry[], missing: string[]): PriceBookLine {
  const entry = lookup(ref.sku);
  if (!entry) {
    missing.push(ref.sku);
    return { description: ref.sku, category: "materials", vendorCost: 0, laborHours: ref.laborHours };
  }
  used.push(entry);
  return {
    description: entry.description,
    category: markupCategoryFor(entry.category),
    vendorCost: entry.vendorCost,
    laborHours: ref.laborHours,
  };
}

/** The price-book components of one system at one tier; SKUs the price book lacks are listed in `missing`. */
export function componentsFor(
  system: ProposedSystem,
  tier: Tier,
  config: PricingConfig,
  lookup: PriceBookLookup,
): { components: EstimateComponents; used: BookEntry[]; missing: string[] } {
  const used: BookEntry[] = [];
  const missing: string[] = [];
  const spec = config.systems[system];
  const line = (ref: ComponentRef) => lineFrom(ref, lookup, used, missing);
  const components: EstimateComponents = {
    asOf: "",
    equipment: line(spec.equipment[tier]),
    materials: line(spec.materials),
    lineSetNew: spec.lineSet ? line(spec.lineSet.new) : null,
    lineSetReuse: spec.lineSet ? line(spec.lineSet.reuse) : null,
    tearOutDisposal: line(config.shared.tearOutDisposal),
    refrigerantRecovery: line(config.shared.refrigerantRecovery),
    asbestosAllowance: line(config.shared.asbestosAllowance),
    permit: line(config.shared.permit),
  };
  components.asOf = latestAsOf(used);
  return { components, used, missing };
}

/** One tier of a job, priced from the price book: every system's estimate plus the add-ons, with cost-side totals. */
export function quoteTier(request: QuoteRequest, config: PricingConfig, lookup: PriceBookLookup): QuoteResult {
  const missing: string[] = [];
  const used: BookEntry[] = [];
  const systems: TierQuote["systems"] = [];
  const assumptions: string[] = [];
  let cost = 0;
  let vendorCost = 0;

  request.systems.forEach((item, index) => {
    const resolved = componentsFor(item.system, request.tier, config, lookup);
    missing.push(...resolved.missing);
    used.push(...resolved.used);
    const combustion = item.system === "furnace" || item.system === "boiler";
    const existing = item.existing
      ? { ...item.existing, refrigerant: combustion ? "none" : item.existing.refrigerant }
      : null;
    const estimateRequest: EstimateRequest = {
      system: SYSTEM_NAMES[item.system],
      tier: request.tier,
      property: request.property,
      site: request.site,
      existing,
      // Special conditions (basement, crawlspace, attic) add labor once per job, on the first system.
      special: index === 0 ? request.special : [],
    };
    const estimate = estimateJob(estimateRequest, resolved.components, config.rules);
    systems.push({ system: item.system, estimate });
    assumptions.push(...estimate.assumptions);
    cost += estimate.allInPrice - estimate.margin;
    vendorCost += estimate.vendorCost;
  });

  const addOns: TierQuote["addOns"] = [];
  for (const addOn of request.addOns) {
    // The new line set is already part of each system's estimate (site.lineSet "new").
    if (addOn === "new_line_set") continue;
    const line = lineFrom(config.addOns[addOn], lookup, used, missing);
    const priced = priceLine(line, config.rules);
    addOns.push({ addOn, description: `${ADD_ON_NAMES[addOn]}: ${line.description}`, sellPrice: priced.sellPrice });
    assumptions.push(`${ADD_ON_NAMES[addOn]} added to the scope.`);
    cost += priced.sellPrice - priced.margin;
    vendorCost += line.vendorCost;
  }
  if (missing.length > 0) return { ok: false, missing: [...new Set(missing)] };

  const addOnTotal = addOns.reduce((sum, item) => sum + item.sellPrice, 0);
  const sellPrice = roundToCents(systems.reduce((sum, s) => sum + s.estimate.allInPrice, 0) + addOnTotal);
  const margin = roundToCents(sellPrice - cost);
  const floorPrice = floorPriceFor(cost, config.rules.minMarginPct);
  const asOf = latestAsOf(used);
  return {
    ok: true,
    quote: {
      tier: request.tier,
      sellPrice,
      range: {
        low: Math.round(systems.reduce((sum, s) => sum + s.estimate.range.low, 0) + addOnTotal),
        high: Math.round(systems.reduce((sum, s) => sum + s.estimate.range.high, 0) + addOnTotal),
      },
      systems,
      addOns,
      assumptions: [...new Set(assumptions)],
      asOf,
      confidence: systems.some((s) => s.estimate.confidence === "rough") ? "rough" : "price_book",
      skus: [...new Set(used.map((entry) => entry.sku))],
      vendorCost: roundToCents(vendorCost),
      margin,
      marginPct: sellPrice > 0 ? Math.round((margin / sellPrice) * 1000) / 10 : 0,
      floorPrice,
      commission: commissionFor(sellPrice, floorPrice, config.rules.commission),
    },
  };
}
