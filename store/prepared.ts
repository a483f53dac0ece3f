// Prepared statements for the kernel's hot path (every call resolves its tenant, its ids and appends an audit entry).
// Cached per connection; plain SQL that both SQLite and PostgreSQL accept.
import type Database from "better-sqlite3";
import type { Db } from "./db.ts";

type Client = Database.Database;
const caches = new WeakMap<Client, Map<string, Database.Statement>>();

/** The better-sqlite3 connection behind a drizzle handle (the read connection or the open transaction's). */
export function clientOf(db: Db): Client {
  return (db as unknown as { $client: Client }).$client;
}

/** A statement prepared once per connection and reused. */
export function prepared(db: Db, sqlText: string): Database.Statement {
  const client = clientOf(db);
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  let statement = cache.get(sqlText);
  if (!statement) {
    statement = client.prepare(sqlText);
    cache.set(sqlText, statement);
  }
  return statement;
}
