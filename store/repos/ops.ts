// Trigger detection and the trigger table. Each detector is one indexed, tenant-scoped query that lists the records
// whose condition holds now; the scan diffs that set against the open triggers (ARCHITECTURE §6, ops).
import { and, eq } from "drizzle-orm";
import type { Db } from "../db.ts";
import { newId } from "../ids.ts";
import { affected, type Dialect, dialectOf, rawAll, rawGet } from "../raw.ts";
import { type agreements, opportunityChanges, opsScans, opsTriggers } from "../schema-ops.ts";

export interface Detection {
  type: string;
  recordId: string;
  customerId: string | null;
  context: Record<string, unknown>;
}

/** The cut-off times and counts a scan passes to the detectors (computed from the tenant's thresholds). */
export interface DetectorParams {
  nowIso: string;
  nowYear: number;
  leadStagnantBefore: string;
  regressionSince: string;
  valueKeepRatio: number;
  complaintSince: string;
  callbackSince: string;
  repeatedCallbacks: number;
  cancelledSince: string;
  agingInstalledByYear: number;
  noVisitSince: string;
  quoteSentBefore: string;
  renewalBy: string;
}

/** Placeholder for "this tenant's id" inside a detector's parameter list. */
const TENANT = Symbol("tenant");

const STAGE_RANK_SQL = (column: string) =>
  `CASE ${column} WHEN 'new' THEN 0 WHEN 'contacted' THEN 1 WHEN 'survey_booked' THEN 2 WHEN 'quoted' THEN 3 ELSE 9 END`;

/**
 * The one place the detectors differ by backend: properties.equipment is a JSON array stored as text, expanded into
 * one row `e` per item (`rows`, joined after `properties p`), and the item's installedYear as an integer (`year`).
 */
const EQUIPMENT: Record<Dialect, { rows: string; year: string }> = {
  sqlite: { rows: "json_each(p.equipment) e", year: "json_extract(e.value, '$.installedYear')" },
  postgres: {
    rows: "jsonb_array_elements(p.equipment::jsonb) AS e(value)",
    year: "(e.value ->> 'installedYear')::integer",
  },
};

interface Detector {
  type: string;
  /** `SELECT record_id, customer_id, ...context columns` for one tenant; `?` placeholders in `params` order (TENANT = the tenant id). */
  sql(dialect: Dialect): string;
  params(p: DetectorParams): unknown[];
  context(row: Record<string, unknown>): Record<string, unknown>;
}

/** The detectors, one per trigger type. Plain SQL both backends accept; only re_engagement reads EQUIPMENT. */
export const DETECTORS: readonly Detector[] = [
  {
    type: "lead_stagnant",
    sql: () => `SELECT id AS record_id, customer_id, stage, title, last_activity_at FROM opportunities
          WHERE tenant_id = ? AND stage IN ('new','contacted','survey_booked','quoted') AND last_activity_at < ?`,
    params: (p) => [TENANT, p.leadStagnantBefore],
    context: (r) => ({ stage: r.stage, title: r.title, lastActivityAt: r.last_activity_at }),
  },
  {
    type: "deal_regression",
    // The latest qualifying change per opportunity (a window, not SQLite's bare columns beside max()). The ratio is
    // cast so PostgreSQL does not read the parameter as the integer column's type.
    sql: () => `SELECT record_id, customer_id, title, from_stage, to_stage, from_value_cents, to_value_cents, changed_at
          FROM (
            SELECT c.opportunity_id AS record_id, o.customer_id, o.title, c.from_stage, c.to_stage,
                   c.from_value_cents, c.to_value_cents, c.changed_at,
                   row_number() OVER (PARTITION BY c.opportunity_id ORDER BY c.changed_at DESC, c.id DESC) AS rn
            FROM opportunity_changes c JOIN opportunities o ON o.tenant_id = c.tenant_id AND o.id = c.opportunity_id
            WHERE c.tenant_id = ? AND c.changed_at >= ? AND o.stage IN ('new','contacted','survey_booked','quoted')
              AND (${STAGE_RANK_SQL("c.to_stage")} < ${STAGE_RANK_SQL("c.from_stage")}
                   OR c.to_value_cents < c.from_value_cents * CAST(? AS DOUBLE PRECISION))
          ) AS latest
          WHERE rn = 1`,
    params: (p) => [TENANT, p.regressionSince, p.valueKeepRatio],
    context: (r) => ({
      title: r.title,
      fromStage: r.from_stage,
      toStage: r.to_stage,
      fromValueCents: r.from_value_cents,
      toValueCents: r.to_value_cents,
      changedAt: r.changed_at,
    }),
  },
  {
    type: "account_risk",
    sql: () => `SELECT c.id AS record_id, c.id AS customer_id, c.name,
            (SELECT count(*) FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id
               AND i.outcome = 'complaint' AND i.occurred_at >= ?) AS complaints,
            (SELECT count(*) FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id
               AND i.channel = 'call' AND i.direction = 'inbound' AND i.occurred_at >= ?) AS inbound_calls,
            (SELECT count(*) FROM agreements a WHERE a.tenant_id = c.tenant_id AND a.customer_id = c.id
               AND a.status = 'cancelled' AND a.cancelled_at >= ?) AS cancelled_agreements
          FROM customers c
          WHERE c.tenant_id = ? AND c.id IN (
            SELECT customer_id FROM interactions WHERE tenant_id = ? AND outcome = 'complaint' AND occurred_at >= ?
            UNION
            SELECT customer_id FROM interactions WHERE tenant_id = ? AND channel = 'call' AND direction = 'inbound'
              AND occurred_at >= ? GROUP BY customer_id HAVING count(*) >= ?
            UNION
            SELECT customer_id FROM agreements WHERE tenant_id = ? AND status = 'cancelled' AND cancelled_at >= ?)`,
    params: (p) => [
      p.complaintSince,
      p.callbackSince,
      p.cancelledSince,
      TENANT,
      TENANT,
      p.complaintSince,
      TENANT,
      p.callbackSince,
      p.repeatedCallbacks,
      TENANT,
      p.cancelledSince,
    ],
    context: (r) => ({
      name: r.name,
      complaints: r.complaints,
      inboundCalls: r.inbound_calls,
      cancelledAgreements: r.cancelled_agreements,
    }),
  },
  {
    type: "re_engagement",
    sql: (dialect) => {
      const e = EQUIPMENT[dialect];
      return `SELECT c.id AS record_id, c.id AS customer_id, c.name,
            (SELECT min(${e.year}) FROM properties p, ${e.rows}
               WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS oldest_installed,
            (SELECT max(j.scheduled_at) FROM jobs j WHERE j.tenant_id = c.tenant_id AND j.customer_id = c.id) AS last_visit
          FROM customers c
          WHERE c.tenant_id = ? AND c.status = 'past'
            AND EXISTS (SELECT 1 FROM properties p, ${e.rows}
                        WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id
                          AND ${e.year} <= ?)
            AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_id = c.tenant_id AND j.customer_id = c.id
                            AND j.scheduled_at >= ?)`;
    },
    params: (p) => [TENANT, p.agingInstalledByYear, p.noVisitSince],
    context: (r) => ({
      name: r.name,
      oldestInstalledYear: r.oldest_installed,
      lastVisitAt: r.last_visit ?? null,
    }),
  },
  {
    type: "quote_chase_due",
    sql: () => `SELECT id AS record_id, customer_id, title, amount_cents, sent_at FROM quotes
          WHERE tenant_id = ? AND status = 'sent' AND decided_at IS NULL AND sent_at < ?`,
    params: (p) => [TENANT, p.quoteSentBefore],
    context: (r) => ({ title: r.title, amountCents: r.amount_cents, sentAt: r.sent_at }),
  },
  {
    type: "agreement_renewal_due",
    sql: () => `SELECT id AS record_id, customer_id, plan, renews_at FROM agreements
          WHERE tenant_id = ? AND status = 'active' AND renews_at <= ?`,
    params: (p) => [TENANT, p.renewalBy],
    context: (r) => ({ plan: r.plan, renewsAt: r.renews_at }),
  },
];

function bind(tenantId: string, params: unknown[]): unknown[] {
  return params.map((p) => (p === TENANT ? tenantId : p));
}

/** Every record whose condition holds now, for one detector. */
export async function detect(db: Db, tenantId: string, detector: Detector, p: DetectorParams): Promise<Detection[]> {
  const rows = await rawAll<Record<string, unknown>>(
    db,
    detector.sql(dialectOf(db)),
    ...bind(tenantId, detector.params(p)),
  );
  return rows.map((r) => ({
    type: detector.type,
    recordId: String(r.record_id),
    customerId: r.customer_id === null || r.customer_id === undefined ? null : String(r.customer_id),
    context: detector.context(r),
  }));
}

/** The same conditions as one count per detector: the benchmark's baseline ("one indexed SQL count"). */
export async function countConditions(db: Db, tenantId: string, p: DetectorParams): Promise<number> {
  const dialect = dialectOf(db);
  let total = 0;
  for (const detector of DETECTORS) {
    const row = await rawGet<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM (${detector.sql(dialect)}) AS d`,
      ...bind(tenantId, detector.params(p)),
    );
    total += Number(row?.n ?? 0);
  }
  return total;
}

export type TriggerRow = typeof opsTriggers.$inferSelect;

export async function openTriggers(
  db: Db,
  tenantId: string,
): Promise<{ id: string; type: string; recordId: string }[]> {
  return rawAll<{ id: string; type: string; recordId: string }>(
    db,
    `SELECT id, type, record_id AS "recordId" FROM ops_triggers WHERE tenant_id = ? AND status = 'open'`,
    tenantId,
  );
}

/** Opens a trigger; null when another scan opened the same one first (the partial unique index decides). */
export async function insertTrigger(
  db: Db,
  tenantId: string,
  d: Detection,
  nowIso: string,
): Promise<TriggerRow | null> {
  const row: TriggerRow = {
    id: newId("trg"),
    tenantId,
    type: d.type,
    recordId: d.recordId,
    customerId: d.customerId,
    context: d.context,
    status: "open",
    createdAt: nowIso,
    closedAt: null,
    suggestionId: null,
  };
  const result = await db.insert(opsTriggers).values(row).onConflictDoNothing();
  return affected(result) === 1 ? row : null;
}

export async function closeTrigger(db: Db, tenantId: string, id: string, nowIso: string): Promise<void> {
  await db
    .update(opsTriggers)
    .set({ status: "closed", closedAt: nowIso })
    .where(and(eq(opsTriggers.tenantId, tenantId), eq(opsTriggers.id, id), eq(opsTriggers.status, "open")));
}

export async function setTriggerSuggestion(db: Db, tenantId: string, id: string, proposalId: string): Promise<void> {
  await db
    .update(opsTriggers)
    .set({ suggestionId: proposalId })
    .where(and(eq(opsTriggers.tenantId, tenantId), eq(opsTriggers.id, id)));
}

/** Open triggers that have no suggestion yet (a crash between emitting and suggesting; the next scan finishes). */
export async function triggersWithoutSuggestion(db: Db, tenantId: string): Promise<TriggerRow[]> {
  const open = await db
    .select()
    .from(opsTriggers)
    .where(and(eq(opsTriggers.tenantId, tenantId), eq(opsTriggers.status, "open")));
  return open.filter((t) => t.suggestionId === null);
}

export async function getTrigger(db: Db, tenantId: string, id: string): Promise<TriggerRow | null> {
  const [row] = await db
    .select()
    .from(opsTriggers)
    .where(and(eq(opsTriggers.tenantId, tenantId), eq(opsTriggers.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listTriggers(
  db: Db,
  tenantId: string,
  status: "open" | "closed" | "all",
  limit: number,
): Promise<TriggerRow[]> {
  const where =
    status === "all"
      ? eq(opsTriggers.tenantId, tenantId)
      : and(eq(opsTriggers.tenantId, tenantId), eq(opsTriggers.status, status));
  return db.select().from(opsTriggers).where(where).limit(limit);
}

export async function startScan(db: Db, tenantId: string, nowIso: string): Promise<string> {
  const id = newId("scn");
  await db.insert(opsScans).values({ id, tenantId, startedAt: nowIso });
  return id;
}

export async function finishScan(
  db: Db,
  tenantId: string,
  id: string,
  figures: { finishedAt: string; emitted: number; closed: number; suggestions: number; durationMs: number },
): Promise<void> {
  await db
    .update(opsScans)
    .set(figures)
    .where(and(eq(opsScans.tenantId, tenantId), eq(opsScans.id, id)));
}

export type AgreementRow = typeof agreements.$inferSelect;
export type OpportunityChangeRow = typeof opportunityChanges.$inferSelect;

export async function insertOpportunityChange(
  db: Db,
  row: Omit<OpportunityChangeRow, "id">,
): Promise<OpportunityChangeRow> {
  const full = { id: newId("opc"), ...row };
  await db.insert(opportunityChanges).values(full);
  return full;
}
