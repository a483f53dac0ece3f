// Global setup of the "postgres" vitest project: drop test schemas a crashed earlier run left behind — only those
// whose process (t_<pid>_… or t_scale_<pid>_…) is gone, so two runs on one machine don't pull schemas from each other.
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
    rows.map((r) => r.name).filter((name) => !alive(Number(/^t_(?:scale_)?(\d+)_/.exec(name)?.[1]))),
  );
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
