// Test helpers for the MCP channel: office tokens and an SDK Client connected in memory through a real token.
// Test-only; the production entry points are mcp/stdio.ts and mcp/http.ts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ChannelMode } from "../../contracts/index.ts";
import { buildMcpServer } from "../../mcp/index.ts";
import type { Office } from "../../server/office.ts";
import { createToken, resolveToken } from "../../store/repos/tenants.ts";

export async function tokenFor(office: Office, actorId: string, mode: ChannelMode, tenantId = "demo"): Promise<string> {
  return office.store.write((tx) => createToken(tx, { tenantId, actorId, mode, now: office.kernel.now() }));
}

/** An SDK client talking to the server built for this token, over the SDK's in-memory transport pair. */
export async function connectInMemory(office: Office, token: string): Promise<Client> {
  const grant = await resolveToken(office.store.db, token, office.kernel.now());
  if (!grant) throw new Error("token did not resolve");
  const server = buildMcpServer(office, grant);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "mcp-test", version: "0.0.0" });
  await client.connect(clientSide);
  return client;
}

/** The kernel envelope an MCP tool call carries as structuredContent. */
export interface Envelope {
  status: "ok" | "proposed" | "refused" | "stopped";
  data?: unknown;
  proposal?: {
    id: string;
    status: string;
    risk: string;
    approver: { rule: string; roles: string[] };
    preview: { summary: string };
  };
  failure?: { class: string; reason: string };
}

export function envelopeOf(result: unknown): Envelope {
  return (result as CallToolResult).structuredContent as unknown as Envelope;
}

export function textOf(result: unknown): string {
  const first = (result as CallToolResult).content[0];
  return first?.type === "text" ? first.text : "";
}

export function countProposals(office: Office, tenantId = "demo"): number {
  return (
    office.store.raw.prepare("SELECT count(*) AS n FROM proposals WHERE tenant_id = ?").get(tenantId) as { n: number }
  ).n;
}

export function appliedProposals(office: Office): number {
  return (
    office.store.raw.prepare("SELECT count(*) AS n FROM proposals WHERE status IN ('approved', 'applied')").get() as {
      n: number;
    }
  ).n;
}
