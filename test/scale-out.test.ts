// Many instances on one PostgreSQL (issue #9), with real server processes: four `office serve` behind no load
// balancer but each clicked at once. Approvals apply exactly once, a scan started everywhere emits each trigger
// once, kill -9 mid-apply loses nothing and applies nothing twice, and the audit chain verifies afterwards.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOffice, type Office } from "../server/office.ts";
import { openPgStore } from "../store/pg.ts";
import { rawAll } from "../store/raw.ts";
import { verifyAuditChain } from "../store/repos/audit.ts";
import { countConditions } from "../store/repos/ops.ts";
import { createToken, getActor, getTenant } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { detectorParams } from "../tools/ops/scan.ts";
import { thresholdsOf } from "../tools/ops/thresholds.ts";
import { type Instance, postgresInstanceEnv, startInstance } from "./instances.ts";
import { dropSchemas, ON_POSTGRES, testPgUrls } from "./pg.ts";

const INSTANCES = 4;
const PROPOSALS = 50;

describe.skipIf(!ON_POSTGRES)("four server instances on one PostgreSQL", () => {
  const schema = `t_scale_${process.pid}_${randomBytes(3).toString("hex")}`;
  const { url, adminUrl } = ON_POSTGRES ? testPgUrls() : { url: "", adminUrl: "" };
  let office: Office; // the test's own view of the same database
  let token: string;
  const instances: Instance[] = [];

  function start(extra: Record<string, string> = {}): Promise<Instance> {
    return startInstance(postgresInstanceEnv({ url, adminUrl, schema }, extra));
  }

  function post(instance: Instance, path: string): Promise<Response> {
    return fetch(`http://127.0.0.1:${instance.port}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
  }

  const rows = <T>(text: string, ...params: unknown[]) =>
    withTenant("demo", () => rawAll<T>(office.store.db, text, ...params));

  async function proposeNotes(prefix: string, count: number): Promise<string[]> {
    const sales = await withTenant("demo", () => getActor(office.store.db, "demo", "sales-1"));
    const [customer] = await rows<{ id: string }>(
      "SELECT id FROM customers WHERE tenant_id = ? ORDER BY id LIMIT 1",
      "demo",
    );
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const ctx = humanCall(office.kernel, sales as NonNullable<typeof sales>, "api", "propose_actions");
      const result = await office.kernel.execute(
        "crm.add_note",
        { customerId: customer?.id, body: `${prefix} ${i}` },
        ctx,
      );
      if (result.status !== "proposed") throw new Error(JSON.stringify(result));
      ids.push(result.proposal.id);
    }
    return ids;
  }

  beforeAll(async () => {
    office = await openOffice({ store: await openPgStore({ url, adminUrl, schema }), demoActivity: false });
    token = await withTenant("demo", () =>
      office.store.write((tx) =>
        createToken(tx, { tenantId: "demo", actorId: "founder", mode: "propose_actions", now: new Date() }),
      ),
    );
    // All four start at once: migrations, the idempotent demo seeds and resumes race each other on purpose.
    instances.push(...(await Promise.all(Array.from({ length: INSTANCES }, () => start()))));
  }, 180_000);

  afterAll(async () => {
    for (const instance of instances) instance.child.kill("SIGKILL");
    await office?.shutdown();
    if (ON_POSTGRES) await dropSchemas(adminUrl, [schema]);
  });

  it("reports the backend, pool and migration version on /healthz of every instance", async () => {
    const pids = new Set<number>();
    for (const instance of instances) {
      const health = (await (await fetch(`http://127.0.0.1:${instance.port}/healthz`)).json()) as {
        ok: boolean;
        instance: { pid: number };
        store: { backend: string; migrations: number; pool: { total: number } };
      };
      expect(health.ok).toBe(true);
      expect(health.store.backend).toBe("postgres");
      expect(health.store.migrations).toBeGreaterThanOrEqual(2);
      expect(health.store.pool.total).toBeGreaterThanOrEqual(1);
      pids.add(health.instance.pid);
    }
    expect(pids.size).toBe(INSTANCES);
  });

  it("applies each of 50 proposals exactly once under 200 concurrent approvals from four instances", async () => {
    const ids = await proposeNotes("scale-out note", PROPOSALS);
    const clicks = ids.flatMap((id) => instances.map((instance) => ({ id, instance })));
    expect(clicks).toHaveLength(PROPOSALS * INSTANCES);
    const answers = await Promise.all(clicks.map(({ id, instance }) => post(instance, `/api/proposals/${id}/approve`)));
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);

    const statuses = await rows<{ status: string; n: number }>(
      `SELECT status, count(*) AS n FROM proposals WHERE tenant_id = 'demo' AND id IN (${ids.map(() => "?").join(",")}) GROUP BY status`,
      ...ids,
    );
    expect(statuses).toEqual([{ status: "applied", n: PROPOSALS }]);
    const notes = await rows<{ body: string; n: number }>(
      "SELECT body, count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body LIKE 'scale-out note %' GROUP BY body",
    );
    expect(notes).toHaveLength(PROPOSALS);
    expect(notes.every((n) => n.n === 1)).toBe(true);
    const applied = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'demo' AND outcome = 'applied' AND proposal_id LIKE 'P-%' AND tool = 'crm.add_note'",
    );
    expect(applied[0]?.n).toBe(PROPOSALS);
    const decisions = await rows<{ n: number }>(
      `SELECT count(*) AS n FROM approval_decisions WHERE tenant_id = 'demo' AND proposal_id IN (${ids.map(() => "?").join(",")})`,
      ...ids,
    );
    expect(decisions[0]?.n).toBe(PROPOSALS);
  }, 120_000);

  it("emits each trigger once when a scan starts on all four instances at once", async () => {
    const tenant = await withTenant("demo", () => getTenant(office.store.db, "demo"));
    const params = detectorParams(new Date(), thresholdsOf(tenant?.config ?? {}));
    const conditions = await withTenant("demo", () => countConditions(office.store.db, "demo", params));
    expect(conditions).toBeGreaterThan(0);

    const reports = (await Promise.all(
      instances.map(async (instance) => (await post(instance, "/api/triggers/run")).json()),
    )) as { emitted: { type: string; recordId: string }[]; skipped?: string }[];
    const emitted = reports.flatMap((r) => r.emitted.map((e) => `${e.type}:${e.recordId}`));
    expect(emitted).toHaveLength(conditions);
    expect(new Set(emitted).size).toBe(conditions);

    const open = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM ops_triggers WHERE tenant_id = 'demo' AND status = 'open'",
    );
    expect(open[0]?.n).toBe(conditions);
    const suggested = await rows<{ n: number; distinct: number }>(
      `SELECT count(*) AS n, count(DISTINCT trigger_id) AS "distinct" FROM proposals
       WHERE tenant_id = 'demo' AND trigger_id IS NOT NULL`,
    );
    expect(suggested[0]).toEqual({ n: conditions, distinct: conditions });

    // Again, everywhere at once: nothing new.
    const again = (await Promise.all(
      instances.map(async (instance) => (await post(instance, "/api/triggers/run")).json()),
    )) as { emitted: unknown[] }[];
    expect(again.flatMap((r) => r.emitted)).toEqual([]);
  }, 120_000);

  it("loses nothing and applies nothing twice when an instance is killed (-9) in the middle of an apply", async () => {
    const [id] = await proposeNotes("killed mid-apply", 1);
    const doomed = await start({ OFFICE_FAULT_KILL_AT: "apply-in-transaction" });
    await post(doomed, `/api/proposals/${id}/approve`).catch(() => undefined);
    expect(await doomed.exited).toMatchObject({ signal: "SIGKILL" });

    // The decision committed, the apply rolled back with the dead connection: approved, not applied.
    const mid = await rows<{ status: string }>("SELECT status FROM proposals WHERE tenant_id = 'demo' AND id = ?", id);
    expect(mid).toEqual([{ status: "approved" }]);
    expect(await rows("SELECT id FROM notes WHERE tenant_id = 'demo' AND body = 'killed mid-apply 0'")).toEqual([]);

    // Restart: the instance finishes approved applies on open — once, even with the others also clicking.
    const restarted = await start();
    instances.push(restarted);
    await Promise.all(instances.map((instance) => post(instance, `/api/proposals/${id}/approve`)));
    const after = await rows<{ status: string }>(
      "SELECT status FROM proposals WHERE tenant_id = 'demo' AND id = ?",
      id,
    );
    expect(after).toEqual([{ status: "applied" }]);
    const notes = await rows("SELECT id FROM notes WHERE tenant_id = 'demo' AND body = 'killed mid-apply 0'");
    expect(notes).toHaveLength(1);
  }, 180_000);

  it("finishes a governed change once when the instance running its job is killed (-9) inside the job", async () => {
    const office1 = await withTenant("demo", () => getActor(office.store.db, "demo", "office-1"));
    const filed = await office.kernel.execute(
      "governance.request_change",
      { request: "chase quotes after 5 days not 7" },
      humanCall(office.kernel, office1 as NonNullable<typeof office1>, "api", "propose_actions"),
    );
    expect(filed.status).toBe("ok");
    const { contractId, reviewProposalId } = (filed as { data: { contractId: string; reviewProposalId: string } }).data;
    const doomed = await start({ OFFICE_FAULT_KILL_AT: "job-step-1" });
    await post(doomed, `/api/proposals/${reviewProposalId}/approve`).catch(() => undefined);
    expect(await doomed.exited).toMatchObject({ signal: "SIGKILL" });

    // Restarted, the instance resumes the approved apply and the contract's remaining steps, once.
    instances.push(await start());
    const founder = await withTenant("demo", () => getActor(office.store.db, "demo", "founder"));
    const shown = await office.kernel.execute(
      "governance.show_contract",
      { id: contractId },
      humanCall(office.kernel, founder as NonNullable<typeof founder>, "api", "read_only"),
    );
    const shownData = (shown as { data: { contract: { status: string }; history: { step: string; to: string }[] } })
      .data;
    expect(shownData.contract.status).toBe("COMPLETED");
    const steps = shownData.history.map((h) => `${h.step}:${h.to}`);
    expect(steps.filter((step) => step === "6 activation:ACTIVE")).toHaveLength(1);
    expect(steps.filter((step) => step === "7 governance job:COMPLETED")).toHaveLength(1);
    expect(steps.filter((step) => step.startsWith("10 "))).toEqual(["10 rollout:COMPLETED"]);
    const tenant = await withTenant("demo", () => getTenant(office.store.db, "demo"));
    expect(JSON.stringify(tenant?.config)).toContain('"quoteChaseDays":5');
  }, 180_000);

  it("keeps one valid audit chain per tenant after all of it", async () => {
    for (const tenantId of ["demo", "acme"]) {
      const verdict = await withTenant(tenantId, () => verifyAuditChain(office.store.db, tenantId));
      expect(verdict, tenantId).toMatchObject({ ok: true, brokenAt: null });
    }
    const demo = await withTenant("demo", () => verifyAuditChain(office.store.db, "demo"));
    expect(demo.length).toBeGreaterThan(PROPOSALS * 2);
  });
});
