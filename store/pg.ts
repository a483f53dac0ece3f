// The PostgreSQL store, for many server instances on one database (issue #9). Same Store contract as SQLite:
// - migrations (drizzle-kit, store/migrations-pg) run once at open, under an advisory lock, as the admin role;
// - the app role is not the tables' owner, and every table with tenant_id has row-level security FORCED;
// - every query runs in a transaction that sets app.tenant_id from the current scope (store/scope.ts);
// - writes take a per-tenant transaction lock, so one tenant's writes (and its audit chain) are serialized
//   across every instance, as SQLite's single writer serializes them in one process.
import { AsyncLocalStorage } from "node:async_hooks";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { type Db, type Leased, localLeases, type Store, StoreError, type StoreStatus } from "./db.ts";
import * as schema from "./schema.ts";
import { currentScope, type Scope } from "./scope.ts";

// Counts and sums arrive as JS numbers on both backends (SQLite gives numbers). Our integers are cents, counts
// and sequence numbers, far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v)); // int8: count(*), bigint columns
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric: sum() of bigint

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations-pg");

export interface PgStoreOptions {
  /** The app's connection: a login role that does not own the tables. */
  url: string;
  /** Role that owns the schema and runs migrations (default: `url`). */
  adminUrl?: string;
  /** PostgreSQL schema (namespace) holding the tables; tests use a fresh one each. Default "public". */
  schema?: string;
  /** Connections in this instance's pool (default 10). */
  poolSize?: number;
}

type Queryable = Pick<pg.PoolClient, "query">;

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new StoreError("bad_schema", `Not a plain schema name: ${name}`);
  return `"${name}"`;
}

function scopeSql(client: pg.PoolClient, scope: Scope, readOnly: boolean): string {
  const begin = readOnly ? "BEGIN READ ONLY" : "BEGIN";
  if (scope.kind === "system") return `${begin}; SELECT set_config('app.scope', 'system', true)`;
  return `${begin}; SELECT set_config('app.tenant_id', ${client.escapeLiteral(scope.tenantId)}, true)`;
}

function requireScope(): Scope {
  const scope = currentScope();
  if (!scope) {
    throw new StoreError(
      "no_scope",
      "A PostgreSQL query ran outside a tenant scope; wrap its entry point in withTenant() (store/scope.ts).",
    );
  }
  return scope;
}

/** Runs migrations and the row-level security pass as the admin role, one instance at a time. */
async function prepareSchema(options: PgStoreOptions, schemaName: string): Promise<void> {
  const admin = new pg.Client({ connectionString: options.adminUrl ?? options.url });
  await admin.connect();
  try {
    // One instance migrates a schema at a time; the others wait, then find nothing left to do.
    await admin.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`office:migrate:${schemaName}`]);
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schemaName)}`);
    await admin.query(`SET search_path TO ${quoteIdent(schemaName)}`);
    await migrate(drizzle(admin), { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: schemaName });
    // Tables added by later migrations get the wall too (idempotent).
    await admin.query("SELECT office_protect_tenant_tables()");
    const app = new URL(options.url).username;
    const owner = (await admin.query<{ u: string }>("SELECT current_user AS u")).rows[0]?.u;
    if (app && app !== owner) {
      const role = `"${app.replace(/"/g, '""')}"`;
      await admin.query(`GRANT USAGE ON SCHEMA ${quoteIdent(schemaName)} TO ${role}`);
      await admin.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${quoteIdent(schemaName)} TO ${role}`,
      );
      await admin.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${quoteIdent(schemaName)} TO ${role}`);
    }
  } finally {
    await admin.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await admin.end();
  }
}

/** Opens the PostgreSQL store: migrates, then serves queries as the app role through a pool. */
export async function openPgStore(options: PgStoreOptions): Promise<Store> {
  const schemaName = options.schema ?? "public";
  try {
    await prepareSchema(options, schemaName);
  } catch (cause) {
    throw new StoreError("migration_failed", `Could not migrate the PostgreSQL schema ${schemaName}`, { cause });
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: `-c search_path=${quoteIdent(schemaName)}`,
  });
  // An idle client that loses its server (restart, failover) is dropped by the pool; don't crash the process.
  pool.on("error", () => undefined);

  const inTransaction = new AsyncLocalStorage<{ client: pg.PoolClient; db: Db; scope: Scope }>();

  /** The read handle's client: one short read-only transaction per query, tenant set from the scope. */
  const scopedReads: Queryable = {
    // biome-ignore lint/suspicious/noExplicitAny: forwards node-postgres' overloaded query() unchanged
    async query(...args: any[]): Promise<any> {
      const open = inTransaction.getStore();
      // Inside a write transaction, reads use its connection (and see its writes), as SQLite's one writer does.
      if (open) return (open.client.query as (...a: unknown[]) => unknown)(...args);
      const scope = requireScope();
      const client = await pool.connect();
      try {
        await client.query(scopeSql(client, scope, true));
        const result = await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        client.release();
        throw error;
      }
    },
  } as Queryable;

  // The SQLite builder types describe these tables on both backends (store/schema-pg.ts keeps the mapping);
  // the drizzle instance itself is PostgreSQL's, so SQL is built by the Postgres dialect.
  const readDb = drizzle({ client: scopedReads as unknown as pg.Pool, schema }) as unknown as Db;
  const txDbs = new WeakMap<pg.PoolClient, Db>();

  async function runTransaction<T>(fn: (tx: Db) => Promise<T> | T): Promise<T> {
    const scope = requireScope();
    if (scope.kind !== "tenant") throw new StoreError("read_only_scope", "The system scope cannot write.");
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(scopeSql(client, scope, false));
      // One writer per tenant across all instances: the audit chain and compare-and-set moves stay serial.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`office:tenant:${scope.tenantId}`]);
      let tx = txDbs.get(client);
      if (!tx) {
        tx = drizzle({ client, schema }) as unknown as Db;
        txDbs.set(client, tx);
      }
      const txDb = tx;
      const result = await inTransaction.run({ client, db: txDb, scope }, () => fn(txDb));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  const local = localLeases();
  /** Session advisory lock on a connection of its own, held while `fn` runs; a dead instance's lock dies with it. */
  async function lease<T>(key: string, fn: () => Promise<T>): Promise<Leased<T>> {
    return local(key, async () => {
      const client = await pool.connect();
      const lockKey = `office:lease:${schemaName}:${key}`;
      try {
        const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [
          lockKey,
        ]);
        if (!got.rows[0]?.ok) return { ran: false } as const;
        try {
          return { ran: true, value: await fn() } as const;
        } finally {
          await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey]);
        }
      } finally {
        client.release();
      }
    }).then((outer) => (outer.ran ? outer.value : outer));
  }

  let migrations = 0;
  return {
    backend: "postgres",
    lease,
    db: readDb,
    get raw(): never {
      throw new StoreError("sqlite_only", "store.raw is the SQLite handle; this store is PostgreSQL.");
    },
    path: `postgres:${schemaName}`,
    write<T>(fn: (tx: Db) => Promise<T> | T): Promise<T> {
      const open = inTransaction.getStore();
      if (open) {
        const scope = currentScope();
        if (scope?.kind === "tenant" && open.scope.kind === "tenant" && scope.tenantId !== open.scope.tenantId) {
          return Promise.reject(new StoreError("cross_tenant", "One transaction cannot write two tenants."));
        }
        return Promise.resolve(fn(open.db));
      }
      return runTransaction(fn);
    },
    async status(): Promise<StoreStatus> {
      const poolState = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
      try {
        const client = await pool.connect();
        try {
          const row = await client.query<{ n: number; at: number | null }>(
            `SELECT count(*) AS n, max(created_at) AS at FROM ${quoteIdent(schemaName)}."__drizzle_migrations"`,
          );
          migrations = row.rows[0]?.n ?? migrations;
        } finally {
          client.release();
        }
        return { ok: true, backend: "postgres", path: `postgres:${schemaName}`, migrations, pool: poolState };
      } catch {
        return { ok: false, backend: "postgres", path: `postgres:${schemaName}`, migrations, pool: poolState };
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** The store the environment asks for: PostgreSQL when DATABASE_URL is a postgres:// URL. */
export function postgresUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}
