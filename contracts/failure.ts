// The failure taxonomy (skeleton seed, "Failure taxonomy"), plus the kernel's own classes.
// Every refusal carries exactly one class and a reason a person can act on.
import { z } from "zod";

export const FAILURE_CLASSES = [
  "intake_low_confidence",
  "duplicate_or_conflict",
  "unsafe_outbound",
  "adapter_unavailable",
  "audit_gap",
  "privacy_boundary",
  "invalid_input",
  "forbidden",
  "not_found",
  "gate_required",
  "expired",
] as const;
export const FailureClassSchema = z.enum(FAILURE_CLASSES);
export type FailureClass = z.infer<typeof FailureClassSchema>;

/** Signal and operator response per class, as the seed states them. Shown in the operator manual. */
export const FAILURE_TAXONOMY: Record<FailureClass, { signal: string; response: string }> = {
  intake_low_confidence: {
    signal: "Missing identity, address, intent, or conflicting service terms",
    response: "Keep in review and ask for human clarification before structured writes",
  },
  duplicate_or_conflict: {
    signal: "Candidate overlaps an existing customer, quote, follow-up, or document with conflicting facts",
    response: "Show both records and require owner/admin decision; never auto-merge",
  },
  unsafe_outbound: {
    signal: "Draft has unapproved send path, pressure language, opt-out conflict, or risky claims",
    response: "Quarantine the draft; keep external send disabled and manual-copy only",
  },
  adapter_unavailable: {
    signal: "Adapter, schema, import/export, or database boundary cannot be trusted",
    response: "Fall back to read-only/degraded mode; never swap in hidden live data",
  },
  audit_gap: {
    signal: "A command is missing actor, idempotency key, source evidence, or timestamp",
    response: "Refuse mutation and preserve the raw source item for repair",
  },
  privacy_boundary: {
    signal: "Real customer identifiers appear in demo fixtures, docs, screenshots, or seed data",
    response: "Stop, remove the data, and re-run privacy/static gates before commit",
  },
  invalid_input: {
    signal: "The request does not match the tool's schema",
    response: "Correct the named fields and try again; nothing was changed",
  },
  forbidden: {
    signal: "The actor's role may not call this tool or make this decision",
    response: "Ask someone whose role allows it",
  },
  not_found: {
    signal: "No such record in this business",
    response: "Check the id; records of other businesses are never visible",
  },
  gate_required: {
    signal: "A credential or confirmation gate has not been passed",
    response: "Pass the gate (or escalate to someone who holds it) before continuing",
  },
  expired: {
    signal: "The proposal passed its time limit before a decision",
    response: "Propose again if the change is still wanted",
  },
};

export const FailureSchema = z.object({
  class: FailureClassSchema,
  reason: z.string().min(1),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Failure = z.infer<typeof FailureSchema>;
