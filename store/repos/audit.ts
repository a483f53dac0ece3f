// The append-only, per-tenant hash chain. hash = SHA-256(prev_hash + canonical entry). Rows are never updated.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { AuditEntry, AuditOutcome } from "../../contracts/index.ts";
import type { Db } from "../db.ts";
import { dialectOf, rawGet, rawRun } from "../raw.ts";
import { auditLog } from "../schema.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditDraft {
  at: string;
  actorId: string | null;
  actorRole: string | null;
  channel: string | null;
  tool: string | null;
  input: unknown;
  outcome: AuditOutcome;
  failureClass?: string | null;
  proposalId?: string | null;
  reasoning?: string | null;
  confidence?: number | null;
  triggerId?: string | null;
  reviewer?: string | null;
  mutation?: unknown;
}

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

function hashEntry(entry: Omit<AuditEntry, "hash">): string {
  return createHash("sha256")
    .update(entry.prevHash)
    .update(canonicalJson({ ...entry, prevHash: undefined }))
    .digest("hex");
}

function normalize(tenantId: string, seq: number, prevHash: string, draft: AuditDraft): Omit<AuditEntry, "hash"> {
  return {
    seq,
    tenantId,
    at: draft.at,
    actorId: draft.actorId,
    actorRole: draft.actorRole,
    channel: draft.channel,
    tool: draft.tool,
    input: draft.input ?? null,
    outcome: draft.outcome,
    failureClass: draft.failureClass ?? null,
    proposalId: draft.proposalId ?? null,
    reasoning: draft.reasoning ?? null,
    confidence: draft.confidence ?? null,
    triggerId: draft.triggerId ?? null,
    reviewer: draft.reviewer ?? null,
    mutation: draft.mutation ?? null,
    prevHash,
  };
}

type ChainTail = { seq: number; hash: string };

const TAIL_SQL = "SELECT seq, hash FROM audit_log WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1";
const INSERT_SQL = `INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_role, channel, tool, input, outcome,
  failure_class, proposal_id, reasoning, confidence, trigger_id, reviewer, mutation, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The entry that follows `last` in the tenant's chain (the genesis entry when there is none). */
function nextEntry(tenantId: string, last: ChainTail | undefined, draft: AuditDraft): AuditEntry {
  const body = normalize(tenantId, (last?.seq ?? 0) + 1, last?.hash ?? GENESIS_HASH, draft);
  return { ...body, hash: hashEntry(body) };
}

function insertParams(entry: AuditEntry): unknown[] {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return [
    entry.tenantId,
    entry.seq,
    entry.at,
    entry.actorId,
    entry.actorRole,
    entry.channel,
    entry.tool,
    json(entry.input),
    entry.outcome,
    entry.failureClass,
    entry.proposalId,
    entry.reasoning,
    entry.confidence,
    entry.triggerId,
    entry.reviewer,
    json(entry.mutation),
    entry.prevHash,
    entry.hash,
  ];
}

// The kernel's shutdown flush (flushAuditSync) appends without awaiting, on SQLite only, and commits right after:
// there the append must be finished when the call returns. rawGet/rawRun run a SQLite statement at once but hand
// back its row a microtask later, so the SQLite path uses better-sqlite3 statements directly (cached per connection).
const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(db: Db, text: string): Database.Statement {
  const client = (db as unknown as { $client: Database.Database }).$client;
  let cache = sqliteStatements.get(client);
  if (!cache) {
    cache = new Map();
    sqliteStatements.set(client, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = client.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

function appendSqlite(db: Db, tenantId: string, draft: AuditDraft): AuditEntry {
  const entry = nextEntry(tenantId, sqliteStatement(db, TAIL_SQL).get(tenantId) as ChainTail | undefined, draft);
  sqliteStatement(db, INSERT_SQL).run(...insertParams(entry));
  return entry;
}

/**
 * Appends one entry. Call inside the store's write transaction so the chain is serialized per tenant.
 * Plain SQL: this runs on every kernel call. On SQLite it completes before returning (see appendSqlite).
 */
export async function appendAudit(db: Db, tenantId: string, draft: AuditDraft): Promise<AuditEntry> {
  if (dialectOf(db) === "sqlite") return appendSqlite(db, tenantId, draft);
  const entry = nextEntry(tenantId, await rawGet<ChainTail>(db, TAIL_SQL, tenantId), draft);
  await rawRun(db, INSERT_SQL, ...insertParams(entry));
  return entry;
}

type AuditRow = typeof auditLog.$inferSelect;
function toEntry(row: AuditRow): AuditEntry {
  return { ...row, outcome: row.outcome as AuditOutcome, input: row.input ?? null, mutation: row.mutation ?? null };
}

export async function recentAudit(db: Db, tenantId: string, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  return rows.map(toEntry);
}

export interface ChainVerdict {
  ok: boolean;
  length: number;
  /** Sequence of the first entry that does not hold (altered, missing or out of order). */
  brokenAt: number | null;
  reason: string | null;
}

/** Walks the tenant's chain from the start and names the first broken entry. */
export async function verifyAuditChain(db: Db, tenantId: string): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let length = 0;
  const pageSize = 5000;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), gt(auditLog.seq, after)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      const entry = toEntry(row);
      if (entry.seq !== expectedSeq) {
        return { ok: false, length, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      }
      if (entry.prevHash !== prevHash) {
        return { ok: false, length, brokenAt: entry.seq, reason: `entry ${entry.seq} does not follow its predecessor` };
      }
      const { hash, ...body } = entry;
      if (hashEntry(body) !== hash) {
        return { ok: false, length, brokenAt: entry.seq, reason: `entry ${entry.seq} was altered` };
      }
      prevHash = hash;
      expectedSeq += 1;
      length += 1;
      after = entry.seq;
    }
    if (rows.length < pageSize) break;
  }
  return { ok: true, length, brokenAt: null, reason: null };
}
