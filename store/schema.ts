// Drizzle schema: every table carries tenant_id; times are ISO-8601 text, money integer cents, JSON explicit.
// Mirrors contracts/; uses only what drizzle can also express for PostgreSQL.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Equipment, Preview } from "../contracts/index.ts";

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  tradePack: text("trade_pack").notNull(),
  approvalPolicy: text("approval_policy").notNull(),
  dataSource: text("data_source").notNull(),
  status: text("status").notNull().default("active"),
  adapterHealth: text("adapter_health").notNull().default("healthy"),
  rollbackNote: text("rollback_note").notNull(),
  releaseNotesRule: text("release_notes_rule").notNull(),
  incidentRunbook: text("incident_runbook").notNull(),
  dataBoundary: text("data_boundary").notNull(),
  branding: text("branding", { mode: "json" }).$type<{ displayName: string; accentColor: string }>().notNull(),
  tradeTerms: text("trade_terms", { mode: "json" }).$type<string[]>().notNull(),
  config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** Bumped by the safe apply engine on every mutation; read models cache against it. */
  dataVersion: integer("data_version").notNull().default(0),
  createdAt: text("created_at").notNull(),
});

export const actors = sqliteTable(
  "actors",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    slackUserId: text("slack_user_id"),
    profile: text("profile", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const tokens = sqliteTable(
  "tokens",
  {
    hash: text("hash").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    actorId: text("actor_id").notNull(),
    mode: text("mode").notNull(),
    label: text("label"),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("tokens_tenant_actor").on(t.tenantId, t.actorId)],
);

export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    phone: text("phone"),
    phoneKey: text("phone_key"),
    email: text("email"),
    status: text("status").notNull(),
    optedOut: text("opted_out", { mode: "json" }).$type<string[]>().notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("customers_tenant_name").on(t.tenantId, t.nameKey),
    index("customers_tenant_phone").on(t.tenantId, t.phoneKey),
    index("customers_tenant_email").on(t.tenantId, t.email),
    index("customers_tenant_status").on(t.tenantId, t.status),
  ],
);

export const properties = sqliteTable(
  "properties",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    street: text("street").notNull(),
    unit: text("unit"),
    city: text("city").notNull(),
    state: text("state").notNull(),
    zip: text("zip").notNull(),
    sqft: integer("sqft"),
    yearBuilt: integer("year_built"),
    equipment: text("equipment", { mode: "json" }).$type<Equipment[]>().notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("properties_tenant_customer").on(t.tenantId, t.customerId)],
);

export const opportunities = sqliteTable(
  "opportunities",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    title: text("title").notNull(),
    stage: text("stage").notNull(),
    valueCents: integer("value_cents").notNull(),
    source: text("source").notNull(),
    createdAt: text("created_at").notNull(),
    lastActivityAt: text("last_activity_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("opportunities_tenant_customer").on(t.tenantId, t.customerId),
    index("opportunities_tenant_stage_activity").on(t.tenantId, t.stage, t.lastActivityAt),
    index("opportunities_tenant_created").on(t.tenantId, t.createdAt),
  ],
);

export const quotes = sqliteTable(
  "quotes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    opportunityId: text("opportunity_id"),
    title: text("title").notNull(),
    amountCents: integer("amount_cents").notNull(),
    status: text("status").notNull(),
    sentAt: text("sent_at"),
    decidedAt: text("decided_at"),
    createdAt: text("created_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("quotes_tenant_customer").on(t.tenantId, t.customerId),
    index("quotes_tenant_status_sent").on(t.tenantId, t.status, t.sentAt),
  ],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id"),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    dueAt: text("due_at"),
    status: text("status").notNull(),
    ownerId: text("owner_id"),
    outcome: text("outcome"),
    createdAt: text("created_at").notNull(),
    completedAt: text("completed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("tasks_tenant_customer").on(t.tenantId, t.customerId),
    index("tasks_tenant_status_due").on(t.tenantId, t.status, t.dueAt),
    index("tasks_tenant_kind_status").on(t.tenantId, t.kind, t.status),
  ],
);

export const notes = sqliteTable(
  "notes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    body: text("body").notNull(),
    authorId: text("author_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("notes_tenant_customer").on(t.tenantId, t.customerId)],
);

export const interactions = sqliteTable(
  "interactions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    channel: text("channel").notNull(),
    direction: text("direction").notNull(),
    summary: text("summary").notNull(),
    outcome: text("outcome"),
    occurredAt: text("occurred_at").notNull(),
    rawRefs: text("raw_refs", { mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [
    index("interactions_tenant_customer_time").on(t.tenantId, t.customerId, t.occurredAt),
    index("interactions_tenant_time").on(t.tenantId, t.occurredAt),
  ],
);

export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    title: text("title").notNull(),
    scheduledAt: text("scheduled_at").notNull(),
    status: text("status").notNull(),
    techId: text("tech_id"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("jobs_tenant_scheduled").on(t.tenantId, t.scheduledAt),
    index("jobs_tenant_customer").on(t.tenantId, t.customerId),
  ],
);

export const intakeItems = sqliteTable(
  "intake_items",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    source: text("source").notNull(),
    rawText: text("raw_text").notNull(),
    receivedAt: text("received_at").notNull(),
    routeConfidence: real("route_confidence").notNull(),
    status: text("status").notNull(),
    extracted: text("extracted", { mode: "json" }).$type<Record<string, string | null>>().notNull(),
    missingFields: text("missing_fields", { mode: "json" }).$type<string[]>().notNull(),
    conflicts: text("conflicts", { mode: "json" }).$type<{ customerId: string; reason: string }[]>().notNull(),
    suggestedAction: text("suggested_action").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("intake_tenant_status_received").on(t.tenantId, t.status, t.receivedAt)],
);

export const outboundDrafts = sqliteTable(
  "outbound_drafts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id").notNull(),
    channel: text("channel").notNull(),
    body: text("body").notNull(),
    riskFlags: text("risk_flags", { mode: "json" }).$type<{ kind: string; reason: string }[]>().notNull(),
    status: text("status").notNull(),
    createdAt: text("created_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("outbound_tenant_status").on(t.tenantId, t.status, t.createdAt)],
);

export const proposals = sqliteTable(
  "proposals",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    seq: integer("seq").notNull(),
    tool: text("tool").notNull(),
    input: text("input", { mode: "json" }).$type<unknown>().notNull(),
    preview: text("preview", { mode: "json" }).$type<Preview>().notNull(),
    effect: text("effect").notNull(),
    risk: text("risk").notNull(),
    status: text("status").notNull(),
    version: integer("version").notNull(),
    supersedes: text("supersedes"),
    supersededBy: text("superseded_by"),
    requestedBy: text("requested_by").notNull(),
    requestedRole: text("requested_role").notNull(),
    channel: text("channel").notNull(),
    reasoning: text("reasoning"),
    confidence: real("confidence"),
    evidenceRefs: text("evidence_refs", { mode: "json" }).$type<string[]>().notNull(),
    triggerId: text("trigger_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    decidedAt: text("decided_at"),
    decidedBy: text("decided_by"),
    appliedAt: text("applied_at"),
    result: text("result", { mode: "json" }).$type<unknown>(),
    failure: text("failure", { mode: "json" }).$type<{ class: string; reason: string }>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("proposals_tenant_idempotency").on(t.tenantId, t.idempotencyKey),
    index("proposals_tenant_status").on(t.tenantId, t.status, t.createdAt),
  ],
);

export const approvalDecisions = sqliteTable(
  "approval_decisions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    proposalId: text("proposal_id").notNull(),
    reviewerId: text("reviewer_id").notNull(),
    reviewerRole: text("reviewer_role").notNull(),
    channel: text("channel").notNull(),
    decision: text("decision").notNull(),
    notes: text("notes"),
    decidedAt: text("decided_at").notNull(),
  },
  (t) => [index("decisions_tenant_proposal").on(t.tenantId, t.proposalId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    tenantId: text("tenant_id").notNull(),
    seq: integer("seq").notNull(),
    at: text("at").notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    channel: text("channel"),
    tool: text("tool"),
    input: text("input", { mode: "json" }).$type<unknown>(),
    outcome: text("outcome").notNull(),
    failureClass: text("failure_class"),
    proposalId: text("proposal_id"),
    reasoning: text("reasoning"),
    confidence: real("confidence"),
    triggerId: text("trigger_id"),
    reviewer: text("reviewer"),
    mutation: text("mutation", { mode: "json" }).$type<unknown>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), index("audit_tenant_at").on(t.tenantId, t.at)],
);

/** audit_gap: a refused command's raw request, preserved for repair (skeleton seed, failure taxonomy). */
export const quarantine = sqliteTable(
  "quarantine",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    receivedAt: text("received_at").notNull(),
    failureClass: text("failure_class").notNull(),
    reason: text("reason").notNull(),
    tool: text("tool"),
    raw: text("raw", { mode: "json" }).$type<unknown>().notNull(),
  },
  (t) => [index("quarantine_tenant_time").on(t.tenantId, t.receivedAt)],
);
