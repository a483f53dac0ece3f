// Aggregate reads behind the office read models (dashboard, queues, weekly summary). Indexed, tenant-scoped.
import { and, asc, count, countDistinct, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { IntakeItem, OutboundDraft } from "../../contracts/index.ts";
import type { Db } from "../db.ts";
import { rawGet } from "../raw.ts";
import {
  auditLog,
  customers,
  intakeItems,
  interactions,
  jobs,
  opportunities,
  outboundDrafts,
  properties,
  proposals,
  quotes,
  tasks,
} from "../schema.ts";
import { toTask } from "./customers.ts";

export interface CountValue {
  count: number;
  valueCents: number;
}

function countValue(row: { n: number | null; v: number | null } | undefined): CountValue {
  return { count: row?.n ?? 0, valueCents: row?.v ?? 0 };
}

export async function countNewLeads(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, tenantId), gte(opportunities.createdAt, sinceIso)));
  return row?.n ?? 0;
}

export async function openQuotes(db: Db, tenantId: string): Promise<CountValue> {
  const [row] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${quotes.amountCents}), 0)`.mapWith(Number) })
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.status, "sent")));
  return countValue(row);
}

export async function staleQuotes(db: Db, tenantId: string, sentBeforeIso: string): Promise<CountValue> {
  const [row] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${quotes.amountCents}), 0)`.mapWith(Number) })
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.status, "sent"), lt(quotes.sentAt, sentBeforeIso)));
  return countValue(row);
}

export async function acceptedQuotes(db: Db, tenantId: string, sinceIso: string): Promise<CountValue> {
  const [row] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${quotes.amountCents}), 0)`.mapWith(Number) })
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.status, "accepted"), gte(quotes.decidedAt, sinceIso)));
  return countValue(row);
}

export async function countJobsBetween(db: Db, tenantId: string, fromIso: string, toIso: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), gte(jobs.scheduledAt, fromIso), lt(jobs.scheduledAt, toIso)));
  return row?.n ?? 0;
}

export async function countOverdueTasks(db: Db, tenantId: string, nowIso: string, kinds?: string[]): Promise<number> {
  const where = [eq(tasks.tenantId, tenantId), eq(tasks.status, "open"), lt(tasks.dueAt, nowIso)];
  if (kinds) where.push(inArray(tasks.kind, kinds));
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(...where));
  return row?.n ?? 0;
}

export async function tasksDueBetween(db: Db, tenantId: string, fromIso: string, toIso: string, limit: number) {
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(eq(tasks.tenantId, tenantId), eq(tasks.status, "open"), gte(tasks.dueAt, fromIso), lt(tasks.dueAt, toIso)),
    )
    .orderBy(asc(tasks.dueAt))
    .limit(limit);
  return rows.map(toTask);
}

export async function countCompletedTasks(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.status, "done"), gte(tasks.completedAt, sinceIso)));
  return row?.n ?? 0;
}

/** Follow-up queue rows of one kind (open or snoozed), with the customer's name and the quote value when chasing. */
export async function followUpRows(db: Db, tenantId: string, kind: string, limit: number) {
  return await db
    .select({ task: tasks, customerName: customers.name })
    .from(tasks)
    .leftJoin(customers, and(eq(customers.id, tasks.customerId), eq(customers.tenantId, tasks.tenantId)))
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.kind, kind), inArray(tasks.status, ["open", "snoozed"])))
    // Undated follow-ups first, as SQLite orders NULLs in ascending order (PostgreSQL would put them last).
    .orderBy(sql`${tasks.dueAt} asc nulls first`)
    .limit(limit);
}

/** Open quote value per customer, for ranking the quote chase. */
export async function sentQuoteValueByCustomer(db: Db, tenantId: string, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ customerId: quotes.customerId, v: sql<number>`sum(${quotes.amountCents})`.mapWith(Number) })
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.status, "sent"), inArray(quotes.customerId, customerIds)))
    .groupBy(quotes.customerId);
  return new Map(rows.map((r) => [r.customerId, r.v]));
}

/** New leads nobody has touched since `beforeIso`. */
export async function unansweredLeads(db: Db, tenantId: string, beforeIso: string): Promise<CountValue> {
  const [row] = await db
    .select({ n: count(), v: sql<number>`coalesce(sum(${opportunities.valueCents}), 0)`.mapWith(Number) })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        eq(opportunities.stage, "new"),
        lt(opportunities.lastActivityAt, beforeIso),
      ),
    );
  return countValue(row);
}

/** Inbound missed calls since `sinceIso` with no outbound contact to that customer afterwards. */
export async function unreturnedCalls(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(interactions)
    .where(
      and(
        eq(interactions.tenantId, tenantId),
        gte(interactions.occurredAt, sinceIso),
        eq(interactions.channel, "call"),
        eq(interactions.direction, "inbound"),
        eq(interactions.outcome, "missed"),
        sql`not exists (select 1 from ${interactions} as later where later.tenant_id = ${interactions.tenantId}
          and later.customer_id = ${interactions.customerId} and later.direction = 'outbound'
          and later.occurred_at > ${interactions.occurredAt})`,
      ),
    );
  return row?.n ?? 0;
}

export async function countOutboundContacts(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(interactions.customerId) })
    .from(interactions)
    .where(
      and(
        eq(interactions.tenantId, tenantId),
        eq(interactions.direction, "outbound"),
        gte(interactions.occurredAt, sinceIso),
      ),
    );
  return row?.n ?? 0;
}

export async function countPending(db: Db, tenantId: string): Promise<number> {
  const row = await rawGet<{ n: number }>(
    db,
    "SELECT count(*) AS n FROM proposals WHERE tenant_id = ? AND status = 'pending'",
    tenantId,
  );
  return row?.n ?? 0;
}

export async function countAppliedSince(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.status, "applied"), gte(proposals.appliedAt, sinceIso)));
  return row?.n ?? 0;
}

export async function countAuditOutcomes(db: Db, tenantId: string, sinceIso: string, outcome: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), gte(auditLog.at, sinceIso), eq(auditLog.outcome, outcome)));
  return row?.n ?? 0;
}

type IntakeRow = typeof intakeItems.$inferSelect;
export function toIntake(r: IntakeRow): IntakeItem {
  const x = r.extracted;
  return {
    id: r.id,
    source: r.source as IntakeItem["source"],
    rawText: r.rawText,
    receivedAt: r.receivedAt,
    routeConfidence: r.routeConfidence,
    status: r.status as IntakeItem["status"],
    extracted: {
      name: x.name ?? null,
      phone: x.phone ?? null,
      email: x.email ?? null,
      address: x.address ?? null,
      intent: x.intent ?? null,
    },
    missingFields: r.missingFields as IntakeItem["missingFields"],
    conflicts: r.conflicts,
    suggestedAction: r.suggestedAction,
  };
}

export async function intakeInReview(
  db: Db,
  tenantId: string,
  limit: number,
): Promise<{ items: IntakeItem[]; total: number }> {
  const where = and(eq(intakeItems.tenantId, tenantId), eq(intakeItems.status, "in_review"));
  const rows = await db.select().from(intakeItems).where(where).orderBy(desc(intakeItems.receivedAt)).limit(limit);
  const [total] = await db.select({ n: count() }).from(intakeItems).where(where);
  return { items: rows.map(toIntake), total: total?.n ?? 0 };
}

export async function outboundQueue(db: Db, tenantId: string, limit: number) {
  const rows = await db
    .select({ draft: outboundDrafts, customerName: customers.name })
    .from(outboundDrafts)
    .innerJoin(
      customers,
      and(eq(customers.id, outboundDrafts.customerId), eq(customers.tenantId, outboundDrafts.tenantId)),
    )
    .where(
      and(
        eq(outboundDrafts.tenantId, tenantId),
        inArray(outboundDrafts.status, ["quarantined", "awaiting_approval", "ready_for_manual_send"]),
      ),
    )
    .orderBy(desc(outboundDrafts.createdAt))
    .limit(limit);
  return rows.map(({ draft, customerName }) => ({
    id: draft.id,
    customerId: draft.customerId,
    channel: draft.channel as OutboundDraft["channel"],
    body: draft.body,
    riskFlags: draft.riskFlags as OutboundDraft["riskFlags"],
    status: draft.status as OutboundDraft["status"],
    createdAt: draft.createdAt,
    customerName,
  }));
}

export async function countQuarantinedSince(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outboundDrafts)
    .where(
      and(
        eq(outboundDrafts.tenantId, tenantId),
        eq(outboundDrafts.status, "quarantined"),
        gte(outboundDrafts.createdAt, sinceIso),
      ),
    );
  return row?.n ?? 0;
}

export async function countIntakeInReview(db: Db, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(intakeItems)
    .where(and(eq(intakeItems.tenantId, tenantId), eq(intakeItems.status, "in_review")));
  return row?.n ?? 0;
}

export async function customerSummaries(db: Db, tenantId: string, ids: string[]) {
  if (ids.length === 0) {
    return {
      openOpps: new Map<string, number>(),
      lastInteraction: new Map<string, string>(),
      cities: new Map<string, string>(),
    };
  }
  const opps = await db
    .select({ id: opportunities.customerId, n: count() })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        inArray(opportunities.customerId, ids),
        inArray(opportunities.stage, ["new", "contacted", "survey_booked", "quoted"]),
      ),
    )
    .groupBy(opportunities.customerId);
  const last = await db
    .select({ id: interactions.customerId, at: sql<string>`max(${interactions.occurredAt})` })
    .from(interactions)
    .where(and(eq(interactions.tenantId, tenantId), inArray(interactions.customerId, ids)))
    .groupBy(interactions.customerId);
  const cityRows = await db
    .select({ id: properties.customerId, city: sql<string>`min(${properties.city})` })
    .from(properties)
    .where(and(eq(properties.tenantId, tenantId), inArray(properties.customerId, ids)))
    .groupBy(properties.customerId);
  return {
    cities: new Map(cityRows.map((r) => [r.id, r.city])),
    openOpps: new Map(opps.map((r) => [r.id, r.n])),
    lastInteraction: new Map(last.map((r) => [r.id, r.at])),
  };
}
