// Plain SQL for the hot paths and the few queries drizzle's builder does not express, on either backend.
// Write the SQL once with `?` placeholders and portable syntax (double-quoted aliases for camelCase names,
// an alias on every subquery); on PostgreSQL the placeholders become $1…$n. SQLite statements are
// prepared once per connection and reused.
import type Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./db.ts";

export type Dialect = "sqlite" | "postgres";

type Queryable = { query(text: string, values: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> };

/** Which backend a drizzle handle (the read handle or an open transaction's) talks to. */
export function dialectOf(db: Db): Dialect {
  return is((db as unknown as { dialect: unknown }).dialect, PgDialect) ? "postgres" : "sqlite";
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const pgTexts = new Map<string, string>();

function sqliteStatement(db: Db, text: string): Database.Statement {
  const client = (db as unknown as { $client: Database.Database }).$client;
  let cache = statements.get(client);
  if (!cache) {
    cache = new Map();
    statements.set(client, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = client.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

/** `?` → `$n`, once per distinct statement. The SQL here never has `?` inside a string literal. */
function pgText(text: string): string {
  let out = pgTexts.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    pgTexts.set(text, out);
  }
  return out;
}

function pgClient(db: Db): Queryable {
  return (db as unknown as { $client: Queryable }).$client;
}

/** All rows of a query. */
export async function rawAll<T>(db: Db, text: string, ...params: unknown[]): Promise<T[]> {
  if (dialectOf(db) === "sqlite") return sqliteStatement(db, text).all(...params) as T[];
  return (await pgClient(db).query(pgText(text), params)).rows as T[];
}

/** The first row of a query, or undefined. */
export async function rawGet<T>(db: Db, text: string, ...params: unknown[]): Promise<T | undefined> {
  if (dialectOf(db) === "sqlite") return sqliteStatement(db, text).get(...params) as T | undefined;
  return (await pgClient(db).query(pgText(text), params)).rows[0] as T | undefined;
}

/** Runs a statement; returns how many rows it changed. */
export async function rawRun(db: Db, text: string, ...params: unknown[]): Promise<number> {
  if (dialectOf(db) === "sqlite") return sqliteStatement(db, text).run(...params).changes;
  return (await pgClient(db).query(pgText(text), params)).rowCount ?? 0;
}

/** Rows changed by an awaited drizzle insert/update/delete without `returning` (SQLite RunResult or pg QueryResult). */
export function affected(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}
