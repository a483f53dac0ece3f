// Proposals (the seeds' suggestion / writeback proposal / draft), approval decisions and the preview an approver sees.
import { z } from "zod";
import { FailureSchema } from "./failure.ts";
import { ChannelSchema, RoleSchema } from "./roles.ts";

export const RiskSchema = z.enum(["low", "medium", "high"]);
export type Risk = z.infer<typeof RiskSchema>;
export const EffectSchema = z.enum(["read", "write", "external"]);
export type Effect = z.infer<typeof EffectSchema>;

/** A field-level before/after of one record the proposal would touch. */
export const ChangeSchema = z.object({
  entity: z.string(),
  id: z.string().nullable(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type Change = z.infer<typeof ChangeSchema>;

/** What the approver sees: words, fields, and the record versions the preview was built on (stale check on apply). */
export const PreviewSchema = z.object({
  summary: z.string(),
  changes: z.array(ChangeSchema),
  basis: z.array(z.object({ entity: z.string(), id: z.string(), version: z.number().int() })),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const ProposalStatusSchema = z.enum([
  "pending",
  "approved",
  "applied",
  "failed",
  "rejected",
  "expired",
  "superseded",
]);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

/** Who may decide: roles, whether the requester may approve their own, and the plain-words rule. */
export const ApproverRuleSchema = z.object({
  roles: z.array(RoleSchema),
  requesterMayApprove: z.boolean(),
  rule: z.string(),
});
export type ApproverRule = z.infer<typeof ApproverRuleSchema>;

export const ProposalSchema = z.object({
  id: z.string().regex(/^P-\d+$/),
  tenantId: z.string(),
  tool: z.string(),
  input: z.unknown(),
  preview: PreviewSchema,
  effect: EffectSchema,
  risk: RiskSchema,
  approver: ApproverRuleSchema,
  status: ProposalStatusSchema,
  version: z.number().int().positive(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  requestedBy: z.string(),
  requestedRole: RoleSchema,
  channel: ChannelSchema,
  reasoning: z.string().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  evidenceRefs: z.array(z.string()),
  triggerId: z.string().nullable(),
  idempotencyKey: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  decidedAt: z.string().datetime().nullable(),
  decidedBy: z.string().nullable(),
  appliedAt: z.string().datetime().nullable(),
  result: z.unknown().nullable(),
  failure: FailureSchema.nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** The compact proposal view every channel shows (REST, CLI, chat cards, MCP). */
export const ProposalViewSchema = z.object({
  id: z.string(),
  tool: z.string(),
  status: ProposalStatusSchema,
  risk: RiskSchema,
  approver: ApproverRuleSchema,
  preview: PreviewSchema,
  requestedBy: z.string(),
  expiresAt: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  result: z.unknown().optional(),
  failure: FailureSchema.nullable().optional(),
});
export type ProposalView = z.infer<typeof ProposalViewSchema>;

export const DecisionSchema = z.enum(["approve", "reject"]);
/** Contracts blueprint: ApprovalDecision is an immutable audit record. */
export const ApprovalDecisionSchema = z.object({
  decisionId: z.string(),
  proposalRef: z.string(),
  reviewerRef: z.string(),
  decision: DecisionSchema,
  decisionNotes: z.string().nullable(),
  decidedAt: z.string().datetime(),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;
