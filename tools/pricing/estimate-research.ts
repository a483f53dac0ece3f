// Gap research for pricing.estimate (Field Engineer §06 `estimate`): when the price book lacks an item the estimate
// needs, Claude's web research may stand in for that item alone — labelled, rough, and never written to the book.
import { z } from "zod";
import type { PriceBookCategory } from "../../store/repos/field-sales.ts";
import { type Advice, adviseOnce, type ToolContext } from "../kernel/index.ts";
import type { ComponentRef, PricingConfig, ProposedSystem, Tier } from "./defaults.ts";
import { type BookEntry, type PriceBookLookup, SYSTEM_NAMES } from "./quote-math.ts";

// Field Engineer §08 Good/Better/Best table, so the research prices the right class of equipment.
const TIER_SPECS: Readonly<Record<ProposedSystem, Readonly<Record<Tier, string>>>> = {
  furnace: { good: "80% AFUE", better: "96% AFUE", best: "98% AFUE modulating" },
  boiler: { good: "80% AFUE", better: "96% AFUE", best: "98% AFUE modulating" },
  ac: { good: "14.3 SEER2 single-stage", better: "16 SEER2 two-stage", best: "18+ SEER2 inverter" },
  heat_pump: {
    good: "15 SEER2 / 8.1 HSPF2",
    better: "17 SEER2 / 9 HSPF2",
    best: "19+ SEER2 / 10+ HSPF2 cold-climate",
  },
};

export interface GapItem {
  sku: string;
  what: string;
  category: PriceBookCategory;
}

/** What each SKU of this system and tier stands for, so a missing one can be described to the researcher. */
export function gapItemsFor(
  system: ProposedSystem,
  tier: Tier,
  config: PricingConfig,
  missing: readonly string[],
): GapItem[] {
  const spec = config.systems[system];
  const items = new Map<string, GapItem>();
  const add = (ref: ComponentRef, what: string, category: PriceBookCategory) => {
    if (!items.has(ref.sku)) items.set(ref.sku, { sku: ref.sku, what, category });
  };
  add(
    spec.equipment[tier],
    `${SYSTEM_NAMES[system]} equipment, ${TIER_SPECS[system][tier]}`,
    `equipment_${system}` as PriceBookCategory,
  );
  add(spec.materials, `Installation materials for a ${SYSTEM_NAMES[system].toLowerCase()}`, "materials");
  if (spec.lineSet) {
    add(spec.lineSet.new, "New refrigerant line set", "line_set");
    add(spec.lineSet.reuse, "Flush of an existing line set for reuse", "line_set");
  }
  add(config.shared.tearOutDisposal, "Tear-out and disposal of the old equipment", "disposal");
  add(config.shared.refrigerantRecovery, "Recovery of old refrigerant (R-22)", "hazardous");
  add(config.shared.asbestosAllowance, "Asbestos handling allowance for a pre-1980 home", "hazardous");
  add(config.shared.permit, "Mechanical permit", "permit");
  return missing.map((sku) => items.get(sku) ?? { sku, what: `Price book item ${sku}`, category: "materials" });
}

const GapResearch = z.object({
  items: z
    .array(
      z.object({
        sku: z.string(),
        vendorCost: z.number().positive().max(100_000),
        sourceUrl: z.string().max(500).nullable(),
      }),
    )
    .max(20),
});
export type GapAdvice = Advice<z.output<typeof GapResearch>>;

/** Claude's researched contractor cost for each missing item, asked once per call (guard and run share it). */
export function researchGaps(ctx: ToolContext, callInput: object, gaps: readonly GapItem[], region: string | null) {
  if (!ctx.advisor) return null;
  return adviseOnce(ctx.advisor, callInput, {
    task: "pricing.estimate",
    instructions:
      "A residential HVAC contractor's price book lacks these items. For each, research on the web the typical " +
      "cost to the contractor (distributor price, not the installed retail price) in US dollars, and cite the page. " +
      "Return only the SKUs given; leave out any item you cannot find rather than guess.",
    facts: { region, items: gaps.map((g) => ({ sku: g.sku, what: g.what })) },
    webSearch: true,
    schema: GapResearch,
  });
}

export interface FilledGaps {
  lookup: PriceBookLookup;
  researched: { sku: string; what: string; sourceUrl: string | null }[];
  /** SKUs the research did not cover. */
  unfilled: string[];
}

/** The price book with researched stand-ins for the missing items only; the book's own items always win. */
export function fillGaps(
  book: PriceBookLookup,
  gaps: readonly GapItem[],
  research: z.output<typeof GapResearch>,
  asOf: string,
): FilledGaps {
  const found = new Map(research.items.map((item) => [item.sku, item]));
  const entries = new Map<string, BookEntry>();
  const researched: FilledGaps["researched"] = [];
  const unfilled: string[] = [];
  for (const gap of gaps) {
    const item = found.get(gap.sku);
    if (!item) {
      unfilled.push(gap.sku);
      continue;
    }
    entries.set(gap.sku, {
      sku: gap.sku,
      description: `${gap.what} (researched, not in the price book)`,
      category: gap.category,
      vendorCost: item.vendorCost,
      asOf,
    });
    researched.push({ sku: gap.sku, what: gap.what, sourceUrl: item.sourceUrl });
  }
  return { lookup: (sku) => book(sku) ?? entries.get(sku) ?? null, researched, unfilled };
}
