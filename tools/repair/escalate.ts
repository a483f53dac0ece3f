// repair.escalate: hands a call up (blocked gate, hard stop, low confidence) with the reason and the step it stopped
// at; the diagnostic trail is preserved, never cleared (Field Engineer §07 escalation, §09 BLOCK_ESCALATE).
import { z } from "zod";
import type { ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { STOP_CATALOG, type StopId } from "./hazards.ts";
import { jobAndTech, saveJob } from "./job-access.ts";
import { escalateJob } from "./job-record.ts";
import { RepairJobViewSchema } from "./schemas.ts";

const Input = z.object({
  jobId: z.string().min(1),
  reason: z.string().min(3).max(500),
  stopId: z.string().min(1).max(60).optional(),
  atStep: z.string().min(1).max(80).optional(),
});

async function check(input: z.output<typeof Input>, ctx: ToolContext) {
  const loaded = await jobAndTech(ctx, input.jobId, { write: true });
  return "verdict" in loaded ? loaded.verdict : loaded;
}

export const escalateTool = defineTool({
  name: "repair.escalate",
  title: "Escalate a call",
  description:
    "Escalates a trouble call — after a hard stop, a gate the tech lacks, or readings nobody can reconcile — with " +
    "a reason a person can act on and, optionally, the stop being actioned. The diagnostic trail so far is copied " +
    "into the escalation and kept. Escalation is the action every universal stop requires. Low risk: the tech " +
    "approves with one tap; office and the founder may escalate any call. Refused once the job is closed.",
  effect: "write",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: Input,
  output: RepairJobViewSchema,
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000", reason: "Gas odor at the meter: site made safe, needs the gas utility" },
  async guard(input, ctx) {
    const checked = await check(input, ctx);
    return "job" in checked ? null : checked;
  },
  async preview(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("escalate preview after a refusal");
    const { job } = checked;
    return {
      summary: `Escalate ${job.row.id}${input.stopId ? ` (${input.stopId})` : ""}: ${input.reason}. ${job.record.diagnosticTrail.length} trail entries kept.`,
      changes: [
        { entity: "repair_job", id: job.row.id, field: "status", before: job.row.status, after: "escalated" },
        {
          entity: "repair_job",
          id: job.row.id,
          field: "escalation",
          before: job.record.escalation,
          after: input.reason,
        },
      ],
      basis: [{ entity: "repair_job", id: job.row.id, version: job.row.version }],
    };
  },
  async run(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("escalate apply after a refusal");
    const { job } = checked;
    const changed = escalateJob(job.record, input.reason, input.atStep);
    if (!changed.ok) throw new Error(changed.reason);
    const at = ctx.now.toISOString();
    const stopLog = input.stopId
      ? [
          ...job.stopLog,
          {
            stopId: input.stopId,
            type: input.stopId in STOP_CATALOG ? STOP_CATALOG[input.stopId as StopId].type : ("conditional" as const),
            action: "escalated" as const,
            by: ctx.actor.id,
            at,
          },
        ]
      : job.stopLog;
    return saveJob(ctx, job, changed.record, stopLog, "escalated");
  },
});
