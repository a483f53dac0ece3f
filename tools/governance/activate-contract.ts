// governance.activate_contract: the founder's review of a draft contract (charter step 5). Only the workflow
// proposes it; the founder's approval applies steps 5–7 (approve, activate, run the job) in one transaction.
import { z } from "zod";
import { failure } from "../kernel/errors.ts";
import { getTenant, type TenantRow } from "../../store/repos/tenants.ts";
import { defineTool } from "../kernel/index.ts";
import { activateAndExecute, whyNotActivatable } from "./engine.ts";

const RequestedChangeSchema = z.object({ capability: z.string().min(1), field: z.string().min(1), value: z.unknown() });

export const activateContractTool = defineTool({
  name: "governance.activate_contract",
  title: "Approve and activate a governed change",
  description:
    "The founder's review of a draft contract. Proposed only by the governed change workflow (never by a person, " +
    "model or MCP client). Approving it activates the contract and runs its job; editing its changes modifies the " +
    "scope as a new contract version. Health evaluation and the audit verdict follow; a failure rolls back.",
  effect: "write",
  risk: "high",
  roles: ["system"],
  input: z.object({ contractId: z.string().min(1), changes: z.array(RequestedChangeSchema).min(1).max(20) }),
  output: z.object({
    contractId: z.string(),
    version: z.number().int(),
    jobId: z.string(),
    status: z.string(),
    outcomes: z.array(z.unknown()),
  }),
  example: {
    contractId: "gct_0000000000000000",
    changes: [{ capability: "trigger_thresholds", field: "quoteChaseDays", value: 5 }],
  },
  async preview(input) {
    return {
      summary: `Activate contract ${input.contractId}`,
      changes: input.changes.map((c) => ({
        entity: "tenant_config",
        id: c.capability,
        field: c.field,
        before: null,
        after: c.value,
      })),
      basis: [],
    };
  },
  async guard(input, ctx) {
    const tenant = (await getTenant(ctx.db, ctx.tenantId)) as TenantRow;
    const why = await whyNotActivatable(ctx.db, tenant, input.contractId, input.changes, ctx.now);
    return why ? { refuse: failure(/expired/.test(why) ? "expired" : "forbidden", why) } : null;
  },
  async run(input, ctx) {
    return activateAndExecute(ctx.db, ctx.tenantId, ctx.proposalId ?? "", input.contractId, input.changes, ctx.now);
  },
});
