// MCP over Streamable HTTP as one web-standard handler (Request → Response), mountable in Hono at /mcp.
// Stateless: every request resolves its bearer token and gets a fresh server and transport; no session lives here.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { resolveToken } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { buildMcpServer, type McpOffice } from "./server.ts";

export interface McpHttpOptions {
  /**
   * Browser origins allowed to call (an `Origin` header outside this list is refused with 403). An entry ending in
   * `:*` allows any port. Replaces the default, which allows only local pages: http://127.0.0.1:* and http://localhost:*.
   * A request without an Origin header (a non-browser client) is not an origin question and passes to auth.
   */
  allowedOrigins?: string[];
}

export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ["http://127.0.0.1:*", "http://localhost:*"];

export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const hostPart = `${parsed.protocol}//${parsed.hostname}`;
  return allowed.some((entry) =>
    entry.endsWith(":*") ? hostPart === entry.slice(0, -2) : parsed.origin === new URL(entry).origin,
  );
}

function jsonRpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/**
 * The /mcp endpoint: Origin check (403), bearer token (401), then one stateless MCP exchange with JSON responses.
 * GET (a server-to-client event stream) and DELETE (session end) answer 405: there is no session to stream or end.
 */
export function mcpHttpHandler(
  office: McpOffice,
  options: McpHttpOptions = {},
): (request: Request) => Promise<Response> {
  const allowed = options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  return async (request) => {
    // DNS-rebinding and cross-site defence: a browser page from another origin never reaches the office.
    const origin = request.headers.get("origin");
    if (origin !== null && !isOriginAllowed(origin, allowed)) {
      return jsonRpcError(403, "Forbidden: this origin may not call the office's MCP endpoint.");
    }
    const secret = bearerOf(request);
    const grant = secret ? await resolveToken(office.kernel.store.db, secret, office.kernel.now()) : null;
    if (!grant) {
      return jsonRpcError(401, "Unauthorized: send a valid office token as `Authorization: Bearer <token>`.", {
        "www-authenticate": 'Bearer realm="trade-office-os"',
      });
    }
    if (request.method !== "POST") {
      return jsonRpcError(405, "Method not allowed: this endpoint is stateless; POST JSON-RPC messages.", {
        allow: "POST",
      });
    }
    const server = buildMcpServer(office, grant);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      // The token named the business: the whole exchange runs in its scope (store/scope.ts).
      return await withTenant(grant.tenantId, () => transport.handleRequest(request));
    } finally {
      // With JSON responses the reply is complete once handleRequest resolves; nothing outlives the request.
      await server.close();
    }
  };
}
