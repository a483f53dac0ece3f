// POST /api/chat: the web chat's turn, streamed as an AI SDK UI message stream (text deltas + one data part per tool
// result). Only the newest user text is taken from the client; history and approvals live on the server.
import { randomUUID } from "node:crypto";
import { createUIMessageStream, createUIMessageStreamResponse, type UIMessage } from "ai";
import { Hono } from "hono";
import { z } from "zod";
import { type AgentSession, createAgent, loadMessages, type PrimaryModel, type TurnCall } from "../../agent/index.ts";
import { createToken } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import { type ApiEnv, bearerAuth } from "../auth.ts";
import { readJsonBody, refuse } from "../http.ts";
import type { Office } from "../office.ts";
import { QUEUE_KEY } from "./field.ts";

/** The data parts the web chat streams beside its text. */
export type WebChatData = {
  "tool-result": TurnCall;
  /** `replayed`: the message was sent before (same device key) and this is its first answer again, nothing re-run. */
  turn: { answeredBy: string; fallbackReason?: string; sessionId: string; replayed?: boolean };
  fallback: { reason: string };
};
export type WebChatMessage = UIMessage<never, WebChatData>;

export interface ChatRouteOptions {
  /** The model that answers first; null for the offline assistant, undefined to choose from the environment. */
  primary?: PrimaryModel | null;
  log?: (message: string, detail: Record<string, unknown>) => void;
}

const CHAT_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_MESSAGE_CHARS = 4000;

/**
 * The AI SDK's request shape ({ id, messages }). Everything but the last message's text is ignored: a client's
 * history, including anything claiming an approval, is never trusted (ARCHITECTURE §3.4).
 */
const ChatBodySchema = z.object({
  id: z.string().regex(CHAT_ID, "the chat id is 1–80 letters, digits, - or _"),
  messages: z
    .array(
      z.looseObject({
        role: z.string(),
        parts: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
      }),
    )
    .min(1, "send at least one message"),
  /**
   * "voice" when the words came from speech: a channel like any other (propose_actions, never apply); an approval
   * said aloud goes to the kernel's decide as the signed-in person, exactly like a tap.
   */
  channel: z.enum(["web", "voice"]).optional(),
  /** The device's key of a message written with no signal and replayed: the server answers each key once. */
  clientMessageId: z.string().regex(QUEUE_KEY, "the client message id is 8–100 letters, digits, - or _").optional(),
});

function lastUserText(messages: z.infer<typeof ChatBodySchema>["messages"]): string | null {
  const last = messages.at(-1);
  if (last?.role !== "user") return null;
  const text = last.parts
    .filter((p) => p.type === "text")
    .map((p) => p.text ?? "")
    .join("\n")
    .trim();
  return text === "" ? null : text;
}

/** A stored conversation as UI messages (data parts first, as the offline model streams them). */
function toUiMessages(messages: Awaited<ReturnType<typeof loadMessages>>): WebChatMessage[] {
  return messages.map((m) => ({
    id: m.id,
    role: m.role,
    parts: [
      ...(m.content.calls ?? []).map((call) => ({ type: "data-tool-result" as const, data: call })),
      ...(m.content.text ? [{ type: "text" as const, text: m.content.text }] : []),
    ],
  }));
}

export function chatRoutes(office: Office, options: ChatRouteOptions = {}): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const agent = createAgent({
    store: office.store,
    kernel: office.kernel,
    ...(options.primary !== undefined ? { primary: options.primary } : {}),
  });
  const log = options.log ?? ((message, detail) => console.error(`[chat] ${message}`, detail));

  const sessionFor = (
    c: { get(key: "grant"): ApiEnv["Variables"]["grant"] },
    chatId: string,
    channel: "web" | "voice" = "web",
  ) => {
    const { tenantId, actor, mode } = c.get("grant");
    return agent.openSession({ tenantId, actorId: actor.id, channel, mode, threadRef: `web:${chatId}` });
  };

  /** The stored answer to a message this device already sent under the same key (null: never sent). */
  const answeredBefore = async (session: AgentSession, clientMessageId: string) => {
    const messages = await loadMessages({ store: office.store }, session, { limit: 500 });
    const at = messages.findIndex((m) => m.role === "user" && m.content.clientMessageId === clientMessageId);
    if (at < 0) return null;
    return messages.slice(at + 1).find((m) => m.role === "assistant") ?? { content: { text: "", calls: [] } };
  };

  routes.post("/chat", async (c) => {
    if (!c.get("grant")) return refuse(c, "forbidden", "Sign in first.");
    const body = await readJsonBody(c, undefined);
    if (!body.ok) return refuse(c, "invalid_input", body.reason);
    const parsed = ChatBodySchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(c, "invalid_input", `The chat request is not valid: ${issue?.message ?? "unknown problem"}.`);
    }
    const text = lastUserText(parsed.data.messages);
    if (text === null) return refuse(c, "invalid_input", "The last message must be the person's text.");
    if (text.length > MAX_MESSAGE_CHARS) {
      return refuse(c, "invalid_input", `Keep a message under ${MAX_MESSAGE_CHARS} characters.`);
    }
    const { clientMessageId } = parsed.data;
    const session: AgentSession = await sessionFor(c, parsed.data.id, parsed.data.channel);
    const earlier = clientMessageId ? await answeredBefore(session, clientMessageId) : null;

    const stream = createUIMessageStream<WebChatMessage>({
      execute: async ({ writer }) => {
        writer.write({ type: "start", messageId: randomUUID() });
        let textId: string | null = null;
        const endText = () => {
          if (textId !== null) writer.write({ type: "text-end", id: textId });
          textId = null;
        };
        if (earlier) {
          // Sent before under this key: the first answer again, and nothing runs twice.
          for (const call of earlier.content.calls ?? []) {
            writer.write({ type: "data-tool-result", id: randomUUID(), data: call });
          }
          const id = randomUUID();
          const said = earlier.content.text || "This message was already received and is being answered.";
          writer.write({ type: "text-start", id });
          writer.write({ type: "text-delta", id, delta: said });
          writer.write({ type: "text-end", id });
          const answeredBy = "answeredBy" in earlier.content ? (earlier.content.answeredBy ?? "agent") : "agent";
          writer.write({ type: "data-turn", data: { answeredBy, sessionId: session.id, replayed: true } });
          writer.write({ type: "finish" });
          return;
        }
        const result = await agent.runTurn(session, text, {
          ...(clientMessageId ? { clientMessageId } : {}),
          onEvent: (event) => {
            if (event.type === "text-delta") {
              if (textId === null) {
                textId = randomUUID();
                writer.write({ type: "text-start", id: textId });
              }
              writer.write({ type: "text-delta", id: textId, delta: event.text });
            } else if (event.type === "tool-result") {
              endText();
              writer.write({ type: "data-tool-result", id: randomUUID(), data: event.call });
            } else {
              writer.write({ type: "data-fallback", data: { reason: event.reason }, transient: true });
            }
          },
        });
        endText();
        writer.write({
          type: "data-turn",
          data: {
            answeredBy: result.answeredBy,
            sessionId: result.sessionId,
            ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
          },
        });
        writer.write({ type: "finish" });
      },
      // A bug or broken infrastructure: a reference for the log, never the error itself (STYLE "Errors").
      onError: (error) => {
        const reference = randomUUID().slice(0, 8);
        log(`chat turn failed (reference ${reference})`, {
          message: error instanceof Error ? error.message : String(error),
        });
        return `Something went wrong inside the office and the turn stopped; reference ${reference}.`;
      },
    });
    return createUIMessageStreamResponse({
      stream,
      headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" },
    });
  });

  // The conversation so far, so a reload (or a restart) shows it again; proposals' current states are re-asked.
  routes.get("/chat/:id/messages", async (c) => {
    if (!c.get("grant")) return refuse(c, "forbidden", "Sign in first.");
    const id = c.req.param("id");
    if (!CHAT_ID.test(id)) return refuse(c, "invalid_input", "The chat id is 1–80 letters, digits, - or _.");
    // Typed and spoken messages of one chat are two sessions (channels web and voice) shown as one conversation.
    const sessions = [await sessionFor(c, id), await sessionFor(c, id, "voice")];
    const messages = (
      await Promise.all(sessions.map((session) => loadMessages({ store: office.store }, session, { limit: 200 })))
    )
      .flat()
      .sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? -1 : 1))
      .slice(-200);
    return c.json({ id, messages: toUiMessages(messages) });
  });

  return routes;
}

/**
 * Time to the first streamed text token of a web chat turn with the offline model, in process (`npm run bench`):
 * request → route → runTurn → first `text-delta` chunk read from the response body. One sample per run.
 */
export async function measureFirstTokenMs(
  office: Office,
  options: { runs?: number; message?: string; actorId?: string; tenantId?: string } = {},
): Promise<number[]> {
  const tenantId = options.tenantId ?? "demo";
  // A write in the tenant's scope, through the store's writer (on PostgreSQL the read handle is read-only).
  const token = await withTenant(tenantId, () =>
    office.store.write((tx) =>
      createToken(tx, {
        tenantId,
        actorId: options.actorId ?? "office-1",
        mode: "propose_actions",
        now: office.kernel.now(),
        label: "bench-first-token",
        ttlDays: 1,
      }),
    ),
  );
  const app = new Hono<ApiEnv>();
  app.use("/api/*", bearerAuth(office, new Set()));
  app.route("/api", chatRoutes(office, { primary: null }));
  const samples: number[] = [];
  const decoder = new TextDecoder();
  for (let run = 0; run < (options.runs ?? 20); run += 1) {
    const started = performance.now();
    const response = await app.request("/api/chat", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: `bench-${run}`,
        messages: [{ role: "user", parts: [{ type: "text", text: options.message ?? "show me the dashboard" }] }],
      }),
    });
    const reader = response.body?.getReader();
    if (!reader) throw new Error(`the chat answered ${response.status} without a body`);
    let seen = "";
    let firstMs: number | null = null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
      if (firstMs === null && seen.includes('"type":"text-delta"')) firstMs = performance.now() - started;
    }
    if (firstMs === null) throw new Error("the chat streamed no text");
    samples.push(firstMs);
  }
  return samples;
}
