// Opens the embedded SQLite store: WAL, foreign keys, busy timeout, migrations on open.
// Writes are serialized through one connection and begun IMMEDIATE; reads use their own connection in WAL.
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema>;

/**
 * The store behind every repository: embedded SQLite (this file) or PostgreSQL (store/pg.ts).
 * `Db` is typed by drizzle's SQLite builders on both backends; queries are written once, without SQLite's
 * synchronous `.get()/.all()/.run()`, and built by the backend's own dialect (store/raw.ts for plain SQL).
 */
export interface Store {
  readonly backend: "sqlite" | "postgres";
  /** Handle for reads. SQLite: a second connection that in WAL sees only committed data. */
  readonly db: Db;
  /** Runs `fn` in one transaction; one writer at a time per tenant (SQLite: per store), re-entrant. */
  write<T>(fn: (tx: Db) => Promise<T> | T): Promise<T>;
  /** SQLite only: the raw write connection, for maintenance and tests that simulate tampering. */
  readonly raw: Database.Database;
  readonly path: string;
  /**
   * Runs `fn` only if no other holder — in this process or, on PostgreSQL, any instance — holds `key`.
   * For work that must run once at a time across instances (a tenant's trigger scan, its governance jobs).
   * PostgreSQL: a session advisory lock, released when `fn` ends or the instance dies.
   */
  lease<T>(key: string, fn: () => Promise<T>): Promise<Leased<T>>;
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}

export type Leased<T> = { ran: true; value: T } | { ran: false };

/** The in-process half of a lease: one holder per key in this process. */
export function localLeases(): <T>(key: string, fn: () => Promise<T>) => Promise<Leased<T>> {
  const held = new Set<string>();
  return async (key, fn) => {
    if (held.has(key)) return { ran: false };
    held.add(key);
    try {
      return { ran: true, value: await fn() };
    } finally {
      held.delete(key);
    }
  };
}

export interface StoreStatus {
  ok: boolean;
  backend: "sqlite" | "postgres";
  path: string;
  migrations: number;
  journalMode?: string;
  /** PostgreSQL: this instance's connection pool. */
  pool?: { total: number; idle: number; waiting: number };
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export class StoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "StoreError";
  }
}

function configure(sqlite: Database.Database, readonly: boolean): void {
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  if (!readonly) {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
  }
}

/** Opens (creating if needed) the store at `path`; ":memory:" gives a private in-memory store with one connection. */
export function openStore(path: string): Store {
  const memory = path === ":memory:";
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const writer = new Database(path);
  configure(writer, false);
  const writeDb = drizzle(writer, { schema });
  try {
    migrate(writeDb, { migrationsFolder: MIGRATIONS_DIR });
  } catch (cause) {
    writer.close();
    throw new StoreError("migration_failed", `Could not migrate the store at ${path}`, { cause });
  }
  const reader = memory ? writer : new Database(path, { readonly: false });
  if (!memory) configure(reader, true);
  const readDb = memory ? writeDb : drizzle(reader, { schema });

  const inTransaction = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();

  async function runTransaction<T>(fn: (tx: Db) => Promise<T> | T): Promise<T> {
    writer.exec("BEGIN IMMEDIATE");
    try {
      const result = await inTransaction.run(true, () => fn(writeDb));
      writer.exec("COMMIT");
      return result;
    } catch (error) {
      if (writer.inTransaction) writer.exec("ROLLBACK");
      throw error;
    }
  }

  const lease = localLeases();
  return {
    backend: "sqlite",
    lease,
    db: readDb,
    raw: writer,
    path,
    write<T>(fn: (tx: Db) => Promise<T> | T): Promise<T> {
      if (inTransaction.getStore()) return Promise.resolve(fn(writeDb));
      const next = queue.then(() => runTransaction(fn));
      queue = next.catch(() => undefined);
      return next;
    },
    async status(): Promise<StoreStatus> {
      try {
        const journalMode = String(writer.pragma("journal_mode", { simple: true }));
        const row = writer.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
        return { ok: true, backend: "sqlite", path, journalMode, migrations: row.n };
      } catch {
        return { ok: false, backend: "sqlite", path, journalMode: "unknown", migrations: 0 };
      }
    },
    async close() {
      if (!writer.open) return;
      if (!memory) reader.close();
      writer.close();
    },
  };
}

export function defaultStorePath(dataDir = process.env.DATA_DIR ?? "./data"): string {
  return join(dataDir, "office.db");
}
