// The `office` CLI end to end: the real bin/office.mjs as a child process on a fresh store per file.
// Proves the CLI renders the kernel's decisions (proposal, forbidden, applied once) and the audit chain's verdict.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "..", "bin", "office.mjs");
const DATA_DIR = mkdtempSync(join(tmpdir(), "office-cli-"));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function office(...args: string[]): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATA_DIR, OFFICE_DEBUG: "" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json<T>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout was not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

interface CliResult {
  status: "ok" | "proposed" | "refused" | "stopped";
  data?: unknown;
  proposal?: { id: string; status: string; risk: string; preview: { summary: string } };
  failure?: { class: string; reason: string };
}

interface AuditRow {
  seq: number;
  outcome: string;
  proposalId: string | null;
}

afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

// Each spawn costs about a second on an idle machine; generous limits keep a loaded CI box from flaking.
describe("office CLI", { timeout: 120_000 }, () => {
  it("lists every tool with its effect and risk as JSON", () => {
    const run = office("tools", "list", "--json");
    expect(run.code).toBe(0);
    const tools = json<{ name: string; pack: string; effect: string; risk: string; roles: string[] }[]>(run);
    expect(tools.find((t) => t.name === "crm.update_customer")).toMatchObject({
      pack: "crm",
      effect: "write",
      risk: "medium",
    });
  });

  it("lists the demo business's people with stable ids and roles", () => {
    const run = office("actors", "list", "--json");
    expect(run.code).toBe(0);
    const actors = json<{ id: string; name: string; role: string }[]>(run);
    expect(actors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "founder", role: "founder" }),
        expect.objectContaining({ id: "sales-1", role: "salesperson" }),
        expect.objectContaining({ id: "tech-1", role: "tech" }),
      ]),
    );
  });

  it("a salesperson's customer change waits for the founder, and approving twice applies it once", () => {
    const list = office("call", "crm.list_customers", "--actor", "sales-1", "--input", '{"limit":1}');
    expect(list.code).toBe(0);
    const customerId = (json<CliResult>(list).data as { customers: { id: string }[] }).customers[0]?.id;
    expect(customerId).toBeTruthy();
    const email = "cli-check@example.com";

    const asked = office(
      "call",
      "crm.update_customer",
      "--actor",
      "sales-1",
      "--input",
      JSON.stringify({ customerId, patch: { email } }),
    );
    expect(asked.code).toBe(0);
    const proposed = json<CliResult>(asked);
    expect(proposed).toMatchObject({ status: "proposed", proposal: { status: "pending", risk: "medium" } });
    const id = proposed.proposal?.id ?? "";
    expect(id).toMatch(/^P-\d+$/);

    const selfApprove = office("approve", id, "--actor", "sales-1");
    expect(selfApprove.code).toBe(3);
    expect(json<CliResult>(selfApprove)).toMatchObject({ status: "refused", failure: { class: "forbidden" } });

    const approved = office("approve", id, "--actor", "founder");
    expect(approved.code).toBe(0);
    expect(json<CliResult>(approved)).toMatchObject({ status: "ok", proposal: { id, status: "applied" } });

    const again = office("approve", id, "--actor", "founder");
    expect(again.code).toBe(0);
    expect(json<CliResult>(again)).toMatchObject({ proposal: { id, status: "applied" } });

    const customer = office(
      "call",
      "crm.get_customer",
      "--actor",
      "founder",
      "--input",
      JSON.stringify({ customerId }),
    );
    expect(customer.code).toBe(0);
    expect(JSON.stringify(json<CliResult>(customer).data)).toContain(email);

    const trail = office("call", "crm.audit_trail", "--actor", "founder", "--input", '{"limit":500}');
    expect(trail.code).toBe(0);
    const entries = (json<CliResult>(trail).data as { entries: AuditRow[] }).entries;
    expect(entries.filter((e) => e.proposalId === id && e.outcome === "applied")).toHaveLength(1);
  });

  it("issues a token on the last line, and never an apply_allowed one", () => {
    const issued = office("token", "create", "--tenant", "demo", "--actor", "founder");
    expect(issued.code).toBe(0);
    expect(issued.stdout.trimEnd().split("\n").at(-1)).toMatch(/^tok_[\w-]{20,}$/);

    const refused = office("token", "create", "--actor", "founder", "--mode", "apply_allowed");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("apply_allowed");
    expect(refused.stdout).toBe("");
  });

  it("bad JSON input and unknown commands are usage errors, not stack traces", () => {
    const unknown = office("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage: office <command>");

    const run = office("call", "crm.search_customers", "--actor", "sales-1", "--input", "{query: rivera");
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("not valid JSON");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("freezing refuses writes; only the founder lifts it", () => {
    expect(office("freeze", "--tenant", "demo").code).toBe(0);
    const write = office("call", "crm.create_task", "--actor", "founder", "--input", '{"title":"Call back"}');
    expect(write.code).toBe(3);
    expect(json<CliResult>(write)).toMatchObject({ status: "refused", failure: { class: "adapter_unavailable" } });
    // The founder is told: a sev0 incident is open while frozen, closed when the founder lifts it.
    const incidents = () =>
      json<{ data: { incidents: { kind: string }[] } }>(
        office("call", "governance.list_contracts", "--actor", "founder", "--input", "{}"),
      ).data.incidents.map((i) => i.kind);
    expect(incidents()).toContain("sev0_stop");
    expect(office("unfreeze", "--tenant", "demo", "--actor", "sales-1").code).toBe(3);
    expect(office("unfreeze", "--tenant", "demo", "--actor", "founder").code).toBe(0);
    expect(incidents()).not.toContain("sev0_stop");
  });

  it("audit verify holds, then names the entry that was altered behind the store's back", () => {
    const holds = office("audit", "verify");
    expect(holds.code).toBe(0);
    expect(holds.stdout).toMatch(/holds/);

    const db = new Database(join(DATA_DIR, "office.db"));
    const row = db
      .prepare("SELECT seq FROM audit_log WHERE tenant_id = 'demo' AND outcome = 'applied' ORDER BY seq LIMIT 1")
      .get() as { seq: number } | undefined;
    const seq = row?.seq ?? 0;
    expect(seq).toBeGreaterThan(0);
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare("UPDATE audit_log SET input = json_object('forged', 1) WHERE tenant_id = 'demo' AND seq = ?").run(seq);
    db.close();

    const broken = office("audit", "verify");
    expect(broken.code).not.toBe(0);
    expect(broken.stdout).toContain(`audit chain broken at entry ${seq}`);
  });
});
