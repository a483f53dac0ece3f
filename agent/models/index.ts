// Model choice: Claude when a key is set, otherwise the offline assistant. The offline model is always the fallback.
import { claudeSettings, createClaudeModel, DEFAULT_CLAUDE_TIMEOUT_MS } from "./claude.ts";
import type { LanguageModelV3 } from "./types.ts";

export { claudeSettings, createClaudeModel, DEFAULT_CLAUDE_MODEL, DEFAULT_CLAUDE_TIMEOUT_MS } from "./claude.ts";
export {
  createOfflineModel,
  OFFLINE_MODEL_ID,
  OfflineModel,
  type OfflineModelOptions,
  offlineHelp,
} from "./offline.ts";
export type { LanguageModelV3 } from "./types.ts";

/** The model that answers first; null means the offline assistant answers directly. */
export interface PrimaryModel {
  model: LanguageModelV3;
  /** Shown to people: "Claude" for the real one, the model id for test doubles. */
  label: string;
  timeoutMs: number;
}

export function choosePrimaryModel(
  env: Readonly<Record<string, string | undefined>> = process.env,
): PrimaryModel | null {
  const settings = claudeSettings(env);
  if (!settings) return null;
  return {
    model: createClaudeModel(settings),
    label: "Claude",
    timeoutMs: settings.timeoutMs ?? DEFAULT_CLAUDE_TIMEOUT_MS,
  };
}
