// The diagnose request to a model (Field Engineer §06 `diagnose`) and its answer's schema. The model proposes a step,
// a diagnosis or a hard stop; turn.ts decides. Only the equipment, the call and the tech's credentials are sent —
// no customer, no names, no certificate numbers — and never a message the hazard screen has already stopped.
import { z } from "zod";
import { type Advice, adviseOnce, type ToolContext } from "../kernel/index.ts";
import type { TrailEntry } from "./decision-trees.ts";
import { GATE_CODES, type TechProfile } from "./gates.ts";
import type { LoadedJob } from "./job-access.ts";
import { DiagnoseShapeSchema, HardStopOutSchema } from "./schemas.ts";
import type { ModelAdvice, Proceed } from "./turn.ts";

/** What the model may answer: exactly one of the seed's diagnose shapes, its confidence, and any stops it sees. */
export const DiagnoseAdviceSchema = z.object({
  proposal: DiagnoseShapeSchema,
  confidence: z.number().min(0).max(1),
  hardstops: z.array(HardStopOutSchema).max(10).optional(),
});

const INSTRUCTIONS = [
  "You are the diagnostic advisor for a field technician on a residential trouble call. Propose exactly one of:",
  "a `step` (one measurement or check: stepId, title, how, expects {type: reading|observation, unit}, " +
    "inlineCaution, requiresGate, kind measurement|repair),",
  "a `diagnosis` (with repair {requiresGate, steps, inlineCaution}), or a `hardstop` (stopId, type " +
    "universal|conditional, message, action, clearedBy {gates}).",
  `Gate codes: ${GATE_CODES.join(", ")}; EPA2 is baseline. Name every gate that hands-on work needs — measurement ` +
    "and diagnosis are never gated. The office's code checks every gate against the tech and enforces every stop.",
  "Give your confidence from 0 to 1. When you are not confident, say so with low confidence so the call is " +
    "escalated; never invent a next step. Report gas odor, CO, water on energized equipment, a cracked heat " +
    "exchanger or readings that do not reconcile as a hardstop.",
].join(" ");

export interface DiagnoseFacts {
  job: LoadedJob;
  tech: TechProfile;
  trail: readonly TrailEntry[];
  message: string | undefined;
  /** What the offline decision tree would propose now, as a hint; null when it has nothing. */
  offline: Proceed | null;
}

function factsFor(facts: DiagnoseFacts) {
  const { record } = facts.job;
  return {
    equipment: record.equipment,
    jobType: facts.job.callType,
    fuel: facts.job.fuel ?? null,
    complaint: { reported: record.complaint.reported, confirmed: record.complaint.techConfirmed },
    components: record.components.map((c) => ({ name: c.name, brand: c.brand ?? null, model: c.model ?? null })),
    trail: facts.trail.map((t) => ({ step: t.stepId, value: t.value, unit: t.unit })),
    message: facts.message ?? null,
    tech: {
      level: facts.tech.level,
      epaType: facts.tech.epaType,
      gates: facts.tech.gates,
      conditionalOverride: facts.tech.conditionalOverride,
    },
    offlineDecisionTree: facts.offline,
  };
}

/** The model's advice for this turn, asked once per kernel call (guard and run share it). */
export function adviseDiagnosis(
  ctx: ToolContext & { advisor: NonNullable<ToolContext["advisor"]> },
  callInput: object,
  facts: DiagnoseFacts,
): Promise<Advice<z.output<typeof DiagnoseAdviceSchema>>> {
  return adviseOnce(ctx.advisor, callInput, {
    task: "repair.diagnose",
    instructions: INSTRUCTIONS,
    facts: factsFor(facts),
    schema: DiagnoseAdviceSchema,
  });
}

/** Validated advice in the shape decideTurn takes. */
export function modelAdviceOf(value: z.output<typeof DiagnoseAdviceSchema>): ModelAdvice {
  return value as ModelAdvice;
}
