// repair.acknowledge_stop: the on-screen acknowledgment of a conditional stop, stamped to the job with tech id and
// time. Only a tech holding the stop's gates and the conditional override may; universal stops never (§10).
import { z } from "zod";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { canClearConditional } from "./gates.ts";
import { STOP_CATALOG, type StopId } from "./hazards.ts";
import { jobAndTech, saveJob } from "./job-access.ts";
import { stampAcknowledgment } from "./job-record.ts";
import { RepairJobViewSchema } from "./schemas.ts";

const STOP_IDS = Object.keys(STOP_CATALOG) as [StopId, ...StopId[]];
const Input = z.object({ jobId: z.string().min(1), stopId: z.enum(STOP_IDS) });

async function check(input: z.output<typeof Input>, ctx: ToolContext) {
  const loaded = await jobAndTech(ctx, input.jobId, { write: true });
  if ("verdict" in loaded) return loaded.verdict;
  const { job, tech } = loaded;
  const stop = STOP_CATALOG[input.stopId];
  // Field Engineer §10: universal stops have no override
  if (stop.type === "universal") {
    return {
      refuse: {
        class: "gate_required",
        reason: `${input.stopId} is a universal stop: no one may acknowledge past it. ${stop.action}. Escalate with repair.escalate.`,
      },
    } satisfies GuardVerdict;
  }
  if (!canClearConditional(stop, tech)) {
    const missing = stop.clearedBy.gates.filter((g) => !(tech.gates as readonly string[]).includes(g));
    const needs = [
      ...(tech.conditionalOverride ? [] : ["the conditional override"]),
      ...missing.map((g) => `gate ${g}`),
    ];
    return {
      refuse: {
        class: "gate_required",
        reason: `${tech.techId} may not clear ${input.stopId}: it needs ${needs.join(" and ")}. ${stop.action}. Escalate with repair.escalate.`,
        details: { route: "escalate", missing: needs },
      },
    } satisfies GuardVerdict;
  }
  if (job.record.stamps.acknowledgments.some((a) => a.stopId === input.stopId)) {
    return {
      refuse: { class: "duplicate_or_conflict", reason: `${input.stopId} is already acknowledged on ${job.row.id}.` },
    } satisfies GuardVerdict;
  }
  return { job, tech, stop };
}

export const acknowledgeStopTool = defineTool({
  name: "repair.acknowledge_stop",
  title: "Acknowledge a conditional stop",
  description:
    "Records the tech's on-screen acknowledgment of a conditional hard stop (cracked heat exchanger / rollout, or " +
    "readings that don't reconcile) so they may continue: stamped to the job with tech id and time, and the stop's " +
    "gates added to credentials used. Only a tech holding every gate the stop names and the conditional override " +
    "may; universal stops (gas, CO, water on energized equipment) can never be acknowledged — escalate instead.",
  effect: "write",
  risk: "low",
  roles: ["tech"],
  input: Input,
  output: RepairJobViewSchema,
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000", stopId: "cracked_heat_exchanger" },
  async guard(input, ctx) {
    const checked = await check(input, ctx);
    return "job" in checked ? null : checked;
  },
  async preview(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("acknowledge_stop preview after a refusal");
    return {
      summary: `${checked.tech.techId} acknowledges ${input.stopId} on ${checked.job.row.id}: "${checked.stop.action}"`,
      changes: [
        {
          entity: "repair_job",
          id: checked.job.row.id,
          field: "stamps.acknowledgments",
          before: checked.job.record.stamps.acknowledgments.length,
          after: { techId: checked.tech.techId, stopId: input.stopId },
        },
      ],
      basis: [{ entity: "repair_job", id: checked.job.row.id, version: checked.job.row.version }],
    };
  },
  async run(input, ctx) {
    const checked = await check(input, ctx);
    if (!("job" in checked)) throw new Error("acknowledge_stop apply after a refusal");
    const { job, tech, stop } = checked;
    const at = ctx.now.toISOString();
    const changed = stampAcknowledgment(job.record, stop, tech, at);
    if (!changed.ok) throw new Error(changed.reason);
    const stopLog = [
      ...job.stopLog,
      { stopId: stop.stopId, type: stop.type, action: "acknowledged" as const, by: tech.techId, at },
    ];
    return saveJob(ctx, job, changed.record, stopLog, job.row.status);
  },
});
