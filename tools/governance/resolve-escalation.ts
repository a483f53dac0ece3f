// governance.resolve_escalation: the founder settles a contract whose audit was INCONCLUSIVE (charter step 10:
// human escalation): keep the change, or roll it back. Founder only.
import { z } from "zod";
import { getContract } from "../../store/repos/governance.ts";
import { failure } from "../kernel/errors.ts";
import { defineTool } from "../kernel/index.ts";
import { resolveEscalation } from "./engine.ts";

export const resolveEscalationTool = defineTool({
  name: "governance.resolve_escalation",
  title: "Settle an escalated change",
  description:
    "For a contract escalated after an INCONCLUSIVE audit: keep the change (COMPLETED) or roll it back (FAILED, " +
    "settings restored). Only the founder may ask; it becomes a proposal the founder confirms.",
  effect: "write",
  risk: "medium",
  roles: ["founder"],
  input: z.object({ contractId: z.string().min(1), decision: z.enum(["keep", "roll_back"]) }),
  output: z.object({ contractId: z.string(), status: z.string() }),
  example: { contractId: "gct_0000000000000000", decision: "roll_back" },
  async preview(input) {
    return {
      summary: `${input.decision === "keep" ? "Keep" : "Roll back"} escalated contract ${input.contractId}`,
      changes: [
        {
          entity: "gov_contract",
          id: input.contractId,
          field: "status",
          before: "ESCALATED",
          after: input.decision === "keep" ? "COMPLETED" : "FAILED",
        },
      ],
      basis: [],
    };
  },
  async guard(input, ctx) {
    const c = await getContract(ctx.db, ctx.tenantId, input.contractId);
    if (!c) return { refuse: failure("not_found", `No contract ${input.contractId} in this business.`) };
    if (c.status !== "ESCALATED")
      return { refuse: failure("duplicate_or_conflict", `Contract ${c.id} is ${c.status}, not ESCALATED.`) };
    return null;
  },
  async run(input, ctx) {
    return resolveEscalation(ctx.db, ctx.tenantId, input.contractId, input.decision, ctx.actor.id, ctx.now);
  },
});
