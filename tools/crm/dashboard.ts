// crm.dashboard: today's KPIs, due work and the missed-opportunity rollup (GET /api/dashboard.json).
// Cached per tenant against the data version the safe apply engine bumps, so 100k-customer shops stay fast.
import { z } from "zod";
import { type Dashboard, DashboardSchema } from "../../contracts/index.ts";
import {
  countIntakeInReview,
  countJobsBetween,
  countNewLeads,
  countOverdueTasks,
  countPending,
  openQuotes,
  staleQuotes,
  tasksDueBetween,
  unansweredLeads,
  unreturnedCalls,
} from "../../store/repos/office.ts";
import { defineTool, type ToolContext } from "../kernel/index.ts";
import { dayWindow, daysBefore, timeZoneOf } from "./day-window.ts";

const STALE_QUOTE_DAYS = 14;
const UNANSWERED_LEAD_DAYS = 2;
/** Time-based figures (overdue, stale) may lag by at most this long. */
const CACHE_MS = 30_000;

type CachedDashboard = Omit<Dashboard, "kpis"> & { kpis: Omit<Dashboard["kpis"], "pendingApprovals"> };
/** Per store connection, per tenant: the last computed dashboard and the data version it was computed at. */
const caches = new WeakMap<object, Map<string, { key: string; at: number; value: CachedDashboard }>>();

async function computeDashboard(ctx: ToolContext): Promise<CachedDashboard> {
  const { db, tenantId, now } = ctx;
  const day = dayWindow(now, timeZoneOf(ctx.tenant.config));
  const nowIso = now.toISOString();
  const [newLeadsToday, newLeads7d, quotes, jobsToday, overdue, due, unanswered, stale, lapsed, unreturned, intake] =
    await Promise.all([
      countNewLeads(db, tenantId, day.startIso),
      countNewLeads(db, tenantId, daysBefore(now, 7)),
      openQuotes(db, tenantId),
      countJobsBetween(db, tenantId, day.startIso, day.endIso),
      countOverdueTasks(db, tenantId, nowIso),
      tasksDueBetween(db, tenantId, day.startIso, day.endIso, 50),
      unansweredLeads(db, tenantId, daysBefore(now, UNANSWERED_LEAD_DAYS)),
      staleQuotes(db, tenantId, daysBefore(now, STALE_QUOTE_DAYS)),
      countOverdueTasks(db, tenantId, nowIso, ["maintenance_renewal"]),
      unreturnedCalls(db, tenantId, daysBefore(now, 7)),
      countIntakeInReview(db, tenantId),
    ]);
  return {
    date: day.date,
    generatedAt: nowIso,
    kpis: {
      newLeadsToday,
      newLeads7d,
      openQuotes: quotes.count,
      openQuoteValueCents: quotes.valueCents,
      jobsToday,
      overdueFollowUps: overdue,
      intakeInReview: intake,
    },
    dueToday: due.map((t) => ({
      taskId: t.id,
      kind: t.kind,
      title: t.title,
      customerId: t.customerId,
      dueAt: t.dueAt ?? day.startIso,
    })),
    missedOpportunities: {
      unansweredLeads: unanswered,
      staleQuotes: stale,
      lapsedAgreements: { count: lapsed },
      unreturnedCalls: { count: unreturned },
    },
  };
}

export const dashboardTool = defineTool({
  name: "crm.dashboard",
  title: "Today's dashboard",
  description:
    "Today at a glance: new leads, open quotes and their value, jobs today, overdue follow-ups, pending approvals, " +
    "intake waiting for review, what is due today, and the missed-opportunity rollup (unanswered leads, stale " +
    "quotes, lapsed maintenance agreements, unreturned calls) with dollar amounts. Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z.object({}).strict(),
  output: DashboardSchema,
  example: {},
  async run(_input, ctx) {
    const key = `${ctx.tenant.dataVersion}`;
    let cache = caches.get(ctx.db);
    if (!cache) {
      cache = new Map();
      caches.set(ctx.db, cache);
    }
    const hit = cache.get(ctx.tenantId);
    const fresh =
      hit && hit.key === key && ctx.now.getTime() - hit.at < CACHE_MS && hit.at <= ctx.now.getTime()
        ? hit.value
        : undefined;
    const value = fresh ?? (await computeDashboard(ctx));
    if (!fresh) cache.set(ctx.tenantId, { key, at: ctx.now.getTime(), value });
    return { ...value, kpis: { ...value.kpis, pendingApprovals: await countPending(ctx.db, ctx.tenantId) } };
  },
});
