// Words for kernel outcomes every pack shares: a proposal, a refusal, a hard stop, money and times.
// Built only from what the kernel returned; nothing here invents a figure.
import type { Failure, HardStop, ProposalView } from "../../../contracts/index.ts";
import type { KernelOutcome } from "./intent.ts";

export function money(cents: number): string {
  return `$${(cents / 100).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A short local date-time for an ISO instant, in the shop's time zone. */
export function when(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "no due date";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
}

export function proposalSentence(p: ProposalView): string {
  const waiting =
    p.status === "pending"
      ? ` It is waiting for approval by ${p.approver.rule}. Say "approve ${p.id}" or "reject ${p.id}".`
      : ` Status: ${p.status}.`;
  return `Proposed ${p.id} (${p.risk} risk): ${p.preview.summary}. Nothing has changed yet.${waiting}`;
}

export function refusalSentence(f: Failure): string {
  return `That was refused (${f.class}): ${f.reason}`;
}

export function stopSentence(s: HardStop): string {
  return `Safety stop ${s.stopId}: ${s.message} ${s.action} This stop is final; it is not overridden from chat.`;
}

/** The words for a write outcome, or for a read that did not come back ok. */
export function outcomeSentence(result: KernelOutcome): string {
  if (result.status === "proposed" && result.proposal) return proposalSentence(result.proposal);
  if (result.status === "refused" && result.failure) return refusalSentence(result.failure);
  if (result.status === "stopped" && result.stop) return stopSentence(result.stop);
  if (result.status === "ok") return "Done.";
  return `The office returned ${result.status}.`;
}
