// The spine end to end: proposals, approvals, safe apply exactly once, expiry, edits, stale records, audit.
import { describe, expect, it } from "vitest";
import { listQuarantine } from "../store/repos/quarantine.ts";
import { expectStatus, makeOffice } from "./helpers.ts";

function auditRows(office: Awaited<ReturnType<typeof makeOffice>>, proposalId: string) {
  return office.rows<{ outcome: string; actorId: string | null; reviewer: string | null }>(
    "demo",
    `SELECT outcome, actor_id AS "actorId", reviewer FROM audit_log WHERE tenant_id = 'demo' AND proposal_id = ? ORDER BY seq`,
    proposalId,
  );
}

describe("a salesperson's customer change", () => {
  it("is proposed, changes nothing, cannot be self-approved, applies once on the founder's approval, and is audited", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const before = expectStatus(await office.call("sales-1", "crm.get_customer", { customerId }), "ok");

    const key = "retry-me-once";
    const proposed = expectStatus(
      await office.call(
        "sales-1",
        "crm.update_customer",
        { customerId, patch: { phone: "(720) 555-0111" } },
        { idempotencyKey: key },
      ),
      "proposed",
    );
    expect(proposed.proposal.risk).toBe("medium");
    expect(proposed.proposal.approver.roles).toEqual(["founder", "office"]);
    expect(proposed.proposal.preview.changes[0]).toMatchObject({ field: "phone", after: "(720) 555-0111" });

    const unchanged = expectStatus(await office.call("sales-1", "crm.get_customer", { customerId }), "ok");
    expect(unchanged.data).toMatchObject({
      customer: { phone: (before.data as { customer: { phone: string } }).customer.phone },
    });

    const selfApproval = expectStatus(await office.decide("sales-1", proposed.proposal.id, "approve"), "refused");
    expect(selfApproval.failure.class).toBe("forbidden");

    const applied = expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok");
    expect(applied.proposal?.status).toBe("applied");

    const again = expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok");
    expect(again.proposal?.status).toBe("applied");
    const replay = expectStatus(
      await office.call(
        "sales-1",
        "crm.update_customer",
        { customerId, patch: { phone: "(720) 555-0111" } },
        { idempotencyKey: key },
      ),
      "proposed",
    );
    expect(replay.proposal).toMatchObject({ id: proposed.proposal.id, status: "applied" });

    const after = expectStatus(await office.call("office-1", "crm.get_customer", { customerId }), "ok");
    expect(after.data).toMatchObject({ customer: { phone: "(720) 555-0111", version: 2 } });

    const trail = await auditRows(office, proposed.proposal.id);
    expect(trail.map((r) => r.outcome)).toEqual(["proposed", "refused", "approved", "applied"]);
    expect(trail.filter((r) => r.outcome === "applied")).toHaveLength(1);
    expect(trail[2]?.reviewer).toBe("founder");
    office.close();
  });

  it("reusing an idempotency key for a different change is a conflict, not a second proposal", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    expectStatus(
      await office.call("sales-1", "crm.add_note", { customerId, body: "first" }, { idempotencyKey: "k1" }),
      "proposed",
    );
    const clash = expectStatus(
      await office.call("sales-1", "crm.add_note", { customerId, body: "second" }, { idempotencyKey: "k1" }),
      "refused",
    );
    expect(clash.failure.class).toBe("duplicate_or_conflict");
    office.close();
  });
});

describe("who may approve", () => {
  it("a low-risk note can be approved by the person who asked with one tap", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(
      await office.call("tech-1", "crm.add_note", { customerId, body: "gate code 4411" }),
      "proposed",
    );
    const applied = expectStatus(await office.decide("tech-1", p.proposal.id, "approve"), "ok");
    expect(applied.data).toMatchObject({ body: "gate code 4411", authorId: "tech-1" });
    office.close();
  });

  it("a model, an MCP client or the system can never approve, even a low-risk note", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(await office.call("office-1", "crm.add_note", { customerId, body: "x" }), "proposed");
    for (const who of ["ai-client", "system"]) {
      const refused = expectStatus(await office.decide(who, p.proposal.id, "approve"), "refused");
      expect(refused.failure.class).toBe("forbidden");
    }
    const still = await office.kernel.getProposal("demo", p.proposal.id);
    expect(still?.status).toBe("pending");
    office.close();
  });

  it("no caller can hold apply_allowed: execute refuses it outright", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    for (const id of ["founder", "ai-client", "system"]) {
      const actor = await office.actor("demo", id);
      const result = await office.kernel.execute(
        "crm.add_note",
        { customerId, body: "direct write" },
        {
          tenantId: "demo",
          actor,
          mode: "apply_allowed",
          channel: "mcp",
          requestedAt: office.clock.now.toISOString(),
          idempotencyKey: `direct-${id}`,
          evidenceRefs: ["msg-1"],
        },
      );
      expect(expectStatus(result, "refused").failure.class).toBe("forbidden");
    }
    const [notes] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body = 'direct write'",
    );
    expect(notes?.n).toBe(0);
    office.close();
  });
});

describe("audit gaps", () => {
  it("a write without actor, timestamp, idempotency key, or (from a machine) evidence is refused and its raw request kept", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const founder = await office.actor("demo", "founder");
    const aiClient = await office.actor("demo", "ai-client");
    const now = office.clock.now.toISOString();
    const input = { customerId, body: "needs evidence" };
    const cases = [
      { tenantId: "demo", actor: null, mode: "propose_actions", channel: "api", requestedAt: now, idempotencyKey: "a" },
      { tenantId: "demo", actor: founder, mode: "propose_actions", channel: "api", idempotencyKey: "b" },
      { tenantId: "demo", actor: founder, mode: "propose_actions", channel: "api", requestedAt: now },
      {
        tenantId: "demo",
        actor: aiClient,
        mode: "propose_actions",
        channel: "mcp",
        requestedAt: now,
        idempotencyKey: "c",
      },
      {
        tenantId: "demo",
        actor: founder,
        mode: "propose_actions",
        channel: "web",
        requestedAt: now,
        idempotencyKey: "d",
        initiatedBy: "model",
      },
    ] as const;
    for (const ctx of cases) {
      const result = await office.kernel.execute("crm.add_note", input, { ...ctx });
      expect(expectStatus(result, "refused").failure.class).toBe("audit_gap");
    }
    const kept = await office.scoped("demo", () => listQuarantine(office.store.db, "demo"));
    expect(kept).toHaveLength(cases.length);
    expect(kept.every((k) => JSON.stringify(k.raw).includes("needs evidence"))).toBe(true);

    const withEvidence = await office.kernel.execute("crm.add_note", input, {
      tenantId: "demo",
      actor: aiClient,
      mode: "propose_actions",
      channel: "mcp",
      requestedAt: now,
      idempotencyKey: "e",
      evidenceRefs: ["transcript:call-17"],
      reasoning: "Caller asked for a note",
    });
    expect(expectStatus(withEvidence, "proposed").proposal.status).toBe("pending");
    office.close();
  });
});

describe("proposal lifecycle", () => {
  it("an expired proposal cannot be approved", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(await office.call("sales-1", "crm.add_note", { customerId, body: "late" }), "proposed");
    office.clock.advance(7 * 86_400_000 + 1000);
    const refused = expectStatus(await office.decide("founder", p.proposal.id, "approve"), "refused");
    expect(refused.failure.class).toBe("expired");
    expect((await office.kernel.getProposal("demo", p.proposal.id))?.status).toBe("expired");
    office.close();
  });

  it("an edited proposal supersedes the old one and needs its own approval", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(
      await office.call("sales-1", "crm.update_customer", { customerId, patch: { email: "one@example.com" } }),
      "proposed",
    );
    const founder = await office.actor("demo", "founder");
    const edited = expectStatus(
      await office.kernel.editProposal(
        "demo",
        p.proposal.id,
        { customerId, patch: { email: "two@example.com" } },
        founder,
        "web",
      ),
      "proposed",
    );
    expect(edited.proposal).toMatchObject({ version: 2, supersedes: p.proposal.id, status: "pending" });
    const old = expectStatus(await office.decide("founder", p.proposal.id, "approve"), "refused");
    expect(old.failure.class).toBe("duplicate_or_conflict");
    expect(old.failure.reason).toContain(edited.proposal.id);
    expectStatus(await office.decide("office-1", edited.proposal.id, "approve"), "ok");
    const now = expectStatus(await office.call("office-1", "crm.get_customer", { customerId }), "ok");
    expect(now.data).toMatchObject({ customer: { email: "two@example.com" } });
    office.close();
  });

  it("a record changed after the preview was built gives duplicate_or_conflict on apply, not a silent overwrite", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const first = expectStatus(
      await office.call("sales-1", "crm.update_customer", { customerId, patch: { email: "first@example.com" } }),
      "proposed",
    );
    const second = expectStatus(
      await office.call("sales-2", "crm.update_customer", { customerId, patch: { email: "second@example.com" } }),
      "proposed",
    );
    expectStatus(await office.decide("founder", second.proposal.id, "approve"), "ok");
    const conflict = expectStatus(await office.decide("founder", first.proposal.id, "approve"), "refused");
    expect(conflict.failure.class).toBe("duplicate_or_conflict");
    expect(conflict.proposal?.status).toBe("failed");
    const now = expectStatus(await office.call("office-1", "crm.get_customer", { customerId }), "ok");
    expect(now.data).toMatchObject({ customer: { email: "second@example.com" } });
    office.close();
  });

  it("a rejected proposal changes nothing and records the decision", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(await office.call("sales-1", "crm.add_note", { customerId, body: "reject me" }), "proposed");
    const rejected = expectStatus(await office.decide("office-1", p.proposal.id, "reject"), "ok");
    expect(rejected.proposal?.status).toBe("rejected");
    const [notes] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body = 'reject me'",
    );
    expect(notes?.n).toBe(0);
    const decisions = await office.rows(
      "demo",
      "SELECT decision FROM approval_decisions WHERE tenant_id = 'demo' AND proposal_id = ?",
      p.proposal.id,
    );
    expect(decisions).toEqual([{ decision: "reject" }]);
    office.close();
  });

  it("an approval left unapplied by a crash is finished exactly once on restart", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(
      await office.call("sales-1", "crm.add_note", { customerId, body: "after crash" }),
      "proposed",
    );
    // Simulate the crash window: the decision is recorded, the apply never ran.
    await office.exec(
      "demo",
      "UPDATE proposals SET status = 'approved', decided_by = 'founder' WHERE tenant_id = 'demo' AND id = ?",
      p.proposal.id,
    );
    expect(await office.kernel.resumeApproved("demo")).toEqual([p.proposal.id]);
    expect(await office.kernel.resumeApproved("demo")).toEqual([]);
    const [notes] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body = 'after crash'",
    );
    expect(notes?.n).toBe(1);
    office.close();
  });
});

describe("health", () => {
  for (const state of [
    { label: "a frozen tenant (sev0_stop)", sql: "UPDATE tenants SET status = 'sev0_stop' WHERE id = 'demo'" },
    { label: "a degraded store", sql: "UPDATE tenants SET adapter_health = 'degraded' WHERE id = 'demo'" },
  ]) {
    it(`${state.label} refuses writes and approvals but keeps serving real reads`, async () => {
      const office = await makeOffice();
      const customerId = await office.firstId("demo", "customers");
      const pending = expectStatus(
        await office.call("sales-1", "crm.add_note", { customerId, body: "before" }),
        "proposed",
      );
      expect(await office.exec("demo", state.sql)).toBe(1);
      const write = expectStatus(
        await office.call("founder", "crm.add_note", { customerId, body: "during" }),
        "refused",
      );
      expect(write.failure.class).toBe("adapter_unavailable");
      const approve = expectStatus(await office.decide("founder", pending.proposal.id, "approve"), "refused");
      expect(approve.failure.class).toBe("adapter_unavailable");
      const read = expectStatus(await office.call("founder", "crm.get_customer", { customerId }), "ok");
      expect(read.data).toMatchObject({ customer: { id: customerId } });
      const profile = expectStatus(await office.call("founder", "crm.business_profile", {}), "ok");
      expect(profile.data).toMatchObject({ writesEnabled: false, name: "Trade Office OS Demo" });
      office.close();
    });
  }
});

describe("decisions are re-checked in the kernel whatever the channel", () => {
  it("a read-only session can neither approve, reject nor edit", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(await office.call("sales-1", "crm.add_note", { customerId, body: "ro" }), "proposed");
    const founder = await office.actor("demo", "founder");
    for (const decision of ["approve", "reject"] as const) {
      const r = await office.kernel.decide("demo", p.proposal.id, decision, founder, "web", undefined, "read_only");
      expect(expectStatus(r, "refused").failure.class).toBe("forbidden");
    }
    const edit = await office.kernel.editProposal(
      "demo",
      p.proposal.id,
      { customerId, body: "x" },
      founder,
      "web",
      "read_only",
    );
    expect(expectStatus(edit, "refused").failure.class).toBe("forbidden");
    expect((await office.kernel.getProposal("demo", p.proposal.id))?.status).toBe("pending");
    office.close();
  });

  it("a late reject of an approved or applied proposal changes nothing", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const p = expectStatus(
      await office.call("sales-1", "crm.add_note", { customerId, body: "late reject" }),
      "proposed",
    );
    expectStatus(await office.decide("founder", p.proposal.id, "approve"), "ok");
    const late = expectStatus(await office.decide("office-1", p.proposal.id, "reject"), "refused");
    expect(late.failure.class).toBe("duplicate_or_conflict");
    expect((await office.kernel.getProposal("demo", p.proposal.id))?.status).toBe("applied");
    office.close();
  });
});
