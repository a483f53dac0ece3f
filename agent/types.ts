// The agent's vocabulary: what a turn needs, what it reports, and what it streams to a channel.
import type { Channel, ChannelMode, Failure, HardStop, ProposalView } from "../contracts/index.ts";
import type { Store } from "../store/index.ts";
import type { Kernel } from "../tools/kernel/index.ts";
import type { PrimaryModel } from "./models/index.ts";

export interface AgentDeps {
  store: Store;
  kernel: Kernel;
  /**
   * The model that answers first. Undefined: chosen from the environment (Claude when ANTHROPIC_API_KEY is set).
   * Null: the offline assistant answers directly.
   */
  primary?: PrimaryModel | null;
}

export interface AgentSession {
  id: string;
  tenantId: string;
  actorId: string;
  channel: Channel;
  mode: ChannelMode;
  threadRef: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One kernel call made during a turn (a tool call, or a decision on a proposal). */
export interface TurnCall {
  /** Registry name (`crm.add_note`), or `kernel.decide` for an approval or rejection. */
  tool: string;
  input: unknown;
  status: "ok" | "proposed" | "refused" | "stopped";
  data?: unknown;
  proposal?: ProposalView;
  failure?: Failure;
  stop?: HardStop;
}

export interface TurnResult {
  text: string;
  calls: TurnCall[];
  /** Who answered: "Claude" (or a test double's label), "offline", or "agent" for a decision handled in code. */
  answeredBy: string;
  /** Set when the primary model failed and the offline assistant answered instead. */
  fallbackReason?: string;
  sessionId: string;
  userMessageId: string;
  assistantMessageId: string;
}

export type TurnEvent =
  | { type: "text-delta"; text: string }
  | { type: "tool-result"; call: TurnCall }
  | { type: "fallback"; reason: string };

export interface TurnOptions {
  onEvent?: (event: TurnEvent) => void;
  /** Model steps per turn (default 6). */
  maxSteps?: number;
  /** Overrides the primary model's timeout. */
  timeoutMs?: number;
  /**
   * The device's key for this message (a message written offline and replayed): kept with the message, and the base
   * of the turn's idempotency keys, so a replayed message proposes each change once.
   */
  clientMessageId?: string;
}

export type MessageRole = "user" | "assistant";

export interface MessageContent {
  text: string;
  /** The device's key of a message written offline (see TurnOptions.clientMessageId). */
  clientMessageId?: string;
  calls?: TurnCall[];
  answeredBy?: string;
  fallbackReason?: string;
}

export interface AgentMessage {
  id: string;
  sessionId: string;
  role: MessageRole;
  content: MessageContent;
  createdAt: string;
}

/** A bug or broken infrastructure in the agent (never a refusal; refusals are results). */
export class AgentError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "AgentError";
  }
}
