// crm.complete_follow_up: mark a follow-up (callback, quote chase, review request, renewal) done with its outcome.
// Low risk; optionally logs the contact it took as an interaction.
import { z } from "zod";
import { TaskSchema } from "../../contracts/index.ts";
import { getTaskRecord, insertInteraction, updateTaskState } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";

export const completeFollowUpTool = defineTool({
  name: "crm.complete_follow_up",
  title: "Complete a follow-up",
  description:
    'Mark a follow-up task done and log its outcome ("left voicemail", "customer accepted the quote"). When the ' +
    "follow-up was a call, text, email or visit, pass contact to log it on the customer's timeline. Low-risk proposal; " +
    "it sends nothing.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech"],
  input: z
    .object({
      taskId: z.string().min(1),
      outcome: z.string().trim().min(1, "say what happened").max(1000),
      contact: z
        .object({ channel: z.enum(["call", "sms", "email", "visit"]) })
        .strict()
        .optional(),
    })
    .strict(),
  output: TaskSchema.extend({ interactionId: z.string().nullable() }),
  refs: { taskId: "task" },
  example: {
    taskId: "tsk_0000000000000000",
    outcome: "Called back; booked a furnace tune-up",
    contact: { channel: "call" },
  },
  async guard(input, ctx) {
    const task = await getTaskRecord(ctx.db, ctx.tenantId, input.taskId);
    if (task && task.status !== "open" && task.status !== "snoozed") {
      return {
        refuse: failure("duplicate_or_conflict", `Task ${task.id} is already ${task.status}; nothing to complete.`),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const task = await getTaskRecord(ctx.db, ctx.tenantId, input.taskId);
    if (!task) throw new Error("task vanished between resolve and preview");
    return {
      summary: `Mark "${task.title}" done: ${input.outcome}`,
      changes: [
        { entity: "task", id: task.id, field: "status", before: task.status, after: "done" },
        { entity: "task", id: task.id, field: "outcome", before: task.outcome, after: input.outcome },
      ],
      basis: [{ entity: "task", id: task.id, version: task.version }],
    };
  },
  async run(input, ctx) {
    const now = ctx.now.toISOString();
    const before = await getTaskRecord(ctx.db, ctx.tenantId, input.taskId);
    if (!before) throw new Error("task vanished inside the apply transaction");
    const task = await updateTaskState(ctx.db, ctx.tenantId, input.taskId, {
      status: "done",
      outcome: input.outcome,
      completedAt: now,
    });
    const interactionId =
      input.contact && task.customerId
        ? await insertInteraction(ctx.db, ctx.tenantId, {
            customerId: task.customerId,
            channel: input.contact.channel,
            direction: "outbound",
            summary: `${task.title}: ${input.outcome}`.slice(0, 500),
            outcome: input.outcome.slice(0, 200),
            occurredAt: now,
            rawRefs: [task.id],
          })
        : null;
    return { ...task, interactionId };
  },
});
