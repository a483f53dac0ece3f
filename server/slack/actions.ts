// Approve / Reject buttons: the press carries a proposal id only; the clicking Slack user is mapped to a person and
// the kernel decides (and re-checks the right to approve). The result is posted to the card's thread.
import type { KernelResult } from "../../tools/kernel/index.ts";
import { decidedCard, escapeMrkdwn, hardStopCard, PROPOSAL_ID } from "./cards.ts";
import { actorForSlackUser } from "./identity.ts";
import { forAudience, post, reportFailure, type SlackDeps, type SlackPlace, UNKNOWN_USER } from "./turns.ts";

export interface ButtonPress {
  slackUserId: string;
  /** The button's value: only ever a proposal id. */
  proposalId: string;
  decision: "approve" | "reject";
  channel: string;
  /** The card's message ts (to update it once decided) and its thread. */
  messageTs: string | null;
  threadTs: string;
}

/** The line posted to the thread for a decision's result (the kernel's words, rendered the same way everywhere). */
export function decisionLine(result: KernelResult, press: ButtonPress, deciderName: string): string {
  const id = press.proposalId;
  const summary = result.proposal ? ` — ${escapeMrkdwn(result.proposal.preview.summary)}` : "";
  const name = escapeMrkdwn(deciderName);
  if (result.status === "refused") {
    if (result.proposal?.status === "failed") {
      return `${id} was approved but could not be applied (${result.failure.class}): ${escapeMrkdwn(result.failure.reason)}`;
    }
    return `Refused: ${escapeMrkdwn(result.failure.reason)} (<@${press.slackUserId}> on ${id}; nothing changed.)`;
  }
  if (result.status === "stopped") return `Stopped ${id}: ${escapeMrkdwn(result.stop.message)}`;
  switch (result.proposal?.status) {
    case "applied":
      return `Applied ${id}${summary}. Approved by ${name}.`;
    case "rejected":
      return `Rejected ${id}${summary}. Nothing was changed. Rejected by ${name}.`;
    default:
      return `${id} is ${result.proposal?.status ?? result.status}${summary}.`;
  }
}

/** Handles one button press after it was acked: decide through the kernel, post the result, update the card. */
export async function decideFromButton(deps: SlackDeps, press: ButtonPress): Promise<KernelResult | null> {
  const place: SlackPlace = { channel: press.channel, threadTs: press.threadTs, direct: press.channel.startsWith("D") };
  try {
    if (!PROPOSAL_ID.test(press.proposalId)) {
      await post(deps, place, { text: "Refused: that button does not name a proposal; nothing changed." });
      return null;
    }
    const actor = await actorForSlackUser(deps.office.store, deps.tenantId, press.slackUserId);
    if (!actor) {
      await post(deps, place, { text: `Refused: ${UNKNOWN_USER} Nothing changed on ${press.proposalId}.` });
      return null;
    }
    const result = await deps.office.kernel.decide(deps.tenantId, press.proposalId, press.decision, actor, "slack");
    if (result.status === "stopped") await post(deps, place, hardStopCard(result.stop));
    await post(deps, place, { text: decisionLine(result, press, actor.name) });
    const status = result.proposal?.status;
    if (press.messageTs && result.proposal && (status === "applied" || status === "rejected" || status === "failed")) {
      const outcome = `${status === "applied" ? "Applied" : status === "rejected" ? "Rejected" : "Failed"} — decided by ${actor.name}`;
      const card = decidedCard(forAudience(deps.office, result.proposal, place.direct), outcome);
      await deps.web.chat.update({ channel: press.channel, ts: press.messageTs, text: card.text, blocks: card.blocks });
    }
    return result;
  } catch (error) {
    await reportFailure(deps, place, "A Slack button", error);
    return null;
  }
}
