// store/: the embedded SQLite store (drizzle over better-sqlite3) and its tenant-scoped repositories.
export { type Db, defaultStorePath, openStore, type Store, StoreError } from "./db.ts";
export { newId } from "./ids.ts";
export { nameKey, phoneKey } from "./keys.ts";
