// Moves a shop from one store to another (SQLite → PostgreSQL when it outgrows one machine): every row of the
// tenant in every table, in one transaction on the target, then verified — row counts per table and the audit
// chain. A target that already holds any of the tenant's rows is refused before anything is copied.
import { eq, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Store } from "./db.ts";
import { type ChainVerdict, verifyAuditChain } from "./repos/audit.ts";
import { sqliteTables } from "./schema-pg.ts";
import { withTenant } from "./scope.ts";

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface MoveReport {
  tenantId: string;
  tables: TableCount[];
  rows: number;
  audit: { source: ChainVerdict; target: ChainVerdict };
  ok: boolean;
}

export class MoveRefused extends Error {
  readonly code = "target_not_empty";
}

const BATCH = 500;

/** The column that names a row's tenant: tenant_id, or the tenants table's own id. */
function tenantColumn(table: SQLiteTable): SQLiteColumn | null {
  const config = getTableConfig(table);
  if (config.name === "tenants") return config.columns.find((c) => c.name === "id") ?? null;
  return config.columns.find((c) => c.name === "tenant_id") ?? null;
}

function tenantTables(): { name: string; table: SQLiteTable; column: SQLiteColumn }[] {
  const out = [];
  for (const table of sqliteTables().values()) {
    const column = tenantColumn(table);
    if (!column) throw new Error(`move: table ${getTableConfig(table).name} has no tenant column`);
    out.push({ name: getTableConfig(table).name, table, column });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function count(db: Db, table: SQLiteTable, where: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(table).where(where);
  return Number(row?.n ?? 0);
}

/** Rows of the tenant already in the target, by table (empty when the target is clean for this tenant). */
export async function tenantRowsIn(store: Store, tenantId: string): Promise<TableCount[]> {
  return withTenant(tenantId, async () => {
    const found: TableCount[] = [];
    for (const { name, table, column } of tenantTables()) {
      const n = await count(store.db, table, eq(column, tenantId));
      if (n > 0) found.push({ table: name, source: 0, target: n });
    }
    return found;
  });
}

/** Copies one tenant from `source` to `target` and verifies the copy. Refuses a target that has any of its rows. */
export async function moveTenant(
  source: Store,
  target: Store,
  tenantId: string,
  progress: (line: string) => void = () => undefined,
): Promise<MoveReport> {
  const already = await tenantRowsIn(target, tenantId);
  if (already.length > 0) {
    const where = already.map((t) => `${t.table} (${t.target})`).join(", ");
    throw new MoveRefused(`The target already holds rows of ${tenantId}: ${where}. Nothing was copied.`);
  }
  const tables = tenantTables();
  let rows = 0;
  await withTenant(tenantId, () =>
    target.write(async (tx) => {
      for (const { name, table, column } of tables) {
        const all = await withTenant(tenantId, () => source.db.select().from(table).where(eq(column, tenantId)));
        for (let i = 0; i < all.length; i += BATCH) await tx.insert(table).values(all.slice(i, i + BATCH));
        rows += all.length;
        if (all.length > 0) progress(`${name}: ${all.length} row(s)`);
      }
    }),
  );
  const counts: TableCount[] = [];
  for (const { name, table, column } of tables) {
    const where = eq(column, tenantId);
    counts.push({
      table: name,
      source: await withTenant(tenantId, () => count(source.db, table, where)),
      target: await withTenant(tenantId, () => count(target.db, table, where)),
    });
  }
  const audit = {
    source: await withTenant(tenantId, () => verifyAuditChain(source.db, tenantId)),
    target: await withTenant(tenantId, () => verifyAuditChain(target.db, tenantId)),
  };
  const ok =
    counts.every((c) => c.source === c.target) && audit.target.ok && audit.target.length === audit.source.length;
  return { tenantId, tables: counts, rows, audit, ok };
}
