// MCP over Streamable HTTP: the handler mounted in a bare Hono app on 127.0.0.1, driven by the SDK's HTTP client.
// Bearer token required (401), foreign browser origins refused (403), stateless: GET and DELETE answer 405.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOriginAllowed, mcpHttpHandler } from "../mcp/index.ts";
import { countProposals, envelopeOf, tokenFor } from "./fixtures-mcp/clients.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
let server: ServerType;
let url: URL;
let token: string;

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

function post(headers: Record<string, string>, body: unknown = INITIALIZE): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  office = await makeOffice();
  token = await tokenFor(office, "sales-1", "propose_actions");
  const handler = mcpHttpHandler(office);
  const app = new Hono();
  app.all("/mcp", (c) => handler(c.req.raw));
  await new Promise<void>((ready) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => ready());
  });
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  office.close();
});

describe("MCP over Streamable HTTP", () => {
  it("a client with a bearer token lists its tools, reads, and proposes", async () => {
    const client = new Client({ name: "http-test", version: "0.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("crm.search_customers");
    const customerId = await office.firstId("demo", "customers");
    const read = await client.callTool({ name: "crm.get_customer", arguments: { customerId } });
    expect(envelopeOf(read).status).toBe("ok");
    const before = await countProposals(office);
    const write = await client.callTool({ name: "crm.add_note", arguments: { customerId, body: "via http" } });
    expect(envelopeOf(write).proposal?.id).toMatch(/^P-\d+$/);
    expect(await countProposals(office)).toBe(before + 1);
    await client.close();
  });

  it("no token, or an unknown one, is 401 with a Bearer challenge", async () => {
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await post({ authorization: "Bearer tok_unknown" })).status).toBe(401);
  });

  it("a foreign browser origin is 403 even with a valid token; local origins pass", async () => {
    const evil = await post({ authorization: `Bearer ${token}`, origin: "https://evil.example.com" });
    expect(evil.status).toBe(403);
    const local = await post({ authorization: `Bearer ${token}`, origin: "http://localhost:5173" });
    expect(local.status).toBe(200);
    expect(await local.json()).toMatchObject({ result: { serverInfo: { name: "trade-office-os" } } });
  });

  it("GET and DELETE answer 405: the endpoint keeps no session", async () => {
    const get = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    const del = await fetch(url, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(405);
  });

  it("origin matching: exact origins, or any port with :*, and nothing else", () => {
    const defaults = ["http://127.0.0.1:*", "http://localhost:*"];
    expect(isOriginAllowed("http://127.0.0.1:3000", defaults)).toBe(true);
    expect(isOriginAllowed("http://localhost", defaults)).toBe(true);
    expect(isOriginAllowed("https://localhost:3000", defaults)).toBe(false);
    expect(isOriginAllowed("http://localhost.evil.example.com", defaults)).toBe(false);
    expect(isOriginAllowed("null", defaults)).toBe(false);
    expect(isOriginAllowed("https://office.example.com", ["https://office.example.com"])).toBe(true);
    expect(isOriginAllowed("https://office.example.com:8443", ["https://office.example.com"])).toBe(false);
  });
});
