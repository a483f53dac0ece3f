// crm.create_task: a task or callback reminder, optionally for a customer. Low risk.
import { z } from "zod";
import { TaskKindSchema, TaskSchema } from "../../contracts/index.ts";
import { getCustomer, insertTask } from "../../store/repos/customers.ts";
import { defineTool } from "../kernel/index.ts";

export const createTaskTool = defineTool({
  name: "crm.create_task",
  title: "Create a task or callback",
  description:
    "Create a task for the office (a callback, a quote chase, a review request, a renewal or a plain to-do), " +
    "optionally tied to a customer and a due time (ISO date-time). Low-risk proposal; it sends nothing.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client", "system"],
  input: z.object({
    customerId: z.string().min(1).optional(),
    title: z.string().trim().min(1, "say what the task is").max(300),
    dueAt: z.iso.datetime({ offset: true }).optional(),
    kind: TaskKindSchema.optional(),
    ownerId: z.string().min(1).optional(),
  }),
  output: TaskSchema,
  refs: { customerId: "customer" },
  example: {
    customerId: "cus_0000000000000000",
    title: "Call back about the water heater",
    dueAt: "2026-12-01T15:00:00Z",
  },
  async preview(input, ctx) {
    const customer = input.customerId ? await getCustomer(ctx.db, ctx.tenantId, input.customerId) : null;
    const due = input.dueAt ? `, due ${input.dueAt}` : "";
    const forWhom = customer ? ` for ${customer.name}` : "";
    return {
      summary: `Create ${input.kind ?? "task"} "${input.title}"${forWhom}${due}`,
      changes: [
        { entity: "task", id: null, field: "title", before: null, after: input.title },
        { entity: "task", id: null, field: "dueAt", before: null, after: input.dueAt ?? null },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    return insertTask(ctx.db, ctx.tenantId, {
      customerId: input.customerId ?? null,
      kind: input.kind ?? "task",
      title: input.title,
      dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
      ownerId: input.ownerId ?? ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    });
  },
});
