// Test helpers for the Claude advisor: recorded Anthropic Messages API responses played back through a fake fetch
// handed to createAnthropic (the SDK boundary), and a private office whose kernel has that advisor. No network.
import { createClaudeAdvisor } from "../agent/models/claude-advisor.ts";
import type { Advisor } from "../tools/kernel/index.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

type Block = Record<string, unknown>;

/** A Messages API response as Anthropic returns it. */
export function recordedMessage(content: Block[], stopReason = "end_turn"): Record<string, unknown> {
  return {
    id: "msg_01RecordedForTests",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5-20250929",
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 1520, output_tokens: 184 },
  };
}

/** A reply whose only content is text (the JSON answer, or anything else). */
export function textReply(text: string): Record<string, unknown> {
  return recordedMessage([{ type: "text", text }]);
}

/** A reply that searched the web first (server tool use + results), then answered. */
export function searchedReply(query: string, urls: string[], answer: string): Record<string, unknown> {
  return recordedMessage([
    { type: "text", text: "I'll search for that." },
    { type: "server_tool_use", id: "srvtoolu_01Recorded", name: "web_search", input: { query } },
    {
      type: "web_search_tool_result",
      tool_use_id: "srvtoolu_01Recorded",
      content: urls.map((url, i) => ({
        type: "web_search_result",
        url,
        title: `Result ${i + 1}`,
        encrypted_content: "EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC1kNjNjNTk1ZWI3Y2US",
        page_age: "January 10, 2026",
      })),
    },
    { type: "text", text: answer },
  ]);
}

export interface RecordedAnthropic {
  fetch: typeof globalThis.fetch;
  /** The request bodies the SDK sent, parsed. */
  requests: Record<string, unknown>[];
}

/** A fetch that answers each Messages API call with the next recorded body (the last repeats; a number is a status). */
export function recordedAnthropic(replies: (Record<string, unknown> | number)[]): RecordedAnthropic {
  const requests: Record<string, unknown>[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    requests.push(JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (typeof reply === "number") {
      return new Response(JSON.stringify({ type: "error", error: { type: "api_error", message: "Overloaded" } }), {
        status: reply,
        headers: { "content-type": "application/json" },
      });
    }
    return new Response(JSON.stringify(reply), { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/** The Claude advisor over a recorded fetch, as server/office.ts would build it with a key. */
export function recordedAdvisor(replies: (Record<string, unknown> | number)[]): RecordedAnthropic & {
  advisor: Advisor;
} {
  const recorded = recordedAnthropic(replies);
  const advisor = createClaudeAdvisor(
    { apiKey: "sk-ant-test-not-a-real-key", modelName: "claude-sonnet-4-5", timeoutMs: 5_000 },
    { fetch: recorded.fetch, timeoutMs: 5_000 },
  );
  return { ...recorded, advisor };
}

/** A private demo office (in memory, or PostgreSQL in that project) whose kernel carries `advisor` (null: none). */
export function makeAdvisedOffice(advisor: Advisor | null): Promise<TestOffice> {
  return makeOffice({ advisor });
}

/**
 * Every row of every table in the store, as one string: for "this value was never stored anywhere" checks.
 * SQLite: every table, all tenants at once. PostgreSQL: every table of the office's schema (store.path is
 * "postgres:<schema>"), read in each of `tenantIds`' scopes, since row-level security shows a scope its own rows only.
 */
export async function wholeStore(office: TestOffice, tenantIds: readonly string[] = ["demo"]): Promise<string> {
  const [firstTenant] = tenantIds;
  if (!firstTenant) throw new Error("wholeStore needs a tenant to read as");
  if (office.store.backend === "sqlite") {
    const tables = await office.rows<{ name: string }>(
      firstTenant,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const dumps: string[] = [];
    for (const t of tables) dumps.push(JSON.stringify(await office.rows(firstTenant, `SELECT * FROM "${t.name}"`)));
    return dumps.join("\n");
  }
  const schema = office.store.path.replace(/^postgres:/, "");
  const tables = await office.rows<{ name: string }>(
    firstTenant,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
    schema,
  );
  if (tables.length === 0) throw new Error(`no tables found in schema ${schema}`);
  const dumps: string[] = [];
  for (const tenantId of tenantIds) {
    for (const t of tables) dumps.push(JSON.stringify(await office.rows(tenantId, `SELECT * FROM "${t.name}"`)));
  }
  return dumps.join("\n");
}

/** A photo big enough to notice if it were stored. */
export const PHOTO = {
  base64: Buffer.from(`recorded-test-photo-${"x".repeat(2048)}`).toString("base64"),
  mediaType: "image/jpeg" as const,
};
