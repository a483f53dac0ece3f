// crm.snooze_follow_up: move a follow-up's due date to later (the customer asked to be called next week). Low risk.
import { z } from "zod";
import { TaskSchema } from "../../contracts/index.ts";
import { getTaskRecord, updateTaskState } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";

export const snoozeFollowUpTool = defineTool({
  name: "crm.snooze_follow_up",
  title: "Snooze a follow-up",
  description:
    "Snooze a follow-up task until a later date-time (ISO, in the future), e.g. when the customer asked to be " +
    "called after the holidays. It stays in its queue with the new due date. Low-risk proposal.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech"],
  input: z
    .object({
      taskId: z.string().min(1),
      until: z.iso.datetime({ offset: true }),
      reason: z.string().trim().max(500).optional(),
    })
    .strict(),
  output: TaskSchema,
  refs: { taskId: "task" },
  example: { taskId: "tsk_0000000000000000", until: "2030-01-06T16:00:00Z", reason: "Customer away until January" },
  async guard(input, ctx) {
    if (Date.parse(input.until) <= ctx.now.getTime()) {
      return { refuse: failure("invalid_input", `Snooze until ${input.until} is not in the future.`) };
    }
    const task = await getTaskRecord(ctx.db, ctx.tenantId, input.taskId);
    if (task && task.status !== "open" && task.status !== "snoozed") {
      return {
        refuse: failure("duplicate_or_conflict", `Task ${task.id} is ${task.status}; only open work can be snoozed.`),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const task = await getTaskRecord(ctx.db, ctx.tenantId, input.taskId);
    if (!task) throw new Error("task vanished between resolve and preview");
    const until = new Date(input.until).toISOString();
    return {
      summary: `Snooze "${task.title}" until ${until}${input.reason ? ` (${input.reason})` : ""}`,
      changes: [
        { entity: "task", id: task.id, field: "status", before: task.status, after: "snoozed" },
        { entity: "task", id: task.id, field: "dueAt", before: task.dueAt, after: until },
      ],
      basis: [{ entity: "task", id: task.id, version: task.version }],
    };
  },
  async run(input, ctx) {
    return updateTaskState(ctx.db, ctx.tenantId, input.taskId, {
      status: "snoozed",
      dueAt: new Date(input.until).toISOString(),
    });
  },
});
