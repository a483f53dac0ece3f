// A fake Slack Web API on loopback for tests and the bench: records every method call the app makes and answers
// `{ ok: true, … }` like Slack would. Bolt's WebClient is pointed at it with `slackApiUrl`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL ending in /api/, for `slackApiUrl`. */
  url: string;
  calls: RecordedCall[];
  /** Calls of one method (chat.postMessage, chat.update, …) in order. */
  callsOf(method: string): RecordedCall[];
  /** The text of every chat.postMessage / chat.postEphemeral, in order. */
  postedTexts(): string[];
  clear(): void;
  close(): Promise<void>;
}

export const FAKE_BOT_USER = "U0BOT";
export const FAKE_BOT_ID = "B0BOT";
export const FAKE_TEAM = "T0DEMO";

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The WebClient sends form-encoded args with objects (blocks) as JSON strings; JSON bodies are accepted too. */
function argsOf(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(raw))) {
    const one = Array.isArray(value) ? value[0] : value;
    if ((key === "blocks" || key === "attachments") && typeof one === "string") args[key] = JSON.parse(one);
    else args[key] = one;
  }
  return args;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  let seq = 0;
  const nextTs = () => `1700000000.${String(++seq).padStart(6, "0")}`;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, team_id: FAKE_TEAM, user: "office" };
      case "chat.postMessage": {
        const ts = nextTs();
        return { ok: true, channel: args.channel, ts, message: { ...args, ts } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "users.info":
        return { ok: true, user: { id: args.user, team_id: FAKE_TEAM } };
      default:
        return { ok: true };
    }
  }

  const server: Server = createServer((request, response) => {
    readBody(request)
      .then((raw) => {
        const method = (request.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
        const args = argsOf(raw, request.headers["content-type"] ?? "");
        const answered = answer(method, args);
        calls.push({ method, args, response: answered });
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(answered));
      })
      .catch(() => {
        response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    postedTexts: () =>
      calls
        .filter((c) => c.method === "chat.postMessage" || c.method === "chat.postEphemeral")
        .map((c) => String(c.args.text ?? "")),
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
