// Generic lookups the kernel uses to resolve ids inside one tenant and to check a preview is not stale.
// A new record kind that tools may reference is added to ENTITY_TABLES.
import { eq, getTableName } from "drizzle-orm";
import type { Db } from "../db.ts";
import { rawGet } from "../raw.ts";
import {
  customers,
  intakeItems,
  interactions,
  jobs,
  notes,
  opportunities,
  outboundDrafts,
  properties,
  quotes,
  tasks,
} from "../schema.ts";
import {
  inventoryLocations,
  parts,
  priceBookItems,
  repairJobs,
  salesProposals,
  stock,
  surveys,
  techProfiles,
} from "../schema-field.ts";
import { importBatches, transcripts } from "../schema-imports.ts";
import { agreements, govContracts } from "../schema-ops.ts";

const ENTITY_TABLES = {
  customer: customers,
  property: properties,
  opportunity: opportunities,
  quote: quotes,
  task: tasks,
  job: jobs,
  intake_item: intakeItems,
  outbound_draft: outboundDrafts,
  note: notes,
  interaction: interactions,
  tech_profile: techProfiles,
  repair_job: repairJobs,
  inventory_location: inventoryLocations,
  part: parts,
  stock: stock,
  survey: surveys,
  price_book_item: priceBookItems,
  sales_proposal: salesProposals,
  import_batch: importBatches,
  transcript: transcripts,
  agreement: agreements,
  gov_contract: govContracts,
} as const;

export type EntityKind = keyof typeof ENTITY_TABLES;
export const ENTITY_KINDS = Object.keys(ENTITY_TABLES) as EntityKind[];

/** The record's version inside this tenant (1 for kinds without versions), or null when it is not there. */
export async function entityVersion(db: Db, tenantId: string, kind: EntityKind, id: string): Promise<number | null> {
  const table = ENTITY_TABLES[kind];
  const column = "version" in table ? "version" : "1";
  const row = await rawGet<{ v: number }>(
    db,
    `SELECT ${column} AS v FROM ${getTableName(table)} WHERE tenant_id = ? AND id = ?`,
    tenantId,
    id,
  );
  return row ? row.v : null;
}

/** Any one id of this kind in the tenant (used by registry-wide tests and fixtures). */
export async function anyEntityId(db: Db, tenantId: string, kind: EntityKind): Promise<string | null> {
  const table = ENTITY_TABLES[kind];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.tenantId, tenantId)).limit(1);
  return row?.id ?? null;
}
