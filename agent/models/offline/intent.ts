// The offline model's intent contract: a pack's intents recognise words and plan tool calls, step by step,
// answering only from the tool results they got back. Each pack adds its own intents file to the registry.
import type { ChannelMode, Failure, HardStop, ProposalView } from "../../../contracts/index.ts";
import type { Utterance } from "./normalize.ts";

/** What the kernel returned for one call, as the model sees it (the agent passes the kernel result through). */
export interface KernelOutcome {
  status: "ok" | "proposed" | "refused" | "stopped";
  data?: unknown;
  proposal?: ProposalView;
  failure?: Failure;
  stop?: HardStop;
}

export interface ToolOutcome {
  /** Registry name, e.g. `crm.search_customers`. */
  tool: string;
  input: Record<string, unknown>;
  result: KernelOutcome;
}

export interface PlannedCall {
  tool: string;
  input: Record<string, unknown>;
}

/** Either call tools (all at once, in one step) or answer in words. */
export type IntentStep = { calls: PlannedCall[] } | { say: string };

/** One earlier message of this conversation: its words and the kernel calls it made (proposals as they stand now). */
export interface PriorTurn {
  role: "user" | "assistant";
  text: string;
  calls: readonly ToolOutcome[];
}

export interface IntentContext {
  utterance: Utterance;
  now: Date;
  timeZone: string;
  mode: ChannelMode;
  /** Whether the session offers this tool (the registry's visibleTo for the actor's role and mode). */
  offers(tool: string): boolean;
  /** Every tool result of this turn so far, in order. */
  results: readonly ToolOutcome[];
  /** Earlier messages of this conversation, oldest first: what an intent may remember (the open job, the survey). */
  history?: readonly PriorTurn[];
}

export type IntentPlan = (ctx: IntentContext) => IntentStep;

export interface OfflineIntent {
  name: string;
  /** One line for the help answer: what a person can ask, with an example. */
  help: string;
  /** Null when the words are not this intent; otherwise the plan for this turn. */
  match(utterance: Utterance): IntentPlan | null;
}

/** Results of one tool, in order. */
export function resultsOf(ctx: IntentContext, tool: string): ToolOutcome[] {
  return ctx.results.filter((r) => r.tool === tool);
}

/** Every kernel call of this conversation, newest first: this turn's results, then earlier turns' calls. */
export function callsNewestFirst(ctx: IntentContext): ToolOutcome[] {
  const earlier = (ctx.history ?? []).flatMap((turn) => turn.calls);
  return [...earlier, ...ctx.results].reverse();
}

/** The answer when a tool this request needs is not offered to the person in this session. */
export function notOffered(ctx: IntentContext, what: string): IntentStep {
  if (ctx.mode === "read_only") {
    return {
      say: `I can't ${what} here: this session is read-only, so nothing can be changed or proposed from it. Ask in a staff chat session instead.`,
    };
  }
  return { say: `I can't ${what}: your role doesn't have that tool. Ask someone in the office who does.` };
}

/** Picks the first intent whose words match; order in the registry is the priority. */
export function matchIntent(
  intents: readonly OfflineIntent[],
  utterance: Utterance,
): { intent: OfflineIntent; plan: IntentPlan } | null {
  for (const intent of intents) {
    const plan = intent.match(utterance);
    if (plan) return { intent, plan };
  }
  return null;
}
