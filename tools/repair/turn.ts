// One diagnostic turn, decided by code: hazard screen first, then the decision tree or the model's proposal, then
// the tech's gates. Pure: no I/O. A model may add stops and propose steps; it can never lift a stop or a gate.
import {
  type CallType,
  type DiagnoseResult,
  type DiagnosticStep,
  nextDiagnosticStep,
  type RepairGuide,
  type TrailEntry,
} from "./decision-trees.ts";
import { inferGates } from "./gate-inference.ts";
import {
  canClearConditional,
  canPerform,
  type Fuel,
  type GateCode,
  requiredGatesFor,
  type TechProfile,
} from "./gates.ts";
import { buildStop, type HardStop, mergeStops, type ReadingInput, scanForHazards } from "./hazards.ts";

/** Below this model confidence the app stops and escalates instead of guessing (Field Engineer §06, §10). */
export const MIN_MODEL_CONFIDENCE = 0.6;

export interface ModelAdvice {
  proposal?:
    | { kind: "step"; step: DiagnosticStep & { kind?: "measurement" | "repair" } }
    | { kind: "diagnosis"; diagnosis: string; repair: RepairGuide }
    | { kind: "hardstop"; hardstop: Omit<HardStop, "matched"> & { matched?: string } };
  confidence?: number;
  hardstops?: Array<Omit<HardStop, "matched"> & { matched?: string }>;
}

export interface TurnInput {
  callType: CallType | null;
  trail: readonly TrailEntry[];
  tech: TechProfile;
  /** Conditional stops the tech acknowledged on this job (stamped). */
  acknowledgedStopIds: readonly string[];
  message?: string;
  readings?: readonly ReadingInput[];
  model?: ModelAdvice;
  fuel?: Fuel;
}

export type Proceed =
  | { kind: "step"; step: DiagnosticStep }
  | { kind: "diagnosis"; diagnosis: string; repair: RepairGuide };

export type TurnVerdict =
  | { outcome: "stop"; primary: HardStop; stops: HardStop[]; confirm: string[] }
  | { outcome: "blocked"; missing: GateCode[]; proposed: Proceed; source: "decision_tree" | "model"; confirm: string[] }
  | { outcome: "ok"; result: Proceed; source: "decision_tree" | "model"; gates: GateCode[]; confirm: string[] };

function asStop(s: Omit<HardStop, "matched"> & { matched?: string }): HardStop {
  return { ...s, matched: s.matched ?? "", clearedBy: { gates: [...(s.clearedBy?.gates ?? [])] } };
}

function isCleared(stop: HardStop, input: TurnInput): boolean {
  return (
    stop.type === "conditional" &&
    input.acknowledgedStopIds.includes(stop.stopId) &&
    canClearConditional(stop, input.tech)
  );
}

/** Gates the proceed result needs for this tech's hands: declared gates plus what its own words imply. */
export function gatesFor(result: Proceed, source: "decision_tree" | "model", fuel?: Fuel) {
  if (result.kind === "step") {
    const declared = result.step.requiresGate ?? [];
    const words = inferGates(`${result.step.title}. ${result.step.how}`);
    const claimedMeasurement = (result.step as { kind?: string }).kind === "measurement";
    const handsOn = source === "model" ? words.handsOn || !claimedMeasurement : declared.length > 0;
    const gates = source === "model" ? [...declared, ...words.gates] : [...declared];
    return {
      requiresGate: gates,
      kind: handsOn ? ("repair" as const) : ("measurement" as const),
      combustion: words.combustion,
      ...(fuel ? { fuel } : {}),
    };
  }
  const declared = result.repair.requiresGate ?? [];
  const words = inferGates(`${result.diagnosis}. ${result.repair.steps.join(" ")}`);
  return {
    requiresGate: source === "model" ? [...declared, ...words.gates] : [...declared],
    kind: "repair" as const,
    combustion: words.combustion,
    ...(fuel ? { fuel } : {}),
  };
}

/**
 * The stops that stand before any model is asked: the hazard screen of the tech's own words and readings, and the
 * tree's own stops (not cleared by a stamped acknowledgment). A turn with one never goes to a model.
 */
export function stopsBeforeModel(input: TurnInput): HardStop[] {
  const scan = scanForHazards(input.message ?? "", input.readings);
  const tree =
    input.callType === null
      ? null
      : nextDiagnosticStep(input.callType, input.trail, {
          tech: input.tech,
          acknowledgedStopIds: input.acknowledgedStopIds,
        });
  const screened = scan.stops.filter((s) => !isCleared(s, input));
  return tree?.kind === "hardstop" ? mergeStops(screened, [tree.hardstop]) : screened;
}

/**
 * Decides one turn of the diagnostic loop. Order: the tech's words are screened for hazards, the tree walks the
 * trail, model-reported stops are merged (add only), low confidence becomes a stop; any stop not cleared by a
 * stamped acknowledgment wins. Then the step or diagnosis is checked against the tech's gates.
 */
export function decideTurn(input: TurnInput): TurnVerdict {
  const scan = scanForHazards(input.message ?? "", input.readings);
  const tree: DiagnoseResult | null =
    input.callType === null
      ? null
      : nextDiagnosticStep(input.callType, input.trail, {
          tech: input.tech,
          acknowledgedStopIds: input.acknowledgedStopIds,
        });

  const modelStops = (input.model?.hardstops ?? []).map(asStop);
  if (input.model?.proposal?.kind === "hardstop") modelStops.push(asStop(input.model.proposal.hardstop));
  const confidence = input.model?.confidence;
  if (input.model !== undefined && confidence !== undefined && confidence < MIN_MODEL_CONFIDENCE) {
    modelStops.push(
      buildStop(
        "readings_unreconciled",
        `model confidence ${confidence}`,
        `The diagnostic model is not confident (${confidence}); stop and escalate rather than guess.`,
      ),
    );
  }
  // Screen and model stops may be cleared by a stamped acknowledgment; the tree applies acknowledgments itself.
  const screened = mergeStops(scan.stops, modelStops).filter((s) => !isCleared(s, input));
  const stops = tree?.kind === "hardstop" ? mergeStops(screened, [tree.hardstop]) : screened;
  if (stops.length === 0 && tree === null && input.model?.proposal === undefined) {
    stops.push(
      buildStop(
        "readings_unreconciled",
        "no decision tree",
        "There is no offline decision tree for this call and no model proposal; escalate rather than guess.",
      ),
    );
  }
  if (stops.length > 0) {
    const primary = stops.find((s) => s.type === "universal") ?? (stops[0] as HardStop);
    return { outcome: "stop", primary, stops, confirm: scan.confirm };
  }

  const proposal = input.model?.proposal;
  const source = proposal !== undefined && proposal.kind !== "hardstop" ? "model" : "decision_tree";
  const result: Proceed =
    proposal !== undefined && proposal.kind !== "hardstop"
      ? proposal
      : (tree as Exclude<DiagnoseResult, { kind: "hardstop" }>);
  const action = gatesFor(result, source, input.fuel);
  const decision = canPerform(action, input.tech);
  if (!decision.allowed) {
    return { outcome: "blocked", missing: decision.missing, proposed: result, source, confirm: scan.confirm };
  }
  return { outcome: "ok", result, source, gates: requiredGatesFor(action), confirm: scan.confirm };
}
