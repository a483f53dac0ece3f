// The diagnostic loop's shell: loads a job and its tech, runs decideTurn, and turns the verdict into the kernel's
// stopped / refused / ok results. Shared by repair.next_step, repair.diagnose and repair.close_job.
// With an advisor (Claude), the model proposes the turn — after the hazard screen passed — and decideTurn still decides.
import type { z } from "zod";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { adviseDiagnosis, modelAdviceOf } from "./advice.ts";
import { nextDiagnosticStep, type StepUnit, type TrailEntry } from "./decision-trees.ts";
import type { TechProfile } from "./gates.ts";
import { acknowledgedIds, jobAndTech, type LoadedJob, trailOf } from "./job-access.ts";
import { normalizeSpokenNumbers, normalizeUnit, parseReadings } from "./readings.ts";
import type { DiagnoseOutputSchema, ModelAdviceSchema, ReadingInSchema } from "./schemas.ts";
import { decideTurn, type ModelAdvice, stopsBeforeModel, type TurnInput, type TurnVerdict } from "./turn.ts";

export type DiagnoseOutput = z.input<typeof DiagnoseOutputSchema>;
type ReadingIn = z.infer<typeof ReadingInSchema>;

export interface TurnRequest {
  jobId: string;
  message?: string | undefined;
  readings?: ReadingIn[] | undefined;
  model?: z.infer<typeof ModelAdviceSchema> | undefined;
}

export interface EvaluatedTurn {
  job: LoadedJob;
  tech: TechProfile;
  verdict: TurnVerdict;
  unrecorded: ReadingIn[];
  /** Said to the tech when the model's advice could not be used and the decision tree answered instead. */
  note?: string;
}

/** The step the tree is waiting on for this job (null at a diagnosis, a stop, or without a tree). */
export function currentStep(job: LoadedJob, tech: TechProfile, trail: readonly TrailEntry[] = trailOf(job.record)) {
  if (job.callType === null) return null;
  const result = nextDiagnosticStep(job.callType, trail, { tech, acknowledgedStopIds: acknowledgedIds(job.record) });
  return result.kind === "step" ? result.step : null;
}

const YES =
  /\b(?:yes|yeah|yep|yup|it does|does|runs|running|lights|lit|lighting|starts|started|comes on|came on|on|spinning|fires|fired)\b/;
const NO = /\b(?:no|nope|not|doesn'?t|don'?t|won'?t|isn'?t|didn'?t|never|nothing|dead)\b|\bno (?:smell|odor)\b/;

/** A yes/no observation from the tech's words ("nope doesn't light" → false), or null when unclear. */
export function yesNoFrom(text: string): boolean | null {
  const t = text.toLowerCase();
  if (NO.test(t)) return false;
  if (YES.test(t)) return true;
  return null;
}

/** The reading in the tech's words for a step expecting `unit`: a value with that unit, else a lone spoken number. */
export function readingFor(text: string, unit: StepUnit): { value: number | boolean; unit: string } | null {
  if (unit === "yes_no") {
    const answer = yesNoFrom(text);
    return answer === null ? null : { value: answer, unit: "yes_no" };
  }
  const parsed = parseReadings(text);
  const match = parsed.find((r) => r.unit === unit);
  if (match) return { value: match.value, unit };
  if (parsed.length > 0) return null;
  // Voice-to-text often drops the unit: "reading point two" on a microamp step is 0.2 µA.
  const numbers = normalizeSpokenNumbers(text).match(/-?\d+(?:\.\d+)?|-?\.\d+/g) ?? [];
  return numbers.length === 1 ? { value: Number(numbers[0]), unit } : null;
}

/**
 * Loads the job and decides this turn; readings given this turn count for the decision but are not recorded.
 * `consultAdvisor` (repair.next_step, repair.diagnose) lets the configured advisor propose; pass the call's parsed
 * input as `request` then, so the guard and run of one call share one answer.
 */
export async function evaluateTurn(
  ctx: ToolContext,
  request: TurnRequest,
  options: { consultAdvisor?: boolean } = {},
): Promise<EvaluatedTurn | { verdict: NonNullable<GuardVerdict> }> {
  const loaded = await jobAndTech(ctx, request.jobId, { write: false });
  if ("verdict" in loaded) return loaded;
  const { job, tech } = loaded;
  const stored = trailOf(job.record);
  const waiting = currentStep(job, tech, stored);
  const unrecorded: ReadingIn[] = [];
  for (const r of request.readings ?? []) {
    const stepId = r.stepId ?? waiting?.stepId;
    if (stepId) unrecorded.push({ ...r, stepId });
  }
  if (request.message && waiting && !unrecorded.some((r) => r.stepId === waiting.stepId)) {
    const spoken = readingFor(request.message, waiting.expects.unit);
    if (spoken) unrecorded.push({ stepId: waiting.stepId, ...spoken });
  }
  const trail: TrailEntry[] = [
    ...stored,
    ...unrecorded.map((r) => ({ stepId: r.stepId ?? "", value: r.value, unit: r.unit })),
  ];
  const scanReadings = unrecorded
    .filter((r): r is ReadingIn & { value: number } => typeof r.value === "number" && normalizeUnit(r.unit) !== null)
    .map((r) => ({ value: r.value, unit: r.unit }));
  const turn: TurnInput = {
    callType: job.callType,
    trail,
    tech,
    acknowledgedStopIds: acknowledgedIds(job.record),
    ...(request.message !== undefined ? { message: request.message } : {}),
    readings: scanReadings,
    ...(request.model !== undefined ? { model: request.model as ModelAdvice } : {}),
    ...(job.fuel !== undefined ? { fuel: job.fuel } : {}),
  };
  const advisor = options.consultAdvisor ? ctx.advisor : undefined;
  // Advice supplied with the call is used as given; otherwise the configured advisor is asked — but only once the
  // hazard screen of the tech's words found nothing: a stopped turn never reaches a model (Field Engineer §10).
  if (request.model !== undefined || !advisor || stopsBeforeModel(turn).length > 0) {
    return { job, tech, verdict: decideTurn(turn), unrecorded };
  }
  const offline = decideTurn(turn);
  const advice = await adviseDiagnosis({ ...ctx, advisor }, request, {
    job,
    tech,
    trail,
    message: request.message,
    offline: offline.outcome === "ok" ? offline.result : offline.outcome === "blocked" ? offline.proposed : null,
  });
  if (!advice.ok) {
    return { job, tech, verdict: offline, unrecorded, note: `${advice.note} The offline decision tree answered.` };
  }
  // decideTurn screens the tech's words again with the model's proposal in hand: a model can add a stop, never
  // lift or relabel one, and every gate it proposes is checked against this tech.
  return { job, tech, verdict: decideTurn({ ...turn, model: modelAdviceOf(advice.value) }), unrecorded };
}

/** The kernel verdict for a turn: a hard stop (stopped, with the preserved trail), a blocked gate, or null. */
export function guardFor(turn: EvaluatedTurn | { verdict: NonNullable<GuardVerdict> }): GuardVerdict {
  if (!("job" in turn)) return turn.verdict;
  const { verdict, job } = turn;
  if (verdict.outcome === "stop") {
    return {
      stop: verdict.primary,
      data: {
        kind: "hardstop",
        hardstop: verdict.primary,
        stops: verdict.stops,
        confirm: verdict.confirm,
        jobId: job.row.id,
        route: "escalate",
        next:
          verdict.primary.type === "universal"
            ? "Universal stop: no one may override it. Escalate with repair.escalate; the trail is kept."
            : "Conditional stop: escalate with repair.escalate, or — only a tech with the matching gate and the " +
              "conditional override — acknowledge it on screen with repair.acknowledge_stop.",
        preservedTrail: job.record.diagnosticTrail,
        ...(turn.note ? { note: turn.note } : {}),
      },
    };
  }
  if (verdict.outcome === "blocked") {
    const what = verdict.proposed.kind === "step" ? verdict.proposed.step.title : verdict.proposed.diagnosis;
    return {
      refuse: {
        class: "gate_required",
        reason:
          `${what} needs gate ${verdict.missing.join(" + ")}, which ${turn.tech.techId} does not hold. ` +
          "Do not perform it: escalate with repair.escalate so a tech holding the gate finishes; your trail is kept.",
        details: {
          route: "escalate",
          missing: verdict.missing,
          proposed: verdict.proposed,
          source: verdict.source,
          jobId: job.row.id,
          preservedTrail: job.record.diagnosticTrail,
          ...(turn.note ? { note: turn.note } : {}),
        },
      },
    };
  }
  return null;
}

/** The ok answer (seed §06 diagnose shape) once the guard has let the turn through. */
export function outputFor(turn: EvaluatedTurn): DiagnoseOutput {
  const { verdict, job } = turn;
  if (verdict.outcome === "stop") return { kind: "hardstop", hardstop: verdict.primary, jobId: job.row.id };
  if (verdict.outcome === "blocked") throw new Error("a blocked turn must be refused by the guard");
  const common = {
    jobId: job.row.id,
    source: verdict.source,
    confirm: verdict.confirm,
    unrecorded: turn.unrecorded,
    ...(turn.note ? { note: turn.note } : {}),
  };
  return verdict.result.kind === "step"
    ? { kind: "step", step: verdict.result.step, ...common }
    : { kind: "diagnosis", diagnosis: verdict.result.diagnosis, repair: verdict.result.repair, ...common };
}
