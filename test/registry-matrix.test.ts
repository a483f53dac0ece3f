// Registry-wide safety matrices: every tool, present and future, is covered without anyone remembering it.
import { describe, expect, it } from "vitest";
import { COST_FIELDS, type Role } from "../contracts/index.ts";
import { anyEntityId } from "../store/repos/entities.ts";
import { listActors } from "../store/repos/tenants.ts";
import { allTools } from "../tools/index.ts";
import { type AnyTool, withValueAtPath } from "../tools/kernel/index.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

/** The tool's example input with every ref path filled by a real id of that kind from `tenantId`. */
async function exampleFor(office: TestOffice, tool: AnyTool, tenantId: string): Promise<unknown> {
  let input: unknown = tool.example;
  for (const [path, kind] of Object.entries(tool.refs ?? {})) {
    const id = await office.scoped(tenantId, () => anyEntityId(office.store.db, tenantId, kind));
    if (!id) throw new Error(`tenant ${tenantId} has no ${kind} for ${tool.name}`);
    input = withValueAtPath(input, path, id);
  }
  return input;
}

async function actorIdWithRole(office: TestOffice, tenantId: string, roles: readonly Role[]): Promise<string | null> {
  // People first: machine actors (ai_client, system) also need evidence refs, which these matrices do not test.
  const actors = (await office.scoped(tenantId, () => listActors(office.store.db, tenantId))).sort(
    (a, b) => Number(["ai_client", "system"].includes(a.role)) - Number(["ai_client", "system"].includes(b.role)),
  );
  return actors.find((a) => roles.includes(a.role))?.id ?? null;
}

function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysDeep(v, into);
    }
  }
  return into;
}

describe("every registered tool", () => {
  it.each(allTools.map((t) => [t.name, t] as const))(
    "%s declares effect, risk, roles and a valid example",
    async (_n, tool) => {
      expect(["read", "write", "external"]).toContain(tool.effect);
      expect(["low", "medium", "high"]).toContain(tool.risk);
      expect(tool.roles.length).toBeGreaterThan(0);
      expect(tool.description.length).toBeGreaterThan(40);
      if (tool.effect !== "read") expect(typeof tool.preview).toBe("function");
      const office = await makeOffice({ demoActivity: true });
      expect(tool.input.safeParse(await exampleFor(office, tool, "demo")).success).toBe(true);
      office.close();
    },
  );
});

describe("tenant isolation matrix", () => {
  it("every tool called from acme with demo's ids returns not_found and leaks nothing of demo", async () => {
    const office = await makeOffice({ demoActivity: true });
    const demoIds = (
      await office.rows<{ id: string }>("demo", "SELECT id FROM customers WHERE tenant_id = ?", "demo")
    ).map((r) => r.id);
    const failures: string[] = [];
    // acme's own audit trail may echo ids acme itself sent; only ids acme never sent would be a leak.
    const sentByAcme = new Set<string>();
    for (const tool of allTools) {
      const actorId = await actorIdWithRole(office, "acme", tool.roles);
      if (!actorId) continue;
      const input = await exampleFor(office, tool, "demo");
      for (const id of demoIds) if (JSON.stringify(input).includes(id)) sentByAcme.add(id);
      const result = await office.call(actorId, tool.name, input, {
        tenantId: "acme",
        idempotencyKey: `iso-${tool.name}`,
      });
      const text = JSON.stringify(result);
      if (tool.refs && Object.keys(tool.refs).length > 0) {
        if (result.status !== "refused" || result.failure.class !== "not_found") {
          failures.push(`${tool.name}: expected not_found, got ${result.status}`);
        }
      }
      const leaked = demoIds.filter((id) => text.includes(id) && !sentByAcme.has(id));
      if (leaked.length > 0 || text.includes("Trade Office OS Demo"))
        failures.push(`${tool.name}: leaked ${leaked.join(",")} ${text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    office.close();
  });
});

describe("cost redaction matrix", () => {
  it("a salesperson never receives vendor cost or margin from any tool, read or proposed", async () => {
    const office = await makeOffice({ demoActivity: true });
    const failures: string[] = [];
    for (const tool of allTools.filter((t) => t.roles.includes("salesperson"))) {
      const input = await exampleFor(office, tool, "demo");
      const result = await office.call("sales-1", tool.name, input, { idempotencyKey: `cost-${tool.name}` });
      const keys = keysDeep(result);
      const seen = COST_FIELDS.filter((k) => keys.has(k));
      if (seen.length > 0) failures.push(`${tool.name}: ${seen.join(", ")}`);
    }
    expect(failures).toEqual([]);
    office.close();
  });
});

describe("mode enforcement matrix", () => {
  it("read_only refuses every write and external tool, for every role that could otherwise call it", async () => {
    const office = await makeOffice({ demoActivity: true });
    const proposalsBefore = (
      await office.rows<{ n: number }>("demo", "SELECT count(*) AS n FROM proposals WHERE tenant_id = ?", "demo")
    )[0]?.n;
    const writes = allTools.filter((t) => t.effect !== "read");
    expect(writes.length).toBeGreaterThan(0);
    for (const tool of writes) {
      for (const role of tool.roles) {
        const actorId = await actorIdWithRole(office, "demo", [role]);
        if (!actorId) continue;
        const input = await exampleFor(office, tool, "demo");
        // Complete, well-evidenced requests, so the only reason left to refuse is the mode.
        const result = await office.kernel.execute(tool.name, input, {
          tenantId: "demo",
          actor: await office.actor("demo", actorId),
          mode: "read_only",
          channel: role === "ai_client" ? "mcp" : "web",
          requestedAt: office.clock.now.toISOString(),
          idempotencyKey: `ro-${tool.name}-${role}`,
          evidenceRefs: ["test:mode-matrix"],
        });
        expect(result.status, `${tool.name} as ${role}`).toBe("refused");
        if (result.status === "refused") expect(result.failure.class).toBe("forbidden");
      }
    }
    const proposalsAfter = (
      await office.rows<{ n: number }>("demo", "SELECT count(*) AS n FROM proposals WHERE tenant_id = ?", "demo")
    )[0]?.n;
    expect(proposalsAfter).toBe(proposalsBefore);
    office.close();
  });

  it("read_only sessions are offered no write tool at all", async () => {
    const office = await makeOffice({ demoActivity: true });
    for (const role of ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"] as const) {
      expect(office.kernel.registry.visibleTo(role, "read_only").every((t) => t.effect === "read")).toBe(true);
    }
    office.close();
  });
});

describe("bad input", () => {
  it("a listed auto rule is only ever on a low-risk write no model-facing caller can use to change a business record", () => {
    const auto = allTools.filter((t) => t.autoApply);
    expect(auto.map((t) => t.name).sort()).toEqual([
      "governance.request_change",
      "governance.request_clarification",
      "governance.rollback_contract",
    ]);
    for (const tool of auto) {
      expect(tool.risk, tool.name).toBe("low");
      expect(tool.effect, tool.name).toBe("write");
      expect(tool.autoApply?.why.length, tool.name).toBeGreaterThan(20);
    }
  });

  it("every tool answers garbage with invalid_input and a plain reason, never an exception", async () => {
    const office = await makeOffice({ demoActivity: true });
    for (const tool of allTools) {
      const actorId = await actorIdWithRole(office, "demo", tool.roles);
      if (!actorId) continue;
      for (const garbage of [null, 42, "text", [], { unexpected: { deeply: ["nested"] } }]) {
        const result = await office.call(actorId, tool.name, garbage, {
          idempotencyKey: `bad-${tool.name}-${JSON.stringify(garbage)}`,
        });
        if (result.status === "ok") continue; // tools with an all-optional input accept {} shapes
        expect(result.status, `${tool.name} ${JSON.stringify(garbage)}`).toBe("refused");
        if (result.status === "refused") {
          // A system-only tool (the governance workflow's own steps) asked without evidence is an audit gap first.
          const expected = tool.roles.every((r) => r === "system") ? ["audit_gap"] : ["invalid_input", "not_found"];
          expect(expected).toContain(result.failure.class);
          expect(result.failure.reason).not.toMatch(/\n\s+at /);
        }
      }
    }
    office.close();
  });
});
