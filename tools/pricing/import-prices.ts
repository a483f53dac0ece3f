// pricing.import_prices: a CSV price list → price book upserts. Medium risk; every unreadable row is listed, never dropped.
import { z } from "zod";
import {
  insertPriceBookItem,
  PRICE_BOOK_CATEGORIES,
  type PriceBookCategory,
  updatePriceBookItem,
} from "../../store/repos/field-sales.ts";
import { defineTool } from "../kernel/index.ts";
import { PRICE_EDITOR_ROLES, PRICING_SENSITIVE, priceBookLookup } from "./price-book-io.ts";
import { parsePriceList } from "./price-list-csv.ts";

const Input = z.object({
  csv: z.string().min(1).max(500_000).describe("The price list as CSV text with a header row"),
  vendor: z.string().min(1).max(120).optional().describe("Vendor for rows without a vendor column"),
  category: z.enum(PRICE_BOOK_CATEGORIES).optional().describe("Category for rows without a category column"),
});

const RowError = z.object({ line: z.number().int(), reason: z.string(), raw: z.string() });

async function plan(input: z.output<typeof Input>, ctx: Parameters<typeof priceBookLookup>[0]) {
  const parsed = parsePriceList(input.csv, PRICE_BOOK_CATEGORIES, { vendor: input.vendor, category: input.category });
  const { bySku } = await priceBookLookup(ctx);
  const inserts = parsed.rows.filter((row) => !bySku.has(row.sku));
  const updates = parsed.rows.flatMap((row) => {
    const existing = bySku.get(row.sku);
    return existing ? [{ row, existing }] : [];
  });
  return { parsed, inserts, updates };
}

export const importPricesTool = defineTool({
  name: "pricing.import_prices",
  title: "Import a price list",
  description:
    "Reads a vendor price list as CSV text (columns sku, description, vendor, vendor cost, category, unit; '$' and " +
    "thousands commas are fine) and proposes adding new SKUs and updating existing ones in the price book. Medium " +
    "risk: office or the founder approves. Rows that cannot be read are listed with their line and reason — none is " +
    "silently dropped. It does not read photos of invoices.",
  effect: "write",
  risk: "medium",
  roles: PRICE_EDITOR_ROLES,
  input: Input,
  output: z.object({
    inserted: z.array(z.string()),
    updated: z.array(z.string()),
    errors: z.array(RowError),
  }),
  sensitive: PRICING_SENSITIVE,
  example: {
    csv: 'sku,description,vendor,vendor cost,category\nEQ-FUR-96,"96% AFUE two-stage gas furnace","Summit Supply (demo)","$1,895.00",equipment_furnace\n',
  },
  async preview(input, ctx) {
    const { parsed, inserts, updates } = await plan(input, ctx);
    const changes = [
      ...inserts.map((row) => ({
        entity: "price_book_item",
        id: "(new)",
        field: row.sku,
        before: null,
        after: {
          description: row.description,
          vendor: row.vendor,
          category: row.category,
          vendorCost: row.vendorCostCents / 100,
        },
      })),
      ...updates.map(({ row, existing }) => ({
        entity: "price_book_item",
        id: existing.id,
        field: row.sku,
        before: {
          description: existing.description,
          vendor: existing.vendor,
          category: existing.category,
          vendorCost: existing.vendorCostCents / 100,
        },
        after: {
          description: row.description,
          vendor: row.vendor,
          category: row.category,
          vendorCost: row.vendorCostCents / 100,
        },
      })),
      ...parsed.errors.map((error) => ({
        entity: "price_book_item",
        id: "(not imported)",
        field: `line ${error.line}`,
        before: error.raw,
        after: error.reason,
      })),
    ];
    return {
      summary: `Import price list: ${inserts.length} new, ${updates.length} updated, ${parsed.errors.length} row(s) that cannot be read (listed).`,
      changes,
      basis: updates.map(({ existing }) => ({ entity: "price_book_item", id: existing.id, version: existing.version })),
    };
  },
  async run(input, ctx) {
    const { parsed, inserts, updates } = await plan(input, ctx);
    const now = ctx.now.toISOString();
    for (const row of inserts) {
      await insertPriceBookItem(ctx.db, ctx.tenantId, { ...row, category: row.category as PriceBookCategory, now });
    }
    for (const { row, existing } of updates) {
      await updatePriceBookItem(
        ctx.db,
        ctx.tenantId,
        existing.id,
        {
          description: row.description,
          vendor: row.vendor,
          category: row.category as PriceBookCategory,
          vendorCostCents: row.vendorCostCents,
          unit: row.unit,
        },
        now,
      );
    }
    return { inserted: inserts.map((r) => r.sku), updated: updates.map((u) => u.row.sku), errors: parsed.errors };
  },
});
