// The PostgreSQL side of the parameterized suite: `npm test` with DATABASE_URL set runs the repository and
// kernel tests a second time (vitest project "postgres"), each office in a fresh PostgreSQL schema.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Store } from "../store/db.ts";
import { openPgStore } from "../store/pg.ts";

/** True in the "postgres" project of vitest.config.ts. */
export const ON_POSTGRES = process.env.OFFICE_TEST_BACKEND === "postgres";

export function testPgUrls(): { url: string; adminUrl: string } {
  const url = process.env.OFFICE_TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) throw new Error("OFFICE_TEST_DATABASE_URL is not set (vitest.config.ts sets it from DATABASE_URL)");
  return { url, adminUrl: process.env.OFFICE_TEST_DATABASE_ADMIN_URL || process.env.DATABASE_ADMIN_URL || url };
}

/** Test schemas are named t_<pid>_<n>_<random>; the global setup drops any a crashed run left behind. */
export const TEST_SCHEMA_PREFIX = "t_";
let opened = 0;

/** A migrated, empty PostgreSQL store in a schema of its own; closing it drops the schema. */
export async function openTestPgStore(): Promise<Store> {
  const { url, adminUrl } = testPgUrls();
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_${++opened}_${randomBytes(3).toString("hex")}`;
  const store = await openPgStore({ url, adminUrl, schema, poolSize: 4 });
  const close = store.close.bind(store);
  return Object.assign(Object.create(store) as Store, {
    async close() {
      await close();
      await dropSchemas(adminUrl, [schema]);
    },
  });
}

export async function dropSchemas(adminUrl: string, schemas: string[]): Promise<void> {
  if (schemas.length === 0) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}
