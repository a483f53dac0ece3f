// The turn loop with a scripted stand-in for Claude (MockLanguageModelV3): its tool calls run through the kernel, and
// when it errors or times out the offline assistant answers and says so.
import { convertArrayToReadableStream, MockLanguageModelV3 } from "ai/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AgentDeps,
  FALLBACK_NOTE,
  type LanguageModelV3,
  openSession,
  runTurn,
  type TurnEvent,
  toolKey,
} from "../agent/index.ts";
import { DashboardSchema } from "../contracts/index.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

type CallOptions = Parameters<LanguageModelV3["doStream"]>[0];
type StreamPart =
  Awaited<ReturnType<LanguageModelV3["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

function toolCallParts(calls: { name: string; input: unknown }[]): StreamPart[] {
  return [
    ...calls.map(
      (c, i): StreamPart => ({
        type: "tool-call",
        toolCallId: `call-${i}-${c.name}`,
        toolName: c.name,
        input: JSON.stringify(c.input),
      }),
    ),
    { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_use" }, usage: USAGE },
  ];
}

function textParts(text: string): StreamPart[] {
  return [
    { type: "text-start", id: "t" },
    { type: "text-delta", id: "t", delta: text },
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: "end_turn" }, usage: USAGE },
  ];
}

/** A model that plays its steps in order (the last one repeats), each built from what it was sent. */
function scripted(steps: ((options: CallOptions) => StreamPart[])[]): MockLanguageModelV3 {
  let step = 0;
  return new MockLanguageModelV3({
    modelId: "scripted-claude",
    doStream: async (options) => {
      const play = steps[Math.min(step, steps.length - 1)];
      step += 1;
      return { stream: convertArrayToReadableStream(play ? play(options) : []) };
    },
  });
}

/** The JSON a tool returned, as the model received it in its prompt. */
function toolOutputs(options: CallOptions): unknown[] {
  return options.prompt.flatMap((m) =>
    m.role === "tool"
      ? m.content.flatMap((p) => (p.type === "tool-result" && p.output.type === "json" ? [p.output.value] : []))
      : [],
  );
}

let office: TestOffice;
beforeEach(async () => {
  office = await makeOffice();
});
afterEach(() => office.close());

function depsWith(model: LanguageModelV3, timeoutMs = 5_000): AgentDeps {
  return { store: office.store, kernel: office.kernel, primary: { model, label: "Claude", timeoutMs } };
}

describe("a Claude turn", () => {
  it("offers exactly the registry's tools for the role and mode, and runs its calls through the kernel", async () => {
    const model = scripted([
      () => toolCallParts([{ name: "crm__dashboard", input: {} }]),
      (options) => {
        const [result] = toolOutputs(options) as { data: unknown }[];
        const k = DashboardSchema.parse(result?.data).kpis;
        return textParts(`You have ${k.openQuotes} open quotes and ${k.overdueFollowUps} overdue follow-ups.`);
      },
    ]);
    const deps = depsWith(model);
    const session = await openSession(deps, {
      tenantId: "demo",
      actorId: "sales-1",
      channel: "slack",
      mode: "propose_actions",
    });
    const events: TurnEvent[] = [];
    const result = await runTurn(deps, session, "how are we doing?", { onEvent: (e) => events.push(e) });

    const offered = model.doStreamCalls[0]?.tools?.map((t) => t.name).sort();
    const expected = office.kernel.registry
      .visibleTo("salesperson", "propose_actions")
      .map((t) => toolKey(t.name))
      .sort();
    expect(offered).toEqual(expected);
    expect(offered).not.toContain("crm__audit_trail");

    expect(result.answeredBy).toBe("Claude");
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]).toMatchObject({ tool: "crm.dashboard", status: "ok" });
    const k = DashboardSchema.parse(result.calls[0]?.data).kpis;
    expect(result.text).toBe(`You have ${k.openQuotes} open quotes and ${k.overdueFollowUps} overdue follow-ups.`);
    expect(events.some((e) => e.type === "tool-result" && e.call.tool === "crm.dashboard")).toBe(true);
    expect(events.filter((e) => e.type === "text-delta").map((e) => (e.type === "text-delta" ? e.text : ""))).toEqual([
      result.text,
    ]);

    await office.kernel.flushAudit(); // read entries are group-committed once per tick
    const audit = await office.rows(
      "demo",
      "SELECT actor_id AS actor, channel, outcome FROM audit_log WHERE tenant_id = 'demo' AND tool = 'crm.dashboard'",
    );
    expect(audit).toEqual([{ actor: "sales-1", channel: "slack", outcome: "ok" }]);
  });

  it("a write Claude asks for becomes a proposal that cites the user's message as evidence", async () => {
    const customerId = await office.firstId("demo", "customers");
    const model = scripted([
      () => toolCallParts([{ name: "crm__add_note", input: { customerId, body: "prefers texts after 5pm" } }]),
      () => textParts("I proposed the note; it needs your one-tap approval."),
    ]);
    const deps = depsWith(model);
    const session = await openSession(deps, {
      tenantId: "demo",
      actorId: "sales-2",
      channel: "web",
      mode: "propose_actions",
    });
    const result = await runTurn(deps, session, "note that they prefer texts after 5pm");
    expect(result.calls[0]).toMatchObject({ tool: "crm.add_note", status: "proposed" });
    const proposal = await office.kernel.getProposal("demo", result.calls[0]?.proposal?.id ?? "");
    expect(proposal).toMatchObject({ status: "pending", requestedBy: "sales-2", evidenceRefs: [result.userMessageId] });
    expect(proposal?.reasoning).toContain("Claude chose crm.add_note");
  });
});

describe("when Claude is unreachable", () => {
  it("an error re-runs the turn with the offline model, and the answer says so", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new Error("connect ECONNREFUSED api.anthropic.com");
      },
    });
    const deps = depsWith(model);
    const session = await openSession(deps, {
      tenantId: "demo",
      actorId: "founder",
      channel: "web",
      mode: "propose_actions",
    });
    const events: TurnEvent[] = [];
    const result = await runTurn(deps, session, "show me the dashboard", { onEvent: (e) => events.push(e) });
    expect(result.text.startsWith(FALLBACK_NOTE)).toBe(true);
    expect(result.answeredBy).toBe("offline");
    expect(result.fallbackReason).toContain("ECONNREFUSED");
    expect(result.calls.map((c) => [c.tool, c.status])).toEqual([["crm.dashboard", "ok"]]);
    expect(events[0]).toMatchObject({ type: "fallback" });
  });

  it("a timeout falls back too", async () => {
    const model = new MockLanguageModelV3({ doStream: () => new Promise(() => undefined) });
    const deps = depsWith(model, 150);
    const session = await openSession(deps, {
      tenantId: "demo",
      actorId: "office-1",
      channel: "web",
      mode: "propose_actions",
    });
    const result = await runTurn(deps, session, "what's in intake");
    expect(result.text.startsWith(FALLBACK_NOTE)).toBe(true);
    expect(result.fallbackReason).toContain("150 ms");
    expect(result.calls.map((c) => c.tool)).toEqual(["crm.intake_queue"]);
  });

  it("a change Claude proposed before failing is not proposed twice by the offline re-run", async () => {
    const customerId = await office.firstId("demo", "customers");
    const [customer] = await office.rows<{ name: string }>(
      "demo",
      "SELECT name FROM customers WHERE tenant_id = 'demo' AND id = ?",
      customerId,
    );
    const name = customer?.name ?? "";
    const model = scripted([
      () => toolCallParts([{ name: "crm__add_note", input: { customerId, body: "left voicemail" } }]),
      () => [{ type: "error", error: new Error("overloaded") }],
    ]);
    const deps = depsWith(model);
    const session = await openSession(deps, {
      tenantId: "demo",
      actorId: "sales-1",
      channel: "web",
      mode: "propose_actions",
    });
    const result = await runTurn(deps, session, `add a note to ${name}: left voicemail`);
    expect(result.text.startsWith(FALLBACK_NOTE)).toBe(true);
    const notes = result.calls.filter((c) => c.tool === "crm.add_note");
    expect(notes).toHaveLength(2);
    expect(notes[0]?.proposal?.id).toBe(notes[1]?.proposal?.id);
    expect(await office.kernel.listProposals("demo", ["pending"])).toHaveLength(1);
  });
});
