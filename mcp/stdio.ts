// MCP over stdio for a local client (Claude Desktop, an IDE): one token, one process, one server.
// stdout carries JSON-RPC only; every log line goes to stderr.
import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { resolveToken } from "../store/repos/tenants.ts";
import { buildMcpServer, type McpOffice } from "./server.ts";

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
}

/** Exit code when the token is missing, unknown, revoked or expired. */
export const EXIT_BAD_TOKEN = 2;

/** Anything a library prints with console.log would corrupt the JSON-RPC stream: send it to stderr instead. */
function keepStdoutForProtocol(stderr: Writable): void {
  const toStderr = (...parts: unknown[]) => {
    stderr.write(`${parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ")}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/**
 * The SDK transport does not watch for end of input. A client that closes stdin ends the session, but only once every
 * request it sent has its reply (`printf '…' | office mcp` must not lose the answers).
 */
function closeAfterLastReply(transport: StdioServerTransport, stdin: Readable, close: () => void): void {
  let awaitingReply = 0;
  let inputEnded = false;
  let closing = false;
  const closeWhenIdle = () => {
    if (!inputEnded || awaitingReply > 0 || closing) return;
    closing = true;
    close();
  };
  const receive = transport.onmessage;
  transport.onmessage = (message) => {
    if ("method" in message && "id" in message) awaitingReply++;
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message) => {
    await send(message);
    if ("id" in message && ("result" in message || "error" in message)) {
      awaitingReply = Math.max(0, awaitingReply - 1);
      closeWhenIdle();
    }
  };
  stdin.once("end", () => {
    inputEnded = true;
    closeWhenIdle();
  });
}

/**
 * Serves MCP on stdin/stdout for the token's tenant, actor and mode. Resolves with the exit code: 2 (and one line on
 * stderr) for a bad token without reading stdin, else 0 once the client closes stdin.
 */
export async function runStdio(
  office: McpOffice,
  token: string | undefined,
  options: StdioOptions = {},
): Promise<number> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const grant = token ? await resolveToken(office.kernel.store.db, token, office.kernel.now()) : null;
  if (!grant) {
    stderr.write("office mcp: the token is missing, unknown, revoked or expired; create one with `office token`.\n");
    process.exitCode = EXIT_BAD_TOKEN;
    return EXIT_BAD_TOKEN;
  }
  if (stdout === process.stdout) keepStdoutForProtocol(stderr);
  // Requests arrive from stdin events, outside any scope set here: the server sets the token's tenant scope on each.
  const server = buildMcpServer(office, grant);
  const transport = new StdioServerTransport(stdin, stdout);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  closeAfterLastReply(transport, stdin, () => {
    server.close().catch((error: unknown) => stderr.write(`office mcp: close failed: ${String(error)}\n`));
  });
  stderr.write(`office mcp: serving ${grant.actor.id} (${grant.actor.role}) in ${grant.tenantId}, ${grant.mode}\n`);
  await closed;
  return 0;
}
