// Shell helpers for the inventory tools: join parts, locations and stock rows into what a tech or the office reads.
import { z } from "zod";
import {
  getLocation,
  listLocations,
  listParts,
  listStock,
  type StoredLocation,
  type StoredStock,
  truckOf,
} from "../../store/repos/field-repair.ts";
import type { ToolContext } from "../kernel/index.ts";

export const StockLineSchema = z.object({
  stockId: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  locationKind: z.enum(["warehouse", "truck"]),
  quantity: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  version: z.number().int(),
});
export type StockLine = z.infer<typeof StockLineSchema>;

export const PartSchema = z.object({
  partId: z.string(),
  sku: z.string(),
  description: z.string(),
  category: z.string(),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
});

export function lineOf(row: StoredStock, location: StoredLocation): StockLine {
  return {
    stockId: row.id,
    locationId: row.locationId,
    locationName: location.name,
    locationKind: location.kind,
    quantity: row.quantity,
    reserved: row.reserved,
    available: Math.max(0, row.quantity - row.reserved),
    version: row.version,
  };
}

export async function locationsById(ctx: ToolContext): Promise<Map<string, StoredLocation>> {
  return new Map((await listLocations(ctx.db, ctx.tenantId)).map((l) => [l.id, l]));
}

export async function partsById(ctx: ToolContext) {
  return new Map((await listParts(ctx.db, ctx.tenantId)).map((p) => [p.id, p]));
}

/** Stock lines per part, optionally limited to one location. */
export async function linesByPart(ctx: ToolContext, partIds: string[], locationId?: string) {
  const locations = await locationsById(ctx);
  const rows = await listStock(ctx.db, ctx.tenantId, { partIds, ...(locationId ? { locationId } : {}) });
  const byPart = new Map<string, StockLine[]>();
  for (const row of rows) {
    const location = locations.get(row.locationId);
    if (!location) continue;
    byPart.set(row.partId, [...(byPart.get(row.partId) ?? []), lineOf(row, location)]);
  }
  return byPart;
}

/** The caller's truck when they are a tech with one; otherwise null. */
export async function callerTruck(ctx: ToolContext): Promise<StoredLocation | null> {
  return truckOf(ctx.db, ctx.tenantId, ctx.actor.id);
}

export async function locationName(ctx: ToolContext, id: string): Promise<string> {
  return (await getLocation(ctx.db, ctx.tenantId, id))?.name ?? id;
}
