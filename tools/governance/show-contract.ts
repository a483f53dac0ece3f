// governance.show_contract: a contract's state and the ordered history of its issue's steps (read).
import { z } from "zod";
import { eventsForIssue, getContract, getIssue, listContracts } from "../../store/repos/governance.ts";
import { defineTool } from "../kernel/index.ts";

export const GOVERNANCE_READERS = ["founder", "office", "sales_manager", "ai_client"] as const;

export const showContractTool = defineTool({
  name: "governance.show_contract",
  title: "Show a governed change",
  description:
    "A contract's current state (DRAFT, APPROVED, ACTIVE, EXECUTED, HEALTH_EVALUATED, AUDITED, COMPLETED, FAILED, " +
    "ESCALATED, REJECTED, EXPIRED), its changes, health and audit verdict, and the ordered history of every step " +
    "from the issue's receipt. Also accepts an issue id (gov issue) and shows its latest contract, if any.",
  effect: "read",
  risk: "low",
  roles: [...GOVERNANCE_READERS],
  input: z.object({ id: z.string().min(1) }),
  output: z.object({
    contract: z.record(z.string(), z.unknown()).nullable(),
    issue: z.record(z.string(), z.unknown()).nullable(),
    history: z.array(
      z.object({
        seq: z.number(),
        step: z.string(),
        from: z.string().nullable(),
        to: z.string(),
        actor: z.string(),
        at: z.string(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  example: { id: "gct_0000000000000000" },
  async run(input, ctx) {
    let contract = await getContract(ctx.db, ctx.tenantId, input.id);
    const issue = await getIssue(ctx.db, ctx.tenantId, contract?.issueId ?? input.id);
    if (!contract && issue)
      contract = (await listContracts(ctx.db, ctx.tenantId)).filter((c) => c.issueId === issue.id).at(-1) ?? null;
    const history = issue
      ? (await eventsForIssue(ctx.db, ctx.tenantId, issue.id)).map((e) => ({
          seq: e.seq,
          step: e.step,
          from: e.fromStatus,
          to: e.toStatus,
          actor: e.actorId,
          at: e.at,
          detail: e.detail,
        }))
      : [];
    return { contract: contract ? { ...contract } : null, issue: issue ? { ...issue } : null, history };
  },
});
