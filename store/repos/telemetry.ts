// Telemetry figures for one tenant, counted from the tables that already record every step (Phase 3 §2.6): triggers,
// scans, proposals, decisions, refusals, governance. Read-only; every query is tenant-scoped and starts on an index.
import type { Db } from "../db.ts";
import { rawAll, rawGet } from "../raw.ts";

/**
 * Decisions made by a person: `decided_at` set and not decided by a listed auto rule (`policy:<rule>`), which
 * approves on its own and would otherwise count as an instant human approval.
 */
const HUMAN_DECIDED = "decided_at IS NOT NULL AND decided_by NOT LIKE 'policy:%'";

/**
 * When each decision by a person was asked for and made; the second parameter 1 keeps only suggestions. The minutes
 * between and their percentiles are worked out in JS (ISO text on both backends; no date functions in common).
 */
const DECISION_TIMES = `SELECT created_at AS "createdAt", decided_at AS "decidedAt" FROM proposals
    WHERE tenant_id = ? AND ${HUMAN_DECIDED} AND (? = 0 OR trigger_id IS NOT NULL)`;

/** The queries, by name, so a test can check each one's plan (an index, never a scan of another tenant's rows). */
export const TELEMETRY_QUERIES = {
  triggersByType: `SELECT type, count(*) AS total, sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open
    FROM ops_triggers WHERE tenant_id = ? GROUP BY type ORDER BY type`,
  scanCounts: `SELECT count(*) AS count, sum(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished
    FROM ops_scans WHERE tenant_id = ?`,
  lastScan: `SELECT started_at AS "startedAt", duration_ms AS "durationMs" FROM ops_scans
    WHERE tenant_id = ? AND finished_at IS NOT NULL ORDER BY started_at DESC LIMIT 1`,
  scanP50: `WITH r AS (
      SELECT duration_ms AS ms, row_number() OVER (ORDER BY duration_ms) AS rn, count(*) OVER () AS n
      FROM ops_scans WHERE tenant_id = ? AND finished_at IS NOT NULL AND duration_ms IS NOT NULL)
    SELECT max(CASE WHEN rn = (50 * n + 99) / 100 THEN ms END) AS p50 FROM r`,
  proposalsByStatus: `SELECT status, CASE WHEN trigger_id IS NULL THEN 0 ELSE 1 END AS suggestion,
      sum(CASE WHEN decided_by LIKE 'policy:%' THEN 1 ELSE 0 END) AS "autoDecided", count(*) AS n
    FROM proposals WHERE tenant_id = ? GROUP BY status, suggestion`,
  decisionTimes: DECISION_TIMES,
  refusalsByClass: `SELECT coalesce(failure_class, 'unclassified') AS class, count(*) AS n FROM audit_log
    WHERE tenant_id = ? AND outcome = 'refused' GROUP BY class ORDER BY n DESC, class`,
  contractsByStatus: "SELECT status, count(*) AS n FROM gov_contracts WHERE tenant_id = ? GROUP BY status",
  openIncidents: `SELECT kind, count(*) AS n FROM gov_incidents WHERE tenant_id = ? AND status = 'open'
    GROUP BY kind ORDER BY kind`,
} as const;

export interface StatusCount {
  status: string;
  /** 1 when the proposal was raised by a trigger (a suggestion). */
  suggestion: number;
  autoDecided: number;
  n: number;
}

export interface DecisionMinutes {
  /** Decisions made by a person. */
  decided: number;
  p50: number | null;
  p90: number | null;
}

export interface TelemetryRows {
  triggersByType: { type: string; total: number; open: number }[];
  scans: {
    count: number;
    finished: number;
    lastStartedAt: string | null;
    lastDurationMs: number | null;
    p50DurationMs: number | null;
  };
  proposalsByStatus: StatusCount[];
  decisionMinutes: { suggestions: DecisionMinutes; all: DecisionMinutes };
  refusalsByClass: { class: string; n: number }[];
  contractsByStatus: { status: string; n: number }[];
  openIncidents: { kind: string; n: number }[];
}

/** Nearest rank: the smallest value with at least `pct`% of the values at or below it. `sorted` is ascending. */
function nearestRank(sorted: readonly number[], pct: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil((pct * sorted.length) / 100) - 1] ?? null;
}

/** Minutes from proposal to a person's decision: how many, the median and the 90th percentile. */
export function decisionMinutes(times: readonly { createdAt: string; decidedAt: string }[]): DecisionMinutes {
  const minutes = times.map((t) => (Date.parse(t.decidedAt) - Date.parse(t.createdAt)) / 60_000).sort((a, b) => a - b);
  return { decided: minutes.length, p50: nearestRank(minutes, 50), p90: nearestRank(minutes, 90) };
}

/** Every figure the telemetry tool shows, for one tenant. */
export async function telemetryRows(db: Db, tenantId: string): Promise<TelemetryRows> {
  const all = <T>(sql: string, ...params: unknown[]) => rawAll<T>(db, sql, tenantId, ...params);
  const one = <T>(sql: string, ...params: unknown[]) => rawGet<T>(db, sql, tenantId, ...params);
  const q = TELEMETRY_QUERIES;
  const counts = await one<{ count: number; finished: number | null }>(q.scanCounts);
  const last = await one<{ startedAt: string; durationMs: number | null }>(q.lastScan);
  const p50 = await one<{ p50: number | null }>(q.scanP50);
  type Times = { createdAt: string; decidedAt: string };
  return {
    triggersByType: await all(q.triggersByType),
    scans: {
      count: counts?.count ?? 0,
      finished: counts?.finished ?? 0,
      lastStartedAt: last?.startedAt ?? null,
      lastDurationMs: last?.durationMs ?? null,
      p50DurationMs: p50?.p50 ?? null,
    },
    proposalsByStatus: await all(q.proposalsByStatus),
    decisionMinutes: {
      suggestions: decisionMinutes(await all<Times>(q.decisionTimes, 1)),
      all: decisionMinutes(await all<Times>(q.decisionTimes, 0)),
    },
    refusalsByClass: await all(q.refusalsByClass),
    contractsByStatus: await all(q.contractsByStatus),
    openIncidents: await all(q.openIncidents),
  };
}
