// pricing.get_item: one price book item with its sell price; cost and margin filtered at the source for the role.
import { z } from "zod";
import { getPriceBookItem } from "../../store/repos/field-sales.ts";
import { defineTool, KernelError } from "../kernel/index.ts";
import { ItemViewSchema, itemView, PRICE_VIEWER_ROLES, PRICING_SENSITIVE, pricingOf } from "./price-book-io.ts";

export const getItemTool = defineTool({
  name: "pricing.get_item",
  title: "Show a price book item",
  description:
    "One price book item by id: SKU, description, vendor, category, unit and sell price; vendorCost, margin and " +
    "markup only for the sales manager, office and founder. Find ids with pricing.list_items. Read only.",
  effect: "read",
  risk: "low",
  roles: PRICE_VIEWER_ROLES,
  input: z.object({ itemId: z.string().min(1) }),
  output: ItemViewSchema,
  refs: { itemId: "price_book_item" },
  sensitive: PRICING_SENSITIVE,
  example: { itemId: "pbi_0000000000000000" },
  async run(input, ctx) {
    const item = await getPriceBookItem(ctx.db, ctx.tenantId, input.itemId);
    if (!item) throw new KernelError("item_vanished", "price book item vanished between resolve and read");
    return itemView(item, pricingOf(ctx));
  },
});
