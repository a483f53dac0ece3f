// The audit log is a per-tenant hash chain: any altered or deleted row is found and named.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { verifyAuditChain } from "../store/repos/audit.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";
import { testPgUrls } from "./pg.ts";

async function officeWithHistory() {
  const office = await makeOffice();
  const customerId = await office.firstId("demo", "customers");
  for (let i = 0; i < 4; i++) {
    const p = expectStatus(await office.call("sales-1", "crm.add_note", { customerId, body: `note ${i}` }), "proposed");
    expectStatus(await office.decide("founder", p.proposal.id, "approve"), "ok");
  }
  return office;
}

/** verifyAuditChain is a repository call: on PostgreSQL it needs the tenant's scope. */
function verify(office: TestOffice, tenantId: string) {
  return office.scoped(tenantId, () => verifyAuditChain(office.store.db, tenantId));
}

/**
 * Tampers with demo's audit rows past the database's own refusal, as someone with the schema owner's rights could.
 * SQLite: drops the append-only trigger on the raw connection. PostgreSQL: the app role can never do this, so the
 * admin role disables the trigger for one transaction (row-level security still binds the owner, so the tenant is
 * set too), and turns it back on before committing.
 */
async function tamper(office: TestOffice, trigger: "no_update" | "no_delete", sql: string, ...params: unknown[]) {
  if (office.store.backend === "sqlite") {
    office.store.raw.exec(`DROP TRIGGER audit_log_${trigger}`);
    office.store.raw.prepare(sql).run(...params);
    return;
  }
  const schema = office.store.path.replace(/^postgres:/, "");
  const admin = new pg.Client({ connectionString: testPgUrls().adminUrl });
  await admin.connect();
  try {
    await admin.query("BEGIN");
    await admin.query(`SET LOCAL search_path TO "${schema}"`);
    await admin.query("SELECT set_config('app.tenant_id', 'demo', true)");
    await admin.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    let n = 0;
    const changed = await admin.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
    expect(changed.rowCount).toBe(1);
    await admin.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    await admin.query("COMMIT");
  } catch (error) {
    await admin.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await admin.end();
  }
}

describe("audit chain", () => {
  it("verifies on an untouched history, one entry per call and decision", async () => {
    const office = await officeWithHistory();
    const verdict = await verify(office, "demo");
    expect(verdict).toMatchObject({ ok: true, brokenAt: null });
    expect(verdict.length).toBe(12);
    office.close();
  });

  it("the database itself refuses updates and deletes of audit rows", async () => {
    const office = await officeWithHistory();
    await expect(
      office.exec("demo", "UPDATE audit_log SET outcome = 'ok' WHERE tenant_id = 'demo' AND seq = 2"),
    ).rejects.toThrow(/append-only/);
    await expect(office.exec("demo", "DELETE FROM audit_log WHERE tenant_id = 'demo' AND seq = 2")).rejects.toThrow(
      /append-only/,
    );
    expect((await verify(office, "demo")).ok).toBe(true);
    office.close();
  });

  it("altering any row (past the triggers) is detected and the entry named", async () => {
    for (const seq of [1, 5, 12]) {
      const office = await officeWithHistory();
      await tamper(
        office,
        "no_update",
        `UPDATE audit_log SET input = '{"body":"forged"}' WHERE tenant_id = 'demo' AND seq = ?`,
        seq,
      );
      const verdict = await verify(office, "demo");
      expect(verdict).toMatchObject({ ok: false, brokenAt: seq });
      office.close();
    }
  });

  it("deleting a row is detected at the missing sequence", async () => {
    const office = await officeWithHistory();
    await tamper(office, "no_delete", "DELETE FROM audit_log WHERE tenant_id = 'demo' AND seq = ?", 7);
    const verdict = await verify(office, "demo");
    expect(verdict).toMatchObject({ ok: false, brokenAt: 7 });
    office.close();
  });

  it("each tenant has its own chain, so acme's activity never breaks demo's", async () => {
    const office = await officeWithHistory();
    expectStatus(await office.call("founder", "crm.dashboard", {}, { tenantId: "acme" }), "ok");
    expect((await verify(office, "acme")).ok).toBe(true);
    expect((await verify(office, "demo")).length).toBe(12);
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
