// Sessions survive a restart: the conversation and its pending proposal are still there after the office reopens,
// and "yes approve that" in the reopened session applies the proposal.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadMessages, loadSession, openSession, runTurn } from "../agent/index.ts";
import { makeOffice } from "./helpers.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a conversation across a restart", () => {
  it("keeps its messages and pending proposal, and 'yes approve that' after reopening applies it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "office-agent-"));
    dirs.push(dir);
    const path = join(dir, "office.db");

    const first = await makeOffice({ path });
    const deps1 = { store: first.store, kernel: first.kernel, primary: null };
    const customerId = await first.firstId("demo", "customers");
    const [customer] = await first.rows<{ name: string }>(
      "demo",
      "SELECT name FROM customers WHERE tenant_id = 'demo' AND id = ?",
      customerId,
    );
    const name = customer?.name ?? "";
    const session = await openSession(deps1, {
      tenantId: "demo",
      actorId: "founder",
      channel: "slack",
      mode: "propose_actions",
      threadRef: "C123/1700000000.0001",
    });
    const turn = await runTurn(deps1, session, `add a note to ${name}: boiler pressure drops overnight`);
    const proposalId = turn.calls.find((c) => c.tool === "crm.add_note")?.proposal?.id;
    expect(proposalId).toMatch(/^P-\d+$/);
    first.close();

    const second = await makeOffice({ path });
    expect(second.seeded).toBe(false);
    const deps2 = { store: second.store, kernel: second.kernel, primary: null };
    const reopened = await openSession(deps2, {
      tenantId: "demo",
      actorId: "founder",
      channel: "slack",
      mode: "propose_actions",
      threadRef: "C123/1700000000.0001",
    });
    expect(reopened.id).toBe(session.id);
    expect(await loadSession(deps2, "demo", session.id)).toMatchObject({ id: session.id, actorId: "founder" });
    expect(await loadSession(deps2, "acme", session.id)).toBeNull();

    const messages = await loadMessages(deps2, reopened);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(messages[0]?.content.text).toContain("boiler pressure drops overnight");
    expect(messages[1]?.content.calls?.some((c) => c.proposal?.id === proposalId)).toBe(true);
    const pending = await second.kernel.listProposals("demo", ["pending"]);
    expect(pending.map((p) => p.id)).toContain(proposalId);

    const approved = await runTurn(deps2, reopened, "yes approve that");
    expect(approved.calls[0]).toMatchObject({ tool: "kernel.decide", input: { proposalId, decision: "approve" } });
    expect(approved.calls[0]?.proposal?.status).toBe("applied");
    const [notes] = await second.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND customer_id = ? AND body = 'boiler pressure drops overnight'",
      customerId,
    );
    expect(notes?.n).toBe(1);
    expect((await loadMessages(deps2, reopened)).length).toBe(4);
    second.close();
  });

  it("another person in the same thread gets their own session, and can approve what the thread proposed", async () => {
    const office = await makeOffice();
    const deps = { store: office.store, kernel: office.kernel, primary: null };
    const customerId = await office.firstId("demo", "customers");
    const [customer] = await office.rows<{ name: string }>(
      "demo",
      "SELECT name FROM customers WHERE tenant_id = 'demo' AND id = ?",
      customerId,
    );
    const name = customer?.name ?? "";
    const thread = { tenantId: "demo", channel: "slack" as const, mode: "propose_actions" as const, threadRef: "T1" };
    const sales = await openSession(deps, { ...thread, actorId: "sales-1" });
    const founder = await openSession(deps, { ...thread, actorId: "founder" });
    expect(founder.id).not.toBe(sales.id);
    const turn = await runTurn(deps, sales, `change ${name}'s email to new.owner@example.com`);
    const proposalId = turn.calls.find((c) => c.tool === "crm.update_customer")?.proposal?.id;
    expect(proposalId).toBeDefined();
    const approved = await runTurn(deps, founder, "approve that");
    expect(approved.calls[0]).toMatchObject({ input: { proposalId }, status: "ok" });
    expect(approved.calls[0]?.proposal?.status).toBe("applied");
    office.close();
  });
});
