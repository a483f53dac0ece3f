// The registry-wide matrices, run over the survey and pricing tools: valid examples, cost redaction for the
// salesperson, read-only refusals, tenant isolation and garbage input (mirrors test/registry-matrix.test.ts).
import { describe, expect, it } from "vitest";
import { COST_FIELDS } from "../contracts/index.ts";
import { anyEntityId } from "../store/repos/entities.ts";
import { type AnyTool, withValueAtPath } from "../tools/kernel/index.ts";
import { pricingTools } from "../tools/pricing/index.ts";
import { surveyTools } from "../tools/survey/index.ts";
import { makeSalesOffice, type SalesOffice } from "./survey-office.ts";

const salesTools: AnyTool[] = [...surveyTools, ...pricingTools];

async function exampleFor(office: SalesOffice, tool: AnyTool, tenantId: string): Promise<unknown> {
  let input: unknown = tool.example;
  for (const [path, kind] of Object.entries(tool.refs ?? {})) {
    const id = await office.scoped(tenantId, () => anyEntityId(office.store.db, tenantId, kind));
    if (!id) throw new Error(`tenant ${tenantId} has no ${kind} for ${tool.name}`);
    input = withValueAtPath(input, path, id);
  }
  return input;
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

describe("sales tools in the registry matrices", () => {
  it("every tool declares effect, risk, roles, a long description and a valid example", async () => {
    const office = await makeSalesOffice();
    for (const tool of salesTools) {
      expect(tool.description.length, tool.name).toBeGreaterThan(40);
      if (tool.effect !== "read") expect(typeof tool.preview, tool.name).toBe("function");
      const parsed = tool.input.safeParse(await exampleFor(office, tool, "demo"));
      expect(parsed.success, `${tool.name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    await office.close();
  });

  it("a salesperson never receives vendor cost or margin from any sales tool, read or proposed", async () => {
    const office = await makeSalesOffice();
    const failures: string[] = [];
    for (const tool of salesTools.filter((t) => t.roles.includes("salesperson"))) {
      const result = await office.call("sales-1", tool.name, await exampleFor(office, tool, "demo"), {
        idempotencyKey: `cost-${tool.name}`,
      });
      const seen = COST_FIELDS.filter((k) => keysDeep(result).has(k));
      if (seen.length > 0) failures.push(`${tool.name}: ${seen.join(", ")}`);
    }
    expect(failures).toEqual([]);
    await office.close();
  });

  it("read_only refuses every sales write and stores no proposal", async () => {
    const office = await makeSalesOffice();
    for (const tool of salesTools.filter((t) => t.effect !== "read")) {
      const actorId = tool.roles.includes("salesperson") ? "sales-1" : "office-1";
      const result = await office.call(actorId, tool.name, await exampleFor(office, tool, "demo"), {
        mode: "read_only",
        idempotencyKey: `ro-${tool.name}`,
      });
      expect(result.status, tool.name).toBe("refused");
    }
    const [rows] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM proposals WHERE tenant_id = ?",
      "demo",
    );
    expect(rows?.n).toBe(0);
    await office.close();
  });

  it("called from acme with demo's ids, every sales tool with refs answers not_found", async () => {
    const office = await makeSalesOffice();
    const failures: string[] = [];
    for (const tool of salesTools.filter((t) => t.refs && Object.keys(t.refs).length > 0)) {
      const actorId = tool.roles.includes("founder") ? "founder" : "office-1";
      const result = await office.call(actorId, tool.name, await exampleFor(office, tool, "demo"), {
        tenantId: "acme",
        idempotencyKey: `iso-${tool.name}`,
      });
      if (result.status !== "refused" || result.failure.class !== "not_found") {
        failures.push(`${tool.name}: ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
    await office.close();
  });

  it("garbage input is invalid_input with a plain reason, never an exception", async () => {
    const office = await makeSalesOffice();
    for (const tool of salesTools) {
      const actorId = tool.roles.includes("salesperson") ? "sales-1" : "office-1";
      for (const garbage of [null, 42, "text", [], { unexpected: { deeply: ["nested"] } }]) {
        const result = await office.call(actorId, tool.name, garbage, {
          idempotencyKey: `bad-${tool.name}-${JSON.stringify(garbage)}`,
        });
        if (result.status === "ok") continue;
        expect(result.status, `${tool.name} ${JSON.stringify(garbage)}`).toBe("refused");
        if (result.status === "refused") expect(["invalid_input", "not_found"]).toContain(result.failure.class);
      }
    }
    await office.close();
  });
});
