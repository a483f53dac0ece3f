// The registry-wide checks, run now over the repair, inventory and public packs (before they are wired into
// tools/index.ts): valid examples with real ids, garbage answered plainly, read_only, and tenant isolation.
import { describe, expect, it } from "vitest";
import { anyEntityId } from "../store/repos/entities.ts";
import { listActors } from "../store/repos/tenants.ts";
import { inventoryTools } from "../tools/inventory/index.ts";
import { type AnyTool, withValueAtPath } from "../tools/kernel/index.ts";
import { publicTools } from "../tools/public/index.ts";
import { repairTools } from "../tools/repair/index.ts";
import { makeRepairOffice, type RepairOffice } from "./repair-office.ts";

const tools: AnyTool[] = [...repairTools, ...inventoryTools, ...publicTools];

async function exampleFor(office: RepairOffice, tool: AnyTool, tenantId: string): Promise<unknown> {
  let input: unknown = tool.example;
  for (const [path, kind] of Object.entries(tool.refs ?? {})) {
    const id = await office.scoped(tenantId, () => anyEntityId(office.store.db, tenantId, kind));
    if (!id) throw new Error(`tenant ${tenantId} has no ${kind} for ${tool.name}`);
    input = withValueAtPath(input, path, id);
  }
  return input;
}

describe("field packs in the registry matrices", () => {
  it("every tool's example is valid with real ids, garbage is refused plainly, and read_only refuses writes", async () => {
    const office = await makeRepairOffice();
    const actors = await office.scoped("demo", () => listActors(office.store.db, "demo"));
    for (const tool of tools) {
      expect(tool.input.safeParse(await exampleFor(office, tool, "demo")).success, tool.name).toBe(true);
      const actor = actors.find((a) => tool.roles.includes(a.role));
      if (!actor) throw new Error(`no demo actor may call ${tool.name}`);
      for (const garbage of [null, 42, "text", [], { unexpected: true }]) {
        const result = await office.call(actor.id, tool.name, garbage, {
          idempotencyKey: `bad-${tool.name}-${JSON.stringify(garbage)}`,
        });
        if (result.status === "refused")
          expect(["invalid_input", "not_found"], tool.name).toContain(result.failure.class);
        else expect(result.status, tool.name).toBe("ok");
      }
      if (tool.effect !== "read") {
        const result = await office.call(actor.id, tool.name, await exampleFor(office, tool, "demo"), {
          mode: "read_only",
        });
        expect(result.status === "refused" && result.failure.class, tool.name).toBe("forbidden");
      }
    }
    await office.close();
  });

  it("called from acme with demo's ids, every tool with refs answers not_found", async () => {
    const office = await makeRepairOffice();
    const acme = await office.scoped("acme", () => listActors(office.store.db, "acme"));
    for (const tool of tools.filter((t) => t.refs && Object.keys(t.refs).length > 0)) {
      const actor = acme.find((a) => tool.roles.includes(a.role));
      if (!actor) continue;
      const result = await office.call(actor.id, tool.name, await exampleFor(office, tool, "demo"), {
        tenantId: "acme",
        idempotencyKey: `iso-${tool.name}`,
      });
      expect(result.status === "refused" && result.failure.class, tool.name).toBe("not_found");
    }
    await office.close();
  });
});
