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

export interface Store {
  /** Connection for reads. In WAL it sees only committed data. */
  readonly db: Db;
  /** Runs `fn` in one IMMEDIATE transaction on the write connection; writes are serialized, re-entrant. */
  write<T>(fn: (tx: Db) => Promise<T> | T): Promise<T>;
  /** The raw write connection, for maintenance (migrations, tests that simulate tampering). */
  readonly raw: Database.Database;
  readonly path: string;
  status(): { ok: boolean; path: string; journalMode: string; migrations: number };
  close(): void;
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

  return {
    db: readDb,
    raw: writer,
    path,
    write<T>(fn: (tx: Db) => Promise<T> | T): Promise<T> {
      if (inTransaction.getStore()) return Promise.resolve(fn(writeDb));
      const next = queue.then(() => runTransaction(fn));
      queue = next.catch(() => undefined);
      return next;
    },
    status() {
      try {
        const journalMode = String(writer.pragma("journal_mode", { simple: true }));
        const row = writer.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
        return { ok: true, path, journalMode, migrations: row.n };
      } catch {
        return { ok: false, path, journalMode: "unknown", migrations: 0 };
      }
    },
    close() {
      if (!memory) reader.close();
      writer.close();
    },
  };
}

export function defaultStorePath(dataDir = process.env.DATA_DIR ?? "./data"): string {
  return join(dataDir, "office.db");
}
