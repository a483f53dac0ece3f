// Telemetry figures for one tenant, counted from the tables that already record every step (Phase 3 §2.6): triggers,
// scans, proposals, decisions, refusals, governance. Read-only; every query is tenant-scoped and starts on an index.
import type { Db } from "../db.ts";
import { prepared } from "../prepared.ts";

/**
 * Decisions made by a person: `decided_at` set and not decided by a listed auto rule (`policy:<rule>`), which
 * approves on its own and would otherwise count as an instant human approval.
 */
const HUMAN_DECIDED = "decided_at IS NOT NULL AND decided_by NOT LIKE 'policy:%'";

/** Nearest-rank percentiles (p50, p90) of minutes from proposal to decision; the second parameter 1 keeps only suggestions. */
const DECISION_MINUTES = `
  WITH d AS (
    SELECT (julianday(decided_at) - julianday(created_at)) * 1440.0 AS minutes FROM proposals
    WHERE tenant_id = ? AND ${HUMAN_DECIDED} AND (? = 0 OR trigger_id IS NOT NULL)
  ), r AS (SELECT minutes, row_number() OVER (ORDER BY minutes) AS rn, count(*) OVER () AS n FROM d)
  SELECT count(*) AS decided,
         max(CASE WHEN rn = (50 * n + 99) / 100 THEN minutes END) AS p50,
         max(CASE WHEN rn = (90 * n + 99) / 100 THEN minutes END) AS p90
  FROM r`;

/** The queries, by name, so a test can check each one's plan (an index, never a scan of another tenant's rows). */
export const TELEMETRY_QUERIES = {
  triggersByType: `SELECT type, count(*) AS total, sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open
    FROM ops_triggers WHERE tenant_id = ? GROUP BY type ORDER BY type`,
  scanCounts: `SELECT count(*) AS count, sum(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished
    FROM ops_scans WHERE tenant_id = ?`,
  lastScan: `SELECT started_at AS startedAt, duration_ms AS durationMs FROM ops_scans
    WHERE tenant_id = ? AND finished_at IS NOT NULL ORDER BY started_at DESC LIMIT 1`,
  scanP50: `WITH r AS (
      SELECT duration_ms AS ms, row_number() OVER (ORDER BY duration_ms) AS rn, count(*) OVER () AS n
      FROM ops_scans WHERE tenant_id = ? AND finished_at IS NOT NULL AND duration_ms IS NOT NULL)
    SELECT max(CASE WHEN rn = (50 * n + 99) / 100 THEN ms END) AS p50 FROM r`,
  proposalsByStatus: `SELECT status, CASE WHEN trigger_id IS NULL THEN 0 ELSE 1 END AS suggestion,
      sum(CASE WHEN decided_by LIKE 'policy:%' THEN 1 ELSE 0 END) AS autoDecided, count(*) AS n
    FROM proposals WHERE tenant_id = ? GROUP BY status, suggestion`,
  decisionMinutes: DECISION_MINUTES,
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

/** Every figure the telemetry tool shows, for one tenant. */
export function telemetryRows(db: Db, tenantId: string): TelemetryRows {
  const all = <T>(sql: string, ...params: unknown[]) => prepared(db, sql).all(tenantId, ...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => prepared(db, sql).get(tenantId, ...params) as T | undefined;
  const q = TELEMETRY_QUERIES;
  const counts = one<{ count: number; finished: number | null }>(q.scanCounts);
  const last = one<{ startedAt: string; durationMs: number | null }>(q.lastScan);
  return {
    triggersByType: all(q.triggersByType),
    scans: {
      count: counts?.count ?? 0,
      finished: counts?.finished ?? 0,
      lastStartedAt: last?.startedAt ?? null,
      lastDurationMs: last?.durationMs ?? null,
      p50DurationMs: one<{ p50: number | null }>(q.scanP50)?.p50 ?? null,
    },
    proposalsByStatus: all(q.proposalsByStatus),
    decisionMinutes: {
      suggestions: one<DecisionMinutes>(q.decisionMinutes, 1) ?? { decided: 0, p50: null, p90: null },
      all: one<DecisionMinutes>(q.decisionMinutes, 0) ?? { decided: 0, p50: null, p90: null },
    },
    refusalsByClass: all(q.refusalsByClass),
    contractsByStatus: all(q.contractsByStatus),
    openIncidents: all(q.openIncidents),
  };
}
