// The Claude advisor: photo reads, web research and diagnostic proposals for the tool packs, through the AI SDK.
// It only advises: every answer is validated with the tool's zod schema, and anything else is a counted fallback.
import { createAnthropic } from "@ai-sdk/anthropic";
import { APICallError, generateText, type ModelMessage, RetryError, type ToolSet } from "ai";
import { z } from "zod";
import {
  type Advice,
  type AdviceRequest,
  type Advisor,
  AdvisorCounter,
  type AdvisorStats,
} from "../../tools/kernel/index.ts";
import { type ClaudeSettings, claudeSettings } from "./claude.ts";
import type { LanguageModelV3 } from "./types.ts";

/** How long one advice call may take before the tool takes its offline path. */
export const DEFAULT_ADVISOR_TIMEOUT_MS = 45_000;
/** Web searches Claude may run for one research question. */
export const MAX_WEB_SEARCHES = 3;

export interface ClaudeAdvisorOptions {
  model: LanguageModelV3;
  /** The provider's web search server tool; research runs without search (and says so) when it is absent. */
  webSearch?: ToolSet[string];
  timeoutMs?: number;
  label?: string;
}

const SYSTEM = [
  "You help a residential heating, cooling and plumbing office. You advise; the office's own code decides.",
  "Answer with exactly one JSON object that matches the JSON Schema given, and nothing after it.",
  "Never invent a value: use null (or low confidence) when you cannot read or find it.",
  "Never copy personal details (names, account numbers, street addresses, phone numbers) into the answer.",
].join(" ");

function schemaText(schema: z.ZodType): string {
  try {
    return JSON.stringify(z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }));
  } catch {
    return "(see the instructions)";
  }
}

/** The JSON object in a model's reply: the whole text, the last fenced block, or the outermost braces. */
export function extractJson(text: string): unknown {
  const candidates: string[] = [text.trim()];
  const fenced = [...text.matchAll(/```(?:json)?\s*([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  candidates.push(...fenced.reverse());
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first !== -1 && last > first) candidates.push(text.slice(first, last + 1));
  // Prose before the answer may hold a brace of its own: try each later opening brace up to the last closing one.
  for (let at = text.indexOf("{", first + 1); at !== -1 && at < last; at = text.indexOf("{", at + 1)) {
    candidates.push(text.slice(at, last + 1));
  }
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function plainIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "answer"}: ${i.message}`)
    .join("; ");
}

/** Why a call failed, without the request (it holds the photos) or anything secret. */
function whyFailed(failed: unknown, timeoutMs: number): string {
  const error = RetryError.isInstance(failed) ? failed.lastError : failed;
  if (APICallError.isInstance(error)) {
    return error.statusCode ? `the Claude API answered ${error.statusCode}` : "the Claude API could not be reached";
  }
  const name = (error as { name?: string } | null)?.name ?? "";
  if (name === "AbortError" || name === "TimeoutError") return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  return "the call to Claude failed";
}

function messagesFor(request: AdviceRequest<z.ZodType>, searching: boolean): ModelMessage[] {
  const text = [
    request.instructions,
    searching ? "You may search the web; cite the page you relied on." : "Do not claim to have searched the web.",
    `JSON Schema of the answer: ${schemaText(request.schema)}`,
    request.facts === undefined ? "" : `Facts: ${JSON.stringify(request.facts)}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return [
    {
      role: "user",
      content: [
        { type: "text", text },
        // Photos go to the model for this one read and are not kept anywhere (Field Engineer §11, §12).
        ...(request.images ?? []).map((image) => ({
          type: "file" as const,
          data: image.base64,
          mediaType: image.mediaType,
        })),
      ],
    },
  ];
}

/** An advisor over any AI SDK language model (Claude in production, a recorded stand-in in tests). */
export function claudeAdvisor(options: ClaudeAdvisorOptions): Advisor {
  const label = options.label ?? "Claude";
  const timeoutMs = options.timeoutMs ?? DEFAULT_ADVISOR_TIMEOUT_MS;
  const counter = new AdvisorCounter();

  async function ask<S extends z.ZodType>(request: AdviceRequest<S>): Promise<Advice<z.output<S>>> {
    const fallback = (why: string): Advice<z.output<S>> => {
      counter.record(request.task, "fallback");
      return { ok: false, note: `${label} could not be used for this (${why}).` };
    };
    const searching = request.webSearch === true && options.webSearch !== undefined;
    let reply: { text: string; sources: string[] };
    try {
      const result = await generateText({
        model: options.model,
        system: SYSTEM,
        messages: messagesFor(request, searching),
        ...(searching && options.webSearch ? { tools: { web_search: options.webSearch } } : {}),
        maxRetries: 1,
        timeout: timeoutMs,
        temperature: 0,
      });
      const sources = result.sources.flatMap((s) => (s.sourceType === "url" ? [s.url] : []));
      reply = { text: result.text, sources: [...new Set(sources)] };
    } catch (error) {
      return fallback(whyFailed(error, timeoutMs));
    }
    const json = extractJson(reply.text);
    if (json === undefined) return fallback("its answer was not JSON");
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) return fallback(`its answer did not match what was asked: ${plainIssues(parsed.error)}`);
    counter.record(request.task, "succeeded");
    return { ok: true, value: parsed.data, sources: reply.sources, by: label };
  }

  return { label, ask, stats: (): AdvisorStats => counter.stats() };
}

/** The Claude advisor from the office's settings; `fetch` lets tests replay recorded Messages API responses. */
export function createClaudeAdvisor(
  settings: ClaudeSettings,
  options: { fetch?: typeof globalThis.fetch; timeoutMs?: number } = {},
): Advisor {
  const provider = createAnthropic({ apiKey: settings.apiKey, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return claudeAdvisor({
    model: provider(settings.modelName),
    // The provider and `ai` may resolve different copies of provider-utils, whose Tool types are nominally distinct.
    webSearch: provider.tools.webSearch_20250305({ maxUses: MAX_WEB_SEARCHES }) as unknown as ToolSet[string],
    timeoutMs: options.timeoutMs ?? DEFAULT_ADVISOR_TIMEOUT_MS,
  });
}

/** Claude's advice when ANTHROPIC_API_KEY is set; null offline (the tools then take their offline path). */
export function advisorFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Advisor | null {
  const settings = claudeSettings(env);
  return settings ? createClaudeAdvisor(settings) : null;
}
