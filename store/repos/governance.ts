// Governance records: issues, contract versions, jobs, incidents and the ordered history of each issue.
// Status moves are compare-and-set (WHERE status = the expected one), so a step can never run twice.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db.ts";
import { newId } from "../ids.ts";
import { affected, rawGet } from "../raw.ts";
import { govContracts, govEvents, govIncidents, govIssues, govJobs } from "../schema-ops.ts";

export type IssueRow = typeof govIssues.$inferSelect;
export type ContractRow = typeof govContracts.$inferSelect;
export type JobRow = typeof govJobs.$inferSelect;
export type EventRow = typeof govEvents.$inferSelect;
export type IncidentRow = typeof govIncidents.$inferSelect;

export async function insertIssue(db: Db, row: Omit<IssueRow, "id">): Promise<IssueRow> {
  const full = { ...row, id: newId("iss") };
  await db.insert(govIssues).values(full);
  return full;
}

export async function updateIssue(
  db: Db,
  tenantId: string,
  id: string,
  from: string,
  set: Partial<IssueRow>,
): Promise<boolean> {
  const result = await db
    .update(govIssues)
    .set(set)
    .where(and(eq(govIssues.tenantId, tenantId), eq(govIssues.id, id), eq(govIssues.status, from)));
  return affected(result) === 1;
}

export async function getIssue(db: Db, tenantId: string, id: string): Promise<IssueRow | null> {
  const [row] = await db
    .select()
    .from(govIssues)
    .where(and(eq(govIssues.tenantId, tenantId), eq(govIssues.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertContract(db: Db, row: Omit<ContractRow, "id">): Promise<ContractRow> {
  const full = { ...row, id: newId("gct") };
  await db.insert(govContracts).values(full);
  return full;
}

export async function getContract(db: Db, tenantId: string, id: string): Promise<ContractRow | null> {
  const [row] = await db
    .select()
    .from(govContracts)
    .where(and(eq(govContracts.tenantId, tenantId), eq(govContracts.id, id)))
    .limit(1);
  return row ?? null;
}

/** Oldest first; a new version of a contract drafted in the same instant still sorts after the one it replaces. */
export async function listContracts(db: Db, tenantId: string, statuses?: string[]): Promise<ContractRow[]> {
  const where = statuses
    ? and(eq(govContracts.tenantId, tenantId), inArray(govContracts.status, statuses))
    : eq(govContracts.tenantId, tenantId);
  return db.select().from(govContracts).where(where).orderBy(asc(govContracts.createdAt), asc(govContracts.version));
}

/** Moves a contract only from the status the caller expects; false when it was not in that status. */
export async function moveContract(
  db: Db,
  tenantId: string,
  id: string,
  from: string,
  set: Partial<ContractRow>,
): Promise<boolean> {
  const result = await db
    .update(govContracts)
    .set(set)
    .where(and(eq(govContracts.tenantId, tenantId), eq(govContracts.id, id), eq(govContracts.status, from)));
  return affected(result) === 1;
}

/** Inserts a job; null when the contract already has a job of that kind (the unique index decides). */
export async function insertJob(db: Db, row: Omit<JobRow, "id">): Promise<JobRow | null> {
  const full = { ...row, id: newId("gjb") };
  const result = await db.insert(govJobs).values(full).onConflictDoNothing();
  return affected(result) === 1 ? full : null;
}

export async function jobFor(db: Db, tenantId: string, contractId: string, kind: string): Promise<JobRow | null> {
  const [row] = await db
    .select()
    .from(govJobs)
    .where(and(eq(govJobs.tenantId, tenantId), eq(govJobs.contractId, contractId), eq(govJobs.kind, kind)))
    .limit(1);
  return row ?? null;
}

export async function moveJob(
  db: Db,
  tenantId: string,
  id: string,
  from: string,
  set: Partial<JobRow>,
): Promise<boolean> {
  const result = await db
    .update(govJobs)
    .set(set)
    .where(and(eq(govJobs.tenantId, tenantId), eq(govJobs.id, id), eq(govJobs.status, from)));
  return affected(result) === 1;
}

/** Appends to the tenant's history with the next sequence number (writes are serialized, so max + 1 is free). */
export async function appendEvent(db: Db, row: Omit<EventRow, "seq">): Promise<EventRow> {
  const last = await rawGet<{ s: number }>(
    db,
    "SELECT coalesce(max(seq), 0) AS s FROM gov_events WHERE tenant_id = ?",
    row.tenantId,
  );
  const full = { ...row, seq: Number(last?.s ?? 0) + 1 };
  await db.insert(govEvents).values(full);
  return full;
}

export async function eventsForIssue(db: Db, tenantId: string, issueId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(govEvents)
    .where(and(eq(govEvents.tenantId, tenantId), eq(govEvents.issueId, issueId)))
    .orderBy(asc(govEvents.seq));
}

export async function openIncident(db: Db, row: Omit<IncidentRow, "id" | "status" | "closedAt">): Promise<IncidentRow> {
  const full: IncidentRow = { ...row, id: newId("inc"), status: "open", closedAt: null };
  await db.insert(govIncidents).values(full);
  return full;
}

export async function openIncidents(db: Db, tenantId: string): Promise<IncidentRow[]> {
  return db
    .select()
    .from(govIncidents)
    .where(and(eq(govIncidents.tenantId, tenantId), eq(govIncidents.status, "open")));
}

export async function closeIncidentsFor(db: Db, tenantId: string, contractId: string, at: string): Promise<void> {
  await db
    .update(govIncidents)
    .set({ status: "closed", closedAt: at })
    .where(
      and(
        eq(govIncidents.tenantId, tenantId),
        eq(govIncidents.contractId, contractId),
        eq(govIncidents.status, "open"),
      ),
    );
}

export async function closeOpenIncidentsOfKind(db: Db, tenantId: string, kind: string, at: string): Promise<void> {
  await db
    .update(govIncidents)
    .set({ status: "closed", closedAt: at })
    .where(and(eq(govIncidents.tenantId, tenantId), eq(govIncidents.kind, kind), eq(govIncidents.status, "open")));
}
