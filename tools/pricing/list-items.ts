// pricing.list_items: the price book with sell prices; cost and margin are filtered at the source for the role.
import { z } from "zod";
import { listPriceBookItems, PRICE_BOOK_CATEGORIES } from "../../store/repos/field-sales.ts";
import { defineTool } from "../kernel/index.ts";
import { ItemViewSchema, itemView, PRICE_VIEWER_ROLES, PRICING_SENSITIVE, pricingOf } from "./price-book-io.ts";

export const listItemsTool = defineTool({
  name: "pricing.list_items",
  title: "List price book items",
  description:
    "Lists price book items (SKU, description, vendor, category, unit) with the sell price from the office's markup " +
    "rules, optionally filtered by category or a search word (SKU, description or vendor). Sales managers, office and " +
    "the founder also see vendorCost, margin and markup; salespeople and techs get sell prices only (filtered at the " +
    "source). Read only; to change an item use pricing.update_item.",
  effect: "read",
  risk: "low",
  roles: PRICE_VIEWER_ROLES,
  input: z.object({
    category: z.enum(PRICE_BOOK_CATEGORIES).optional(),
    query: z.string().max(80).optional(),
  }),
  output: z.object({ items: z.array(ItemViewSchema), count: z.number().int() }),
  sensitive: PRICING_SENSITIVE,
  example: { category: "equipment_furnace" },
  async run(input, ctx) {
    const config = pricingOf(ctx);
    const items = await listPriceBookItems(ctx.db, ctx.tenantId, {
      ...(input.category ? { category: input.category } : {}),
      ...(input.query ? { query: input.query } : {}),
    });
    return { items: items.map((item) => itemView(item, config)), count: items.length };
  },
});
