// inventory.count_stock: records a physical count for one part at one location. Low-risk proposal; the preview
// shows the stored quantity against the count and is built on the stock row's version.
import { z } from "zod";
import { getPart, setStock, stockAt } from "../../store/repos/field-repair.ts";
import { defineTool } from "../kernel/index.ts";
import { locationName } from "./stock-view.ts";

export const countStockTool = defineTool({
  name: "inventory.count_stock",
  title: "Record a stock count",
  description:
    "Records what was physically counted for one part at one location (a truck or the warehouse); the on-hand " +
    "quantity becomes the count. Reservations stay; a count below what is reserved is flagged for the office. " +
    "Low-risk proposal the counter approves with one tap.",
  effect: "write",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: z.object({
    locationId: z.string().min(1),
    partId: z.string().min(1),
    countedQuantity: z.number().int().min(0).max(10_000),
    note: z.string().max(300).optional(),
  }),
  output: z.object({
    locationId: z.string(),
    partId: z.string(),
    quantity: z.number().int(),
    reserved: z.number().int(),
    flags: z.array(z.string()),
  }),
  refs: { locationId: "inventory_location", partId: "part" },
  example: { locationId: "loc_0000000000000000", partId: "prt_0000000000000000", countedQuantity: 3 },
  async preview(input, ctx) {
    const current = await stockAt(ctx.db, ctx.tenantId, input.locationId, input.partId);
    const part = await getPart(ctx.db, ctx.tenantId, input.partId);
    return {
      summary: `Count ${part?.sku ?? input.partId} at ${await locationName(ctx, input.locationId)}: ${current?.quantity ?? 0} on record → ${input.countedQuantity} counted${input.note ? ` (${input.note})` : ""}`,
      changes: [
        {
          entity: "stock",
          id: current?.id ?? null,
          field: "quantity",
          before: current?.quantity ?? 0,
          after: input.countedQuantity,
        },
      ],
      basis: current ? [{ entity: "stock", id: current.id, version: current.version }] : [],
    };
  },
  async run(input, ctx) {
    const saved = await setStock(ctx.db, ctx.tenantId, {
      locationId: input.locationId,
      partId: input.partId,
      quantity: input.countedQuantity,
    });
    const flags =
      saved.quantity < saved.reserved
        ? [`Counted ${saved.quantity} but ${saved.reserved} are reserved for jobs; the office should re-plan.`]
        : [];
    return {
      locationId: saved.locationId,
      partId: saved.partId,
      quantity: saved.quantity,
      reserved: saved.reserved,
      flags,
    };
  },
});
