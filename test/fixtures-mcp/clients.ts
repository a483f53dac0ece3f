// Test helpers for the MCP channel: office tokens and an SDK Client connected in memory through a real token.
// Test-only; the production entry points are mcp/stdio.ts and mcp/http.ts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ChannelMode } from "../../contracts/index.ts";
import { buildMcpServer } from "../../mcp/index.ts";
import type { Office } from "../../server/office.ts";
import { rawGet } from "../../store/raw.ts";
import { createToken, listTenantIds, resolveToken } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";

export async function tokenFor(office: Office, actorId: string, mode: ChannelMode, tenantId = "demo"): Promise<string> {
  // A token is a row of its tenant: on PostgreSQL it is written in that tenant's scope (as `office token` does).
  return withTenant(tenantId, () =>
    office.store.write((tx) => createToken(tx, { tenantId, actorId, mode, now: office.kernel.now() })),
  );
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

export async function countProposals(office: Office, tenantId = "demo"): Promise<number> {
  const row = await withTenant(tenantId, () =>
    rawGet<{ n: number }>(office.store.db, "SELECT count(*) AS n FROM proposals WHERE tenant_id = ?", tenantId),
  );
  return row?.n ?? 0;
}

/** Approved or applied proposals in every business of the office (each counted in its own tenant's scope). */
export async function appliedProposals(office: Office): Promise<number> {
  let total = 0;
  for (const tenantId of await listTenantIds(office.store.db)) {
    const row = await withTenant(tenantId, () =>
      rawGet<{ n: number }>(
        office.store.db,
        "SELECT count(*) AS n FROM proposals WHERE tenant_id = ? AND status IN ('approved', 'applied')",
        tenantId,
      ),
    );
    total += row?.n ?? 0;
  }
  return total;
}
