// inventory.count_stock: records a physical count for one part at one location. Low-risk proposal; the preview
// shows the stored quantity against the count and is built on the stock row's version. Reserved never exceeds
// on-hand: a count below what is reserved releases the newest reservations the parts can no longer cover.
import { z } from "zod";
import {
  closeReservation,
  getPart,
  reservationsOnStock,
  type StoredReservation,
  type StoredStock,
  setStock,
  stockAt,
} from "../../store/repos/field-repair.ts";
import type { ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { locationName } from "./stock-view.ts";

/** The open reservations a count cannot cover, newest first, until what stays reserved fits in the count. */
async function uncovered(ctx: ToolContext, row: StoredStock | null, counted: number): Promise<StoredReservation[]> {
  if (!row || row.reserved <= counted) return [];
  const open = (await reservationsOnStock(ctx.db, ctx.tenantId, row.id)).filter((r) => r.status === "reserved");
  const released: StoredReservation[] = [];
  let reserved = row.reserved;
  for (const reservation of open.reverse()) {
    if (reserved <= counted) break;
    released.push(reservation);
    reserved -= reservation.quantity;
  }
  return released;
}

function reservedAfter(row: StoredStock | null, released: readonly StoredReservation[], counted: number): number {
  const left = (row?.reserved ?? 0) - released.reduce((sum, r) => sum + r.quantity, 0);
  // Reserved counts with no reservation record behind them (older data) are clamped to the count as well.
  return Math.max(0, Math.min(left, counted));
}

export const countStockTool = defineTool({
  name: "inventory.count_stock",
  title: "Record a stock count",
  description:
    "Records what was physically counted for one part at one location (a truck or the warehouse); the on-hand " +
    "quantity becomes the count. Reservations stay while the count covers them; a count below what is reserved " +
    "releases the newest reservations it cannot cover (shown in the preview) and flags those jobs for the office. " +
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
    const released = await uncovered(ctx, current, input.countedQuantity);
    const reserved = reservedAfter(current, released, input.countedQuantity);
    return {
      summary:
        `Count ${part?.sku ?? input.partId} at ${await locationName(ctx, input.locationId)}: ${current?.quantity ?? 0} on record → ${input.countedQuantity} counted${input.note ? ` (${input.note})` : ""}` +
        (released.length > 0
          ? `; releases ${released.map((r) => `${r.quantity} reserved for job ${r.jobRef}`).join(", ")} (not on hand)`
          : ""),
      changes: [
        {
          entity: "stock",
          id: current?.id ?? null,
          field: "quantity",
          before: current?.quantity ?? 0,
          after: input.countedQuantity,
        },
        ...(current && reserved !== current.reserved
          ? [{ entity: "stock", id: current.id, field: "reserved", before: current.reserved, after: reserved }]
          : []),
        ...released.map((r) => ({
          entity: "reservation",
          id: r.id,
          field: "status",
          before: "reserved",
          after: "released",
        })),
      ],
      basis: current ? [{ entity: "stock", id: current.id, version: current.version }] : [],
    };
  },
  async run(input, ctx) {
    const current = await stockAt(ctx.db, ctx.tenantId, input.locationId, input.partId);
    const released = await uncovered(ctx, current, input.countedQuantity);
    for (const reservation of released) await closeReservation(ctx.db, ctx.tenantId, reservation.id, "released");
    const saved = await setStock(ctx.db, ctx.tenantId, {
      locationId: input.locationId,
      partId: input.partId,
      quantity: input.countedQuantity,
      reserved: reservedAfter(current, released, input.countedQuantity),
    });
    const flags =
      current && current.reserved > input.countedQuantity
        ? [
            `Counted ${input.countedQuantity} but ${current.reserved} were reserved for jobs; released ` +
              `${released.map((r) => `${r.quantity} for job ${r.jobRef} (${r.id})`).join(", ") || "the excess"}: ` +
              "the office should re-plan those jobs.",
          ]
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
