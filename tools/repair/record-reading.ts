// repair.record_reading: appends one reading or observation to a call's diagnostic trail, parsed from the tech's
// voice-to-text words. The words are screened for hard stops first: a stop wins and nothing is recorded.
import { z } from "zod";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { canClearConditional, type TechProfile } from "./gates.ts";
import { scanForHazards } from "./hazards.ts";
import { acknowledgedIds, jobAndTech, type LoadedJob, saveJob, trailOf } from "./job-access.ts";
import { appendTrailEntry } from "./job-record.ts";
import { currentStep, readingFor } from "./loop.ts";
import { RepairJobViewSchema } from "./schemas.ts";

const Input = z
  .object({
    jobId: z.string().min(1),
    stepId: z.string().min(1).max(80).optional(),
    text: z.string().min(1).max(2000).optional(),
    value: z.union([z.number(), z.boolean(), z.string().min(1).max(40)]).optional(),
    unit: z.string().min(1).max(20).optional(),
  })
  .refine((i) => i.text !== undefined || i.value !== undefined, {
    message: "give the reading as text (what you said) or as value and unit",
  });
type Input = z.output<typeof Input>;

type Entry = { stepId: string; value: number | string | boolean; unit: string };

/** The trail entry this input stands for, against the step the call is waiting on (or the step named). */
function entryFor(input: Input, job: LoadedJob, tech: TechProfile): Entry | string {
  const waiting = currentStep(job, tech);
  const stepId = input.stepId ?? waiting?.stepId;
  if (!stepId) return "The call is not waiting on a step; say which step this reading answers (stepId).";
  const expected = stepId === waiting?.stepId ? waiting.expects.unit : undefined;
  if (input.value !== undefined) return { stepId, value: input.value, unit: input.unit ?? expected ?? "" };
  if (!expected) return `Give value and unit for step ${stepId}; only the waiting step can be read from words.`;
  const spoken = readingFor(input.text ?? "", expected);
  if (!spoken) {
    return `I could not find a ${expected === "yes_no" ? "yes or no" : `${expected} reading`} in "${input.text}". Say the number and unit, e.g. "point two micro amps".`;
  }
  return { stepId, ...spoken };
}

async function check(input: Input, ctx: ToolContext): Promise<{ job: LoadedJob; entry: Entry } | GuardVerdict> {
  const loaded = await jobAndTech(ctx, input.jobId, { write: true });
  if ("verdict" in loaded) return loaded.verdict;
  const { job, tech } = loaded;
  if (input.text) {
    const acknowledged = acknowledgedIds(job.record);
    const scan = scanForHazards(input.text);
    const live = scan.stops.filter(
      (s) => !(s.type === "conditional" && acknowledged.includes(s.stopId) && canClearConditional(s, tech)),
    );
    const primary = live.find((s) => s.type === "universal") ?? live[0];
    if (primary) {
      return {
        stop: primary,
        data: {
          kind: "hardstop",
          hardstop: primary,
          stops: live,
          confirm: scan.confirm,
          jobId: job.row.id,
          route: "escalate",
          preservedTrail: job.record.diagnosticTrail,
        },
      };
    }
  }
  const entry = entryFor(input, job, tech);
  if (typeof entry === "string") return { refuse: { class: "invalid_input", reason: entry } };
  return { job, entry };
}

export const recordReadingTool = defineTool({
  name: "repair.record_reading",
  title: "Record a reading",
  description:
    "Adds one reading or yes/no observation to a trouble call's diagnostic trail (step, value, unit, time). Say it " +
    "the way you would on site — 'reading point two micro amps', 'two thirty eight volts', 'yes the inducer runs' — " +
    "and it is parsed against the step the call is waiting on; or give stepId, value and unit. The words are " +
    "screened for hard stops first and a stop wins: nothing is recorded. Low risk: the tech approves with one tap. " +
    "Refused once the job is closed.",
  effect: "write",
  risk: "low",
  roles: ["tech"],
  input: Input,
  output: RepairJobViewSchema,
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000", text: "reading point two micro amps" },
  async guard(input, ctx) {
    const checked = await check(input, ctx);
    return checked !== null && "entry" in checked ? null : checked;
  },
  async preview(input, ctx) {
    const checked = await check(input, ctx);
    if (checked === null || !("entry" in checked)) throw new Error("record_reading preview without a valid reading");
    const { job, entry } = checked;
    return {
      summary: `Record ${entry.stepId} = ${String(entry.value)} ${entry.unit} on job ${job.row.id}`,
      changes: [
        {
          entity: "repair_job",
          id: job.row.id,
          field: "diagnosticTrail",
          before: trailOf(job.record).length,
          after: { ...entry, position: trailOf(job.record).length + 1 },
        },
      ],
      basis: [{ entity: "repair_job", id: job.row.id, version: job.row.version }],
    };
  },
  async run(input, ctx) {
    const checked = await check(input, ctx);
    if (checked === null || !("entry" in checked)) throw new Error("record_reading apply without a valid reading");
    const { job, entry } = checked;
    const changed = appendTrailEntry(job.record, entry, ctx.now.toISOString());
    if (!changed.ok) throw new Error(changed.reason);
    return saveJob(ctx, job, changed.record, job.stopLog, job.row.status);
  },
});
