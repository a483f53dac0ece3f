// Spine benchmarks (issue: the spine): kernel overhead on a read and on a proposal, dashboard throughput at 100k customers.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTenant, insertTenant } from "../fixtures/generate.ts";
import { openOffice } from "../server/office.ts";
import { rawGet } from "../store/raw.ts";
import { insertNote } from "../store/repos/customers.ts";
import { createToken, getActor, getTenant } from "../store/repos/tenants.ts";
import { getCustomerTool } from "../tools/crm/get-customer.ts";
import { humanCall, type ToolContext } from "../tools/kernel/index.ts";
import { load } from "./load.ts";
import { fmt, ratioOf, timeCalls } from "./measure.ts";

export interface SpineFigures {
  kernelReadRatio: number;
  kernelReadUs: number;
  directReadUs: number;
  proposalRatio: number;
  proposalUs: number;
  directWriteUs: number;
  dashboardRps: number;
  bareRps: number;
  dashboardRatio: number;
  dashboardColdMs: number;
  dashboardWarmP50Ms: number;
  dashboardWarmP99Ms: number;
  weeklyP50Ms: number;
  weeklyP99Ms: number;
}

export async function benchSpine(log: (line: string) => void): Promise<SpineFigures> {
  const dir = mkdtempSync(join(tmpdir(), "office-bench-"));
  try {
    const office = await openOffice({ path: join(dir, "office.db") });
    const { kernel, store } = office;
    const founder = (await getActor(store.db, "demo", "founder"))!;
    const tenant = (await getTenant(store.db, "demo"))!;
    const customerId = (await rawGet<{ id: string }>(
      store.db,
      "SELECT id FROM customers WHERE tenant_id = 'demo' LIMIT 1",
    ))!.id;

    // 1. Kernel overhead on a read: crm.get_customer through execute() vs the same repository calls made directly.
    const directCtx: ToolContext = {
      tenantId: "demo",
      tenant,
      actor: founder,
      channel: "api",
      mode: "propose_actions",
      db: store.db,
      now: new Date(),
    };
    const read = await ratioOf(
      () => getCustomerTool.run({ customerId }, directCtx),
      () => kernel.execute("crm.get_customer", { customerId }, humanCall(kernel, founder, "api")),
      { rounds: 10, perRound: 200 },
    );
    log(
      `kernel read overhead (crm.get_customer): ${fmt(read.ratio)}x  (kernel ${fmt(read.subjectUs, 0)} µs vs direct ${fmt(read.baselineUs, 0)} µs; goal ≤ 1.10)`,
    );

    // 2. Kernel cost of a proposal write vs inserting the note directly in one transaction.
    let n = 0;
    const write = await ratioOf(
      () =>
        store.write((tx) =>
          insertNote(tx, "demo", {
            customerId,
            body: `direct ${n++}`,
            authorId: "founder",
            createdAt: new Date().toISOString(),
          }),
        ),
      () => kernel.execute("crm.add_note", { customerId, body: `proposed ${n++}` }, humanCall(kernel, founder, "api")),
      { rounds: 5, perRound: 100 },
    );
    log(
      `kernel proposal write (crm.add_note → proposal): ${fmt(write.ratio)}x a direct insert (${fmt(write.subjectUs, 0)} µs vs ${fmt(write.baselineUs, 0)} µs)`,
    );

    // 3. Dashboard throughput on a generated 100,000-customer tenant vs a bare route on the same server.
    const started = Date.now();
    const data = generateTenant({
      tenantId: "bench100k",
      name: "Bench 100k Demo",
      customers: 100_000,
      seed: 7,
      now: new Date(),
    });
    await insertTenant(store, data);
    log(`generated and stored a 100,000-customer tenant in ${fmt((Date.now() - started) / 1000, 1)} s`);
    // CRM read models at 100k customers, through the kernel (issue: the CRM office).
    const benchFounder = (await getActor(store.db, "bench100k", "founder"))!;
    const coldStart = performance.now();
    await kernel.execute("crm.dashboard", {}, humanCall(kernel, benchFounder, "api"));
    const dashboardColdMs = performance.now() - coldStart;
    const dashWarm = await timeCalls(
      () => kernel.execute("crm.dashboard", {}, humanCall(kernel, benchFounder, "api")),
      300,
      20,
    );
    const weekly = await timeCalls(
      () => kernel.execute("crm.weekly_summary", {}, humanCall(kernel, benchFounder, "api")),
      30,
      3,
    );
    log(
      `at 100k customers: dashboard first (uncached) ${fmt(dashboardColdMs, 0)} ms, then p50 ${fmt(dashWarm.p50Us / 1000)} ms / p99 ${fmt(dashWarm.p99Us / 1000)} ms; ` +
        `weekly summary p50 ${fmt(weekly.p50Us / 1000)} ms / p99 ${fmt(weekly.p99Us / 1000)} ms`,
    );
    await kernel.flushAudit();
    const token = await store.write((tx) =>
      createToken(tx, { tenantId: "bench100k", actorId: "founder", mode: "read_only", now: new Date() }),
    );
    office.close();

    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "http-target.ts"), join(dir, "office.db")],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once("exit", (code) => reject(new Error(`target exited ${code}`)));
    });
    const headers = { authorization: `Bearer ${token}` };
    const base = `http://127.0.0.1:${port}`;
    await load(`${base}/api/dashboard.json`, { headers, seconds: 1 });
    await load(`${base}/bench/bare`, { seconds: 1 });
    const bare = await load(`${base}/bench/bare`, { seconds: 4 });
    const dash = await load(`${base}/api/dashboard.json`, { headers, seconds: 4 });
    child.kill("SIGTERM");
    if (dash.errors > 0) log(`WARNING: ${dash.errors} dashboard requests failed`);
    log(
      `GET /api/dashboard.json at 100k customers: ${fmt(dash.rps, 0)} req/s vs bare route ${fmt(bare.rps, 0)} req/s = ${fmt(dash.rps / bare.rps)} (goal ≥ 0.30)`,
    );
    return {
      kernelReadRatio: read.ratio,
      kernelReadUs: read.subjectUs,
      directReadUs: read.baselineUs,
      proposalRatio: write.ratio,
      proposalUs: write.subjectUs,
      directWriteUs: write.baselineUs,
      dashboardRps: dash.rps,
      bareRps: bare.rps,
      dashboardRatio: dash.rps / bare.rps,
      dashboardColdMs,
      dashboardWarmP50Ms: dashWarm.p50Us / 1000,
      dashboardWarmP99Ms: dashWarm.p99Us / 1000,
      weeklyP50Ms: weekly.p50Us / 1000,
      weeklyP99Ms: weekly.p99Us / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
