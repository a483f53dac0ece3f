// ops.telemetry: how the office's autonomy is doing (Phase 3 §2.6) — triggers, scans, suggestions, approval
// patterns, apply results, refusals, governance — counted from the store, plus this process's model counters (read).
import { z } from "zod";
import { type DecisionMinutes, type StatusCount, telemetryRows } from "../../store/repos/telemetry.ts";
import { defineTool } from "../kernel/index.ts";
import { opsCounters } from "./counters.ts";
import { TRIGGER_LABELS, TRIGGER_TYPES, type TriggerType } from "./thresholds.ts";

const Counts = z.record(z.string(), z.number());

const DecisionFiguresSchema = z.object({
  total: z.number(),
  byStatus: Counts,
  /** Decided by a person: approved (then applied, failed or still applying) or rejected. */
  approved: z.number(),
  rejected: z.number(),
  /** Share of a person's decisions that were approvals / rejections (0–1); null before the first decision. */
  approvalRate: z.number().nullable(),
  rejectionRate: z.number().nullable(),
  /** Approved by a listed auto rule, not a person (left out of the rates and times). */
  autoApproved: z.number(),
  timeToDecisionMinutes: z.object({ decided: z.number(), p50: z.number().nullable(), p90: z.number().nullable() }),
  applied: z.number(),
  failed: z.number(),
});

export const TelemetrySchema = z.object({
  tenantId: z.string(),
  generatedAt: z.string(),
  triggers: z.object({
    total: z.number(),
    open: z.number(),
    byType: z.array(z.object({ type: z.string(), label: z.string(), total: z.number(), open: z.number() })),
  }),
  scans: z.object({
    count: z.number(),
    finished: z.number(),
    lastStartedAt: z.string().nullable(),
    lastDurationMs: z.number().nullable(),
    p50DurationMs: z.number().nullable(),
  }),
  /** Proposals a trigger raised. */
  suggestions: DecisionFiguresSchema,
  /** Every proposal of the business, suggestions included. */
  proposals: DecisionFiguresSchema,
  refusals: z.object({ total: z.number(), byClass: z.array(z.object({ class: z.string(), count: z.number() })) }),
  governance: z.object({
    contractsByStatus: Counts,
    openIncidents: z.number(),
    openIncidentsByKind: Counts,
  }),
  /** Counted in memory by this server process since it started, for this business. */
  process: z.object({
    modelCalls: z.number(),
    modelFallbacks: z.number(),
    suggestionsBySource: Counts,
  }),
});
export type Telemetry = z.infer<typeof TelemetrySchema>;

const APPROVED_STATUSES = new Set(["approved", "applied", "failed"]);

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

function minutes(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** Status counts → the approval figures. `rows` are already filtered to the proposals in question. */
function decisionFigures(rows: StatusCount[], times: DecisionMinutes): z.infer<typeof DecisionFiguresSchema> {
  const byStatus: Record<string, number> = {};
  let approved = 0;
  let rejected = 0;
  let autoApproved = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    if (APPROVED_STATUSES.has(r.status)) {
      approved += r.n - r.autoDecided;
      autoApproved += r.autoDecided;
    }
    if (r.status === "rejected") rejected += r.n - r.autoDecided;
  }
  const decided = approved + rejected;
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    approved,
    rejected,
    approvalRate: rate(approved, decided),
    rejectionRate: rate(rejected, decided),
    autoApproved,
    timeToDecisionMinutes: { decided: times.decided, p50: minutes(times.p50), p90: minutes(times.p90) },
    applied: byStatus.applied ?? 0,
    failed: byStatus.failed ?? 0,
  };
}

export const telemetryTool = defineTool({
  name: "ops.telemetry",
  title: "How the office's autonomy is doing",
  description:
    "Figures for this business: triggers raised by type (total and open), trigger scans (count, last and median " +
    "duration), suggestions and all proposals by status, approval and rejection rates, time from proposal to a " +
    "person's decision (median and 90th percentile, minutes), applied and failed changes, refusals by failure class, " +
    "governed changes by status and open incidents; plus model calls and offline fallbacks counted by this server " +
    "since it started. Read-only; it changes nothing.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "ai_client"],
  input: z.object({}).strict(),
  output: TelemetrySchema,
  example: {},
  async run(_input, ctx) {
    const rows = await telemetryRows(ctx.db, ctx.tenantId);
    const known = new Map(rows.triggersByType.map((t) => [t.type, t]));
    // Every trigger type appears, in pipeline order, so a chart has a bar (maybe 0) for each.
    const types = [
      ...TRIGGER_TYPES,
      ...[...known.keys()].filter((t) => !(TRIGGER_TYPES as readonly string[]).includes(t)),
    ];
    const byType = types.map((type) => ({
      type,
      label: TRIGGER_LABELS[type as TriggerType] ?? type,
      total: known.get(type)?.total ?? 0,
      open: known.get(type)?.open ?? 0,
    }));
    const counters = opsCounters.snapshot(ctx.tenantId);
    const refusals = rows.refusalsByClass.map((r) => ({ class: r.class, count: r.n }));
    const incidentsByKind = Object.fromEntries(rows.openIncidents.map((i) => [i.kind, i.n]));
    return {
      tenantId: ctx.tenantId,
      generatedAt: ctx.now.toISOString(),
      triggers: {
        total: byType.reduce((a, t) => a + t.total, 0),
        open: byType.reduce((a, t) => a + t.open, 0),
        byType,
      },
      scans: rows.scans,
      suggestions: decisionFigures(
        rows.proposalsByStatus.filter((r) => r.suggestion === 1),
        rows.decisionMinutes.suggestions,
      ),
      proposals: decisionFigures(rows.proposalsByStatus, rows.decisionMinutes.all),
      refusals: { total: refusals.reduce((a, r) => a + r.count, 0), byClass: refusals },
      governance: {
        contractsByStatus: Object.fromEntries(rows.contractsByStatus.map((c) => [c.status, c.n])),
        openIncidents: rows.openIncidents.reduce((a, i) => a + i.n, 0),
        openIncidentsByKind: incidentsByKind,
      },
      process: {
        modelCalls: counters.modelCalls,
        modelFallbacks: counters.modelFallbacks,
        suggestionsBySource: counters.suggestionsBySource,
      },
    };
  },
});
