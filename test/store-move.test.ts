// `office migrate`: a shop moves from SQLite to PostgreSQL whole — every table's rows, the audit chain intact —
// and a second move into a target that already holds it is refused before anything is copied.
import { afterAll, describe, expect, it } from "vitest";
import { openOffice } from "../server/office.ts";
import { MoveRefused, moveTenant, tenantRowsIn } from "../store/move-tenant.ts";
import { verifyAuditChain } from "../store/repos/audit.ts";
import { withTenant } from "../store/scope.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";
import { ON_POSTGRES, openTestPgStore } from "./pg.ts";

describe.skipIf(!ON_POSTGRES)("moving a shop from SQLite to PostgreSQL", () => {
  const opened: { shutdown(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of opened) await o.shutdown();
  });

  async function busySqliteOffice(): Promise<TestOffice> {
    const source = await makeOffice({ path: ":memory:" }); // SQLite even in the postgres project
    opened.push(source);
    const customerId = await source.firstId("demo", "customers");
    const note = expectStatus(
      await source.call("sales-1", "crm.add_note", { customerId, body: "moved along" }),
      "proposed",
    );
    expectStatus(await source.decide("founder", note.proposal.id, "approve"), "ok");
    await source.kernel.flushAudit();
    return source;
  }

  it("copies every row of the tenant, then verifies counts per table and the audit chain", async () => {
    const source = await busySqliteOffice();
    expect(source.store.backend).toBe("sqlite");
    const target = await openTestPgStore();
    opened.push({ shutdown: () => target.close() });

    const report = await moveTenant(source.store, target, "demo");
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(1000);
    expect(report.tables.filter((t) => t.source !== t.target)).toEqual([]);
    expect(report.tables.find((t) => t.table === "customers")?.target).toBeGreaterThan(0);
    expect(report.audit.target).toMatchObject({ ok: true, length: report.audit.source.length });
    expect(report.audit.source.length).toBeGreaterThan(0);
    // Only the moved tenant arrived.
    expect(report.tables.find((t) => t.table === "tenants")).toEqual({ table: "tenants", source: 1, target: 1 });

    // The moved shop works: an office on the target reads the same customer and the applied note.
    const moved = await openOffice({ store: target, seed: false });
    const customerId = await source.firstId("demo", "customers");
    const founder = await source.actor("demo", "founder");
    const read = await moved.kernel.execute(
      "crm.get_customer",
      { customerId },
      {
        tenantId: "demo",
        actor: founder,
        mode: "read_only",
        channel: "api",
        requestedAt: new Date().toISOString(),
      },
    );
    expect(read.status).toBe("ok");
    expect(JSON.stringify(read)).toContain("moved along");
    const chain = await withTenant("demo", () => verifyAuditChain(target.db, "demo"));
    expect(chain.ok).toBe(true);
  });

  it("refuses to move into a target that already holds the tenant, copying nothing", async () => {
    const source = await busySqliteOffice();
    const target = await openTestPgStore();
    opened.push({ shutdown: () => target.close() });
    const first = await moveTenant(source.store, target, "demo");
    expect(first.ok).toBe(true);

    await expect(moveTenant(source.store, target, "demo")).rejects.toBeInstanceOf(MoveRefused);
    const again = await moveTenant(source.store, target, "acme"); // the other shop still moves
    expect(again.ok).toBe(true);
    const afterRefusal = await withTenant("demo", () => verifyAuditChain(target.db, "demo"));
    expect(afterRefusal).toMatchObject({ ok: true, length: first.audit.source.length });
    const customers = first.tables.find((t) => t.table === "customers")?.target;
    const now = await tenantRowsIn(target, "demo");
    expect(now.find((t) => t.table === "customers")?.target).toBe(customers);
  });
});
