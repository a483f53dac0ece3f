// Repositories for the field packs: tech profiles, repair jobs (trouble calls), inventory, public rate limits and
// public service requests landing in intake. Every function takes the tenant first; nothing here crosses tenants.
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "../db.ts";
import { affected } from "../raw.ts";
import { type IdPrefix, newId } from "../ids.ts";
import { auditLog, intakeItems } from "../schema.ts";
import {
  inventoryLocations,
  parts,
  publicRateLimits,
  repairJobs,
  stock,
  stockReservations,
  techProfiles,
} from "../schema-field.ts";

/** Id prefixes of the field records (not yet in store/ids.ts IdPrefix; cast until the lead adds them). */
export type FieldIdPrefix = "rjb" | "loc" | "prt" | "stk" | "rsv";

export function newFieldId(prefix: FieldIdPrefix): string {
  return newId(prefix as string as IdPrefix);
}

// ------------------------------------------------------------------------------------------------ tech profiles

export interface StoredTechProfile {
  techId: string;
  name: string;
  level: string;
  epaType: string;
  epaCertNumber: string;
  gates: string[];
  credentialNumbers: Record<string, string>;
  conditionalOverride: boolean;
  version: number;
  updatedAt: string;
}

type TechProfileRow = typeof techProfiles.$inferSelect;

function toTechProfile(row: TechProfileRow): StoredTechProfile {
  return {
    techId: row.id,
    name: row.name,
    level: row.level,
    epaType: row.epaType,
    epaCertNumber: row.epaCertNumber ?? "",
    gates: row.gates,
    credentialNumbers: row.credentialNumbers,
    conditionalOverride: row.conditionalOverride,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export async function getTechProfile(db: Db, tenantId: string, techId: string): Promise<StoredTechProfile | null> {
  const [row] = await db
    .select()
    .from(techProfiles)
    .where(and(eq(techProfiles.tenantId, tenantId), eq(techProfiles.id, techId)))
    .limit(1);
  return row ? toTechProfile(row) : null;
}

export async function listTechProfiles(db: Db, tenantId: string): Promise<StoredTechProfile[]> {
  const rows = await db
    .select()
    .from(techProfiles)
    .where(eq(techProfiles.tenantId, tenantId))
    .orderBy(asc(techProfiles.id));
  return rows.map(toTechProfile);
}

/** Creates or replaces a tech profile (version + 1). Admin-set only: callers are the safe apply engine and fixtures. */
export async function upsertTechProfile(
  db: Db,
  tenantId: string,
  profile: Omit<StoredTechProfile, "version" | "updatedAt">,
  now: string,
): Promise<StoredTechProfile> {
  const current = await getTechProfile(db, tenantId, profile.techId);
  const values = {
    name: profile.name,
    level: profile.level,
    epaType: profile.epaType,
    epaCertNumber: profile.epaCertNumber,
    gates: [...profile.gates],
    credentialNumbers: { ...profile.credentialNumbers },
    conditionalOverride: profile.conditionalOverride,
    updatedAt: now,
  };
  if (current) {
    await db
      .update(techProfiles)
      .set({ ...values, version: current.version + 1 })
      .where(and(eq(techProfiles.tenantId, tenantId), eq(techProfiles.id, profile.techId)));
  } else {
    await db.insert(techProfiles).values({ tenantId, id: profile.techId, ...values, version: 1 });
  }
  return (await getTechProfile(db, tenantId, profile.techId)) as StoredTechProfile;
}

// ------------------------------------------------------------------------------------------------ repair jobs

export interface StoredRepairJob {
  id: string;
  techId: string;
  customerId: string | null;
  callType: string | null;
  equipment: Record<string, unknown>;
  /** The job record document (the repair pack owns its shape). */
  record: Record<string, unknown>;
  status: "open" | "escalated" | "closed";
  openedAt: string;
  closedAt: string | null;
  version: number;
}

type RepairJobRow = typeof repairJobs.$inferSelect;

function toRepairJob(row: RepairJobRow): StoredRepairJob {
  return {
    id: row.id,
    techId: row.techId,
    customerId: row.customerId,
    callType: row.callType,
    equipment: row.equipment,
    record: row.record,
    status: row.status as StoredRepairJob["status"],
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    version: row.version,
  };
}

export async function getRepairJob(db: Db, tenantId: string, id: string): Promise<StoredRepairJob | null> {
  const [row] = await db
    .select()
    .from(repairJobs)
    .where(and(eq(repairJobs.tenantId, tenantId), eq(repairJobs.id, id)))
    .limit(1);
  return row ? toRepairJob(row) : null;
}

export async function insertRepairJob(
  db: Db,
  tenantId: string,
  input: Omit<StoredRepairJob, "version" | "closedAt" | "status"> & {
    status?: StoredRepairJob["status"];
    closedAt?: string | null;
  },
): Promise<StoredRepairJob> {
  const row = {
    id: input.id,
    tenantId,
    techId: input.techId,
    customerId: input.customerId,
    scheduledJobId: null,
    callType: input.callType,
    equipment: input.equipment,
    record: input.record,
    status: input.status ?? "open",
    openedAt: input.openedAt,
    closedAt: input.closedAt ?? null,
    version: 1,
  };
  await db.insert(repairJobs).values(row);
  return toRepairJob(row);
}

/** Replaces the job record document and status; version + 1. Returns null when the job is not in this tenant. */
export async function updateRepairJob(
  db: Db,
  tenantId: string,
  id: string,
  patch: { record: Record<string, unknown>; status: StoredRepairJob["status"]; closedAt?: string | null },
): Promise<StoredRepairJob | null> {
  const current = await getRepairJob(db, tenantId, id);
  if (!current) return null;
  await db
    .update(repairJobs)
    .set({
      record: patch.record,
      status: patch.status,
      closedAt: patch.closedAt ?? current.closedAt,
      version: current.version + 1,
    })
    .where(and(eq(repairJobs.tenantId, tenantId), eq(repairJobs.id, id)));
  return getRepairJob(db, tenantId, id);
}

/** Hard stops the kernel audited as `stopped` on calls that named this job (the stop ids, oldest first). */
export async function stopsAuditedForJob(db: Db, tenantId: string, jobId: string): Promise<string[]> {
  const rows = await db
    .select({ input: auditLog.input, mutation: auditLog.mutation })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.outcome, "stopped"), like(auditLog.tool, "repair.%")))
    .orderBy(asc(auditLog.seq));
  const ids: string[] = [];
  for (const row of rows) {
    const input = row.input as { jobId?: unknown } | null;
    const mutation = row.mutation as { stop?: unknown } | null;
    if (input?.jobId !== jobId || typeof mutation?.stop !== "string") continue;
    if (!ids.includes(mutation.stop)) ids.push(mutation.stop);
  }
  return ids;
}

// ------------------------------------------------------------------------------------------------ inventory

export interface StoredLocation {
  id: string;
  name: string;
  kind: "warehouse" | "truck";
  techId: string | null;
}

export interface StoredPart {
  id: string;
  sku: string;
  description: string;
  category: string;
  attributes: Record<string, string | number>;
}

export interface StoredStock {
  id: string;
  locationId: string;
  partId: string;
  quantity: number;
  reserved: number;
  version: number;
}

function toLocation(row: typeof inventoryLocations.$inferSelect): StoredLocation {
  return { id: row.id, name: row.name, kind: row.kind === "truck" ? "truck" : "warehouse", techId: row.techId };
}

function toPart(row: typeof parts.$inferSelect): StoredPart {
  return { id: row.id, sku: row.sku, description: row.description, category: row.category, attributes: row.attributes };
}

function toStock(row: typeof stock.$inferSelect): StoredStock {
  return {
    id: row.id,
    locationId: row.locationId,
    partId: row.partId,
    quantity: row.quantity,
    reserved: row.reserved,
    version: row.version,
  };
}

export async function insertLocation(db: Db, tenantId: string, input: Omit<StoredLocation, "id"> & { id?: string }) {
  const row = { id: input.id ?? newFieldId("loc"), tenantId, name: input.name, kind: input.kind, techId: input.techId };
  await db.insert(inventoryLocations).values(row);
  return toLocation(row);
}

export async function listLocations(db: Db, tenantId: string): Promise<StoredLocation[]> {
  const rows = await db
    .select()
    .from(inventoryLocations)
    .where(eq(inventoryLocations.tenantId, tenantId))
    .orderBy(asc(inventoryLocations.name));
  return rows.map(toLocation);
}

export async function getLocation(db: Db, tenantId: string, id: string): Promise<StoredLocation | null> {
  const [row] = await db
    .select()
    .from(inventoryLocations)
    .where(and(eq(inventoryLocations.tenantId, tenantId), eq(inventoryLocations.id, id)))
    .limit(1);
  return row ? toLocation(row) : null;
}

/** The truck assigned to a tech, or null. */
export async function truckOf(db: Db, tenantId: string, techId: string): Promise<StoredLocation | null> {
  const [row] = await db
    .select()
    .from(inventoryLocations)
    .where(
      and(
        eq(inventoryLocations.tenantId, tenantId),
        eq(inventoryLocations.techId, techId),
        eq(inventoryLocations.kind, "truck"),
      ),
    )
    .limit(1);
  return row ? toLocation(row) : null;
}

export async function insertPart(db: Db, tenantId: string, input: Omit<StoredPart, "id"> & { id?: string }) {
  const row = { id: input.id ?? newFieldId("prt"), tenantId, ...input };
  await db.insert(parts).values({ ...row, id: row.id });
  return toPart({ ...row, id: row.id });
}

export async function listParts(db: Db, tenantId: string): Promise<StoredPart[]> {
  const rows = await db.select().from(parts).where(eq(parts.tenantId, tenantId)).orderBy(asc(parts.sku));
  return rows.map(toPart);
}

export async function getPart(db: Db, tenantId: string, id: string): Promise<StoredPart | null> {
  const [row] = await db
    .select()
    .from(parts)
    .where(and(eq(parts.tenantId, tenantId), eq(parts.id, id)))
    .limit(1);
  return row ? toPart(row) : null;
}

export async function getStock(db: Db, tenantId: string, id: string): Promise<StoredStock | null> {
  const [row] = await db
    .select()
    .from(stock)
    .where(and(eq(stock.tenantId, tenantId), eq(stock.id, id)))
    .limit(1);
  return row ? toStock(row) : null;
}

export async function stockAt(db: Db, tenantId: string, locationId: string, partId: string) {
  const [row] = await db
    .select()
    .from(stock)
    .where(and(eq(stock.tenantId, tenantId), eq(stock.locationId, locationId), eq(stock.partId, partId)))
    .limit(1);
  return row ? toStock(row) : null;
}

/** Stock rows filtered by location and/or parts (all rows of the tenant when neither is given). */
export async function listStock(
  db: Db,
  tenantId: string,
  filter: { locationId?: string; partIds?: string[] } = {},
): Promise<StoredStock[]> {
  const conditions = [eq(stock.tenantId, tenantId)];
  if (filter.locationId) conditions.push(eq(stock.locationId, filter.locationId));
  if (filter.partIds) {
    if (filter.partIds.length === 0) return [];
    conditions.push(inArray(stock.partId, filter.partIds));
  }
  const rows = await db
    .select()
    .from(stock)
    .where(and(...conditions));
  return rows.map(toStock);
}

/** Sets quantity and reserved on the stock row at (location, part), creating it when missing; version + 1. */
export async function setStock(
  db: Db,
  tenantId: string,
  input: { locationId: string; partId: string; quantity: number; reserved?: number },
): Promise<StoredStock> {
  const current = await stockAt(db, tenantId, input.locationId, input.partId);
  if (current) {
    await db
      .update(stock)
      .set({ quantity: input.quantity, reserved: input.reserved ?? current.reserved, version: current.version + 1 })
      .where(and(eq(stock.tenantId, tenantId), eq(stock.id, current.id)));
  } else {
    await db.insert(stock).values({
      id: newFieldId("stk"),
      tenantId,
      locationId: input.locationId,
      partId: input.partId,
      quantity: input.quantity,
      reserved: input.reserved ?? 0,
      version: 1,
    });
  }
  return (await stockAt(db, tenantId, input.locationId, input.partId)) as StoredStock;
}

export interface StoredReservation {
  id: string;
  stockId: string;
  jobRef: string;
  quantity: number;
  status: string;
  createdAt: string;
}

export async function insertReservation(
  db: Db,
  tenantId: string,
  input: Omit<StoredReservation, "id" | "status">,
): Promise<StoredReservation> {
  const row = { id: newFieldId("rsv"), tenantId, status: "reserved", ...input };
  await db.insert(stockReservations).values(row);
  const { tenantId: _t, ...reservation } = row;
  return reservation;
}

export async function reservationsForJob(db: Db, tenantId: string, jobRef: string): Promise<StoredReservation[]> {
  const rows = await db
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.tenantId, tenantId), eq(stockReservations.jobRef, jobRef)));
  return rows.map(({ tenantId: _t, ...r }) => r);
}

export async function getReservation(db: Db, tenantId: string, id: string): Promise<StoredReservation | null> {
  const [row] = await db
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.tenantId, tenantId), eq(stockReservations.id, id)))
    .limit(1);
  if (!row) return null;
  const { tenantId: _t, ...reservation } = row;
  return reservation;
}

/** Reservations held against one stock row, oldest first. */
export async function reservationsOnStock(db: Db, tenantId: string, stockId: string): Promise<StoredReservation[]> {
  const rows = await db
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.tenantId, tenantId), eq(stockReservations.stockId, stockId)))
    .orderBy(asc(stockReservations.createdAt), asc(stockReservations.id));
  return rows.map(({ tenantId: _t, ...r }) => r);
}

/** Closes an open reservation (status `reserved` → `consumed` or `released`); false when it was no longer open. */
export async function closeReservation(
  db: Db,
  tenantId: string,
  id: string,
  status: "consumed" | "released",
): Promise<boolean> {
  const result = await db
    .update(stockReservations)
    .set({ status })
    .where(
      and(
        eq(stockReservations.tenantId, tenantId),
        eq(stockReservations.id, id),
        eq(stockReservations.status, "reserved"),
      ),
    );
  return affected(result) === 1;
}

// ------------------------------------------------------------------------------------------------ public page

/** Hashes a client key (an IP address) so the rate-limit table never stores the address itself. */
export function hashClientKey(clientKey: string): string {
  return createHash("sha256").update(`public-rate:${clientKey}`).digest("hex").slice(0, 32);
}

/** Counts one request for a client in a fixed window and returns the count so far (this request included). */
export async function countPublicRequest(
  db: Db,
  tenantId: string,
  clientKey: string,
  windowStart: string,
): Promise<number> {
  const key = hashClientKey(clientKey);
  // RETURNING gives the count after this request in the same statement (SQLite ≥ 3.35 and PostgreSQL).
  const [row] = await db
    .insert(publicRateLimits)
    .values({ tenantId, clientKey: key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [publicRateLimits.tenantId, publicRateLimits.clientKey, publicRateLimits.windowStart],
      set: { count: sql`${publicRateLimits.count} + 1` },
    })
    .returning({ count: publicRateLimits.count });
  return row?.count ?? 1;
}

export interface NewPublicIntake {
  rawText: string;
  receivedAt: string;
  routeConfidence: number;
  extracted: {
    name: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    intent: string | null;
  };
  missingFields: Array<"identity" | "address" | "intent">;
  suggestedAction: string;
}

/** A public service request, landed in the office's intake review queue (source public_triage). */
export async function insertPublicIntake(db: Db, tenantId: string, input: NewPublicIntake) {
  const row = {
    id: newId("itk"),
    tenantId,
    source: "public_triage",
    rawText: input.rawText,
    receivedAt: input.receivedAt,
    routeConfidence: input.routeConfidence,
    status: "in_review",
    extracted: input.extracted,
    missingFields: input.missingFields,
    conflicts: [],
    suggestedAction: input.suggestedAction,
    version: 1,
  };
  await db.insert(intakeItems).values(row);
  return { id: row.id, status: row.status, routeConfidence: row.routeConfidence, missingFields: row.missingFields };
}
