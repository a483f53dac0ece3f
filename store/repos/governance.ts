// Governance records: issues, contract versions, jobs, incidents and the ordered history of each issue.
// Status moves are compare-and-set (WHERE status = the expected one), so a step can never run twice.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db.ts";
import { newId } from "../ids.ts";
import { prepared } from "../prepared.ts";
import { govContracts, govEvents, govIncidents, govIssues, govJobs } from "../schema-ops.ts";

export type IssueRow = typeof govIssues.$inferSelect;
export type ContractRow = typeof govContracts.$inferSelect;
export type JobRow = typeof govJobs.$inferSelect;
export type EventRow = typeof govEvents.$inferSelect;
export type IncidentRow = typeof govIncidents.$inferSelect;

export function insertIssue(db: Db, row: Omit<IssueRow, "id">): IssueRow {
  const full = { ...row, id: newId("iss") };
  db.insert(govIssues).values(full).run();
  return full;
}

export function updateIssue(db: Db, tenantId: string, id: string, from: string, set: Partial<IssueRow>): boolean {
  const info = db
    .update(govIssues)
    .set(set)
    .where(and(eq(govIssues.tenantId, tenantId), eq(govIssues.id, id), eq(govIssues.status, from)))
    .run();
  return info.changes === 1;
}

export function getIssue(db: Db, tenantId: string, id: string): IssueRow | null {
  return (
    db
      .select()
      .from(govIssues)
      .where(and(eq(govIssues.tenantId, tenantId), eq(govIssues.id, id)))
      .get() ?? null
  );
}

export function insertContract(db: Db, row: Omit<ContractRow, "id">): ContractRow {
  const full = { ...row, id: newId("gct") };
  db.insert(govContracts).values(full).run();
  return full;
}

export function getContract(db: Db, tenantId: string, id: string): ContractRow | null {
  return (
    db
      .select()
      .from(govContracts)
      .where(and(eq(govContracts.tenantId, tenantId), eq(govContracts.id, id)))
      .get() ?? null
  );
}

export function listContracts(db: Db, tenantId: string, statuses?: string[]): ContractRow[] {
  const where = statuses
    ? and(eq(govContracts.tenantId, tenantId), inArray(govContracts.status, statuses))
    : eq(govContracts.tenantId, tenantId);
  return db.select().from(govContracts).where(where).orderBy(asc(govContracts.createdAt)).all();
}

/** Moves a contract only from the status the caller expects; false when it was not in that status. */
export function moveContract(db: Db, tenantId: string, id: string, from: string, set: Partial<ContractRow>): boolean {
  const info = db
    .update(govContracts)
    .set(set)
    .where(and(eq(govContracts.tenantId, tenantId), eq(govContracts.id, id), eq(govContracts.status, from)))
    .run();
  return info.changes === 1;
}

export function insertJob(db: Db, row: Omit<JobRow, "id">): JobRow | null {
  const full = { ...row, id: newId("gjb") };
  const info = db.insert(govJobs).values(full).onConflictDoNothing().run();
  return info.changes === 1 ? full : null;
}

export function jobFor(db: Db, tenantId: string, contractId: string, kind: string): JobRow | null {
  return (
    db
      .select()
      .from(govJobs)
      .where(and(eq(govJobs.tenantId, tenantId), eq(govJobs.contractId, contractId), eq(govJobs.kind, kind)))
      .get() ?? null
  );
}

export function moveJob(db: Db, tenantId: string, id: string, from: string, set: Partial<JobRow>): boolean {
  const info = db
    .update(govJobs)
    .set(set)
    .where(and(eq(govJobs.tenantId, tenantId), eq(govJobs.id, id), eq(govJobs.status, from)))
    .run();
  return info.changes === 1;
}

export function appendEvent(db: Db, row: Omit<EventRow, "seq">): EventRow {
  const last = prepared(db, "SELECT coalesce(max(seq), 0) AS s FROM gov_events WHERE tenant_id = ?").get(
    row.tenantId,
  ) as {
    s: number;
  };
  const full = { ...row, seq: last.s + 1 };
  db.insert(govEvents).values(full).run();
  return full;
}

export function eventsForIssue(db: Db, tenantId: string, issueId: string): EventRow[] {
  return db
    .select()
    .from(govEvents)
    .where(and(eq(govEvents.tenantId, tenantId), eq(govEvents.issueId, issueId)))
    .orderBy(asc(govEvents.seq))
    .all();
}

export function openIncident(db: Db, row: Omit<IncidentRow, "id" | "status" | "closedAt">): IncidentRow {
  const full: IncidentRow = { ...row, id: newId("inc"), status: "open", closedAt: null };
  db.insert(govIncidents).values(full).run();
  return full;
}

export function openIncidents(db: Db, tenantId: string): IncidentRow[] {
  return db
    .select()
    .from(govIncidents)
    .where(and(eq(govIncidents.tenantId, tenantId), eq(govIncidents.status, "open")))
    .all();
}

export function closeIncidentsFor(db: Db, tenantId: string, contractId: string, at: string): void {
  db.update(govIncidents)
    .set({ status: "closed", closedAt: at })
    .where(
      and(
        eq(govIncidents.tenantId, tenantId),
        eq(govIncidents.contractId, contractId),
        eq(govIncidents.status, "open"),
      ),
    )
    .run();
}

export function closeOpenIncidentsOfKind(db: Db, tenantId: string, kind: string, at: string): void {
  db.update(govIncidents)
    .set({ status: "closed", closedAt: at })
    .where(and(eq(govIncidents.tenantId, tenantId), eq(govIncidents.kind, kind), eq(govIncidents.status, "open")))
    .run();
}
