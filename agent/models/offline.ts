// The offline model: a deterministic intent parser behind the AI SDK's LanguageModelV3 contract, so the same
// turn loop runs it. It plans tool calls from the last user message and answers only from the tool results.
import { canonicalJson } from "../../store/repos/audit.ts";
import type { ChannelMode } from "../../contracts/index.ts";
import { toolKey, toolNameOf } from "../tool-keys.ts";
import {
  type IntentContext,
  type KernelOutcome,
  matchIntent,
  type OfflineIntent,
  type PriorTurn,
  type ToolOutcome,
} from "./offline/intent.ts";
import { offlineIntents } from "./offline/intents.ts";
import { normalize } from "./offline/normalize.ts";
import type {
  LanguageModelV3,
  ModelCallOptions,
  ModelContent,
  ModelGenerateResult,
  ModelPrompt,
  ModelStreamPart,
  ModelStreamResult,
} from "./types.ts";

export interface OfflineModelOptions {
  /** The session clock: relative times ("tomorrow at 10") are computed from it. */
  now: () => Date;
  /** The shop's time zone (IANA). */
  timeZone: string;
  mode: ChannelMode;
  intents?: readonly OfflineIntent[];
  /** Earlier messages of the session with their calls, so intents can remember the open job or survey. */
  history?: readonly PriorTurn[];
}

export const OFFLINE_MODEL_ID = "offline-intents";

type PlannedContent = Extract<ModelContent, { type: "text" | "tool-call" }>;

/** What the offline assistant can do, from the intent registry itself, plus the decisions the agent handles. */
export function offlineHelp(intents: readonly OfflineIntent[] = offlineIntents): string {
  return [
    "I'm the offline assistant, so I understand a fixed set of requests. I can show you:",
    ...intents.map((i) => `- ${i.help}`),
    `- proposals waiting for approval — "what's waiting for approval"`,
    `- approve or reject a proposal — "approve P-12", "yes approve that", "reject P-3"`,
    "For full conversation, ask your admin to set a Claude API key (ANTHROPIC_API_KEY).",
  ].join("\n");
}

const ZERO_USAGE: ModelGenerateResult["usage"] = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

function lastUserIndex(prompt: ModelPrompt): number {
  for (let i = prompt.length - 1; i >= 0; i -= 1) if (prompt[i]?.role === "user") return i;
  return -1;
}

function textOf(message: ModelPrompt[number] | undefined): string {
  if (message?.role !== "user") return "";
  return message.content
    .map((part) => (part.type === "text" ? part.text : ""))
    .join(" ")
    .trim();
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function outcomeOf(output: unknown): KernelOutcome {
  const part = asRecord(output);
  const value = part.type === "text" && typeof part.value === "string" ? safeJson(part.value) : part.value;
  if (part.type === "error-text" || part.type === "error-json" || part.type === "execution-denied") {
    const reason = typeof part.value === "string" ? part.value : "the call could not be made";
    return { status: "refused", failure: { class: "invalid_input", reason } };
  }
  const result = asRecord(value);
  const status = result.status;
  if (status === "ok" || status === "proposed" || status === "refused" || status === "stopped") {
    return result as unknown as KernelOutcome;
  }
  return {
    status: "refused",
    failure: { class: "adapter_unavailable", reason: "The tool answered in an unknown shape." },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The tool calls and results of this turn (everything after the last user message), in order. */
function outcomesAfter(prompt: ModelPrompt, from: number): ToolOutcome[] {
  const calls = new Map<string, { tool: string; input: Record<string, unknown> }>();
  const out: ToolOutcome[] = [];
  for (const message of prompt.slice(from + 1)) {
    if (message.role === "assistant") {
      for (const part of message.content) {
        if (part.type === "tool-call")
          calls.set(part.toolCallId, { tool: toolNameOf(part.toolName), input: asRecord(part.input) });
      }
    } else if (message.role === "tool") {
      for (const part of message.content) {
        if (part.type !== "tool-result") continue;
        const call = calls.get(part.toolCallId) ?? { tool: toolNameOf(part.toolName), input: {} };
        out.push({ ...call, result: outcomeOf(part.output) });
      }
    }
  }
  return out;
}

export class OfflineModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly provider = "trade-office";
  readonly modelId = OFFLINE_MODEL_ID;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  readonly #options: OfflineModelOptions;
  #callCounter = 0;

  constructor(options: OfflineModelOptions) {
    this.#options = options;
  }

  /** One deterministic step: tool calls to make, or the answer. */
  plan(options: ModelCallOptions): PlannedContent[] {
    const { prompt } = options;
    const userAt = lastUserIndex(prompt);
    const utterance = normalize(textOf(prompt[userAt]));
    const offered = new Set((options.tools ?? []).filter((t) => t.type === "function").map((t) => toolNameOf(t.name)));
    const intents = this.#options.intents ?? offlineIntents;
    const results = outcomesAfter(prompt, userAt);
    const ctx: IntentContext = {
      utterance,
      now: this.#options.now(),
      timeZone: this.#options.timeZone,
      mode: this.#options.mode,
      offers: (tool) => offered.has(tool),
      results,
      history: this.#options.history ?? [],
    };
    const matched = utterance.text ? matchIntent(intents, utterance) : null;
    if (!matched) return [{ type: "text", text: offlineHelp(intents) }];
    const step = matched.plan(ctx);
    if ("say" in step) return [{ type: "text", text: step.say }];
    const asked = new Set(results.map((r) => `${r.tool} ${canonicalJson(r.input)}`));
    const calls = step.calls.filter((c) => offered.has(c.tool) && !asked.has(`${c.tool} ${canonicalJson(c.input)}`));
    if (calls.length === 0) {
      // A plan that would repeat itself or call a tool not offered ends the turn rather than looping.
      return [{ type: "text", text: "I couldn't finish that request offline. Try saying it another way." }];
    }
    return calls.map((c) => {
      this.#callCounter += 1;
      return {
        type: "tool-call" as const,
        toolCallId: `offline-${this.#callCounter}`,
        toolName: toolKey(c.tool),
        input: JSON.stringify(c.input),
      };
    });
  }

  #step(options: ModelCallOptions): { content: PlannedContent[]; finishReason: ModelGenerateResult["finishReason"] } {
    const content = this.plan(options);
    const calls = content.some((c) => c.type === "tool-call");
    return { content, finishReason: { unified: calls ? "tool-calls" : "stop", raw: calls ? "tool_use" : "end_turn" } };
  }

  async doGenerate(options: ModelCallOptions): Promise<ModelGenerateResult> {
    return { ...this.#step(options), usage: ZERO_USAGE, warnings: [] };
  }

  async doStream(options: ModelCallOptions): Promise<ModelStreamResult> {
    const { content, finishReason } = this.#step(options);
    const usage = ZERO_USAGE;
    const parts: ModelStreamPart[] = [{ type: "stream-start", warnings: [] }];
    for (const [i, part] of content.entries()) {
      if (part.type === "text") {
        const id = `text-${i}`;
        parts.push({ type: "text-start", id });
        // Line by line, so a channel can show the answer as it arrives.
        for (const line of part.text.split(/(?<=\n)/)) parts.push({ type: "text-delta", id, delta: line });
        parts.push({ type: "text-end", id });
      } else {
        parts.push(part);
      }
    }
    parts.push({ type: "finish", finishReason, usage });
    return {
      stream: new ReadableStream<ModelStreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }
}

export function createOfflineModel(options: OfflineModelOptions): OfflineModel {
  return new OfflineModel(options);
}
