// governance.rollback_contract: the rollback job after a FAIL audit verdict (charter step 10). Proposed by the
// workflow and applied under the listed rule health_rollback: it only restores the settings to their values before.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { executeRollback } from "./engine.ts";

export const rollbackContractTool = defineTool({
  name: "governance.rollback_contract",
  title: "Roll back a failed governed change",
  description:
    "Restores every setting a failed contract changed to its value before the contract, marks the contract FAILED, " +
    "opens an incident and notifies the founder. Proposed only by the workflow after a FAIL audit verdict.",
  effect: "write",
  risk: "low",
  roles: ["system"],
  autoApply: {
    rule: "health_rollback",
    why: "Health is authority: a contract whose audit failed is restored to the settings that were approved before it.",
  },
  input: z.object({ contractId: z.string().min(1), reason: z.string().min(1).max(500) }),
  output: z.object({
    contractId: z.string(),
    jobId: z.string(),
    incidentId: z.string(),
    restored: z.array(z.unknown()),
  }),
  example: { contractId: "gct_0000000000000000", reason: "audit verdict FAIL" },
  async preview(input) {
    return {
      summary: `Roll back contract ${input.contractId}: ${input.reason}`,
      changes: [{ entity: "gov_contract", id: input.contractId, field: "status", before: "AUDITED", after: "FAILED" }],
      basis: [],
    };
  },
  async run(input, ctx) {
    return executeRollback(ctx.db, ctx.tenantId, input.contractId, input.reason, ctx.actor.id, ctx.now);
  },
});
