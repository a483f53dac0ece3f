// Global setup of the "postgres" vitest project: drop test schemas a crashed earlier run left behind.
import pg from "pg";
import { dropSchemas, TEST_SCHEMA_PREFIX, testPgUrls } from "./pg.ts";

export async function setup(): Promise<void> {
  const { adminUrl } = testPgUrls();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ name: string }>(
    "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1",
    [`${TEST_SCHEMA_PREFIX}%`],
  );
  await admin.end();
  await dropSchemas(
    adminUrl,
    rows.map((r) => r.name),
  );
}
