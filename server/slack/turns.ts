// A Slack message becomes one agent turn: the Slack user is mapped to a person, the turn runs in the thread's session,
// and the answer, proposal cards and hard stops are posted back in the thread. No permission is decided here.
import { randomUUID } from "node:crypto";
import type { Logger, types, webApi } from "@slack/bolt";
import { and, eq } from "drizzle-orm";
import { type Agent, agentSessions, type TurnResult } from "../../agent/index.ts";
import type { Actor, ProposalView } from "../../contracts/index.ts";
import { redactForRole, whyActorMayNotDecide } from "../../tools/kernel/index.ts";
import type { Office } from "../office.ts";
import { escapeMrkdwn, hardStopCard, proposalCard } from "./cards.ts";
import { actorForSlackUser } from "./identity.ts";

export const UNKNOWN_USER = "I don't know you yet — ask the office to link your Slack account.";

export interface SlackDeps {
  office: Office;
  agent: Agent;
  /** The tenant this Slack workspace belongs to. */
  tenantId: string;
  web: webApi.WebClient;
  logger: Logger;
  /** Where cards from DMs go when the asker cannot decide them alone (so an approver can see them). */
  approvalsChannel?: string;
}

/** Where a turn is answered: the channel, the thread, and whether only the asker can read it (a DM). */
export interface SlackPlace {
  channel: string;
  threadTs: string;
  direct: boolean;
  /** Set for `/office` in ephemeral mode: every post goes to this user only. */
  ephemeralTo?: string;
}

export function threadRefOf(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

/**
 * The words the person typed: Slack's auto-links (`<mailto:a@example.com|a@example.com>`, `<tel:…|…>`, `<https://…>`)
 * become their plain text, and `&`, `<`, `>` are unescaped. Mentions (`<@U…>`) are left as they are.
 */
export function unescapeSlack(text: string): string {
  return text
    .replace(/<(?:mailto:|tel:)?[^|<>@!#][^|<>]*\|([^<>]+)>/g, "$1")
    .replace(/<(?:mailto:|tel:)?([^|<>@!#][^|<>]*)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** True when the office already holds a conversation in this thread (so a plain reply there is for the office). */
export async function isOfficeThread(deps: SlackDeps, place: SlackPlace): Promise<boolean> {
  const [row] = await deps.office.store.db
    .select({ id: agentSessions.id })
    .from(agentSessions)
    .where(
      and(
        eq(agentSessions.tenantId, deps.tenantId),
        eq(agentSessions.channel, "slack"),
        eq(agentSessions.threadRef, threadRefOf(place.channel, place.threadTs)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * What a proposal card may show where it is posted: in a DM the asker's own (already redacted) view; in a channel,
 * whose readers are unknown, the view of the least-privileged staff role, so cost and margin never leak there.
 */
export function forAudience(office: Office, proposal: ProposalView, direct: boolean): ProposalView {
  if (direct) return proposal; // a DM, or an ephemeral answer: only the asker reads it
  return redactForRole(proposal, "tech", office.kernel.registry.get(proposal.tool)?.sensitive);
}

export interface SlackMessage {
  text: string;
  blocks?: types.KnownBlock[];
}

/** Posts in the place's thread. */
export async function post(deps: SlackDeps, place: SlackPlace, message: SlackMessage): Promise<void> {
  if (place.ephemeralTo) {
    await deps.web.chat.postEphemeral({
      channel: place.channel,
      user: place.ephemeralTo,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
    return;
  }
  await deps.web.chat.postMessage({
    channel: place.channel,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
  });
}

/**
 * A DM's card is seen only by the asker. When the kernel's policy says the asker cannot decide it alone, the card is
 * also posted to the approvals channel (if one is set), where the people who may approve can press the button.
 */
async function shareWithApprovers(deps: SlackDeps, asker: Actor, slackUserId: string, proposal: ProposalView) {
  if (!deps.approvalsChannel) return;
  const subject = { risk: proposal.risk, requestedBy: asker.id, requestedRole: asker.role };
  if (whyActorMayNotDecide(subject, asker) === null) return;
  const card = proposalCard(forAudience(deps.office, proposal, false));
  await deps.web.chat.postMessage({
    channel: deps.approvalsChannel,
    text: `<@${slackUserId}> asked for ${proposal.id}: ${card.text}`,
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: `Asked by <@${slackUserId}> in a DM` }] },
      ...card.blocks,
    ],
  });
}

/** Posts a turn's result: hard stops first and loud, then the answer, then one card per new proposal. */
export async function postTurnResult(
  deps: SlackDeps,
  place: SlackPlace,
  result: TurnResult,
  asker?: { actor: Actor; slackUserId: string },
): Promise<void> {
  for (const call of result.calls) {
    if (call.status === "stopped" && call.stop) await post(deps, place, hardStopCard(call.stop));
  }
  if (result.text.trim()) await post(deps, place, { text: escapeMrkdwn(result.text) });
  const carded = new Set<string>();
  for (const call of result.calls) {
    const proposal = call.proposal;
    if (call.status !== "proposed" || !proposal || proposal.status !== "pending" || carded.has(proposal.id)) continue;
    carded.add(proposal.id);
    const onlyAsker = place.direct || place.ephemeralTo !== undefined;
    await post(deps, place, proposalCard(forAudience(deps.office, proposal, onlyAsker)));
    if (onlyAsker && asker) await shareWithApprovers(deps, asker.actor, asker.slackUserId, proposal);
  }
}

/** Logs an unexpected failure with a reference and tells the thread, never with a stack trace or a secret. */
export async function reportFailure(deps: SlackDeps, place: SlackPlace, what: string, error: unknown): Promise<void> {
  const reference = randomUUID().slice(0, 8);
  deps.logger.error(`${what} failed (reference ${reference}): ${error instanceof Error ? error.name : "unknown"}`);
  try {
    await post(deps, place, {
      text: `Something went wrong inside the office and nothing was changed; reference ${reference}.`,
    });
  } catch {
    deps.logger.error(`Could not tell Slack about reference ${reference}.`);
  }
}

/** Runs one turn for a Slack user's message in a thread and posts the answer there. */
export async function answerInThread(
  deps: SlackDeps,
  slackUserId: string,
  message: string,
  place: SlackPlace,
): Promise<TurnResult | null> {
  try {
    const actor = await actorForSlackUser(deps.office.store, deps.tenantId, slackUserId);
    if (!actor) {
      await post(deps, place, { text: UNKNOWN_USER });
      return null;
    }
    const session = await deps.agent.openSession({
      tenantId: deps.tenantId,
      actorId: actor.id,
      channel: "slack",
      mode: "propose_actions",
      threadRef: threadRefOf(place.channel, place.threadTs),
    });
    const result = await deps.agent.runTurn(session, unescapeSlack(message));
    await postTurnResult(deps, place, result, { actor, slackUserId });
    return result;
  } catch (error) {
    await reportFailure(deps, place, "A Slack turn", error);
    return null;
  }
}
