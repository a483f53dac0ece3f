// tools/governance: the governed change workflow for tenant configuration (CRM workflow charter, 10 steps).
import type { AnyTool } from "../kernel/index.ts";
import { activateContractTool } from "./activate-contract.ts";
import { listContractsTool } from "./list-contracts.ts";
import { requestChangeTool } from "./request-change.ts";
import { requestClarificationTool } from "./request-clarification.ts";
import { resolveEscalationTool } from "./resolve-escalation.ts";
import { rollbackContractTool } from "./rollback-contract.ts";
import { showContractTool } from "./show-contract.ts";

export const governanceTools: AnyTool[] = [
  requestChangeTool,
  activateContractTool,
  rollbackContractTool,
  requestClarificationTool,
  resolveEscalationTool,
  showContractTool,
  listContractsTool,
] as AnyTool[];

export { CAPABILITIES } from "./capabilities.ts";
export { resumeGovernance, settleContract, sweepContracts } from "./engine.ts";

import type { Kernel } from "../kernel/index.ts";
import { faultInjection } from "../kernel/faults.ts";
import { settleContract as settle, sweepContracts as sweep } from "./engine.ts";

/** Wires the workflow's steps 8–10 to the founder's decision: after an approval applies, health and audit follow. */
export function attachGovernance(kernel: Kernel): void {
  kernel.afterDecision(async (p) => {
    if (p.tool !== "governance.activate_contract") return;
    faultInjection("governance-after-commit");
    if (p.status === "applied") await settle(kernel, p.tenantId, (p.result as { contractId: string }).contractId);
    else if (p.status === "rejected") await sweep(kernel, p.tenantId);
  });
}
