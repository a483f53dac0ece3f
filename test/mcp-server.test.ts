// The MCP channel end to end over the SDK's own Client (in memory): tool list by role and mode, annotations,
// reads answered, writes turned into proposals nobody on MCP can approve, read_only sessions that cannot write.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { anyEntityId } from "../store/repos/entities.ts";
import { type AnyTool, withValueAtPath } from "../tools/kernel/index.ts";
import { type TestOffice, makeOffice } from "./helpers.ts";
import { connectInMemory, countProposals, envelopeOf, textOf, tokenFor } from "./fixtures-mcp/clients.ts";

let office: TestOffice;

beforeEach(async () => {
  office = await makeOffice();
});
afterEach(() => {
  office.close();
});

/** The tool's example input with every ref path filled by a real demo id of that kind. */
async function exampleFor(tool: AnyTool): Promise<Record<string, unknown> | null> {
  let input: unknown = tool.example;
  for (const [path, kind] of Object.entries(tool.refs ?? {})) {
    const id = await office.scoped("demo", () => anyEntityId(office.store.db, "demo", kind));
    // This office is seeded without demo activity (no transcript, no staged import); the registry matrix covers those.
    if (!id) return null;
    input = withValueAtPath(input, path, id);
  }
  return input as Record<string, unknown>;
}

async function customerRow(id: string): Promise<{ id: string; name: string; phone: string | null; version: number }> {
  const [row] = await office.rows<{ id: string; name: string; phone: string | null; version: number }>(
    "demo",
    "SELECT id, name, phone, version FROM customers WHERE tenant_id = ? AND id = ?",
    "demo",
    id,
  );
  if (!row) throw new Error(`no customer ${id}`);
  return row;
}

describe("MCP tool list", () => {
  it("a salesperson's propose_actions token lists the crm tools with annotations from each tool's effect", async () => {
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    const expected = office.kernel.registry.visibleTo("salesperson", "propose_actions").map((t) => t.name);
    expect(names.sort()).toEqual([...expected].sort());
    expect(names).toContain("crm.search_customers");
    expect(names).toContain("crm.update_customer");

    const search = tools.find((t) => t.name === "crm.search_customers");
    expect(search?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    expect(search?.title).toBe("Search customers");
    expect(search?.inputSchema.properties).toHaveProperty("query");
    expect(search?.outputSchema?.type).toBe("object");
    const update = tools.find((t) => t.name === "crm.update_customer");
    expect(update?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: false });
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint).toBe(office.kernel.registry.get(tool.name)?.effect === "read");
    }
    await client.close();
  });

  it("no MCP session is ever offered a tool that approves or decides", async () => {
    for (const actorId of ["founder", "office-1", "sales-1"]) {
      const client = await connectInMemory(office, await tokenFor(office, actorId, "propose_actions"));
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      expect(tools.filter((t) => /approve|decide|decision|apply/i.test(t.name))).toEqual([]);
      await client.close();
    }
  });

  it("a read_only token lists only reads", async () => {
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "read_only"));
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain("crm.add_note");
    expect(tools.map((t) => t.name)).not.toContain("crm.update_customer");
    await client.close();
  });
});

describe("MCP tool calls", () => {
  it("a search returns the customers as structuredContent and as JSON text", async () => {
    const customerId = await office.firstId("demo", "customers");
    const { name } = await customerRow(customerId);
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const result = await client.callTool({ name: "crm.search_customers", arguments: { query: name } });
    expect(result.isError).toBeFalsy();
    const envelope = envelopeOf(result);
    expect(envelope.status).toBe("ok");
    const customers = (envelope.data as { customers: { id: string }[] }).customers;
    expect(customers.map((c) => c.id)).toContain(customerId);
    expect(JSON.parse(textOf(result))).toEqual(envelope.data);
    await client.close();
  });

  it("an update becomes a pending proposal with its approver rule, and the customer is unchanged", async () => {
    const customerId = await office.firstId("demo", "customers");
    const before = await customerRow(customerId);
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const result = await client.callTool({
      name: "crm.update_customer",
      arguments: { customerId, patch: { phone: "(303) 555-0199" } },
      _meta: { evidenceRefs: ["transcript:call-17"], reasoning: "Caller gave a new number" },
    });
    expect(result.isError).toBeFalsy();
    const envelope = envelopeOf(result);
    expect(envelope.status).toBe("proposed");
    const proposalId = envelope.proposal?.id ?? "";
    expect(proposalId).toMatch(/^P-\d+$/);
    expect(envelope.proposal?.approver.rule).toBe("office/admin or the founder");
    expect(textOf(result)).toContain(`Proposed ${proposalId}:`);
    expect(textOf(result)).toContain("needs office/admin or the founder to approve");

    expect(await customerRow(customerId)).toEqual(before);
    const stored = await office.kernel.getProposal("demo", proposalId);
    expect(stored).toMatchObject({ status: "pending", channel: "mcp", requestedBy: "sales-1" });
    expect(stored?.evidenceRefs).toContain("transcript:call-17");
    expect(stored?.evidenceRefs.some((r) => r.startsWith("mcp:"))).toBe(true);
    expect(stored?.reasoning).toBe("Caller gave a new number");
    await client.close();
  });

  it("a write without any client evidence still proposes: the MCP request itself is cited", async () => {
    const customerId = await office.firstId("demo", "customers");
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const result = await client.callTool({ name: "crm.add_note", arguments: { customerId, body: "Left voicemail" } });
    expect(envelopeOf(result).status).toBe("proposed");
    await client.close();
  });

  it("retrying with the same idempotency key returns the same proposal instead of a second one", async () => {
    const customerId = await office.firstId("demo", "customers");
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const call = () =>
      client.callTool({
        name: "crm.add_note",
        arguments: { customerId, body: "gate code 4411" },
        _meta: { idempotencyKey: "retry-1" },
      });
    const first = envelopeOf(await call());
    const second = envelopeOf(await call());
    expect(second.proposal?.id).toBe(first.proposal?.id);
    expect(await countProposals(office)).toBe(1);
    await client.close();
  });

  it("bad arguments reach the kernel once and come back as its invalid_input refusal", async () => {
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "propose_actions"));
    const result = await client.callTool({ name: "crm.search_customers", arguments: { query: 42 } });
    expect(result.isError).toBe(true);
    expect(envelopeOf(result)).toMatchObject({ status: "refused", failure: { class: "invalid_input" } });
    expect(textOf(result)).toMatch(/^Refused \(invalid_input\): /);
    const [audited] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND tool = 'crm.search_customers' AND channel = 'mcp'",
      "demo",
    );
    expect(audited?.n).toBe(1);
    await client.close();
  });

  it("a read_only token calling a write by name gets an error result and nothing is proposed", async () => {
    const customerId = await office.firstId("demo", "customers");
    const client = await connectInMemory(office, await tokenFor(office, "sales-1", "read_only"));
    const result = await client.callTool({ name: "crm.add_note", arguments: { customerId, body: "sneaky" } });
    expect(result.isError).toBe(true);
    expect(envelopeOf(result)).toMatchObject({ status: "refused", failure: { class: "forbidden" } });
    expect(await countProposals(office)).toBe(0);
    await client.close();
  });

  it("every listed tool for every staff role lists without error and answers its example as an envelope", async () => {
    for (const actorId of ["founder", "office-1", "sales-1", "tech-1"]) {
      const client = await connectInMemory(office, await tokenFor(office, actorId, "propose_actions"));
      const { tools } = await client.listTools();
      for (const listed of tools) {
        const tool = office.kernel.registry.get(listed.name);
        if (!tool) throw new Error(`listed tool ${listed.name} is not in the registry`);
        // The client validates structuredContent against the declared outputSchema: a mismatch would throw here.
        const example = await exampleFor(tool);
        if (!example) continue;
        const result = await client.callTool({ name: tool.name, arguments: example });
        const envelope = envelopeOf(result);
        const why = `${tool.name} as ${actorId}: ${textOf(result)}`;
        if (envelope.status === "refused") {
          // A domain rule may refuse the sample record (an intake item already converted, a closed job): that is a
          // proper answer. Plumbing failures are not: bad input, a missing role, an audit gap or a crash.
          // (A schema failure carries zod issues; a domain rule such as "that property is not this customer's" does not.)
          const failure = (envelope as { failure?: { class?: string; issues?: unknown[] } }).failure;
          const schemaFailure = failure?.class === "invalid_input" && (failure.issues?.length ?? 0) > 0;
          expect(schemaFailure, why).toBe(false);
          expect(failure?.class, why).not.toBe("audit_gap");
          // adapter_unavailable is a proper offline answer (e.g. photo reading needs a key) unless it is a crash.
          expect(String((failure as { reason?: string })?.reason), why).not.toMatch(/Reference [0-9a-f]{8}/);
        } else {
          // A write under a listed auto rule (filing a change request) is applied at once; every other write proposes.
          expect(envelope.status, why).toBe(tool.effect === "read" || tool.autoApply ? "ok" : "proposed");
        }
      }
      await client.close();
    }
  });
});
