// The PostgreSQL schema, derived from the SQLite table definitions: one source of truth per table.
// Each column keeps the same JS ⇄ driver mapping on both backends (JSON stays text, integers stay integers),
// so a query built from a table definition means the same thing on either dialect.
import { is, type SQL } from "drizzle-orm";
import {
  bigint,
  doublePrecision,
  index,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as agent from "./schema-agent.ts";
import * as field from "./schema-field.ts";
import * as imports from "./schema-imports.ts";
import * as ops from "./schema-ops.ts";
import * as core from "./schema.ts";

// biome-ignore lint/suspicious/noExplicitAny: derived tables are typed by their SQLite source, not here
type AnyPgTable = PgTableWithColumns<any>;

/** Every SQLite table of the store, by export name. */
export function sqliteTables(): Map<string, SQLiteTable> {
  const out = new Map<string, SQLiteTable>();
  for (const module of [core, field, imports, agent, ops]) {
    for (const [name, value] of Object.entries(module)) if (is(value, SQLiteTable)) out.set(name, value);
  }
  return out;
}

function pgColumn(column: ReturnType<typeof getTableConfig>["columns"][number]): PgColumnBuilderBase {
  // biome-ignore lint/suspicious/noExplicitAny: the builder chain changes type at each step
  let builder: any;
  switch (column.columnType) {
    case "SQLiteText":
    case "SQLiteTextJson":
      builder = text(column.name);
      break;
    case "SQLiteInteger":
    case "SQLiteBoolean":
    case "SQLiteTimestamp":
      builder = bigint(column.name, { mode: "number" });
      break;
    case "SQLiteReal":
      builder = doublePrecision(column.name);
      break;
    default:
      throw new Error(`schema-pg: no PostgreSQL mapping for ${column.columnType} (${column.name})`);
  }
  if (column.primary) builder = builder.primaryKey();
  if (column.notNull && !column.primary) builder = builder.notNull();
  if (column.default !== undefined) {
    const value = column.columnType === "SQLiteBoolean" ? Number(column.default) : column.default;
    builder = builder.default(value);
  }
  return builder;
}

function toPg(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table);
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const column of config.columns) columns[column.name] = pgColumn(column);
  return pgTable(config.name, columns, (t) => {
    // The SQLite config names columns by SQL name; the derived table keys its columns by the same names.
    const cols = (named: { name: string }[]) => named.map((c) => t[c.name as keyof typeof t]) as [never, ...never[]];
    const extras = [];
    for (const pk of config.primaryKeys) extras.push(primaryKey({ columns: cols(pk.columns) }));
    for (const idx of config.indexes) {
      const [first, ...rest] = cols(idx.config.columns as { name: string }[]);
      const built = (idx.config.unique ? uniqueIndex(idx.config.name) : index(idx.config.name)).on(first, ...rest);
      extras.push(idx.config.where ? built.where(idx.config.where as SQL) : built);
    }
    return extras;
  });
}

const derived = new Map([...sqliteTables()].map(([name, table]) => [name, toPg(table)]));

/** The PostgreSQL tables by the SQLite export name (drizzle-kit reads the named exports below). */
export function pgTables(): Map<string, AnyPgTable> {
  return derived;
}

const t = (name: string): AnyPgTable => {
  const table = derived.get(name);
  if (!table) throw new Error(`schema-pg: no table ${name}`);
  return table;
};

// Named exports for drizzle-kit; test/store-schema-parity.test.ts fails if one is missing.
export const actors = t("actors");
export const approvalDecisions = t("approvalDecisions");
export const auditLog = t("auditLog");
export const customers = t("customers");
export const intakeItems = t("intakeItems");
export const interactions = t("interactions");
export const jobs = t("jobs");
export const notes = t("notes");
export const opportunities = t("opportunities");
export const outboundDrafts = t("outboundDrafts");
export const properties = t("properties");
export const proposals = t("proposals");
export const quarantine = t("quarantine");
export const quotes = t("quotes");
export const tasks = t("tasks");
export const tenants = t("tenants");
export const tokens = t("tokens");
export const inventoryLocations = t("inventoryLocations");
export const parts = t("parts");
export const priceBookItems = t("priceBookItems");
export const publicRateLimits = t("publicRateLimits");
export const repairJobs = t("repairJobs");
export const salesProposals = t("salesProposals");
export const stock = t("stock");
export const stockReservations = t("stockReservations");
export const surveys = t("surveys");
export const techProfiles = t("techProfiles");
export const importBatches = t("importBatches");
export const importRows = t("importRows");
export const signals = t("signals");
export const transcripts = t("transcripts");
export const agentMessages = t("agentMessages");
export const agentSessions = t("agentSessions");
export const channelEvents = t("channelEvents");
export const agreements = t("agreements");
export const govContracts = t("govContracts");
export const govEvents = t("govEvents");
export const govIncidents = t("govIncidents");
export const govIssues = t("govIssues");
export const govJobs = t("govJobs");
export const opportunityChanges = t("opportunityChanges");
export const opsScans = t("opsScans");
export const opsTriggers = t("opsTriggers");
