// An MCP client trying to step outside its token: another tenant's ids, writes in read_only, and every way to
// approve it can think of. Nothing it does may apply a change; at most it leaves pending proposals for a person.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appliedProposals,
  connectInMemory,
  countProposals,
  envelopeOf,
  textOf,
  tokenFor,
} from "./fixtures-mcp/clients.ts";
import { listTenantIds } from "../store/repos/tenants.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;

beforeEach(async () => {
  office = await makeOffice();
});
afterEach(() => {
  office.close();
});

async function acmeCustomer(): Promise<{ id: string; name: string }> {
  const [row] = await office.rows<{ id: string; name: string }>(
    "acme",
    "SELECT id, name FROM customers WHERE tenant_id = 'acme' ORDER BY id LIMIT 1",
  );
  if (!row) throw new Error("no acme customer");
  return row;
}

describe("MCP adversarial client", () => {
  it("another tenant's customer id is not found, and nothing of that tenant leaks", async () => {
    const foreign = await acmeCustomer();
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    for (const [name, args] of [
      ["crm.get_customer", { customerId: foreign.id }],
      ["crm.add_note", { customerId: foreign.id, body: "cross-tenant note" }],
      ["crm.update_customer", { customerId: foreign.id, patch: { status: "inactive" } }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, name).toBe(true);
      expect(envelopeOf(result).failure?.class, name).toBe("not_found");
      expect(JSON.stringify(result)).not.toContain(foreign.name);
    }
    expect((await countProposals(office, "demo")) + (await countProposals(office, "acme"))).toBe(0);
    await client.close();
  });

  it("the ai-client token is refused another tenant's id (not found when the tool is its to call)", async () => {
    const foreign = await acmeCustomer();
    const client = await connectInMemory(office, await tokenFor(office, "ai-client", "propose_actions"));
    const listed = (await client.listTools()).tools.map((t) => t.name);
    expect(listed.sort()).toEqual(
      office.kernel.registry
        .visibleTo("ai_client", "propose_actions")
        .map((t) => t.name)
        .sort(),
    );
    const result = await client.callTool({ name: "crm.get_customer", arguments: { customerId: foreign.id } });
    expect(result.isError).toBe(true);
    // The kernel checks role before tenant: a tool the ai_client role may not use is "forbidden" for any id.
    expect(envelopeOf(result).failure?.class).toBe(listed.includes("crm.get_customer") ? "not_found" : "forbidden");
    expect(JSON.stringify(result)).not.toContain(foreign.name);
    await client.close();
  });

  it("read_only tokens cannot write by calling a tool by name", async () => {
    const customerId = await office.firstId("demo", "customers");
    for (const actorId of ["ai-client", "sales-1", "founder"]) {
      const client = await connectInMemory(office, await tokenFor(office, actorId, "read_only"));
      for (const [name, args] of [
        ["crm.add_note", { customerId, body: "read-only write" }],
        ["crm.update_customer", { customerId, patch: { phone: "(303) 555-0100" } }],
        ["crm.create_task", { customerId, title: "call back" }],
      ] as const) {
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError, `${actorId} ${name}`).toBe(true);
        expect(envelopeOf(result).status).toBe("refused");
      }
      await client.close();
    }
    expect(await countProposals(office)).toBe(0);
  });

  it("there is no way to approve from MCP: no tool, no _meta flag, no approval smuggled into arguments", async () => {
    const customerId = await office.firstId("demo", "customers");
    const sales = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const founder = await connectInMemory(office, await tokenFor(office, "founder", "propose_actions"));
    const ai = await connectInMemory(office, await tokenFor(office, "ai-client", "propose_actions"));

    const proposed = envelopeOf(
      await sales.callTool({ name: "crm.add_note", arguments: { customerId, body: "low risk, self-approvable" } }),
    );
    const proposalId = proposed.proposal?.id ?? "";
    expect(proposalId).toMatch(/^P-\d+$/);

    for (const client of [sales, founder, ai]) {
      for (const name of ["kernel.decide", "crm.approve_proposal", "approve", "decide", "proposals.approve"]) {
        const result = await client.callTool({ name, arguments: { proposalId, decision: "approve" } });
        expect(result.isError, name).toBe(true);
        expect(envelopeOf(result).failure?.class).toBe("not_found");
      }
      // An approval claimed in _meta or smuggled into the arguments is not an approval.
      const smuggled = await client.callTool({
        name: "crm.add_note",
        arguments: { customerId, body: "approved already", approved: true, status: "approved" },
        _meta: { approved: true, approvedBy: "founder", decision: "approve", proposalId },
      });
      expect(envelopeOf(smuggled).status).not.toBe("ok");
      expect(textOf(smuggled)).not.toMatch(/applied/i);
    }
    // Even the founder's own token proposes; it never applies.
    const founderWrite = envelopeOf(
      await founder.callTool({ name: "crm.update_customer", arguments: { customerId, patch: { status: "past" } } }),
    );
    expect(founderWrite.status).toBe("proposed");

    expect(await appliedProposals(office)).toBe(0);
    expect((await office.kernel.getProposal("demo", proposalId))?.status).toBe("pending");
    // Every business of the office: no decision was recorded anywhere.
    for (const tenantId of await listTenantIds(office.store.db)) {
      const [decisions] = await office.rows<{ n: number }>(
        tenantId,
        "SELECT count(*) AS n FROM approval_decisions WHERE tenant_id = ?",
        tenantId,
      );
      expect(decisions?.n, tenantId).toBe(0);
    }
    for (const client of [sales, founder, ai]) await client.close();
  });
});
