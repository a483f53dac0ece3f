// agent/: the conversation room. runTurn (model loop over the kernel), sessions that survive a restart, approvals in
// chat handled in code, the Claude and offline models, and the system prompts. Channels start here.
import { type OpenSessionInput, openSession } from "./sessions.ts";
import { runTurn } from "./run-turn.ts";
import type { AgentDeps, AgentSession, TurnOptions, TurnResult } from "./types.ts";

export { type CommandAnswer, type OfficeCommand, parseOfficeCommand, runOfficeCommand } from "./decisions.ts";
export {
  choosePrimaryModel,
  claudeSettings,
  createClaudeModel,
  createOfflineModel,
  DEFAULT_CLAUDE_MODEL,
  DEFAULT_CLAUDE_TIMEOUT_MS,
  type LanguageModelV3,
  OFFLINE_MODEL_ID,
  OfflineModel,
  type OfflineModelOptions,
  offlineHelp,
  type PrimaryModel,
} from "./models/index.ts";
export { type PromptContext, systemPrompt } from "./prompts.ts";
export { FALLBACK_NOTE, runTurn } from "./run-turn.ts";
export { agentMessages, agentSessions, ensureAgentTables } from "./session-tables.ts";
export {
  appendMessage,
  loadMessages,
  loadSession,
  type OpenSessionInput,
  openSession,
  proposalIdsOfThread,
} from "./sessions.ts";
export { toolKey, toolNameOf } from "./tool-keys.ts";
export type {
  AgentDeps,
  AgentMessage,
  AgentSession,
  MessageContent,
  MessageRole,
  TurnCall,
  TurnEvent,
  TurnOptions,
  TurnResult,
} from "./types.ts";
export { AgentError } from "./types.ts";

/** The agent bound to one office, for channels: open a session, run a turn. */
export interface Agent {
  openSession(input: OpenSessionInput): Promise<AgentSession>;
  runTurn(session: AgentSession, message: string, options?: TurnOptions): Promise<TurnResult>;
}

export function createAgent(deps: AgentDeps): Agent {
  return {
    openSession: (input) => openSession(deps, input),
    runTurn: (session, message, options) => runTurn(deps, session, message, options),
  };
}
