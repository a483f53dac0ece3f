// Drizzle tables for the field packs: repair (tech profiles, job records), inventory, sales survey and pricing,
// and the public triage page's rate limit. Every table carries tenant_id.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Field Engineer §07 tech profile: admin-set only; a tech cannot edit their own credentials. */
export const techProfiles = sqliteTable(
  "tech_profiles",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    epaType: text("epa_type").notNull(),
    epaCertNumber: text("epa_cert_number"),
    gates: text("gates", { mode: "json" }).$type<string[]>().notNull(),
    credentialNumbers: text("credential_numbers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    conditionalOverride: integer("conditional_override", { mode: "boolean" }).notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Field Engineer §07 job record (a trouble call): trail, stamps, escalation. Immutable once closed. */
export const repairJobs = sqliteTable(
  "repair_jobs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    techId: text("tech_id").notNull(),
    customerId: text("customer_id"),
    scheduledJobId: text("scheduled_job_id"),
    callType: text("call_type"),
    equipment: text("equipment", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    record: text("record", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status").notNull(),
    openedAt: text("opened_at").notNull(),
    closedAt: text("closed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("repair_jobs_tenant_tech").on(t.tenantId, t.techId, t.status)],
);

export const inventoryLocations = sqliteTable(
  "inventory_locations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    techId: text("tech_id"),
  },
  (t) => [index("inventory_locations_tenant").on(t.tenantId)],
);

export const parts = sqliteTable(
  "parts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    sku: text("sku").notNull(),
    description: text("description").notNull(),
    category: text("category").notNull(),
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
  },
  (t) => [uniqueIndex("parts_tenant_sku").on(t.tenantId, t.sku)],
);

export const stock = sqliteTable(
  "stock",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    locationId: text("location_id").notNull(),
    partId: text("part_id").notNull(),
    quantity: integer("quantity").notNull(),
    reserved: integer("reserved").notNull().default(0),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("stock_tenant_location_part").on(t.tenantId, t.locationId, t.partId),
    index("stock_tenant_part").on(t.tenantId, t.partId),
  ],
);

export const stockReservations = sqliteTable(
  "stock_reservations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    stockId: text("stock_id").notNull(),
    jobRef: text("job_ref").notNull(),
    quantity: integer("quantity").notNull(),
    status: text("status").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("reservations_tenant_job").on(t.tenantId, t.jobRef)],
);

/** The sales survey record (Field Engineer §07), stored whole as a versioned document. */
export const surveys = sqliteTable(
  "surveys",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    customerId: text("customer_id"),
    createdBy: text("created_by").notNull(),
    status: text("status").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("surveys_tenant_customer").on(t.tenantId, t.customerId)],
);

/** Price book items (Pricing): vendor cost is stored here and filtered at the source for each role. */
export const priceBookItems = sqliteTable(
  "price_book_items",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    sku: text("sku").notNull(),
    description: text("description").notNull(),
    vendor: text("vendor").notNull(),
    category: text("category").notNull(),
    vendorCostCents: integer("vendor_cost_cents").notNull(),
    unit: text("unit").notNull().default("each"),
    updatedAt: text("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("price_book_tenant_sku").on(t.tenantId, t.sku),
    index("price_book_tenant_category").on(t.tenantId, t.category),
  ],
);

/** The customer-facing sales proposal (Field Engineer §08 "Proposal & close"). */
export const salesProposals = sqliteTable(
  "sales_proposals",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    surveyId: text("survey_id").notNull(),
    customerId: text("customer_id"),
    preparedBy: text("prepared_by").notNull(),
    status: text("status").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull(),
    acceptedAt: text("accepted_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("sales_proposals_tenant_survey").on(t.tenantId, t.surveyId)],
);

/** Per-client request counts for the public triage page; stateful so the limit survives restarts. */
export const publicRateLimits = sqliteTable(
  "public_rate_limits",
  {
    tenantId: text("tenant_id").notNull(),
    clientKey: text("client_key").notNull(),
    windowStart: text("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.clientKey, t.windowStart] })],
);
