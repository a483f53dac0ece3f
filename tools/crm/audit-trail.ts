// crm.audit_trail: recent audit entries with safety notes and the chain's verdict (GET /api/audit.json).
import { z } from "zod";
import { AuditListSchema, FAILURE_TAXONOMY, type FailureClass } from "../../contracts/index.ts";
import { recentAudit, verifyAuditChain } from "../../store/repos/audit.ts";
import { defineTool } from "../kernel/index.ts";

export const auditTrailTool = defineTool({
  name: "crm.audit_trail",
  title: "Audit trail",
  description:
    "The most recent audit entries (who did what, through which channel, with what outcome), a safety note on each " +
    "refusal or stop, and whether the tamper-evident hash chain verifies. Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager"],
  input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
  output: AuditListSchema,
  example: { limit: 20 },
  async run(input, ctx) {
    const [entries, chain] = await Promise.all([
      recentAudit(ctx.db, ctx.tenantId, input.limit ?? 50),
      verifyAuditChain(ctx.db, ctx.tenantId),
    ]);
    return {
      entries: entries.map(({ prevHash: _prev, ...e }) => ({
        ...e,
        safetyNote:
          e.outcome === "stopped"
            ? "Safety hard stop: the job was halted and must be escalated."
            : e.failureClass
              ? (FAILURE_TAXONOMY[e.failureClass as FailureClass]?.response ?? null)
              : null,
      })),
      chain: { ok: chain.ok, length: chain.length, brokenAt: chain.brokenAt },
    };
  },
});
