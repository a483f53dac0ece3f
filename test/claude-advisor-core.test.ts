// The advisor seam itself: JSON out of a chatty reply, zod validation before use, timeouts and thrown errors as
// counted fallbacks, the kernel's checked wrapper, and the office wiring (no key → no advisor).
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { advisorFromEnv, claudeAdvisor, extractJson } from "../agent/models/claude-advisor.ts";
import type { Advisor } from "../tools/kernel/index.ts";
import { checkedAdvisor } from "../tools/kernel/index.ts";
import { makeAdvisedOffice } from "./claude-advisor-office.ts";

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

function replying(text: string): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "end_turn" },
      usage: USAGE,
      warnings: [],
    }),
  });
}

const Answer = z.object({ brand: z.string(), years: z.number().min(0) });

describe("extractJson", () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['Here you go:\n```json\n{"a":2}\n```', { a: 2 }],
    ['I found it {maybe}. {"a":3}', { a: 3 }],
    ["no json here", undefined],
  ])("%j", (text, expected) => {
    expect(extractJson(text)).toEqual(expected);
  });
});

describe("claudeAdvisor over a MockLanguageModelV3", () => {
  it("validates the answer with the request's schema and strips what the schema does not name", async () => {
    const model = replying(JSON.stringify({ brand: "Demo", years: 4, accountNumber: "ACCT-1" }));
    const advisor = claudeAdvisor({ model });
    const advice = await advisor.ask({ task: "t", instructions: "read it", schema: Answer });
    expect(advice).toEqual({ ok: true, value: { brand: "Demo", years: 4 }, sources: [], by: "Claude" });
    // The schema travels in the prompt as JSON Schema; no tools without web search.
    expect(JSON.stringify(model.doGenerateCalls[0]?.prompt)).toContain('\\"brand\\":{\\"type\\":\\"string\\"}');
    expect(model.doGenerateCalls[0]?.tools).toBeUndefined();
  });

  it("an answer outside the schema, a thrown error and a timeout are each a counted fallback with a note", async () => {
    const invalid = claudeAdvisor({ model: replying(JSON.stringify({ brand: "Demo", years: -1 })) });
    expect(await invalid.ask({ task: "t", instructions: "", schema: Answer })).toMatchObject({
      ok: false,
      note: expect.stringMatching(/did not match what was asked: years/),
    });

    const failing = claudeAdvisor({
      model: new MockLanguageModelV3({
        doGenerate: async () => {
          throw new Error("socket hang up (sk-ant-secret)");
        },
      }),
    });
    const failed = await failing.ask({ task: "t", instructions: "", schema: Answer });
    expect(failed).toMatchObject({ ok: false, note: "Claude could not be used for this (the call to Claude failed)." });

    const slow = claudeAdvisor({
      timeoutMs: 50,
      model: new MockLanguageModelV3({
        doGenerate: ({ abortSignal }) =>
          new Promise((_, reject) => {
            abortSignal?.addEventListener("abort", () => reject(abortSignal.reason));
          }),
      }),
    });
    const timedOut = await slow.ask({ task: "slow", instructions: "", schema: Answer });
    expect(timedOut).toMatchObject({ ok: false, note: expect.stringMatching(/no answer within/) });
    expect(slow.stats()).toEqual({
      calls: 1,
      succeeded: 0,
      fallbacks: 1,
      byTask: { slow: { calls: 1, succeeded: 0, fallbacks: 1 } },
    });
  });
});

describe("the kernel's checked advisor", () => {
  it("re-validates whatever an advisor returns and turns a thrown error into a note", async () => {
    const lying: Advisor = {
      label: "Other",
      stats: () => ({ calls: 0, succeeded: 0, fallbacks: 0, byTask: {} }),
      ask: async () => ({ ok: true, value: { brand: 42 }, sources: [], by: "Other" }) as never,
    };
    expect(await checkedAdvisor(lying).ask({ task: "t", instructions: "", schema: Answer })).toMatchObject({
      ok: false,
    });
    const throwing: Advisor = { ...lying, ask: () => Promise.reject(new Error("boom")) };
    expect(await checkedAdvisor(throwing).ask({ task: "t", instructions: "", schema: Answer })).toMatchObject({
      ok: false,
      note: expect.stringMatching(/could not be reached/),
    });
  });
});

describe("office wiring", () => {
  it("no ANTHROPIC_API_KEY → no advisor; a key → the Claude advisor (nothing is called until a tool asks)", async () => {
    expect(advisorFromEnv({})).toBeNull();
    expect(advisorFromEnv({ ANTHROPIC_API_KEY: "  " })).toBeNull();
    expect(advisorFromEnv({ ANTHROPIC_API_KEY: "sk-ant-test" })?.label).toBe("Claude");
    const office = await makeAdvisedOffice(null);
    try {
      expect(office.kernel.advisor).toBeUndefined();
    } finally {
      office.close();
    }
  });
});
