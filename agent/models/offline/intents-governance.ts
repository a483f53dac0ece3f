// The governance and autonomy intents: "chase quotes after 5 days not 7" files a change request; "show contract
// gct_…" tells where it stands; "keep"/"roll back" settles an escalation; "what should we follow up on" lists triggers.
import { type IntentStep, notOffered, type OfflineIntent, resultsOf } from "./intent.ts";
import { outcomeSentence } from "./say.ts";

/** Words that ask to change how the office runs, not to do a piece of work. */
const CHANGE_REQUEST =
  /\b(?:from now on|going forward|instead of|change (?:the|our)|set (?:the|our)|should be|make it|turn (?:off|on) the \w+ (?:pack|module)|(?:disable|enable) the \w+ (?:pack|module)|stop sending|quiet hours? (?:to|from|should|are|is|at)|deposit (?:to|should|of|at)|mark ?up (?:on|for))\b|\bchase (?:quotes?|estimates?) (?:after|at|every)\b|\bnot \d+ days?\b/;
const CONTRACT_ID = /\b(gct_[0-9a-f]{16}|iss_[0-9a-f]{16})\b/;

interface Filed {
  status: "ELIGIBLE" | "INELIGIBLE";
  summary: string;
  reviewProposalId: string | null;
  eligibility: { reasons?: string[] };
}

function sayFiled(data: Filed): string {
  if (data.status === "INELIGIBLE") {
    return `${data.summary} Nothing was changed; a person can triage it from the governance list.`;
  }
  return `${data.summary} Nothing changes until the founder approves ${data.reviewProposalId}; after that the job runs, health and the audit are checked, and a failure rolls back.`;
}

const requestChange: OfflineIntent = {
  name: "governance.request_change",
  help: `change how the office runs, governed — "chase quotes after 5 days not 7"`,
  match(u) {
    if (!CHANGE_REQUEST.test(u.text) || CONTRACT_ID.test(u.raw)) return null;
    return (ctx): IntentStep => {
      const tool = "governance.request_change";
      if (!ctx.offers(tool)) return notOffered(ctx, "file a change request");
      const done = resultsOf(ctx, tool)[0];
      if (!done) return { calls: [{ tool, input: { request: u.raw.trim() } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayFiled(done.result.data as Filed) };
    };
  },
};

interface Shown {
  contract: { id: string; status: string; version: number; reviewProposalId: string | null } | null;
  history: { step: string; to: string; at: string }[];
}

const showContract: OfflineIntent = {
  name: "governance.show_contract",
  help: `where a governed change stands — "show contract gct_…"`,
  match(u) {
    const id = CONTRACT_ID.exec(u.raw)?.[1];
    if (!id || /\b(keep|roll ?back|ask)\b/.test(u.text)) return null;
    return (ctx): IntentStep => {
      const tool = "governance.show_contract";
      if (!ctx.offers(tool)) return notOffered(ctx, "show governed changes");
      const done = resultsOf(ctx, tool)[0];
      if (!done) return { calls: [{ tool, input: { id } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      const shown = done.result.data as Shown;
      if (!shown.contract)
        return { say: `Issue ${id} has no contract: ${shown.history.map((h) => `${h.step} → ${h.to}`).join("; ")}.` };
      const steps = shown.history.map((h) => `${h.step} → ${h.to}`).join("; ");
      return {
        say: `Contract ${shown.contract.id} (v${shown.contract.version}) is ${shown.contract.status}. Steps: ${steps}.`,
      };
    };
  },
};

const resolveEscalation: OfflineIntent = {
  name: "governance.resolve_escalation",
  help: `settle an escalated change — "keep gct_…" or "roll back gct_…"`,
  match(u) {
    const id = /\b(gct_[0-9a-f]{16})\b/.exec(u.raw)?.[1];
    const decision = /\broll ?back\b/.test(u.text) ? "roll_back" : /\bkeep\b/.test(u.text) ? "keep" : null;
    if (!id || !decision) return null;
    return (ctx): IntentStep => {
      const tool = "governance.resolve_escalation";
      if (!ctx.offers(tool)) return notOffered(ctx, "settle an escalated change");
      const done = resultsOf(ctx, tool)[0];
      if (!done) return { calls: [{ tool, input: { contractId: id, decision } }] };
      return { say: outcomeSentence(done.result) };
    };
  },
};

const FOLLOW_UPS =
  /\b(?:what (?:should|do) (?:we|i) (?:follow up|chase)|what is slipping|what are we forgetting|open triggers|triggers?)\b/;

const listTriggers: OfflineIntent = {
  name: "ops.list_triggers",
  help: `what the office should not forget — "what is slipping"`,
  match(u) {
    if (!FOLLOW_UPS.test(u.text)) return null;
    return (ctx): IntentStep => {
      const tool = "ops.list_triggers";
      if (!ctx.offers(tool)) return notOffered(ctx, "list what is slipping");
      const done = resultsOf(ctx, tool)[0];
      if (!done) return { calls: [{ tool, input: { status: "open" } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      const groups = (done.result.data as { groups: { label: string; count: number }[] }).groups;
      if (groups.length === 0) return { say: "Nothing is slipping: no open triggers." };
      return {
        say: `Open triggers: ${groups.map((g) => `${g.label}: ${g.count}`).join("; ")}. Each has a suggested follow-up waiting in the review queue.`,
      };
    };
  },
};

export const governanceIntents: readonly OfflineIntent[] = [
  resolveEscalation,
  showContract,
  requestChange,
  listTriggers,
];
