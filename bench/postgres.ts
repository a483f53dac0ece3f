// PostgreSQL benchmarks (issue #9), when DATABASE_URL=postgres://… is set (skipped otherwise):
// 1. the kernel's read and proposal paths, SQLite vs PostgreSQL, interleaved in one run;
// 2. GET /api/dashboard.json requests per second with 1, 2 and 4 `office serve` instances on one database,
//    a fixed total concurrency spread over the instances.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Actor } from "../contracts/index.ts";
import { type Office, openOffice } from "../server/office.ts";
import { openPgStore, postgresUrlFromEnv } from "../store/pg.ts";
import { rawGet } from "../store/raw.ts";
import { createToken, getActor } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { postgresInstanceEnv, startInstance } from "../test/instances.ts";
import { load } from "./load.ts";
import { fmt, ratioOf } from "./measure.ts";

const TOTAL_CONCURRENCY = 32;

export interface PostgresFigures {
  skipped?: string;
  readUs?: { sqlite: number; postgres: number; ratio: number };
  proposalUs?: { sqlite: number; postgres: number; ratio: number };
  dashboardRps?: Record<string, number>;
  cores?: number;
}

async function founderOf(office: Office): Promise<{ founder: Actor; customerId: string }> {
  return withTenant("demo", async () => {
    const founder = (await getActor(office.store.db, "demo", "founder")) as Actor;
    const row = await rawGet<{ id: string }>(
      office.store.db,
      "SELECT id FROM customers WHERE tenant_id = 'demo' LIMIT 1",
    );
    return { founder, customerId: row?.id as string };
  });
}

export async function benchPostgres(log: (line: string) => void): Promise<PostgresFigures> {
  const url = postgresUrlFromEnv();
  if (!url) {
    log("skipped: set DATABASE_URL=postgres://… (and DATABASE_ADMIN_URL) — see scripts/postgres-local.sh");
    return { skipped: "no DATABASE_URL" };
  }
  const adminUrl = process.env.DATABASE_ADMIN_URL || url;
  const schema = `bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "office-bench-pg-"));
  const sqlite = await openOffice({ path: join(dir, "office.db"), advisor: null });
  const postgres = await openOffice({ store: await openPgStore({ url, adminUrl, schema }), advisor: null });
  const children: ChildProcess[] = [];
  try {
    // 1. The kernel's read and proposal paths on each backend, interleaved so both see the same machine.
    const s = await founderOf(sqlite);
    const p = await founderOf(postgres);
    const readOn = (office: Office, who: { founder: Actor; customerId: string }) => () =>
      office.kernel.execute(
        "crm.get_customer",
        { customerId: who.customerId },
        humanCall(office.kernel, who.founder, "api"),
      );
    const read = await ratioOf(readOn(sqlite, s), readOn(postgres, p), { rounds: 5, perRound: 200 });
    log(
      `kernel read (crm.get_customer): SQLite ${fmt(read.baselineUs, 0)} µs, PostgreSQL ${fmt(read.subjectUs, 0)} µs = ${fmt(read.ratio)}x`,
    );
    let n = 0;
    const proposeOn = (office: Office, who: { founder: Actor; customerId: string }) => () =>
      office.kernel.execute(
        "crm.add_note",
        { customerId: who.customerId, body: `bench ${n++}` },
        humanCall(office.kernel, who.founder, "api"),
      );
    const propose = await ratioOf(proposeOn(sqlite, s), proposeOn(postgres, p), { rounds: 5, perRound: 100 });
    log(
      `kernel proposal (crm.add_note → pending proposal): SQLite ${fmt(propose.baselineUs, 0)} µs, PostgreSQL ${fmt(propose.subjectUs, 0)} µs = ${fmt(propose.ratio)}x`,
    );
    await postgres.kernel.flushAudit();

    // 2. Dashboard throughput with 1, 2 and 4 server processes on the same database.
    const token = await withTenant("demo", () =>
      postgres.store.write((tx) =>
        createToken(tx, { tenantId: "demo", actorId: "founder", mode: "read_only", now: new Date() }),
      ),
    );
    const headers = { authorization: `Bearer ${token}` };
    const env = postgresInstanceEnv({ url, adminUrl, schema });
    const ports: number[] = [];
    const dashboardRps: Record<string, number> = {};
    for (const count of [1, 2, 4]) {
      while (ports.length < count) {
        const started = await startInstance(env);
        children.push(started.child);
        ports.push(started.port);
      }
      const per = Math.max(1, Math.floor(TOTAL_CONCURRENCY / count));
      const urls = ports.map((port) => `http://127.0.0.1:${port}/api/dashboard.json`);
      await Promise.all(urls.map((u) => load(u, { headers, concurrency: per, seconds: 1 })));
      const runs = await Promise.all(urls.map((u) => load(u, { headers, concurrency: per, seconds: 4 })));
      const rps = runs.reduce((sum, r) => sum + r.rps, 0);
      const errors = runs.reduce((sum, r) => sum + r.errors, 0);
      dashboardRps[String(count)] = rps;
      log(
        `GET /api/dashboard.json, ${count} instance(s), ${TOTAL_CONCURRENCY} connections in all: ${fmt(rps, 0)} req/s` +
          `${count > 1 ? ` (${fmt(rps / (dashboardRps["1"] ?? rps))}x one instance)` : ""}${errors ? `, ${errors} errors` : ""}`,
      );
    }
    const pgBackends = await countBackends(adminUrl);
    log(`PostgreSQL backends open at the end: ${pgBackends}; machine cores: ${machineCores()}`);
    return {
      readUs: { sqlite: read.baselineUs, postgres: read.subjectUs, ratio: read.ratio },
      proposalUs: { sqlite: propose.baselineUs, postgres: propose.subjectUs, ratio: propose.ratio },
      dashboardRps,
      cores: machineCores(),
    };
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await sqlite.shutdown();
    await postgres.shutdown();
    await dropSchema(adminUrl, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

function machineCores(): number {
  return availableParallelism();
}

async function countBackends(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()",
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

async function dropSchema(adminUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
