// Block Kit for the office's results: proposal cards with Approve / Reject, hard stops, and decided cards.
// A button carries only the proposal id; the approval itself is decided by the kernel when the button is pressed.
import type { types } from "@slack/bolt";
import type { HardStop, ProposalView } from "../../contracts/index.ts";

type Block = types.KnownBlock;

export const APPROVE_ACTION = "office_proposal_approve";
export const REJECT_ACTION = "office_proposal_reject";
export const PROPOSAL_ID = /^P-\d+$/;

const SECTION_LIMIT = 2900;
const MAX_CHANGES = 12;

/** Slack mrkdwn treats &, < and > as control characters; user and record text is escaped before it is shown. */
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "_(none)_";
  const plain = typeof value === "string" ? value : JSON.stringify(value);
  return escapeMrkdwn(clip(plain, 300));
}

function section(markdown: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: clip(markdown, SECTION_LIMIT) } };
}

function context(markdown: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text: clip(markdown, SECTION_LIMIT) }] };
}

/** The preview's field-level changes, "field: before → after", one line each. */
export function changeLines(proposal: ProposalView): string[] {
  const lines = proposal.preview.changes
    .slice(0, MAX_CHANGES)
    .map((c) => `• ${escapeMrkdwn(c.entity)}.${escapeMrkdwn(c.field)}: ${shown(c.before)} → ${shown(c.after)}`);
  const more = proposal.preview.changes.length - MAX_CHANGES;
  if (more > 0) lines.push(`…and ${more} more change${more === 1 ? "" : "s"} in the review queue.`);
  return lines;
}

function proposalBody(proposal: ProposalView): Block[] {
  const changes = changeLines(proposal);
  return [
    section(`*${proposal.id}* · ${escapeMrkdwn(proposal.preview.summary)}`),
    ...(changes.length > 0 ? [section(changes.join("\n"))] : []),
    context(
      `*${proposal.risk} risk* · who may approve: ${escapeMrkdwn(proposal.approver.rule)} · ` +
        `asked by ${escapeMrkdwn(proposal.requestedBy)} · expires ${proposal.expiresAt.slice(0, 10)}`,
    ),
  ];
}

/** The card posted for a pending proposal: summary, changes, risk and approver rule, Approve / Reject. */
export function proposalCard(proposal: ProposalView): { text: string; blocks: Block[] } {
  return {
    text: `${proposal.id} needs a decision (${proposal.risk} risk): ${escapeMrkdwn(proposal.preview.summary)}`,
    blocks: [
      ...proposalBody(proposal),
      {
        type: "actions",
        block_id: `proposal_${proposal.id}`,
        elements: [
          {
            type: "button",
            action_id: APPROVE_ACTION,
            style: "primary",
            text: { type: "plain_text", text: "Approve" },
            value: proposal.id,
          },
          {
            type: "button",
            action_id: REJECT_ACTION,
            style: "danger",
            text: { type: "plain_text", text: "Reject" },
            value: proposal.id,
          },
        ],
      },
    ],
  };
}

/** The same card once decided: the buttons give way to who decided and what happened. */
export function decidedCard(proposal: ProposalView, outcome: string): { text: string; blocks: Block[] } {
  return {
    text: `${proposal.id}: ${escapeMrkdwn(outcome)}`,
    blocks: [...proposalBody(proposal), context(`*${escapeMrkdwn(outcome)}*`)],
  };
}

/** A hard stop, shown prominently: the work stops and the person is told what to do instead. */
export function hardStopCard(stop: HardStop): { text: string; blocks: Block[] } {
  const gates = stop.clearedBy.gates.length > 0 ? ` Cleared only by: ${stop.clearedBy.gates.join(", ")}.` : "";
  return {
    text: `HARD STOP: ${escapeMrkdwn(stop.message)} ${escapeMrkdwn(stop.action)}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: ":octagonal_sign: HARD STOP — stop work", emoji: true } },
      section(`*${escapeMrkdwn(stop.message)}*`),
      section(`What to do: ${escapeMrkdwn(stop.action)}`),
      context(
        `${stop.type === "universal" ? "Universal stop: no override." : "Conditional stop."}${escapeMrkdwn(gates)}`,
      ),
    ],
  };
}
