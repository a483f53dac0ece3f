// pricing.update_item: edit one price book item. Medium risk: office or the founder approves, seeing the diff.
import { z } from "zod";
import { getPriceBookItem, PRICE_BOOK_CATEGORIES, updatePriceBookItem } from "../../store/repos/field-sales.ts";
import { defineTool, KernelError } from "../kernel/index.ts";
import { ItemViewSchema, itemView, PRICE_EDITOR_ROLES, PRICING_SENSITIVE, pricingOf } from "./price-book-io.ts";

const Patch = z
  .object({
    description: z.string().min(1).max(200),
    vendor: z.string().min(1).max(120),
    category: z.enum(PRICE_BOOK_CATEGORIES),
    vendorCost: z.number().nonnegative().max(1_000_000).describe("Dollars"),
    unit: z.string().min(1).max(20),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Say what to change.");

export const updateItemTool = defineTool({
  name: "pricing.update_item",
  title: "Edit a price book item",
  description:
    "Changes a price book item's description, vendor, category, vendor cost (dollars) or unit. Becomes a " +
    "medium-risk proposal that office or the founder approves; the preview shows each field before and after and " +
    "the apply is refused if the item changed meanwhile. For many items at once use pricing.import_prices.",
  effect: "write",
  risk: "medium",
  roles: PRICE_EDITOR_ROLES,
  input: z.object({ itemId: z.string().min(1), patch: Patch }),
  output: ItemViewSchema,
  refs: { itemId: "price_book_item" },
  sensitive: PRICING_SENSITIVE,
  example: { itemId: "pbi_0000000000000000", patch: { vendorCost: 1895 } },
  async preview(input, ctx) {
    const item = await getPriceBookItem(ctx.db, ctx.tenantId, input.itemId);
    if (!item) throw new KernelError("item_vanished", "price book item vanished");
    const before: Record<string, unknown> = { ...item, vendorCost: item.vendorCostCents / 100 };
    const changes = Object.entries(input.patch).map(([field, after]) => ({
      entity: "price_book_item",
      id: item.id,
      field,
      before: before[field] ?? null,
      after,
    }));
    return {
      summary: `Price book ${item.sku}: ${changes.map((c) => `${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join(", ")}`,
      changes,
      basis: [{ entity: "price_book_item", id: item.id, version: item.version }],
    };
  },
  async run(input, ctx) {
    const { vendorCost, ...rest } = input.patch;
    const updated = await updatePriceBookItem(
      ctx.db,
      ctx.tenantId,
      input.itemId,
      { ...rest, ...(vendorCost !== undefined ? { vendorCostCents: Math.round(vendorCost * 100) } : {}) },
      ctx.now.toISOString(),
    );
    if (!updated) throw new KernelError("item_vanished", "price book item vanished inside the apply transaction");
    return itemView(updated, pricingOf(ctx));
  },
});
