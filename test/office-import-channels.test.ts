// The import channels: POST /api/imports and `office import <file> --json` stage through the kernel, approve the
// low-risk staging as the same person, and answer with the batch summary in the shape outside checks rely on.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { importCommand } from "../cli/commands/import.ts";
import type { ApiEnv } from "../server/auth.ts";
import { importRoutes } from "../server/routes/imports.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

const CSV = [
  '"Full Name","Phone #","E-mail","Street Address","Zip Code","Gate Code"',
  '"Ana Rivera","(201) 555-0142","ana.rivera@example.com","12 Quarry Bend Road","80412","#4417"',
  '"Ben Okafor","201.555.0142","ben.okafor@example.org","980 Foxglove Run Ln","80567",""',
  '"RIVERA, ANA","2015550142","","12 Quarry Bend Rd","80412","#4417"',
  '"","201-555-0150","not-an-email","5 Yarrow Spur Way","80286",""',
].join("\n");

// Until the lead lists importsTools in tools/index.ts, the registry the CLI opens is given the imports pack here.
vi.mock("../tools/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../tools/index.ts")>();
  const { importsTools: pack } = await import("../tools/imports/index.ts");
  const { Registry: RegistryClass } = await import("../tools/kernel/index.ts");
  const tools = [...original.allTools, ...pack.filter((t) => !original.allTools.some((a) => a.name === t.name))];
  return { allTools: tools, createRegistry: () => new RegistryClass(tools) };
});

const SUMMARY_KEYS = ["batchId", "columns", "mergeCandidates", "proposals", "rowErrors", "rows"];

async function officeWithImports(): Promise<TestOffice & { closeAll(): void }> {
  const office = await makeOffice();
  return { ...office, closeAll: office.close };
}

function appFor(office: TestOffice, actorId: string, mode: "read_only" | "propose_actions") {
  const app = new Hono<ApiEnv>();
  // Stands in for bearerAuth: the grant, and the rest of the request in its tenant's scope.
  app.use("/api/*", async (c, next) => {
    c.set("grant", { tenantId: "demo", actor: await office.actor("demo", actorId), mode });
    await office.scoped("demo", () => next());
  });
  app.route("/api", importRoutes(office));
  return app;
}

describe("POST /api/imports", () => {
  it("stages a text/csv body and answers with the batch summary; the same file again creates nothing", async () => {
    const office = await officeWithImports();
    const app = appFor(office, "office-1", "propose_actions");
    const response = await app.request("/api/imports?filename=unseen.csv", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: CSV,
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      data: Record<string, unknown> & { rows: number; columns: { unresolved: string[] } };
    };
    expect(body.data.rows).toBe(4);
    expect(body.data.columns.unresolved).toEqual(["Gate Code"]);
    const again = await app.request("/api/imports", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ filename: "same.csv", csv: CSV }),
    });
    expect(again.status).toBe(201);
    const second = (await again.json()) as { data: { batchId: string; reused: boolean } };
    expect(second.data).toMatchObject({ batchId: body.data["batchId"], reused: true });
    office.closeAll();
  });

  it("a read-only token cannot stage an import", async () => {
    const office = await officeWithImports();
    const response = await appFor(office, "office-1", "read_only").request("/api/imports", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: CSV,
    });
    expect(response.status).toBe(403);
    office.closeAll();
  });
});

describe("office import", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("--json prints exactly the batch summary, with 1-based rows, row errors and candidates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "office-import-"));
    const file = join(dir, "unseen.csv");
    writeFileSync(file, CSV);
    const previous = process.env["DATA_DIR"];
    process.env["DATA_DIR"] = dir;
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    try {
      expect(await importCommand([file, "--json"])).toBe(0);
    } finally {
      vi.restoreAllMocks();
      if (previous === undefined) delete process.env["DATA_DIR"];
      else process.env["DATA_DIR"] = previous;
    }
    const summary = JSON.parse(out.join("")) as Record<string, unknown> & {
      rowErrors: Array<{ row: number; reason: string }>;
      mergeCandidates: Array<{ row: number; matches: Array<Record<string, number | string>> }>;
    };
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary.rowErrors.map((e) => e.row)).toEqual([4, 4]);
    expect(summary.mergeCandidates.map((c) => [c.row, c.matches.map((m) => m["row"])])).toEqual([
      [1, [3]],
      [3, [1]],
    ]);
    expect(err.join("")).toContain("office import:");
  });
});
