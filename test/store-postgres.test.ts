// Row-level security on a real PostgreSQL server: the second tenant wall holds even when a query forgets its
// tenant filter. Runs in the "postgres" vitest project (npm test with DATABASE_URL set); skipped on SQLite.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, tenants as tenantsTable } from "../store/schema.ts";
import { asSystem, withTenant } from "../store/scope.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";
import { ON_POSTGRES, testPgUrls } from "./pg.ts";

describe.skipIf(!ON_POSTGRES)("PostgreSQL row-level security", () => {
  let office: TestOffice;
  let app: pg.Client;
  let schema: string;
  let tenantTables: string[];

  /** Runs statements as the app role in one transaction with app.tenant_id set (or not), then rolls back. */
  async function asApp<T>(tenant: string | null, fn: () => Promise<T>): Promise<T> {
    await app.query("BEGIN");
    try {
      if (tenant !== null) await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenant]);
      return await fn();
    } finally {
      await app.query("ROLLBACK");
    }
  }

  beforeAll(async () => {
    office = await makeOffice();
    schema = office.store.path.replace(/^postgres:/, "");
    app = new pg.Client({ connectionString: testPgUrls().url, options: `-c search_path="${schema}"` });
    await app.connect();
    const { rows } = await app.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
       WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1`,
      [schema],
    );
    tenantTables = rows.map((r) => r.name);
  });

  afterAll(async () => {
    await app?.end();
    await office?.shutdown();
  });

  it("connects as a role that neither owns the tables nor bypasses RLS", async () => {
    const { rows } = await app.query<{ owner: string; me: string; bypass: boolean; superuser: boolean }>(
      `SELECT (SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'customers') AS owner,
              current_user AS me, r.rolbypassrls AS bypass, r.rolsuper AS superuser
       FROM pg_roles r WHERE r.rolname = current_user`,
      [schema],
    );
    const row = rows[0];
    expect(row?.owner).not.toBe(row?.me);
    expect(row?.bypass).toBe(false);
    expect(row?.superuser).toBe(false);
  });

  it("has RLS enabled and forced, with the tenant policy, on every table that has tenant_id", async () => {
    expect(tenantTables.length).toBeGreaterThan(40);
    const { rows } = await app.query<{ name: string; enabled: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*) FROM pg_policies p WHERE p.schemaname = $1 AND p.tablename = c.relname
                 AND p.policyname = 'tenant_wall') AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = ANY($2)`,
      [schema, [...tenantTables, "tenants"]],
    );
    expect(rows).toHaveLength(tenantTables.length + 1);
    for (const row of rows) expect(row, row.name).toMatchObject({ enabled: true, forced: true, policies: 1 });
  });

  it("shows a tenant none of another tenant's rows in any table, even with no WHERE clause", async () => {
    for (const table of tenantTables) {
      const seen = await asApp("acme", async () => {
        const { rows } = await app.query<{ tenant_id: string; n: number }>(
          `SELECT tenant_id, count(*) AS n FROM "${table}" GROUP BY tenant_id`,
        );
        return rows;
      });
      for (const row of seen) expect(`${table}:${row.tenant_id}`).toBe(`${table}:acme`);
    }
    // The demo tenant's customers exist; acme just cannot see them.
    const demo = await asApp("demo", async () => (await app.query("SELECT count(*) AS n FROM customers")).rows[0]);
    expect(Number(demo?.n)).toBeGreaterThan(0);
  });

  it("lets cross-tenant update and delete touch zero rows and refuses an insert with another tenant's id", async () => {
    await asApp("acme", async () => {
      const select = await app.query("SELECT id FROM customers WHERE tenant_id = 'demo'");
      expect(select.rowCount).toBe(0);
      const update = await app.query("UPDATE customers SET name = 'Taken Over' WHERE tenant_id = 'demo'");
      expect(update.rowCount).toBe(0);
      const del = await app.query("DELETE FROM customers WHERE tenant_id = 'demo'");
      expect(del.rowCount).toBe(0);
      const unfiltered = await app.query("UPDATE customers SET name = name");
      const own = await app.query("SELECT count(*) AS n FROM customers");
      expect(unfiltered.rowCount).toBe(Number(own.rows[0]?.n));
    });
    await expect(
      asApp("acme", () =>
        app.query(
          `INSERT INTO customers (id, tenant_id, name, name_key, status, opted_out, tags, created_at, updated_at)
           VALUES ('cus_planted', 'demo', 'Planted', 'planted', 'lead', '[]', '[]', 'x', 'x')`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const demoNames = await asApp(
      "demo",
      async () =>
        (await app.query("SELECT count(*) AS n FROM customers WHERE name = 'Taken Over' OR id = 'cus_planted'"))
          .rows[0],
    );
    expect(Number(demoNames?.n)).toBe(0);
  });

  it("sees nothing and can write nothing when no tenant is set", async () => {
    await asApp(null, async () => {
      for (const table of ["customers", "proposals", "audit_log", "tenants"]) {
        const { rowCount } = await app.query(`SELECT 1 FROM "${table}"`);
        expect(rowCount, table).toBe(0);
      }
    });
    await expect(
      asApp(null, () =>
        app.query(
          `INSERT INTO notes (id, tenant_id, customer_id, body, author_id, created_at) VALUES ('n1', 'demo', 'c', 'b', 'a', 'x')`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("confines a repository query that forgot its tenant filter", async () => {
    const all = await withTenant("acme", () =>
      office.store.db.select({ tenantId: customers.tenantId }).from(customers),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((r) => r.tenantId))).toEqual(new Set(["acme"]));
    const counted = await withTenant("acme", () =>
      office.store.db.select({ n: sql<number>`count(*)` }).from(customers).where(sql`tenant_id = 'demo'`),
    );
    expect(counted[0]?.n).toBe(0);
  });

  it("refuses a query with no tenant scope at all, and a write in the system scope", async () => {
    await expect(office.store.db.select().from(customers)).rejects.toThrow(/Failed query/);
    await expect(office.store.db.select().from(customers)).rejects.toMatchObject({ cause: { code: "no_scope" } });
    const tenants = await asSystem(() => office.store.db.select({ id: tenantsTable.id }).from(tenantsTable));
    expect(tenants.map((t) => t.id).sort()).toEqual(["acme", "demo"]);
    expect(await asSystem(() => office.store.db.select().from(customers))).toEqual([]);
    await expect(asSystem(() => office.store.write(async () => 1))).rejects.toThrow(/system scope cannot write/);
  });

  it("keeps the audit log append-only in the database itself", async () => {
    const customerId = await office.firstId("demo", "customers");
    await office.call("sales-1", "crm.add_note", { customerId, body: "leaves an audit entry" });
    const entries = await asApp("demo", async () => (await app.query("SELECT count(*) AS n FROM audit_log")).rows[0]);
    expect(Number(entries?.n)).toBeGreaterThan(0);
    await expect(asApp("demo", () => app.query("UPDATE audit_log SET outcome = 'ok'"))).rejects.toThrow(/append-only/);
    await expect(asApp("demo", () => app.query("DELETE FROM audit_log"))).rejects.toThrow(/append-only/);
  });
});
