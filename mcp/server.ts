// The MCP server for one token: the registry's tools visible to that actor and mode, each call sent to the kernel.
// It never validates, checks roles or approves itself: the kernel decides and this file renders what it decided.
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { type CallToolResult, CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { FailureSchema, HardStopSchema, ProposalViewSchema } from "../contracts/index.ts";
import type { TokenGrant } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { annotationsFor, type CallContext, type Kernel, type KernelResult } from "../tools/kernel/index.ts";
import { renderResult } from "./render.ts";

/** What the MCP channel needs of a running office (server/office.ts `Office` fits). */
export interface McpOffice {
  readonly kernel: Kernel;
}

/**
 * Every tool's structuredContent: the kernel result envelope. The kernel's own `ToolResultSchema` is a union, which
 * MCP cannot declare (an outputSchema must be `type: object`), so the four branches share one object here.
 * `data` stays open: a read's output after role redaction, or a hard stop's data, is not the tool's full output schema.
 */
export const McpResultEnvelopeSchema = z.object({
  status: z.enum(["ok", "proposed", "refused", "stopped"]),
  data: z.unknown().optional(),
  proposal: ProposalViewSchema.optional(),
  failure: FailureSchema.optional(),
  stop: HardStopSchema.optional(),
});

const INSTRUCTIONS =
  "Trade Office OS. Read tools answer from the office's records. Tools that change data never run here: each call " +
  "becomes a proposal (id P-n) that a person in the office approves; this connection can never approve. " +
  "Optional request _meta: evidenceRefs (string[]) citing what the change is based on, reasoning (string), " +
  "confidence (0..1), idempotencyKey (string; retry with the same key to get the same proposal back).";

const MAX_EVIDENCE_REFS = 20;
const MAX_META_TEXT = 2000;

/** The call facts a client may add in `_meta`; anything malformed is ignored, never trusted. */
function callFactsFrom(meta: Record<string, unknown> | undefined) {
  const evidence = Array.isArray(meta?.evidenceRefs)
    ? meta.evidenceRefs
        .filter((r): r is string => typeof r === "string" && r.length > 0 && r.length <= 200)
        .slice(0, MAX_EVIDENCE_REFS)
    : [];
  const reasoning =
    typeof meta?.reasoning === "string" && meta.reasoning.length > 0
      ? meta.reasoning.slice(0, MAX_META_TEXT)
      : undefined;
  const confidence =
    typeof meta?.confidence === "number" && meta.confidence >= 0 && meta.confidence <= 1 ? meta.confidence : undefined;
  const key =
    typeof meta?.idempotencyKey === "string" && meta.idempotencyKey.length > 0 && meta.idempotencyKey.length <= 200
      ? meta.idempotencyKey
      : undefined;
  return { evidence, reasoning, confidence, key };
}

function toCallToolResult(result: KernelResult): CallToolResult {
  // JSON round trip: structuredContent must be plain JSON (no undefined, no Date), exactly what the client receives.
  const structured = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
  return {
    content: [{ type: "text", text: renderResult(result) }],
    structuredContent: structured,
    ...(result.status === "refused" ? { isError: true } : {}),
  };
}

/**
 * Builds the MCP server for one resolved token. Listed tools are exactly `registry.visibleTo(role, mode)`: no write
 * tool in read_only, and no approve/decide tool ever (approval is `kernel.decide`, which no MCP call reaches).
 */
export function buildMcpServer(office: McpOffice, grant: TokenGrant): McpServer {
  const { kernel } = office;
  const connectionId = randomUUID();
  const server = new McpServer(
    { name: "trade-office-os", title: "Trade Office OS", version: "0.1.0" },
    // Declaring tools up front installs the handlers even when this actor sees no tool (tools/list then answers []).
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );

  const call = async (
    name: string,
    rawArguments: unknown,
    meta: Record<string, unknown> | undefined,
    requestRef: string,
  ): Promise<CallToolResult> => {
    const facts = callFactsFrom(meta);
    const ctx: CallContext = {
      tenantId: grant.tenantId,
      actor: grant.actor,
      mode: grant.mode,
      channel: "mcp",
      requestedAt: kernel.now().toISOString(),
      // Scoped to the actor, so a client key can never replay another person's proposal.
      idempotencyKey: `mcp:${grant.actor.id}:${facts.key ?? randomUUID()}`,
      initiatedBy: "model",
      // The MCP request itself is always cited, so a well-formed client call never fails as audit_gap.
      evidenceRefs: [`mcp:${requestRef}`, ...facts.evidence],
      ...(facts.reasoning !== undefined ? { reasoning: facts.reasoning } : {}),
      ...(facts.confidence !== undefined ? { confidence: facts.confidence } : {}),
    };
    // Every request of this server is for the token's business: the scope is set here, where each request arrives
    // (stdio delivers them from stdin events, outside any scope the caller set), not left to what the kernel scopes.
    return withTenant(grant.tenantId, async () =>
      toCallToolResult(await kernel.execute(name, rawArguments ?? {}, ctx)),
    );
  };

  for (const tool of kernel.registry.visibleTo(grant.actor.role, grant.mode)) {
    // Dots are allowed in MCP tool names (SEP-986: [A-Za-z0-9_.-]), so `crm.add_note` is listed as is.
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: McpResultEnvelopeSchema,
        annotations: annotationsFor(tool),
      },
      // Reached only if the dispatcher below is ever removed; McpServer would then hand over parsed arguments.
      async (args: unknown, extra) =>
        call(tool.name, args, extra._meta, `${extra.sessionId ?? connectionId}/${String(extra.requestId)}`),
    );
  }

  // McpServer's own tools/call parses arguments with the zod schema before the handler runs: a second validation,
  // and invalid input would never reach the kernel's audit. This dispatcher sends the raw arguments to the kernel,
  // which validates once, refuses unknown or unlisted tools (role and mode are its rules), and audits every call.
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) =>
    call(
      request.params.name,
      request.params.arguments,
      request.params._meta,
      `${extra.sessionId ?? connectionId}/${String(extra.requestId)}`,
    ),
  );
  return server;
}
