// The Claude model through @ai-sdk/anthropic, when ANTHROPIC_API_KEY is set. The key never leaves this file's call.
import { createAnthropic } from "@ai-sdk/anthropic";
import type { LanguageModelV3 } from "./types.ts";

export const DEFAULT_CLAUDE_MODEL = "claude-sonnet-4-5";
/** How long a Claude turn may take before the offline assistant answers instead. */
export const DEFAULT_CLAUDE_TIMEOUT_MS = 30_000;

export interface ClaudeSettings {
  apiKey: string;
  modelName: string;
  timeoutMs: number;
}

/** Reads the Claude settings from the environment; null when no key is set. */
export function claudeSettings(env: Readonly<Record<string, string | undefined>> = process.env): ClaudeSettings | null {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return null;
  const timeout = Number(env.OFFICE_CLAUDE_TIMEOUT_MS);
  return {
    apiKey,
    modelName: env.OFFICE_CLAUDE_MODEL?.trim() || DEFAULT_CLAUDE_MODEL,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_CLAUDE_TIMEOUT_MS,
  };
}

export function createClaudeModel(settings: ClaudeSettings): LanguageModelV3 {
  return createAnthropic({ apiKey: settings.apiKey })(settings.modelName);
}
