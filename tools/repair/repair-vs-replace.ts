// repair.repair_vs_replace: subordinate to safety (Field Engineer §10) — answers only after every stop on the job is
// actioned, and never changes a red tag. Data-only rules here; the savings comparison belongs to the sales pack.
import { z } from "zod";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { type JobStopState, stopsOnJob } from "./job-access.ts";
import { evaluateTurn } from "./loop.ts";

const Input = z.object({
  jobId: z.string().min(1),
  equipmentAgeYears: z.number().min(0).max(80).optional(),
  repairEstimateDollars: z.number().min(0).max(100_000).optional(),
});
type Input = z.output<typeof Input>;

/** The common field rule of thumb: age in years × repair cost above $5,000 favours talking about replacement. */
export const REPLACE_SCORE = 5000;
export const OLD_EQUIPMENT_YEARS = 15;
const SALES_BASELINE_MISSING =
  "A savings comparison needs the sales survey pack's 'repairing your current system' baseline, which this repair " +
  "pack cannot read; ask the office to open a survey for this home.";

async function check(input: Input, ctx: ToolContext) {
  const turn = await evaluateTurn(ctx, { jobId: input.jobId });
  if (!("job" in turn)) return turn.verdict;
  const treeStop = turn.verdict.outcome === "stop" ? turn.verdict.primary.stopId : null;
  const stops = await stopsOnJob(ctx, turn.job, treeStop);
  const open = stops.filter((s) => s.actioned === null);
  if (open.length > 0) {
    return {
      refuse: {
        class: "gate_required",
        reason:
          `Repair-vs-replace waits until every hard stop on ${turn.job.row.id} is actioned; still open: ` +
          `${open.map((s) => s.stopId).join(", ")}. Escalate (or, for a conditional stop you may clear, acknowledge) first.`,
        details: { route: "escalate", stops: open },
      },
    } satisfies GuardVerdict;
  }
  return { job: turn.job, stops };
}

function advise(input: Input, stops: JobStopState[]) {
  const reasons: string[] = [];
  const cracked = stops.some((s) => s.stopId === "cracked_heat_exchanger");
  if (cracked)
    reasons.push("A suspected cracked heat exchanger was stopped on this call; that repair is rarely economical.");
  const age = input.equipmentAgeYears;
  const cost = input.repairEstimateDollars;
  if (age !== undefined && age >= OLD_EQUIPMENT_YEARS) reasons.push(`The equipment is ${age} years old.`);
  if (age !== undefined && cost !== undefined && age * cost > REPLACE_SCORE) {
    reasons.push(`Age × repair cost = ${age} × $${cost} = ${age * cost}, above ${REPLACE_SCORE}.`);
  }
  const lacks = [SALES_BASELINE_MISSING];
  if (age === undefined) lacks.push("the equipment age (nameplate or serial)");
  if (cost === undefined) lacks.push("the repair estimate");
  const advice =
    reasons.length > 0 ? "discuss_replacement" : age === undefined || cost === undefined ? "need_more_data" : "repair";
  if (advice === "repair") reasons.push(`Age × repair cost = ${(age ?? 0) * (cost ?? 0)}, under ${REPLACE_SCORE}.`);
  return { advice, reasons, lacks } as const;
}

export const repairVsReplaceTool = defineTool({
  name: "repair.repair_vs_replace",
  title: "Repair or replace?",
  description:
    "Advice on whether to repair the unit or open a replacement conversation, from the equipment age, the repair " +
    "estimate and what the call found. Runs only after every hard stop on the job is actioned (escalated or " +
    "acknowledged) and never overrides one: a red-tagged unit stays shut down whether or not a replacement is " +
    "sold. It does not compute savings — that needs the sales survey's 'repairing your current system' baseline, " +
    "and it says so. Read only.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder", "sales_manager", "salesperson"],
  input: Input,
  output: z.object({
    jobId: z.string(),
    advice: z.enum(["repair", "discuss_replacement", "need_more_data"]),
    reasons: z.array(z.string()),
    lacks: z.array(z.string()),
    stops: z.array(
      z.object({
        stopId: z.string(),
        type: z.enum(["universal", "conditional"]),
        actioned: z.enum(["acknowledged", "escalated"]).nullable(),
      }),
    ),
    safetyNote: z.string(),
  }),
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000", equipmentAgeYears: 18, repairEstimateDollars: 650 },
  async guard(input, ctx) {
    const checked = await check(input, ctx);
    return "job" in checked ? null : checked;
  },
  async run(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("repair_vs_replace ran after a refusal");
    return {
      jobId: checked.job.row.id,
      ...advise(input, checked.stops),
      stops: checked.stops,
      safetyNote:
        "The replace conversation comes after the safety action, never instead of it: any red tag or shutdown on " +
        "this call stands whatever the customer decides.",
    };
  },
});
