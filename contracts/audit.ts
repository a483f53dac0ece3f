// The audit entry: one per kernel call or decision, hash-chained per tenant, append-only.
import { z } from "zod";

export const AuditOutcomeSchema = z.enum([
  "ok",
  "proposed",
  "refused",
  "stopped",
  "approved",
  "rejected",
  "applied",
  "failed",
  "superseded",
  "expired",
]);
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  tenantId: z.string(),
  at: z.string().datetime(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  channel: z.string().nullable(),
  tool: z.string().nullable(),
  input: z.unknown(),
  outcome: AuditOutcomeSchema,
  failureClass: z.string().nullable(),
  proposalId: z.string().nullable(),
  reasoning: z.string().nullable(),
  confidence: z.number().nullable(),
  triggerId: z.string().nullable(),
  reviewer: z.string().nullable(),
  mutation: z.unknown().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
