// The audit log is a per-tenant hash chain: any altered or deleted row is found and named.
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../store/repos/audit.ts";
import { expectStatus, makeOffice } from "./helpers.ts";

async function officeWithHistory() {
  const office = await makeOffice();
  const customerId = await office.firstId("demo", "customers");
  for (let i = 0; i < 4; i++) {
    const p = expectStatus(await office.call("sales-1", "crm.add_note", { customerId, body: `note ${i}` }), "proposed");
    expectStatus(await office.decide("founder", p.proposal.id, "approve"), "ok");
  }
  return office;
}

describe("audit chain", () => {
  it("verifies on an untouched history, one entry per call and decision", async () => {
    const office = await officeWithHistory();
    const verdict = await verifyAuditChain(office.store.db, "demo");
    expect(verdict).toMatchObject({ ok: true, brokenAt: null });
    expect(verdict.length).toBe(12);
    office.close();
  });

  it("the database itself refuses updates and deletes of audit rows", async () => {
    const office = await officeWithHistory();
    expect(() => office.store.raw.prepare("UPDATE audit_log SET outcome = 'ok' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => office.store.raw.prepare("DELETE FROM audit_log WHERE seq = 2").run()).toThrow(/append-only/);
    office.close();
  });

  it("altering any row (past the triggers) is detected and the entry named", async () => {
    for (const seq of [1, 5, 12]) {
      const office = await officeWithHistory();
      office.store.raw.exec("DROP TRIGGER audit_log_no_update");
      office.store.raw
        .prepare("UPDATE audit_log SET input = json_object('body', 'forged') WHERE tenant_id = 'demo' AND seq = ?")
        .run(seq);
      const verdict = await verifyAuditChain(office.store.db, "demo");
      expect(verdict).toMatchObject({ ok: false, brokenAt: seq });
      office.close();
    }
  });

  it("deleting a row is detected at the missing sequence", async () => {
    const office = await officeWithHistory();
    office.store.raw.exec("DROP TRIGGER audit_log_no_delete");
    office.store.raw.prepare("DELETE FROM audit_log WHERE tenant_id = 'demo' AND seq = 7").run();
    const verdict = await verifyAuditChain(office.store.db, "demo");
    expect(verdict).toMatchObject({ ok: false, brokenAt: 7 });
    office.close();
  });

  it("each tenant has its own chain, so acme's activity never breaks demo's", async () => {
    const office = await officeWithHistory();
    expectStatus(await office.call("founder", "crm.dashboard", {}, { tenantId: "acme" }), "ok");
    expect((await verifyAuditChain(office.store.db, "acme")).ok).toBe(true);
    expect((await verifyAuditChain(office.store.db, "demo")).length).toBe(12);
    office.close();
  });
});

describe("group commit of read entries", () => {
  it("reads in one tick are chained in call order with the writes around them, and nothing queued is lost on close", async () => {
    const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/audit-`);
    const office = await makeOffice({ path: `${dir}/office.db` });
    const customerId = await office.firstId("demo", "customers");
    await office.call("founder", "crm.dashboard", {});
    await office.call("founder", "crm.get_customer", { customerId });
    const p = expectStatus(
      await office.call("sales-1", "crm.add_note", { customerId, body: "between reads" }),
      "proposed",
    );
    await office.call("founder", "crm.weekly_summary", {});
    office.close(); // the last read is still queued: close must write it
    const again = await makeOffice({ path: `${dir}/office.db` });
    const tools = (
      again.store.raw.prepare("SELECT tool FROM audit_log WHERE tenant_id = 'demo' ORDER BY seq").all() as {
        tool: string;
      }[]
    ).map((r) => r.tool);
    expect(tools).toEqual(["crm.dashboard", "crm.get_customer", "crm.add_note", "crm.weekly_summary"]);
    expect(p.proposal.id).toMatch(/^P-/);
    expect((await verifyAuditChain(again.store.db, "demo")).ok).toBe(true);
    again.close();
  });
});
