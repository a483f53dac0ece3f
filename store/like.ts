// Case-insensitive substring search that means the same on SQLite and PostgreSQL.
// SQLite's LIKE ignores ASCII case and has no escape character; PostgreSQL's LIKE is case-sensitive and treats `\`
// as its escape. Lower-casing both sides with the database's own lower() and naming `\` as the escape on both (with
// the needle's backslashes doubled) keeps `%` and `_` as wildcards and a backslash as a plain character everywhere.
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** `column` contains `needle`, ignoring case (ASCII case on SQLite, as its LIKE did; full Unicode on PostgreSQL). */
export function containsIgnoringCase(column: SQLiteColumn, needle: string): SQL {
  const pattern = `%${needle.replaceAll("\\", "\\\\")}%`;
  return sql`lower(${column}) like lower(${pattern}) escape '\\'`;
}
