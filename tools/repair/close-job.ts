// repair.close_job: verification and stamps (tech id, EPA cert, credentials used, acknowledgments), then the job
// record is closed and immutable. A call at an unactioned stop, or whose repair needs a gate the tech lacks, cannot close.
import { z } from "zod";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { jobAndTech, stopsOnJob } from "./job-access.ts";
import { closeJobRecord, type JobRecord, recordCredentialsUsed, recordDiagnosis } from "./job-record.ts";
import { evaluateTurn } from "./loop.ts";
import { RepairJobViewSchema } from "./schemas.ts";
import { saveJob } from "./job-access.ts";

const Input = z.object({
  jobId: z.string().min(1),
  reSymptom: z.string().min(2).max(500),
  reading: z.string().max(200).optional(),
  techConfirmed: z.string().max(500).optional(),
  diagnosis: z.string().min(3).max(500).optional(),
});
type Input = z.output<typeof Input>;

async function check(input: Input, ctx: ToolContext) {
  const loaded = await jobAndTech(ctx, input.jobId, { write: true });
  if ("verdict" in loaded) return loaded.verdict;
  const turn = await evaluateTurn(ctx, { jobId: input.jobId });
  if (!("job" in turn)) return turn.verdict;
  const { job, verdict } = turn;
  const escalated = job.record.escalation !== null;
  const treeStop = verdict.outcome === "stop" ? verdict.primary.stopId : null;
  const open = (await stopsOnJob(ctx, job, treeStop)).filter((s) => s.actioned === null);
  if (open.length > 0) {
    return {
      refuse: {
        class: "gate_required",
        reason: `Job ${job.row.id} has hard stops not yet actioned (${open.map((s) => s.stopId).join(", ")}); escalate first.`,
        details: { route: "escalate", stops: open },
      },
    } satisfies GuardVerdict;
  }
  if (verdict.outcome === "blocked" && !escalated) {
    return {
      refuse: {
        class: "gate_required",
        reason: `The repair needs gate ${verdict.missing.join(" + ")}, which ${job.row.techId} does not hold; escalate instead of closing.`,
        details: { route: "escalate", missing: verdict.missing },
      },
    } satisfies GuardVerdict;
  }
  const diagnosis =
    verdict.outcome === "ok" && verdict.result.kind === "diagnosis"
      ? verdict.result.diagnosis
      : (input.diagnosis ?? null);
  if (diagnosis === null && !escalated) {
    return {
      refuse: {
        class: "invalid_input",
        reason:
          "The call has no diagnosis yet: finish the steps with repair.next_step, or say what you found (diagnosis).",
      },
    } satisfies GuardVerdict;
  }
  const guided = verdict.outcome === "ok" && verdict.result.kind === "diagnosis";
  const gates = verdict.outcome === "ok" && guided ? verdict.gates : [];
  return { job, diagnosis, guided, gates };
}

export const closeJobTool = defineTool({
  name: "repair.close_job",
  title: "Close a trouble call",
  description:
    "Closes a trouble call with its verification (the symptom re-checked, a closing reading) and stamps: tech id, " +
    "EPA cert number, the credentials the repair used and every stop acknowledgment. The diagnosis comes from the " +
    "decision tree, or from the tech's own words when the tree did not reach one. Refused while a hard stop on the " +
    "job is not actioned, or when the repair needs a gate the tech lacks (escalate instead). Once closed, the job " +
    "record is immutable: every later change is refused.",
  effect: "write",
  risk: "low",
  roles: ["tech"],
  input: Input,
  output: RepairJobViewSchema,
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000", reSymptom: "Heat restored; ran three full cycles", reading: "2.8 µA" },
  async guard(input, ctx) {
    const checked = await check(input, ctx);
    return "job" in checked ? null : checked;
  },
  async preview(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("close_job preview after a refusal");
    const { job, diagnosis } = checked;
    return {
      summary: `Close ${job.row.id}: ${diagnosis ?? "escalated call"}; verified "${input.reSymptom}"${input.reading ? ` (${input.reading})` : ""}. The record becomes immutable.`,
      changes: [
        { entity: "repair_job", id: job.row.id, field: "status", before: job.row.status, after: "closed" },
        { entity: "repair_job", id: job.row.id, field: "diagnosis", before: job.record.diagnosis, after: diagnosis },
      ],
      basis: [{ entity: "repair_job", id: job.row.id, version: job.row.version }],
    };
  },
  async run(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("close_job apply after a refusal");
    const { job, diagnosis, guided, gates } = checked;
    let record: JobRecord = job.record;
    const step = (change: ReturnType<typeof recordDiagnosis>) => {
      if (!change.ok) throw new Error(change.reason);
      record = change.record;
    };
    if (diagnosis !== null) step(recordDiagnosis(record, diagnosis, guided));
    step(recordCredentialsUsed(record, gates));
    if (input.techConfirmed)
      record = { ...record, complaint: { ...record.complaint, techConfirmed: input.techConfirmed } };
    step(closeJobRecord(record, { reSymptom: input.reSymptom, reading: input.reading ?? null }, ctx.now.toISOString()));
    return saveJob(ctx, job, record, job.stopLog, "closed");
  },
});
