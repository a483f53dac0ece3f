// inventory.move_stock: moves parts between locations (warehouse → truck, truck → truck). Low-risk proposal whose
// preview names both stock rows and their versions.
import { z } from "zod";
import { getPart, type StoredStock, setStock, stockAt } from "../../store/repos/field-repair.ts";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { locationName } from "./stock-view.ts";

const Input = z.object({
  partId: z.string().min(1),
  fromLocationId: z.string().min(1),
  toLocationId: z.string().min(1),
  quantity: z.number().int().min(1).max(500),
});
type Input = z.output<typeof Input>;

async function rowsFor(
  input: Input,
  ctx: ToolContext,
): Promise<{ from: StoredStock; to: StoredStock | null } | NonNullable<GuardVerdict>> {
  if (input.fromLocationId === input.toLocationId) {
    return { refuse: { class: "invalid_input", reason: "From and to are the same location." } } satisfies GuardVerdict;
  }
  const from = await stockAt(ctx.db, ctx.tenantId, input.fromLocationId, input.partId);
  const available = from ? from.quantity - from.reserved : 0;
  if (!from || available < input.quantity) {
    return {
      refuse: {
        class: "invalid_input",
        reason: `Only ${available} available at ${await locationName(ctx, input.fromLocationId)} (reserved parts stay put); cannot move ${input.quantity}.`,
      },
    } satisfies GuardVerdict;
  }
  return { from, to: await stockAt(ctx.db, ctx.tenantId, input.toLocationId, input.partId) };
}

export const moveStockTool = defineTool({
  name: "inventory.move_stock",
  title: "Move stock",
  description:
    "Moves a quantity of one part from one location to another (restocking a truck from the warehouse, or truck to " +
    "truck). Only unreserved parts move. Low-risk proposal; the preview shows both locations before and after.",
  effect: "write",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: Input,
  output: z.object({
    partId: z.string(),
    from: z.object({ locationId: z.string(), quantity: z.number().int() }),
    to: z.object({ locationId: z.string(), quantity: z.number().int() }),
  }),
  refs: { partId: "part", fromLocationId: "inventory_location", toLocationId: "inventory_location" },
  example: {
    partId: "prt_0000000000000000",
    fromLocationId: "loc_0000000000000000",
    toLocationId: "loc_0000000000000001",
    quantity: 1,
  },
  async guard(input, ctx) {
    const rows = await rowsFor(input, ctx);
    return "from" in rows ? null : rows;
  },
  async preview(input, ctx) {
    const rows = await rowsFor(input, ctx);
    if (!("from" in rows)) throw new Error("move_stock preview after a refusal");
    const part = await getPart(ctx.db, ctx.tenantId, input.partId);
    const toBefore = rows.to?.quantity ?? 0;
    return {
      summary: `Move ${input.quantity} × ${part?.sku ?? input.partId} from ${await locationName(ctx, input.fromLocationId)} to ${await locationName(ctx, input.toLocationId)}`,
      changes: [
        {
          entity: "stock",
          id: rows.from.id,
          field: "quantity",
          before: rows.from.quantity,
          after: rows.from.quantity - input.quantity,
        },
        {
          entity: "stock",
          id: rows.to?.id ?? null,
          field: "quantity",
          before: toBefore,
          after: toBefore + input.quantity,
        },
      ],
      basis: [
        { entity: "stock", id: rows.from.id, version: rows.from.version },
        ...(rows.to ? [{ entity: "stock", id: rows.to.id, version: rows.to.version }] : []),
      ],
    };
  },
  async run(input, ctx) {
    const rows = await rowsFor(input, ctx);
    if (!("from" in rows)) throw new Error("move_stock apply after a refusal");
    const from = await setStock(ctx.db, ctx.tenantId, {
      locationId: input.fromLocationId,
      partId: input.partId,
      quantity: rows.from.quantity - input.quantity,
    });
    const to = await setStock(ctx.db, ctx.tenantId, {
      locationId: input.toLocationId,
      partId: input.partId,
      quantity: (rows.to?.quantity ?? 0) + input.quantity,
    });
    return {
      partId: input.partId,
      from: { locationId: from.locationId, quantity: from.quantity },
      to: { locationId: to.locationId, quantity: to.quantity },
    };
  },
});
