// Approvals in chat: "approve P-12", "yes approve that", "reject P-3" and "what's waiting for approval" are handled in
// code, never by a model tool. A decision always names the session's authenticated person; the kernel re-checks it.
import type { Actor, Proposal } from "../contracts/index.ts";
import { whyActorMayNotDecide } from "../tools/kernel/index.ts";
import { normalize } from "./models/offline/normalize.ts";
import { proposalIdsOfThread } from "./sessions.ts";
import type { AgentDeps, AgentSession, TurnCall } from "./types.ts";

export type OfficeCommand =
  | {
      kind: "decide";
      decision: "approve" | "reject" /** null: "that", the newest pending proposal of the thread. */;
      proposalId: string | null;
    }
  | { kind: "pending" };

const LEAD =
  "(?:(?:yes|yeah|yep|yup|ok|okay|sure|no|nope|please|and|then|go ahead and|go ahead|i|we|will|lets|let us)\\s+)*";
const VERB = "(approve|approved|accept|reject|rejected|deny|denied|decline|declined)";
const TAIL = "(?:\\s+(?:please|thanks|thank you|it|now))*";
const BY_NUMBER = new RegExp(`^${LEAD}${VERB}\\s+(?:(?:proposal|number|p)\\s+)*(\\d+)${TAIL}$`);
const BY_THAT = new RegExp(
  `^${LEAD}${VERB}(?:\\s+(?:that|it|this|the|last|latest|one|proposal|note|change|task|update|request))*${TAIL}$`,
);
const PENDING =
  /\b(waiting|pending|awaiting|needs?|need)\b.*\bapprov\w*\b|\bpending (proposals?|approvals?|changes)\b|\bapproval queue\b|\bwhat needs (my )?(sign off|approval)\b/;

function decisionOf(verb: string): "approve" | "reject" {
  return verb.startsWith("appro") || verb === "accept" ? "approve" : "reject";
}

/** Recognises a decision or the pending list, deterministically, from what the person said. */
export function parseOfficeCommand(message: string): OfficeCommand | null {
  const { text, words } = normalize(message);
  if (words.length === 0 || words.length > 12) return null;
  const numbered = text.match(BY_NUMBER);
  if (numbered)
    return { kind: "decide", decision: decisionOf(numbered[1] ?? ""), proposalId: `P-${Number(numbered[2])}` };
  const that = text.match(BY_THAT);
  if (that) return { kind: "decide", decision: decisionOf(that[1] ?? ""), proposalId: null };
  if (PENDING.test(text)) return { kind: "pending" };
  return null;
}

export interface CommandAnswer {
  text: string;
  calls: TurnCall[];
}

async function newestPending(deps: AgentDeps, session: AgentSession): Promise<Proposal | null> {
  for (const id of await proposalIdsOfThread(deps, session)) {
    const proposal = await deps.kernel.getProposal(session.tenantId, id);
    if (proposal?.status === "pending") return proposal;
  }
  return null;
}

async function decide(
  deps: AgentDeps,
  session: AgentSession,
  actor: Actor,
  command: Extract<OfficeCommand, { kind: "decide" }>,
): Promise<CommandAnswer> {
  const verb = command.decision === "approve" ? "approve" : "reject";
  if (session.mode === "read_only") {
    return {
      text: `This session is read-only, so I can't ${verb} anything from here. Use a staff chat or the review queue.`,
      calls: [],
    };
  }
  const proposalId = command.proposalId ?? (await newestPending(deps, session))?.id ?? null;
  if (!proposalId) {
    return {
      text: `There's no pending proposal from this conversation to ${verb}. Say "${verb} P-<number>", or ask "what's waiting for approval".`,
      calls: [],
    };
  }
  const result = await deps.kernel.decide(session.tenantId, proposalId, command.decision, actor, session.channel);
  const call: TurnCall = {
    tool: "kernel.decide",
    input: { proposalId, decision: command.decision },
    status: result.status,
    ...(result.status === "ok" ? { data: result.data } : {}),
    ...(result.proposal ? { proposal: result.proposal } : {}),
    ...(result.status === "refused" ? { failure: result.failure } : {}),
    ...(result.status === "stopped" ? { stop: result.stop } : {}),
  };
  const summary = result.proposal ? `: ${result.proposal.preview.summary}` : "";
  let text: string;
  if (result.status === "refused") {
    text = `I couldn't ${verb} ${proposalId} (${result.failure.class}): ${result.failure.reason}`;
    if (result.proposal?.status === "failed")
      text = `${proposalId} was approved but could not be applied (${result.failure.class}): ${result.failure.reason}`;
  } else if (result.proposal?.status === "applied") {
    text = `Approved and applied ${proposalId}${summary}. Approved by ${actor.name}.`;
  } else if (result.proposal?.status === "rejected") {
    text = `Rejected ${proposalId}${summary}. Nothing was changed.`;
  } else {
    text = `${proposalId} is ${result.proposal?.status ?? result.status}${summary}.`;
  }
  return { text, calls: [call] };
}

async function pending(deps: AgentDeps, session: AgentSession, actor: Actor): Promise<CommandAnswer> {
  const waiting = await deps.kernel.listProposals(session.tenantId, ["pending"]);
  if (waiting.length === 0) return { text: "Nothing is waiting for approval.", calls: [] };
  const lines = [`${waiting.length} proposal${waiting.length === 1 ? " is" : "s are"} waiting for approval:`];
  for (const p of waiting.slice(0, 15)) {
    // The kernel's own policy says whether this person may decide it; the agent adds no rule of its own.
    const yours = whyActorMayNotDecide(p, actor) === null ? " You can approve this one." : "";
    lines.push(
      `- ${p.id} (${p.risk} risk, asked by ${p.requestedBy}): ${p.preview.summary}. Needs ${p.approver.rule}.${yours}`,
    );
  }
  if (waiting.length > 15) lines.push(`…and ${waiting.length - 15} more in the review queue.`);
  // No calls recorded: a listed proposal is not "this conversation's", so "approve that" never picks one from a list.
  return { text: lines.join("\n"), calls: [] };
}

export async function runOfficeCommand(
  deps: AgentDeps,
  session: AgentSession,
  actor: Actor,
  command: OfficeCommand,
): Promise<CommandAnswer> {
  return command.kind === "decide" ? decide(deps, session, actor, command) : pending(deps, session, actor);
}
