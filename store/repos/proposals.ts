// The one proposal table and its immutable approval decisions.
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { ApprovalDecision, ApproverRule, Proposal, ProposalStatus } from "../../contracts/index.ts";
import type { Db } from "../db.ts";
import { newId } from "../ids.ts";
import { affected } from "../raw.ts";
import { approvalDecisions, proposals } from "../schema.ts";

type ProposalRow = typeof proposals.$inferSelect;

export function toProposal(row: ProposalRow, approver: ApproverRule): Proposal {
  return {
    id: row.id,
    tenantId: row.tenantId,
    tool: row.tool,
    input: row.input,
    preview: row.preview,
    effect: row.effect as Proposal["effect"],
    risk: row.risk as Proposal["risk"],
    approver,
    status: row.status as ProposalStatus,
    version: row.version,
    supersedes: row.supersedes,
    supersededBy: row.supersededBy,
    requestedBy: row.requestedBy,
    requestedRole: row.requestedRole as Proposal["requestedRole"],
    channel: row.channel as Proposal["channel"],
    reasoning: row.reasoning,
    confidence: row.confidence,
    evidenceRefs: row.evidenceRefs,
    triggerId: row.triggerId,
    idempotencyKey: row.idempotencyKey,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    appliedAt: row.appliedAt,
    result: row.result ?? null,
    failure: (row.failure as Proposal["failure"]) ?? null,
  };
}

export type NewProposal = Omit<ProposalRow, "id" | "seq" | "tenantId">;

export async function insertProposal(db: Db, tenantId: string, input: NewProposal): Promise<ProposalRow> {
  const [last] = await db
    .select({ seq: sql<number>`coalesce(max(${proposals.seq}), 0)`.mapWith(Number) })
    .from(proposals)
    .where(eq(proposals.tenantId, tenantId));
  const seq = (last?.seq ?? 0) + 1;
  const row: ProposalRow = { ...input, tenantId, seq, id: `P-${seq}` };
  await db.insert(proposals).values(row);
  return row;
}

export async function getProposalRow(db: Db, tenantId: string, id: string): Promise<ProposalRow | null> {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.id, id)))
    .limit(1);
  return row ?? null;
}

export async function getProposalByKey(db: Db, tenantId: string, idempotencyKey: string): Promise<ProposalRow | null> {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row ?? null;
}

export async function listProposalRows(
  db: Db,
  tenantId: string,
  filter: { statuses?: ProposalStatus[]; limit?: number },
): Promise<ProposalRow[]> {
  const where = filter.statuses?.length
    ? and(eq(proposals.tenantId, tenantId), inArray(proposals.status, filter.statuses))
    : eq(proposals.tenantId, tenantId);
  return await db
    .select()
    .from(proposals)
    .where(where)
    .orderBy(desc(proposals.seq))
    .limit(filter.limit ?? 200);
}

export async function countProposals(db: Db, tenantId: string, status: ProposalStatus): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.status, status)));
  return row?.n ?? 0;
}

/** Moves a proposal only from the status the caller saw; returns false when someone else moved it first. */
export async function transitionProposal(
  db: Db,
  tenantId: string,
  id: string,
  from: ProposalStatus,
  patch: Partial<Omit<ProposalRow, "tenantId" | "id" | "seq">> & { status: ProposalStatus },
): Promise<boolean> {
  const result = await db
    .update(proposals)
    .set(patch)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.id, id), eq(proposals.status, from)));
  return affected(result) === 1;
}

export async function insertDecision(
  db: Db,
  tenantId: string,
  input: {
    proposalId: string;
    reviewerId: string;
    reviewerRole: string;
    channel: string;
    decision: "approve" | "reject";
    notes: string | null;
    decidedAt: string;
  },
): Promise<ApprovalDecision> {
  const id = newId("dec");
  await db.insert(approvalDecisions).values({ id, tenantId, ...input });
  return {
    decisionId: id,
    proposalRef: input.proposalId,
    reviewerRef: input.reviewerId,
    decision: input.decision,
    decisionNotes: input.notes,
    decidedAt: input.decidedAt,
  };
}

export async function decisionsFor(db: Db, tenantId: string, proposalId: string): Promise<ApprovalDecision[]> {
  const rows = await db
    .select()
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.tenantId, tenantId), eq(approvalDecisions.proposalId, proposalId)));
  return rows.map((r) => ({
    decisionId: r.id,
    proposalRef: r.proposalId,
    reviewerRef: r.reviewerId,
    decision: r.decision as "approve" | "reject",
    decisionNotes: r.notes,
    decidedAt: r.decidedAt,
  }));
}
