// One conversation turn: append the message, handle a decision in code, or run the model (Claude or offline) with
// exactly the tools the kernel's registry offers this person in this mode, every call going through kernel.execute.
import { createHash } from "node:crypto";
import { type JSONSchema7, jsonSchema, type ModelMessage, stepCountIs, streamText, type ToolSet, tool } from "ai";
import { z } from "zod";
import type { Actor } from "../contracts/index.ts";
import { canonicalJson } from "../store/repos/audit.ts";
import { getActor, getTenant } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { timeZoneOf } from "../tools/crm/day-window.ts";
import { type AnyTool, type CallContext, failure, type KernelResult } from "../tools/kernel/index.ts";
import { parseOfficeCommand, runOfficeCommand } from "./decisions.ts";
import { choosePrimaryModel, createOfflineModel, type LanguageModelV3 } from "./models/index.ts";
import type { PriorTurn } from "./models/offline/intent.ts";
import { systemPrompt } from "./prompts.ts";
import { ensureAgentTables } from "./session-tables.ts";
import { appendMessage, loadMessages } from "./sessions.ts";
import { toolKey, toolNameOf } from "./tool-keys.ts";
import {
  type AgentDeps,
  AgentError,
  type AgentSession,
  type TurnCall,
  type TurnEvent,
  type TurnOptions,
  type TurnResult,
} from "./types.ts";

const DEFAULT_MAX_STEPS = 6;
const HISTORY_MESSAGES = 20;
export const FALLBACK_NOTE = "Claude was unreachable; answered with the offline assistant.";

interface TurnSetup {
  deps: AgentDeps;
  session: AgentSession;
  actor: Actor;
  message: string;
  userMessageId: string;
  /** The base of this turn's idempotency keys: the user message id, or the device's key of a replayed message. */
  callKeyBase: string;
  system: string;
  messages: ModelMessage[];
  offered: AnyTool[];
  emit: (event: TurnEvent) => void;
  maxSteps: number;
}

function toCall(toolName: string, input: unknown, result: KernelResult): TurnCall {
  return {
    tool: toolName,
    input,
    status: result.status,
    ...(result.status === "ok" ? { data: result.data } : {}),
    ...(result.proposal ? { proposal: result.proposal } : {}),
    ...(result.status === "refused" ? { failure: result.failure } : {}),
    ...(result.status === "stopped" ? { stop: result.stop, data: result.data } : {}),
  };
}

/**
 * One key per distinct call of a message: a retried or re-run turn (Claude failing over to offline) proposes the
 * same change once, while two different changes from one message get two keys.
 */
function idempotencyKeyFor(userMessageId: string, toolName: string, input: unknown): string {
  const digest = createHash("sha256").update(canonicalJson(input)).digest("hex").slice(0, 16);
  return `agent:${userMessageId}:${toolName}:${digest}`;
}

function inputSchemaOf(t: AnyTool): JSONSchema7 {
  // The kernel validates input (once, with plain-words refusals); the model only needs the schema's shape.
  const { $schema: _ignored, ...schema } = z.toJSONSchema(t.input, { io: "input", unrepresentable: "any" });
  return schema as JSONSchema7;
}

/** The registry's tools for this person and mode, adapted for the AI SDK. The agent adds no permission of its own. */
function toolSetFor(setup: TurnSetup, answeredBy: string, calls: TurnCall[], seen: Set<string>): ToolSet {
  const { deps, session, actor, message, userMessageId, callKeyBase, emit } = setup;
  const tools: ToolSet = {};
  for (const t of setup.offered) {
    tools[toolKey(t.name)] = tool<Record<string, unknown>, KernelResult>({
      description: t.description,
      inputSchema: jsonSchema<Record<string, unknown>>(inputSchemaOf(t)),
      execute: async (input, { toolCallId }) => {
        const ctx: CallContext = {
          tenantId: session.tenantId,
          actor,
          mode: session.mode,
          channel: session.channel,
          requestedAt: deps.kernel.now().toISOString(),
          idempotencyKey: idempotencyKeyFor(callKeyBase, t.name, input),
          initiatedBy: "model",
          reasoning: `${answeredBy} chose ${t.name} for ${actor.name}'s ${session.channel} message: "${message.slice(0, 200)}"`,
          evidenceRefs: [userMessageId],
        };
        const result = await deps.kernel.execute(t.name, input, ctx);
        const call = toCall(t.name, input, result);
        seen.add(toolCallId);
        calls.push(call);
        emit({ type: "tool-result", call });
        return result;
      },
    });
  }
  return tools;
}

interface LoopOutcome {
  text: string;
}

/** Runs the model loop to the end; throws when the model errors or is aborted, so the caller can fall back. */
async function runLoop(
  setup: TurnSetup,
  model: LanguageModelV3,
  answeredBy: string,
  calls: TurnCall[],
  abortSignal?: AbortSignal,
): Promise<LoopOutcome> {
  const seen = new Set<string>();
  const offeredKeys = new Set(setup.offered.map((t) => toolKey(t.name)));
  const result = streamText({
    model,
    system: setup.system,
    messages: setup.messages,
    tools: toolSetFor(setup, answeredBy, calls, seen),
    stopWhen: stepCountIs(setup.maxSteps),
    maxRetries: 1,
    ...(abortSignal ? { abortSignal } : {}),
    // Errors arrive as stream parts below; the default handler would only log them.
    onError: () => undefined,
  });
  let text = "";
  for await (const part of result.fullStream) {
    switch (part.type) {
      case "text-delta":
        text += part.text;
        setup.emit({ type: "text-delta", text: part.text });
        break;
      case "tool-error": {
        if (seen.has(part.toolCallId)) break;
        seen.add(part.toolCallId);
        // A tool the session does not offer never runs: the model named it anyway, so the call is refused here.
        const toolName = toolNameOf(part.toolName);
        const reason = offeredKeys.has(part.toolName)
          ? `The call to ${toolName} could not be read: ${errorText(part.error)}`
          : `${toolName} is not offered in this session (the person's role and the session's mode decide the tools); nothing ran.`;
        const call: TurnCall = {
          tool: toolName,
          input: part.input,
          status: "refused",
          failure: failure(offeredKeys.has(part.toolName) ? "invalid_input" : "forbidden", reason),
        };
        calls.push(call);
        setup.emit({ type: "tool-result", call });
        break;
      }
      case "error":
        throw new AgentError("model_failed", `${answeredBy} failed: ${errorText(part.error)}`, { cause: part.error });
      case "abort":
        throw new AgentError("model_aborted", `${answeredBy} was stopped before it answered.`);
      default:
        break;
    }
  }
  return { text: text.trim() };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Races the loop against a timer; on timeout the model call is aborted and the turn falls back. */
async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const running = work(controller.signal);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AgentError("model_timeout", `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
    // The losing side of the race settles later; its outcome is already decided here.
    running.catch(() => undefined);
  }
}

function historyMessages(history: Awaited<ReturnType<typeof loadMessages>>): ModelMessage[] {
  return history
    .filter((m) => m.content.text.trim().length > 0)
    .map((m) =>
      m.role === "assistant"
        ? { role: "assistant" as const, content: m.content.text }
        : { role: "user" as const, content: m.content.text },
    );
}

/**
 * The session's earlier messages for the offline model's memory (the open job, the survey in hand): each call's
 * input and status, its proposal refreshed to how it stands now and redacted for this person (read data is not kept).
 */
async function priorTurns(
  deps: AgentDeps,
  actor: Actor,
  history: Awaited<ReturnType<typeof loadMessages>>,
): Promise<PriorTurn[]> {
  const turns: PriorTurn[] = [];
  for (const message of history) {
    const calls: PriorTurn["calls"][number][] = [];
    for (const call of message.content.calls ?? []) {
      const proposal = call.proposal
        ? ((await deps.kernel.getProposalFor(actor, call.proposal.id)) ?? call.proposal)
        : undefined;
      const input =
        typeof call.input === "object" && call.input !== null ? (call.input as Record<string, unknown>) : {};
      calls.push({
        tool: call.tool,
        input,
        result: {
          status: call.status,
          ...(proposal ? { proposal } : {}),
          ...(call.failure ? { failure: call.failure } : {}),
          ...(call.stop ? { stop: call.stop } : {}),
        },
      });
    }
    turns.push({ role: message.role, text: message.content.text, calls });
  }
  return turns;
}

function localNow(now: Date, timeZone: string): string {
  return now.toLocaleString("en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
}

/**
 * Runs one turn of a session. Decisions ("approve P-12", "yes approve that") are handled in code with the session's
 * person; everything else goes to the model with the registry's tools for that person and mode.
 */
export async function runTurn(
  deps: AgentDeps,
  session: AgentSession,
  message: string,
  options: TurnOptions = {},
): Promise<TurnResult> {
  ensureAgentTables(deps.store);
  // A turn is an entry point: every read it makes (the person, the history, the business's time zone) and every tool
  // call the model makes runs in the session's business, and on PostgreSQL only there.
  return withTenant(session.tenantId, () => runTurnScoped(deps, session, message, options));
}

async function runTurnScoped(
  deps: AgentDeps,
  session: AgentSession,
  message: string,
  options: TurnOptions,
): Promise<TurnResult> {
  const actor = await getActor(deps.store.db, session.tenantId, session.actorId);
  if (!actor) throw new AgentError("unknown_actor", `No actor ${session.actorId} in this business.`);
  const emit = (event: TurnEvent) => options.onEvent?.(event);
  const history = await loadMessages(deps, session, { limit: HISTORY_MESSAGES });
  const user = await appendMessage(deps, session, "user", {
    text: message,
    ...(options.clientMessageId ? { clientMessageId: options.clientMessageId } : {}),
  });
  // A replayed offline message keys its changes by the device's key (per person), so each is proposed once.
  const callKeyBase = options.clientMessageId ? `${actor.id}:client:${options.clientMessageId}` : user.id;

  const finish = async (
    text: string,
    calls: TurnCall[],
    answeredBy: string,
    fallbackReason?: string,
  ): Promise<TurnResult> => {
    const assistant = await appendMessage(deps, session, "assistant", {
      text,
      // Stored without the read data: the conversation keeps what was asked and decided, not copies of records.
      calls: calls.map(({ data: _data, ...kept }) => kept),
      answeredBy,
      ...(fallbackReason ? { fallbackReason } : {}),
    });
    return {
      text,
      calls,
      answeredBy,
      ...(fallbackReason ? { fallbackReason } : {}),
      sessionId: session.id,
      userMessageId: user.id,
      assistantMessageId: assistant.id,
    };
  };

  const command = parseOfficeCommand(message);
  if (command) {
    const answer = await runOfficeCommand(deps, session, actor, command);
    for (const call of answer.calls) emit({ type: "tool-result", call });
    emit({ type: "text-delta", text: answer.text });
    return finish(answer.text, answer.calls, "agent");
  }

  // Every message is screened for hard stops before any model sees it (the rule lives in tools/repair; this only asks).
  const screened = await screenMessage(deps, session, actor, message, user.id);
  if (screened?.stopped) {
    emit({ type: "tool-result", call: screened.call });
    emit({ type: "text-delta", text: screened.text });
    return finish(screened.text, [screened.call], "agent");
  }

  const tenant = await getTenant(deps.store.db, session.tenantId);
  const timeZone = timeZoneOf(tenant?.config ?? {});
  const now = deps.kernel.now();
  const setup: TurnSetup = {
    deps,
    session,
    actor,
    message,
    userMessageId: user.id,
    callKeyBase,
    system: systemPrompt({
      channel: session.channel,
      role: actor.role,
      mode: session.mode,
      actorName: actor.name,
      localNow: localNow(now, timeZone),
      timeZone,
    }),
    messages: [...historyMessages(history), { role: "user", content: message }],
    offered: deps.kernel.registry.visibleTo(actor.role, session.mode),
    emit,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
  };
  const offline = createOfflineModel({
    now: () => deps.kernel.now(),
    timeZone,
    mode: session.mode,
    history: await priorTurns(deps, actor, history),
  });
  const calls: TurnCall[] = [];

  const primary = deps.primary === undefined ? choosePrimaryModel() : deps.primary;
  if (primary) {
    try {
      const outcome = await withTimeout(
        (signal) => runLoop(setup, primary.model, primary.label, calls, signal),
        options.timeoutMs ?? primary.timeoutMs,
      );
      return finish(withConfirmations(outcome.text, screened), calls, primary.label);
    } catch (error) {
      const reason = errorText(error);
      emit({ type: "fallback", reason });
      emit({ type: "text-delta", text: `${FALLBACK_NOTE}\n\n` });
      const outcome = await runLoop(setup, offline, "offline", calls);
      return finish(`${FALLBACK_NOTE}\n\n${outcome.text}`, calls, "offline", reason);
    }
  }
  const outcome = await runLoop(setup, offline, "offline", calls);
  return finish(withConfirmations(outcome.text, screened), calls, "offline");
}

interface Screened {
  stopped: boolean;
  call: TurnCall;
  text: string;
  confirm: string[];
}

/** Runs repair.screen on the person's words through the kernel when their role may; a stop ends the turn. */
async function screenMessage(
  deps: AgentDeps,
  session: AgentSession,
  actor: Actor,
  message: string,
  userMessageId: string,
): Promise<Screened | null> {
  const offered = deps.kernel.registry.visibleTo(actor.role, session.mode).some((t) => t.name === "repair.screen");
  if (!offered || message.trim() === "") return null;
  const result = await deps.kernel.execute(
    "repair.screen",
    { text: message.slice(0, 4000) },
    {
      tenantId: session.tenantId,
      actor,
      mode: session.mode,
      channel: session.channel,
      requestedAt: deps.kernel.now().toISOString(),
      idempotencyKey: `screen:${userMessageId}`,
      evidenceRefs: [userMessageId],
    },
  );
  const data = (result.status === "ok" || result.status === "stopped" ? result.data : null) as {
    stops?: { message: string; action: string; type?: string }[];
    confirm?: string[];
  } | null;
  const confirm = data?.confirm ?? [];
  // Acting on a stop is not a new hazard: escalating is always let through (it is the safe action), and an
  // acknowledgment only for conditional stops. The repair tools still enforce who may acknowledge what.
  const words = message.toLowerCase();
  const escalating = /\b(escalat\w*)\b/.test(words);
  const acknowledging = /\backnowledg\w*\b/.test(words);
  const onlyConditional = (data?.stops ?? []).every((s) => (s as { type?: string }).type === "conditional");
  if (result.status === "stopped" && (escalating || (acknowledging && onlyConditional))) {
    const call: TurnCall = {
      tool: "repair.screen",
      input: { text: message },
      status: "stopped",
      stop: result.stop,
      data,
    };
    return { stopped: false, call, text: "", confirm };
  }
  if (result.status !== "stopped") {
    const call: TurnCall = { tool: "repair.screen", input: { text: message }, status: result.status };
    return { stopped: false, call, text: "", confirm };
  }
  const stops = data?.stops ?? [result.stop];
  const text = [
    "HARD STOP.",
    ...stops.map((s) => `${s.message} ${s.action}`),
    "This cannot be overridden from chat; escalate to the office.",
    ...confirm,
  ].join("\n");
  const call: TurnCall = {
    tool: "repair.screen",
    input: { text: message },
    status: "stopped",
    stop: result.stop,
    data,
  };
  return { stopped: true, call, text, confirm };
}

/** Questions the hazard screen asks when a hazard was negated or resolved come before the answer. */
function withConfirmations(text: string, screened: Screened | null): string {
  if (!screened || screened.confirm.length === 0) return text;
  return `${screened.confirm.join("\n")}\n\n${text}`;
}
