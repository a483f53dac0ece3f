// crm.follow_ups: quote chase, callbacks, review requests and maintenance renewals (GET /api/follow-ups.json).
import { z } from "zod";
import { FollowUpsSchema } from "../../contracts/index.ts";
import { toTask } from "../../store/repos/customers.ts";
import { followUpRows, sentQuoteValueByCustomer } from "../../store/repos/office.ts";
import { defineTool, type ToolContext } from "../kernel/index.ts";

async function queue(ctx: ToolContext, kind: string, limit: number) {
  const rows = await followUpRows(ctx.db, ctx.tenantId, kind, limit);
  const values =
    kind === "quote_chase"
      ? await sentQuoteValueByCustomer(
          ctx.db,
          ctx.tenantId,
          rows.map((r) => r.task.customerId).filter((id): id is string => id !== null),
        )
      : new Map<string, number>();
  const nowIso = ctx.now.toISOString();
  const items = rows.map(({ task, customerName }) => {
    const t = toTask(task);
    return {
      ...t,
      customerName,
      overdue: t.status === "open" && t.dueAt !== null && t.dueAt < nowIso,
      valueCents: t.customerId ? (values.get(t.customerId) ?? null) : null,
    };
  });
  // Quote chase goes by money at stake first, then by age; the other queues by due date.
  if (kind === "quote_chase") items.sort((a, b) => (b.valueCents ?? 0) - (a.valueCents ?? 0));
  return items;
}

export const followUpsTool = defineTool({
  name: "crm.follow_ups",
  title: "Follow-up queues",
  description:
    "The follow-up queues: quote chase (largest open quotes first), callbacks, review requests after completed " +
    "jobs and maintenance-agreement renewals, each with due date, owner, overdue flag and outcome. Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
  output: FollowUpsSchema,
  example: { limit: 20 },
  async run(input, ctx) {
    const limit = input.limit ?? 50;
    const [quoteChase, callbacks, reviewRequests, maintenanceRenewals] = await Promise.all([
      queue(ctx, "quote_chase", limit),
      queue(ctx, "callback", limit),
      queue(ctx, "review_request", limit),
      queue(ctx, "maintenance_renewal", limit),
    ]);
    return { quoteChase, callbacks, reviewRequests, maintenanceRenewals };
  },
});
