// Shell helpers the pricing tools share: price-book views with sell price, the SKU lookup, and the tenant's settings.
// Cost-bearing keys keep the names the kernel filters (vendorCost, margin, marginPct) so redaction is checkable.
import { z } from "zod";
import { listPriceBookItems, type PriceBookItem } from "../../store/repos/field-sales.ts";
import type { ToolContext } from "../kernel/index.ts";
import { markupCategoryFor, type PricingConfig, pricingConfigFrom } from "./defaults.ts";
import { priceLine } from "./pricing-math.ts";
import type { BookEntry, PriceBookLookup } from "./quote-math.ts";

export const PRICE_VIEWER_ROLES = ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"] as const;
export const PRICE_EDITOR_ROLES = ["founder", "office", "sales_manager"] as const;
export const SELLING_ROLES = ["founder", "office", "sales_manager", "salesperson"] as const;
/** An MCP client may propose a customer proposal (a person approves it) but never a discount. */
export const PROPOSING_ROLES = [...SELLING_ROLES, "ai_client"] as const;
/** Settings that, with a sell price, would reveal cost: only cost-seeing roles receive them. */
export const PRICING_SENSITIVE = ["floorPrice", "markupPct", "laborCostPerHour", "minMarginPct"] as const;

export const ItemViewSchema = z.object({
  id: z.string(),
  sku: z.string(),
  description: z.string(),
  vendor: z.string(),
  category: z.string(),
  unit: z.string(),
  sellPrice: z.number(),
  vendorCost: z.number(),
  margin: z.number(),
  marginPct: z.number(),
  markupPct: z.number(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export function pricingOf(ctx: ToolContext): PricingConfig {
  return pricingConfigFrom(ctx.tenant.config);
}

export function itemView(item: PriceBookItem, config: PricingConfig): z.input<typeof ItemViewSchema> {
  const category = markupCategoryFor(item.category);
  const priced = priceLine(
    { description: item.description, category, vendorCost: item.vendorCostCents / 100, laborHours: 0 },
    config.rules,
  );
  return {
    id: item.id,
    sku: item.sku,
    description: item.description,
    vendor: item.vendor,
    category: item.category,
    unit: item.unit,
    sellPrice: priced.sellPrice,
    vendorCost: priced.vendorCost,
    margin: priced.margin,
    marginPct: priced.marginPct,
    markupPct: config.rules.markupPctByCategory[category],
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

export function bookEntryOf(item: PriceBookItem): BookEntry {
  return {
    sku: item.sku,
    description: item.description,
    category: item.category,
    vendorCost: item.vendorCostCents / 100,
    asOf: item.updatedAt.slice(0, 7),
  };
}

/** The whole price book as a SKU lookup, with each item for the stale-check basis. */
export async function priceBookLookup(
  ctx: Pick<ToolContext, "db" | "tenantId">,
): Promise<{ lookup: PriceBookLookup; bySku: Map<string, PriceBookItem> }> {
  const items = await listPriceBookItems(ctx.db, ctx.tenantId, { limit: 5000 });
  const bySku = new Map(items.map((item) => [item.sku, item]));
  return {
    lookup: (sku) => {
      const item = bySku.get(sku);
      return item ? bookEntryOf(item) : null;
    },
    bySku,
  };
}

export function missingSkusReason(missing: readonly string[]): string {
  return (
    `The price book has no item for ${missing.join(", ")}, so this cannot be priced. Add the item(s) with ` +
    "pricing.import_prices (a CSV price list), or ask the office to map another SKU in the pricing settings."
  );
}
