// MCP over stdio for real: a child process serving one token, driven by the SDK's StdioClientTransport.
// A bad token exits 2 with one line on stderr and nothing on stdout.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeOf, textOf, tokenFor } from "./fixtures-mcp/clients.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";
import { ON_POSTGRES, testPgUrls } from "./pg.ts";

const ROOT = resolve(import.meta.dirname, "..");
const ENTRY = "test/fixtures-mcp/mcp-stdio-entry.ts";
let dataDir: string;
let office: TestOffice;
let token: string;
let readOnlyToken: string;
let customerId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "office-mcp-stdio-"));
  // On the postgres project the child serves this office's own PostgreSQL schema, so the stdio server's scoping is
  // what answers; it stays open (its schema dropped only at the end). On SQLite the child opens $DATA_DIR/office.db.
  office = await makeOffice(ON_POSTGRES ? { now: new Date() } : { path: join(dataDir, "office.db"), now: new Date() });
  token = await tokenFor(office, "sales-1", "propose_actions");
  readOnlyToken = await tokenFor(office, "sales-1", "read_only");
  customerId = await office.firstId("demo", "customers");
  // The child opens the SQLite file itself: this connection lets go of it first.
  if (!ON_POSTGRES) await office.shutdown();
});

afterAll(async () => {
  if (ON_POSTGRES) await office.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Where the child finds the office: the same PostgreSQL schema (postgres project), else DATA_DIR. */
function storeEnv(): Record<string, string> {
  if (!ON_POSTGRES) return { DATA_DIR: dataDir };
  const { url, adminUrl } = testPgUrls();
  const schema = office.store.path.replace(/^postgres:/, "");
  return { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_ADMIN_URL: adminUrl, DATABASE_SCHEMA: schema };
}

function transportFor(secret: string): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", ENTRY],
    cwd: ROOT,
    env: { ...getDefaultEnvironment(), ...storeEnv(), OFFICE_TOKEN: secret },
    stderr: "pipe",
  });
}

describe("MCP over stdio", () => {
  it("a client spawns the server, lists the token's tools and calls one", async () => {
    const client = new Client({ name: "stdio-test", version: "0.0.0" });
    await client.connect(transportFor(token));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("crm.search_customers");
    expect(tools.map((t) => t.name)).toContain("crm.add_note");
    const result = await client.callTool({ name: "crm.get_customer", arguments: { customerId } });
    expect(result.isError).toBeFalsy();
    expect(envelopeOf(result).status).toBe("ok");
    const proposed = await client.callTool({ name: "crm.add_note", arguments: { customerId, body: "via stdio" } });
    expect(textOf(proposed)).toMatch(/^Proposed P-\d+: /);
    await client.close();
  });

  it("a read_only token over stdio lists no write tool and cannot write by name", async () => {
    const client = new Client({ name: "stdio-test", version: "0.0.0" });
    await client.connect(transportFor(readOnlyToken));
    const { tools } = await client.listTools();
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const result = await client.callTool({ name: "crm.add_note", arguments: { customerId, body: "nope" } });
    expect(result.isError).toBe(true);
    await client.close();
  });

  it("requests piped in and then end of input: every reply is on stdout, nothing else, and the process exits 0", () => {
    const lines = [
      {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pipe", version: "0" } },
      },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "crm.get_customer", arguments: { customerId } } },
    ];
    const run = spawnSync(process.execPath, ["--import", "tsx", ENTRY], {
      cwd: ROOT,
      env: { ...process.env, ...storeEnv(), OFFICE_TOKEN: token },
      encoding: "utf8",
      input: lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
      timeout: 20_000,
    });
    expect(run.status).toBe(0);
    const replies = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { status: string } } });
    expect(replies.map((r) => r.id)).toEqual([1, 2]);
    expect(replies[1]?.result.structuredContent?.status).toBe("ok");
    expect(run.stderr).toContain("office mcp: serving sales-1");
  });

  it("an unknown token exits 2 with one line on stderr and nothing on stdout", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", ENTRY], {
      cwd: ROOT,
      env: { ...process.env, ...storeEnv(), OFFICE_TOKEN: "tok_not_a_real_token" },
      encoding: "utf8",
      input: "",
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toContain("tok_not_a_real_token");
  });
});
