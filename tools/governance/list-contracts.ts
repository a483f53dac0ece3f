// governance.list_contracts: governed changes by status, newest last, with open incidents (read).
import { z } from "zod";
import { listContracts, openIncidents } from "../../store/repos/governance.ts";
import { defineTool } from "../kernel/index.ts";
import { CAPABILITIES } from "./capabilities.ts";
import { GOVERNANCE_READERS } from "./show-contract.ts";

export const listContractsTool = defineTool({
  name: "governance.list_contracts",
  title: "List governed changes",
  description:
    "Governed changes (contracts) with their status, changes and verdicts, the open incidents, and the capability " +
    "registry: every setting the workflow may change. Filter by status (e.g. DRAFT for what waits on the founder).",
  effect: "read",
  risk: "low",
  roles: [...GOVERNANCE_READERS],
  input: z.object({ status: z.string().optional() }),
  output: z.object({
    contracts: z.array(z.record(z.string(), z.unknown())),
    incidents: z.array(z.record(z.string(), z.unknown())),
    capabilities: z.array(z.object({ name: z.string(), title: z.string(), settings: z.array(z.string()) })),
  }),
  example: { status: "DRAFT" },
  async run(input, ctx) {
    return {
      contracts: (await listContracts(ctx.db, ctx.tenantId, input.status ? [input.status] : undefined)).map((c) => ({
        id: c.id,
        status: c.status,
        version: c.version,
        affectedCapabilities: c.affectedCapabilities,
        proposedChanges: c.proposedChanges,
        riskLevel: c.riskLevel,
        reviewProposalId: c.reviewProposalId,
        expiresAt: c.expiresAt,
        auditVerdict: (c.auditVerdict as { verdict?: string } | null)?.verdict ?? null,
      })),
      incidents: (await openIncidents(ctx.db, ctx.tenantId)).map((i) => ({ ...i })),
      capabilities: CAPABILITIES.map((c) => ({
        name: c.name,
        title: c.title,
        settings: c.settings.map((s) => s.field),
      })),
    };
  },
});
