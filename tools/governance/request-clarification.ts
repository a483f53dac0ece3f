// governance.request_clarification: the founder asks a question about a draft contract (charter step 5).
// The contract stays DRAFT; the question goes into its history. Applied at once under record_clarification.
import { z } from "zod";
import { getContract } from "../../store/repos/governance.ts";
import { failure } from "../kernel/errors.ts";
import { defineTool } from "../kernel/index.ts";
import { recordClarification } from "./engine.ts";

export const requestClarificationTool = defineTool({
  name: "governance.request_clarification",
  title: "Ask for clarification on a draft contract",
  description:
    "The founder asks the requester a question about a draft contract instead of approving or rejecting it. The " +
    "contract stays DRAFT (its 7-day expiry still runs) and the question is recorded in its history.",
  effect: "write",
  risk: "low",
  roles: ["founder"],
  autoApply: {
    rule: "record_clarification",
    why: "A question changes no setting; it is recorded in the contract's history.",
  },
  input: z.object({ contractId: z.string().min(1), question: z.string().trim().min(3).max(1000) }),
  output: z.object({ contractId: z.string(), status: z.string(), question: z.string() }),
  example: { contractId: "gct_0000000000000000", question: "Does this apply to maintenance quotes too?" },
  async preview(input) {
    return {
      summary: `Ask about contract ${input.contractId}: "${input.question}"`,
      changes: [
        { entity: "gov_contract", id: input.contractId, field: "question", before: null, after: input.question },
      ],
      basis: [],
    };
  },
  async guard(input, ctx) {
    const c = await getContract(ctx.db, ctx.tenantId, input.contractId);
    if (!c) return { refuse: failure("not_found", `No contract ${input.contractId} in this business.`) };
    if (c.status !== "DRAFT")
      return { refuse: failure("duplicate_or_conflict", `Contract ${c.id} is ${c.status}, not DRAFT.`) };
    return null;
  },
  async run(input, ctx) {
    return recordClarification(ctx.db, ctx.tenantId, input.contractId, input.question, ctx.actor.id, ctx.now);
  },
});
