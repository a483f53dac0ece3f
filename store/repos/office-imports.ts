// Repositories behind the office's write tools (intake conversion, follow-ups, outbound drafts, interactions) and the
// import pipeline (RawImportBatch, ImportRowRecord). Tenant first in every function; only the safe apply engine writes.
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { IntakeItem, OutboundDraft, Task } from "../../contracts/index.ts";
import type { Db } from "../db.ts";
import { toIntake } from "./office.ts";
import { newId } from "../ids.ts";
import { phoneKey } from "../keys.ts";
import {
  customers,
  intakeItems,
  interactions,
  notes,
  opportunities,
  outboundDrafts,
  properties,
  tasks,
} from "../schema.ts";
import { importBatches, importRows, signals, transcripts } from "../schema-imports.ts";
import { toCustomer, toTask } from "./customers.ts";

/** Ids for the artifact kinds store/ids.ts does not list yet (same format: prefix + 16 hex). */
export function artifactId(prefix: "imp" | "trn" | "sig"): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}

// ---------------------------------------------------------------- customers, properties, opportunities

/** Customers that share a phone (by key) or an email with the given contact details. */
export async function customersByContact(
  db: Db,
  tenantId: string,
  contact: { phone?: string | null; email?: string | null },
  limit = 10,
) {
  const key = phoneKey(contact.phone ?? null);
  const email = contact.email?.trim().toLowerCase() || null;
  const conditions = [];
  if (key) conditions.push(eq(customers.phoneKey, key));
  if (email) conditions.push(eq(customers.email, email));
  if (conditions.length === 0) return [];
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), or(...conditions)))
    .limit(limit);
  return rows.map(toCustomer);
}

/** Fills a customer's empty phone/email and adds opt-outs and tags; bumps the version only when something changed. */
export async function fillCustomerGaps(
  db: Db,
  tenantId: string,
  customerId: string,
  gaps: { phone?: string | null; email?: string | null; optedOut?: string[]; tags?: string[] },
  now: string,
): Promise<{ changed: string[] }> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
    .limit(1);
  if (!row) throw new Error(`customer ${customerId} vanished inside the apply transaction`);
  const changed: string[] = [];
  const patch: Partial<typeof customers.$inferInsert> = {};
  if (!row.phone && gaps.phone) {
    patch.phone = gaps.phone;
    patch.phoneKey = phoneKey(gaps.phone);
    changed.push("phone");
  }
  if (!row.email && gaps.email) {
    patch.email = gaps.email.toLowerCase();
    changed.push("email");
  }
  const optedOut = [...new Set([...row.optedOut, ...(gaps.optedOut ?? [])])];
  if (optedOut.length !== row.optedOut.length) {
    patch.optedOut = optedOut;
    changed.push("optedOut");
  }
  const tags = [...new Set([...row.tags, ...(gaps.tags ?? [])])].slice(0, 20);
  if (tags.length !== row.tags.length) {
    patch.tags = tags;
    changed.push("tags");
  }
  if (changed.length === 0) return { changed };
  await db
    .update(customers)
    .set({ ...patch, updatedAt: now, version: row.version + 1 })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return { changed };
}

export interface NewProperty {
  customerId: string;
  street: string;
  unit: string | null;
  city: string;
  state: string;
  zip: string;
}

export async function insertProperty(db: Db, tenantId: string, input: NewProperty): Promise<string> {
  const id = newId("prp");
  await db
    .insert(properties)
    .values({ id, tenantId, ...input, sqft: null, yearBuilt: null, equipment: [], version: 1 });
  return id;
}

/** True when the customer already has a property at this street (case- and space-insensitive) and zip. */
export async function hasPropertyAt(
  db: Db,
  tenantId: string,
  customerId: string,
  street: string,
  zip: string,
): Promise<boolean> {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  const rows = await db
    .select({ street: properties.street, zip: properties.zip })
    .from(properties)
    .where(and(eq(properties.tenantId, tenantId), eq(properties.customerId, customerId)));
  return rows.some((p) => norm(p.street) === norm(street) && p.zip.trim() === zip.trim());
}

export async function insertOpportunity(
  db: Db,
  tenantId: string,
  input: { customerId: string; title: string; valueCents: number; source: string; now: string },
): Promise<string> {
  const id = newId("opp");
  await db.insert(opportunities).values({
    id,
    tenantId,
    customerId: input.customerId,
    title: input.title,
    stage: "new",
    valueCents: input.valueCents,
    source: input.source,
    createdAt: input.now,
    lastActivityAt: input.now,
    version: 1,
  });
  return id;
}

export async function insertCustomerNote(
  db: Db,
  tenantId: string,
  input: { customerId: string; body: string; authorId: string; createdAt: string },
): Promise<string> {
  const id = newId("not");
  await db.insert(notes).values({ id, tenantId, ...input });
  return id;
}

// ---------------------------------------------------------------- intake items

type IntakeRow = typeof intakeItems.$inferSelect;

export type StoredIntakeItem = IntakeItem & { version: number };

function toIntakeItem(r: IntakeRow): StoredIntakeItem {
  return { ...toIntake(r), version: r.version };
}

export async function getIntakeItem(db: Db, tenantId: string, id: string): Promise<StoredIntakeItem | null> {
  const [row] = await db
    .select()
    .from(intakeItems)
    .where(and(eq(intakeItems.tenantId, tenantId), eq(intakeItems.id, id)))
    .limit(1);
  return row ? toIntakeItem(row) : null;
}

export async function setIntakeStatus(
  db: Db,
  tenantId: string,
  id: string,
  status: IntakeItem["status"],
): Promise<void> {
  await db
    .update(intakeItems)
    .set({ status, version: sql`${intakeItems.version} + 1` })
    .where(and(eq(intakeItems.tenantId, tenantId), eq(intakeItems.id, id)));
}

export async function insertIntakeItem(db: Db, tenantId: string, item: Omit<IntakeItem, "id">): Promise<string> {
  const id = newId("itk");
  await db.insert(intakeItems).values({ id, tenantId, ...item, version: 1 });
  return id;
}

// ---------------------------------------------------------------- tasks (follow-ups)

export async function getTaskRecord(
  db: Db,
  tenantId: string,
  id: string,
): Promise<(Task & { version: number }) | null> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id)))
    .limit(1);
  return row ? { ...toTask(row), version: row.version } : null;
}

export async function updateTaskState(
  db: Db,
  tenantId: string,
  id: string,
  patch: { status: Task["status"]; outcome?: string | null; dueAt?: string | null; completedAt?: string | null },
): Promise<Task> {
  await db
    .update(tasks)
    .set({ ...patch, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id)));
  const task = await getTaskRecord(db, tenantId, id);
  if (!task) throw new Error(`task ${id} vanished inside the apply transaction`);
  const { version: _version, ...plain } = task;
  return plain;
}

// ---------------------------------------------------------------- outbound drafts

type DraftRow = typeof outboundDrafts.$inferSelect;

export type StoredDraft = OutboundDraft & { version: number };

function toDraft(r: DraftRow): StoredDraft {
  return {
    id: r.id,
    customerId: r.customerId,
    channel: r.channel as OutboundDraft["channel"],
    body: r.body,
    riskFlags: r.riskFlags as OutboundDraft["riskFlags"],
    status: r.status as OutboundDraft["status"],
    createdAt: r.createdAt,
    version: r.version,
  };
}

export async function insertDraft(db: Db, tenantId: string, draft: Omit<OutboundDraft, "id">): Promise<OutboundDraft> {
  const id = newId("drf");
  await db.insert(outboundDrafts).values({ id, tenantId, ...draft, version: 1 });
  return { id, ...draft };
}

export async function getDraft(db: Db, tenantId: string, id: string): Promise<StoredDraft | null> {
  const [row] = await db
    .select()
    .from(outboundDrafts)
    .where(and(eq(outboundDrafts.tenantId, tenantId), eq(outboundDrafts.id, id)))
    .limit(1);
  return row ? toDraft(row) : null;
}

export async function setDraftStatus(
  db: Db,
  tenantId: string,
  id: string,
  status: OutboundDraft["status"],
): Promise<OutboundDraft> {
  await db
    .update(outboundDrafts)
    .set({ status, version: sql`${outboundDrafts.version} + 1` })
    .where(and(eq(outboundDrafts.tenantId, tenantId), eq(outboundDrafts.id, id)));
  const draft = await getDraft(db, tenantId, id);
  if (!draft) throw new Error(`draft ${id} vanished inside the apply transaction`);
  const { version: _version, ...plain } = draft;
  return plain;
}

export async function draftsOf(db: Db, tenantId: string, customerId: string, limit: number): Promise<OutboundDraft[]> {
  const rows = await db
    .select()
    .from(outboundDrafts)
    .where(and(eq(outboundDrafts.tenantId, tenantId), eq(outboundDrafts.customerId, customerId)))
    .orderBy(desc(outboundDrafts.createdAt))
    .limit(limit);
  return rows.map((r) => {
    const { version: _version, ...plain } = toDraft(r);
    return plain;
  });
}

// ---------------------------------------------------------------- interactions, transcripts, signals

export interface NewInteraction {
  customerId: string;
  channel: "call" | "sms" | "email" | "visit" | "web_form";
  direction: "inbound" | "outbound";
  summary: string;
  outcome: string | null;
  occurredAt: string;
  rawRefs: string[];
}

export async function insertInteraction(db: Db, tenantId: string, input: NewInteraction): Promise<string> {
  const id = newId("int");
  await db.insert(interactions).values({ id, tenantId, ...input });
  return id;
}

export async function getInteractionRecord(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(interactions)
    .where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, id)))
    .limit(1);
  return row ?? null;
}

export type TranscriptSegmentRow = { speaker: string; startMs: number; endMs: number; text: string };

export async function insertTranscript(
  db: Db,
  tenantId: string,
  input: {
    interactionId: string;
    mediaRef: string;
    language: string;
    segments: TranscriptSegmentRow[];
    text: string;
    createdAt: string;
  },
): Promise<string> {
  const id = artifactId("trn");
  await db.insert(transcripts).values({ id, tenantId, ...input });
  return id;
}

export async function getTranscript(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(transcripts)
    .where(and(eq(transcripts.tenantId, tenantId), eq(transcripts.id, id)))
    .limit(1);
  return row ?? null;
}

/** Transcripts of a customer's interactions, newest first. */
export async function transcriptsOfCustomer(db: Db, tenantId: string, customerId: string, limit: number) {
  return await db
    .select({ transcript: transcripts, occurredAt: interactions.occurredAt })
    .from(transcripts)
    .innerJoin(
      interactions,
      and(eq(interactions.id, transcripts.interactionId), eq(interactions.tenantId, transcripts.tenantId)),
    )
    .where(and(eq(transcripts.tenantId, tenantId), eq(interactions.customerId, customerId)))
    .orderBy(desc(interactions.occurredAt))
    .limit(limit);
}

export async function insertSignal(
  db: Db,
  tenantId: string,
  input: {
    clientRef: string;
    sourceRef: string;
    scoreType: string;
    value: number;
    timeWindow: string;
    evidenceRefs: string[];
    operatorInput: string | null;
    createdAt: string;
  },
): Promise<string> {
  const id = artifactId("sig");
  await db.insert(signals).values({ id, tenantId, ...input });
  return id;
}

export async function signalsOf(db: Db, tenantId: string, customerId: string, limit: number) {
  return await db
    .select()
    .from(signals)
    .where(and(eq(signals.tenantId, tenantId), eq(signals.clientRef, customerId)))
    .orderBy(desc(signals.createdAt))
    .limit(limit);
}

// ---------------------------------------------------------------- imports

export type ImportBatchRow = typeof importBatches.$inferSelect;
export type ImportRowRecord = typeof importRows.$inferSelect;
export type ImportRowInsert = Omit<typeof importRows.$inferInsert, "tenantId">;

export async function findBatchByChecksum(db: Db, tenantId: string, checksum: string): Promise<ImportBatchRow | null> {
  const [row] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.tenantId, tenantId), eq(importBatches.checksum, checksum)))
    .limit(1);
  return row ?? null;
}

export async function getBatch(db: Db, tenantId: string, id: string): Promise<ImportBatchRow | null> {
  const [row] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.tenantId, tenantId), eq(importBatches.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertBatch(
  db: Db,
  tenantId: string,
  batch: Omit<typeof importBatches.$inferInsert, "tenantId">,
): Promise<void> {
  await db.insert(importBatches).values({ ...batch, tenantId });
}

export async function setBatchStatus(db: Db, tenantId: string, id: string, status: string): Promise<void> {
  await db
    .update(importBatches)
    .set({ status })
    .where(and(eq(importBatches.tenantId, tenantId), eq(importBatches.id, id)));
}

/** Inserts row records in chunks (SQLite limits bound variables per statement). */
export async function insertImportRows(db: Db, tenantId: string, rows: readonly ImportRowInsert[]): Promise<void> {
  const CHUNK = 400;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK).map((row) => ({ ...row, tenantId }));
    await db.insert(importRows).values(chunk);
  }
}

export async function listImportRows(
  db: Db,
  tenantId: string,
  batchId: string,
  options: { statuses?: string[]; rowNumbers?: number[]; offset?: number; limit?: number } = {},
): Promise<ImportRowRecord[]> {
  const where = [eq(importRows.tenantId, tenantId), eq(importRows.batchId, batchId)];
  if (options.statuses) where.push(inArray(importRows.status, options.statuses));
  if (options.rowNumbers) where.push(inArray(importRows.rowNumber, options.rowNumbers));
  const query = db
    .select()
    .from(importRows)
    .where(and(...where))
    .orderBy(asc(importRows.rowNumber));
  if (options.limit !== undefined) return await query.limit(options.limit).offset(options.offset ?? 0);
  return await query;
}

export async function getImportRow(
  db: Db,
  tenantId: string,
  batchId: string,
  rowNumber: number,
): Promise<ImportRowRecord | null> {
  const [row] = await db
    .select()
    .from(importRows)
    .where(and(eq(importRows.tenantId, tenantId), eq(importRows.batchId, batchId), eq(importRows.rowNumber, rowNumber)))
    .limit(1);
  return row ?? null;
}

export async function setImportRowOutcome(
  db: Db,
  tenantId: string,
  batchId: string,
  rowNumber: number,
  outcome: { status: string; customerId: string | null; proposalId: string | null },
): Promise<void> {
  await db
    .update(importRows)
    .set(outcome)
    .where(
      and(eq(importRows.tenantId, tenantId), eq(importRows.batchId, batchId), eq(importRows.rowNumber, rowNumber)),
    );
}

export async function importRowStatusCounts(
  db: Db,
  tenantId: string,
  batchId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: importRows.status, n: count() })
    .from(importRows)
    .where(and(eq(importRows.tenantId, tenantId), eq(importRows.batchId, batchId)))
    .groupBy(importRows.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Account links: the source systems' ids of the import rows that became or merged into this customer. */
export async function importLinksOf(db: Db, tenantId: string, customerId: string) {
  return await db
    .select({
      batchId: importRows.batchId,
      rowNumber: importRows.rowNumber,
      projection: importRows.projection,
      sourceSystem: importBatches.sourceSystem,
    })
    .from(importRows)
    .innerJoin(importBatches, and(eq(importBatches.id, importRows.batchId), eq(importBatches.tenantId, tenantId)))
    .where(and(eq(importRows.tenantId, tenantId), eq(importRows.customerId, customerId)));
}

export type ExistingForDedupe = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  street: string | null;
  unit: string | null;
  zip: string | null;
};

/** Every customer of the tenant with its first property, as the dedupe's "existing" side. */
export async function customersForDedupe(db: Db, tenantId: string): Promise<ExistingForDedupe[]> {
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      email: customers.email,
      street: properties.street,
      unit: properties.unit,
      zip: properties.zip,
    })
    .from(customers)
    .leftJoin(properties, and(eq(properties.customerId, customers.id), eq(properties.tenantId, customers.tenantId)))
    .where(eq(customers.tenantId, tenantId))
    // "The first property" must mean the same row on both backends (PostgreSQL has no implicit order).
    .orderBy(customers.id, properties.id);
  const byId = new Map<string, ExistingForDedupe>();
  for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, row);
  return [...byId.values()];
}
