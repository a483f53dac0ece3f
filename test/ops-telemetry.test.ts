// Telemetry against a scenario with known answers: the demo business is scanned, people approve and reject some of
// the suggestions at set times, one apply fails on a stale record, and ops.telemetry (and GET /api/telemetry.json)
// must report exactly those counts, rates and decision times — for this business only.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../server/app.ts";
import { rawAll, rawRun } from "../store/raw.ts";
import { createToken } from "../store/repos/tenants.ts";
import { TELEMETRY_QUERIES } from "../store/repos/telemetry.ts";
import { opsCounters } from "../tools/ops/counters.ts";
import { scanTenant } from "../tools/ops/scan.ts";
import type { Telemetry } from "../tools/ops/telemetry.ts";
import { TRIGGER_LABELS, TRIGGER_TYPES } from "../tools/ops/thresholds.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";
import { ON_POSTGRES } from "./pg.ts";

const MINUTE = 60_000;
const opened: TestOffice[] = [];
afterEach(() => {
  for (const office of opened.splice(0)) office.close();
});

async function open(): Promise<TestOffice> {
  const office = await makeOffice();
  opened.push(office);
  return office;
}

async function telemetry(office: TestOffice, actorId = "founder", tenantId = "demo"): Promise<Telemetry> {
  return expectStatus(await office.call(actorId, "ops.telemetry", {}, { tenantId }), "ok").data as Telemetry;
}

/** Advances the clock to `minutes` after the scan. */
function at(office: TestOffice, start: Date, minutes: number): void {
  office.clock.now = new Date(start.getTime() + minutes * MINUTE);
}

describe("ops.telemetry on a scanned demo business", () => {
  it("counts triggers, scans, decisions, rates, decision times, applies and refusals exactly as they happened", async () => {
    const office = await open();
    const start = office.clock.now;
    const countersBefore = opsCounters.snapshot("demo");
    const first = await scanTenant(office.kernel, "demo");
    const second = await scanTenant(office.kernel, "demo");
    expect(first.suggestions.length).toBeGreaterThan(5);
    expect(second.emitted).toEqual([]);
    const [s1, s2, s3, s4, s5] = first.suggestions as [string, string, string, string, string];

    // Two changes to the same customer, asked by a salesperson at the scan time: the second goes stale.
    const customerId = await office.firstId("demo", "customers");
    const phone = expectStatus(
      await office.call("sales-1", "crm.update_customer", { customerId, patch: { phone: "303 555 0166" } }),
      "proposed",
    ).proposal.id;
    const email = expectStatus(
      await office.call("sales-1", "crm.update_customer", { customerId, patch: { email: "new@example.com" } }),
      "proposed",
    ).proposal.id;

    at(office, start, 10);
    expectStatus(await office.decide("founder", s1, "approve"), "ok");
    at(office, start, 20);
    expectStatus(await office.decide("founder", s2, "approve"), "ok");
    at(office, start, 30);
    expectStatus(await office.decide("office-1", s3, "reject"), "ok");
    // A salesperson may not decide a suggestion (refused forbidden); a bad call is refused invalid_input.
    expectStatus(await office.decide("sales-1", s4, "approve"), "refused");
    expectStatus(await office.call("sales-1", "crm.add_note", { customerId, body: "" }), "refused");
    at(office, start, 60);
    expectStatus(await office.decide("sales-manager-1", s4, "approve"), "ok");
    at(office, start, 120);
    expectStatus(await office.decide("founder", s5, "reject"), "ok");
    expectStatus(await office.decide("office-1", phone, "approve"), "ok");
    const stale = await office.decide("office-1", email, "approve");
    expect(stale.proposal?.status).toBe("failed");

    const t = await telemetry(office);

    // Triggers: what the scan emitted, by type, all still open; every type has a row with its label.
    const emittedByType = new Map<string, number>();
    for (const e of first.emitted) emittedByType.set(e.type, (emittedByType.get(e.type) ?? 0) + 1);
    expect(t.triggers.total).toBe(first.emitted.length);
    expect(t.triggers.open).toBe(first.emitted.length);
    expect(t.triggers.byType.map((x) => x.type)).toEqual([...TRIGGER_TYPES]);
    for (const row of t.triggers.byType) {
      expect(row, row.type).toEqual({
        type: row.type,
        label: TRIGGER_LABELS[row.type as keyof typeof TRIGGER_LABELS],
        total: emittedByType.get(row.type) ?? 0,
        open: emittedByType.get(row.type) ?? 0,
      });
    }

    // Scans: two finished; the last one's duration is the second scan's; the median of two is the shorter.
    expect(t.scans.count).toBe(2);
    expect(t.scans.finished).toBe(2);
    expect(t.scans.lastDurationMs).toBeCloseTo(second.durationMs, 6);
    expect(t.scans.p50DurationMs).toBeCloseTo(Math.min(first.durationMs, second.durationMs), 6);

    // Suggestions: 3 approved (all applied), 2 rejected → 60% / 40%; minutes 10, 20, 30, 60, 120 → p50 30, p90 120.
    const n = first.suggestions.length;
    expect(t.suggestions).toEqual({
      total: n,
      byStatus: { pending: n - 5, applied: 3, rejected: 2 },
      approved: 3,
      rejected: 2,
      approvalRate: 0.6,
      rejectionRate: 0.4,
      autoApproved: 0,
      timeToDecisionMinutes: { decided: 5, p50: 30, p90: 120 },
      applied: 3,
      failed: 0,
    });

    // All proposals add the salesperson's two changes, decided at 120 minutes: one applied, one failed (stale).
    // Minutes 10, 20, 30, 60, 120, 120, 120 → p50 60, p90 120; 5 of 7 decisions approvals.
    expect(t.proposals).toEqual({
      total: n + 2,
      byStatus: { pending: n - 5, applied: 4, rejected: 2, failed: 1 },
      approved: 5,
      rejected: 2,
      approvalRate: 0.714,
      rejectionRate: 0.286,
      autoApproved: 0,
      timeToDecisionMinutes: { decided: 7, p50: 60, p90: 120 },
      applied: 4,
      failed: 1,
    });

    // Refusals from the audit trail, by failure class (the stale apply is a failure, not a refusal).
    expect(t.refusals).toEqual({
      total: 2,
      byClass: [
        { class: "forbidden", count: 1 },
        { class: "invalid_input", count: 1 },
      ],
    });
    expect(t.governance).toEqual({ contractsByStatus: {}, openIncidents: 0, openIncidentsByKind: {} });

    // This process's counters: the scan wrote one template suggestion per trigger and called no model.
    const before = countersBefore.suggestionsBySource.template ?? 0;
    expect(t.process.suggestionsBySource.template).toBe(before + n);
    expect(t.process.modelCalls).toBe(countersBefore.modelCalls);
  });

  it("counts governed changes and open incidents, model fallbacks, and leaves rule approvals out of the rates", async () => {
    const office = await open();
    const countersBefore = opsCounters.snapshot("demo");
    // A model that never answers usefully: every suggestion it is asked for falls back to the offline template.
    let asked = 0;
    await scanTenant(office.kernel, "demo", {
      suggester: {
        name: "broken",
        suggest: () => {
          asked++;
          return Promise.reject(new Error("model down"));
        },
      },
    });
    expect(asked).toBeGreaterThan(0);
    // A markup below the margin floor runs, fails its health check and rolls back with an incident; another change
    // waits as a draft for the founder.
    const failing = expectStatus(
      await office.call("office-1", "governance.request_change", { request: "set the markup on equipment to 15%" }),
      "ok",
    ).data as { reviewProposalId: string };
    expectStatus(await office.decide("founder", failing.reviewProposalId, "approve"), "ok");
    expectStatus(
      await office.call("office-1", "governance.request_change", { request: "chase quotes after 5 days not 7" }),
      "ok",
    );

    const t = await telemetry(office);
    expect(t.governance.contractsByStatus).toEqual({ FAILED: 1, DRAFT: 1 });
    expect(t.governance.openIncidents).toBe(1);
    expect(t.governance.openIncidentsByKind).toEqual({ rollback: 1 });
    // Filing a change request is approved by a listed rule: counted apart, not as a person's instant approval.
    expect(t.proposals.autoApproved).toBeGreaterThanOrEqual(2);
    expect(t.proposals.approved).toBe(1);
    expect(t.proposals.timeToDecisionMinutes.decided).toBe(1);
    expect(t.process.modelCalls - countersBefore.modelCalls).toBe(asked);
    expect(t.process.modelFallbacks - countersBefore.modelFallbacks).toBe(asked);
  });

  it("another business sees only its own figures; a salesperson and a technician may not read telemetry", async () => {
    const office = await open();
    await scanTenant(office.kernel, "demo");
    const acme = await telemetry(office, "founder", "acme");
    expect(acme.tenantId).toBe("acme");
    expect(acme.scans.count).toBe(0);
    expect(acme.triggers.total).toBe(0);
    expect(acme.suggestions.total).toBe(0);
    for (const actorId of ["sales-1", "tech-1"]) {
      const refused = expectStatus(await office.call(actorId, "ops.telemetry", {}), "refused");
      expect(refused.failure.class).toBe("forbidden");
    }
  });

  it("GET /api/telemetry.json serves the founder's figures and refuses a salesperson's token", async () => {
    const office = await open();
    const report = await scanTenant(office.kernel, "demo");
    const app = createApp(office, { log: () => undefined });
    const token = (actorId: string) =>
      office.scoped("demo", () =>
        office.store.write((tx) =>
          createToken(tx, { tenantId: "demo", actorId, mode: "read_only", now: office.clock.now }),
        ),
      );
    const ok = await app.request("/api/telemetry.json", {
      headers: { authorization: `Bearer ${await token("founder")}` },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Telemetry;
    expect(body.triggers.total).toBe(report.emitted.length);
    expect(body.suggestions.byStatus).toEqual({ pending: report.suggestions.length });
    const refused = await app.request("/api/telemetry.json", {
      headers: { authorization: `Bearer ${await token("sales-1")}` },
    });
    expect(refused.status).toBe(403);
    expect((await app.request("/api/telemetry.json")).status).toBe(401);
  });

  // SQLite's EXPLAIN QUERY PLAN on its raw handle; PostgreSQL's planner picks scans by table size, not a fixed plan.
  it.skipIf(ON_POSTGRES)("every telemetry query starts on one of the tenant's indexes", async () => {
    const office = await open();
    for (const [name, sql] of Object.entries(TELEMETRY_QUERIES)) {
      const params = ["demo", 1].slice(0, (sql.match(/\?/g) ?? []).length);
      const plan = (office.store.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .filter((detail) => /^(SCAN|SEARCH) (?!\(|r\b)/.test(detail));
      expect(plan.length, name).toBeGreaterThan(0);
      for (const step of plan) expect(step, name).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX \w+ \(tenant_id=\?/);
    }
  });

  // The PostgreSQL counterpart: with sequential scans priced out, every table the query reads must still be reached
  // through an index searched on tenant_id (the demo's tables are small enough that the planner would scan them).
  it.runIf(ON_POSTGRES)(
    "on PostgreSQL every telemetry query can read each table through a tenant_id index",
    async () => {
      const office = await open();
      type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };
      const tableReads = (node: PlanNode, into: PlanNode[] = []): PlanNode[] => {
        if (node["Relation Name"]) into.push(node);
        for (const child of node.Plans ?? []) tableReads(child, into);
        return into;
      };
      const indexConds = (node: PlanNode): string[] => [
        ...(node["Index Cond"] ? [node["Index Cond"]] : []),
        ...(node.Plans ?? []).flatMap(indexConds),
      ];
      for (const [name, sql] of Object.entries(TELEMETRY_QUERIES)) {
        const params = ["demo", 1].slice(0, (sql.match(/\?/g) ?? []).length);
        const [row] = await office.scoped("demo", () =>
          office.store.write(async (tx) => {
            await rawRun(tx, "SET LOCAL enable_seqscan = off");
            return rawAll<{ "QUERY PLAN": { Plan: PlanNode }[] }>(tx, `EXPLAIN (FORMAT JSON) ${sql}`, ...params);
          }),
        );
        const plan = row?.["QUERY PLAN"][0]?.Plan;
        if (!plan) throw new Error(`no plan for ${name}`);
        const reads = tableReads(plan);
        expect(reads.length, name).toBeGreaterThan(0);
        for (const read of reads) {
          const where = `${name}: ${read["Node Type"]} on ${read["Relation Name"]}`;
          expect(["Index Scan", "Index Only Scan", "Bitmap Heap Scan"], where).toContain(read["Node Type"]);
          expect(indexConds(read).join(" "), where).toMatch(/\btenant_id = /);
        }
      }
    },
  );
});
