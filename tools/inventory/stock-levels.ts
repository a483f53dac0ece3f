// inventory.stock_levels: quantities per location (warehouse and trucks), with reserved and available counts.
import { z } from "zod";
import { listStock } from "../../store/repos/field-repair.ts";
import { defineTool } from "../kernel/index.ts";
import { lineOf, locationsById, partsById, StockLineSchema } from "./stock-view.ts";

export const stockLevelsTool = defineTool({
  name: "inventory.stock_levels",
  title: "Stock levels",
  description:
    "Lists stock by location and part: quantity on hand, reserved for jobs and available. Filter by locationId " +
    "(a truck or the warehouse) and/or partId; without filters it lists everything, low stock first. Read only; " +
    "never shows cost.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder", "sales_manager", "salesperson"],
  input: z.object({
    locationId: z.string().min(1).optional(),
    partId: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  output: z.object({
    lines: z.array(StockLineSchema.extend({ partId: z.string(), sku: z.string(), description: z.string() })),
    total: z.number().int(),
  }),
  refs: { locationId: "inventory_location", partId: "part" },
  example: { locationId: "loc_0000000000000000" },
  async run(input, ctx) {
    const [locations, parts] = [await locationsById(ctx), await partsById(ctx)];
    const rows = await listStock(ctx.db, ctx.tenantId, {
      ...(input.locationId ? { locationId: input.locationId } : {}),
      ...(input.partId ? { partIds: [input.partId] } : {}),
    });
    const lines = rows
      .flatMap((row) => {
        const location = locations.get(row.locationId);
        const part = parts.get(row.partId);
        if (!location || !part) return [];
        return [{ ...lineOf(row, location), partId: part.id, sku: part.sku, description: part.description }];
      })
      .sort((a, b) => a.available - b.available || a.sku.localeCompare(b.sku));
    return { lines: lines.slice(0, input.limit), total: lines.length };
  },
});
