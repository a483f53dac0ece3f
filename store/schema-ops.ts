// Drizzle tables for autonomy and governance: maintenance agreements and deal stage changes (what triggers watch),
// the triggers themselves and their scans, and the governed change workflow (issues, contracts, jobs, history).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Maintenance agreements a customer holds (renewal due, cancelled agreement → account risk). */
export const agreements = sqliteTable(
  "agreements",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    plan: text("plan").notNull(),
    /** active | cancelled | expired */
    status: text("status").notNull(),
    startedAt: text("started_at").notNull(),
    renewsAt: text("renews_at").notNull(),
    cancelledAt: text("cancelled_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("agreements_tenant_status_renews").on(t.tenantId, t.status, t.renewsAt),
    index("agreements_tenant_customer").on(t.tenantId, t.customerId),
  ],
);

/** Every stage or value change of an opportunity, written by the tool that changed it (deal regression reads it). */
export const opportunityChanges = sqliteTable(
  "opportunity_changes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    opportunityId: text("opportunity_id").notNull(),
    fromStage: text("from_stage").notNull(),
    toStage: text("to_stage").notNull(),
    fromValueCents: integer("from_value_cents").notNull(),
    toValueCents: integer("to_value_cents").notNull(),
    changedAt: text("changed_at").notNull(),
    changedBy: text("changed_by").notNull(),
  },
  (t) => [index("opportunity_changes_tenant_time").on(t.tenantId, t.changedAt)],
);

/**
 * Structured triggers (Phase 3 §2.1). One open trigger per (tenant, type, record): a condition that persists keeps
 * its trigger; one that clears closes it. `suggestion_id` is the proposal the suggestion engine made for it.
 */
export const opsTriggers = sqliteTable(
  "ops_triggers",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    type: text("type").notNull(),
    recordId: text("record_id").notNull(),
    customerId: text("customer_id"),
    context: text("context", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** open | closed */
    status: text("status").notNull(),
    createdAt: text("created_at").notNull(),
    closedAt: text("closed_at"),
    suggestionId: text("suggestion_id"),
  },
  (t) => [
    uniqueIndex("ops_triggers_open_record").on(t.tenantId, t.type, t.recordId).where(sql`status = 'open'`),
    index("ops_triggers_tenant_status").on(t.tenantId, t.status, t.type),
  ],
);

/** One row per trigger scan of a tenant: a lease while running, telemetry once finished. */
export const opsScans = sqliteTable(
  "ops_scans",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    emitted: integer("emitted").notNull().default(0),
    closed: integer("closed").notNull().default(0),
    suggestions: integer("suggestions").notNull().default(0),
    durationMs: real("duration_ms"),
  },
  (t) => [index("ops_scans_tenant_started").on(t.tenantId, t.startedAt)],
);

/** Charter step 1: an issue as received, raw payload kept; then the validator's and eligibility's verdicts. */
export const govIssues = sqliteTable(
  "gov_issues",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    source: text("source").notNull(),
    rawPayload: text("raw_payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    receivedBy: text("received_by").notNull(),
    receivedAt: text("received_at").notNull(),
    status: text("status").notNull(),
    validation: text("validation", { mode: "json" }).$type<Record<string, unknown>>(),
    eligibility: text("eligibility", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Charter steps 4–10: a contract version and where it stands. A scope change makes a new row (version n+1). */
export const govContracts = sqliteTable(
  "gov_contracts",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    issueId: text("issue_id").notNull(),
    version: integer("version").notNull(),
    supersedes: text("supersedes"),
    status: text("status").notNull(),
    proposedChanges: text("proposed_changes", { mode: "json" }).$type<unknown[]>().notNull(),
    affectedCapabilities: text("affected_capabilities", { mode: "json" }).$type<string[]>().notNull(),
    riskLevel: text("risk_level").notNull(),
    requestedBy: text("requested_by").notNull(),
    reviewProposalId: text("review_proposal_id"),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    approvedBy: text("approved_by"),
    approvedAt: text("approved_at"),
    activation: text("activation", { mode: "json" }).$type<Record<string, unknown>>(),
    health: text("health", { mode: "json" }).$type<Record<string, unknown>>(),
    auditVerdict: text("audit_verdict", { mode: "json" }).$type<Record<string, unknown>>(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("gov_contracts_tenant_status").on(t.tenantId, t.status),
    index("gov_contracts_issue").on(t.tenantId, t.issueId),
  ],
);

/** Charter step 7: a governance job (or the rollback job of a failed one) and each step's recorded outcome. */
export const govJobs = sqliteTable(
  "gov_jobs",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    contractId: text("contract_id").notNull(),
    /** execute | rollback */
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    steps: text("steps", { mode: "json" }).$type<unknown[]>().notNull(),
    /** How many steps have been carried out; each step and this counter move in one transaction. */
    done: integer("done").notNull().default(0),
    outcomes: text("outcomes", { mode: "json" }).$type<unknown[]>().notNull(),
    createdAt: text("created_at").notNull(),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("gov_jobs_contract_kind").on(t.tenantId, t.contractId, t.kind),
    index("gov_jobs_tenant_status").on(t.tenantId, t.status),
  ],
);

/** The ordered history of a contract (and its issue): every step and transition, as code recorded it. */
export const govEvents = sqliteTable(
  "gov_events",
  {
    tenantId: text("tenant_id").notNull(),
    seq: integer("seq").notNull(),
    issueId: text("issue_id").notNull(),
    contractId: text("contract_id"),
    step: text("step").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actorId: text("actor_id").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    at: text("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), index("gov_events_issue").on(t.tenantId, t.issueId, t.seq)],
);

/** Incidents opened by a rollback or an escalation; the founder is notified of each. */
export const govIncidents = sqliteTable(
  "gov_incidents",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    contractId: text("contract_id"),
    kind: text("kind").notNull(),
    summary: text("summary").notNull(),
    status: text("status").notNull(),
    openedAt: text("opened_at").notNull(),
    closedAt: text("closed_at"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("gov_incidents_tenant_status").on(t.tenantId, t.status)],
);
