// Validation of TranscriptBundle and QdSignalBundle scores (contracts seed §5: timing is first-class; every score points
// back to evidence refs or explicit operator input). Pure: no I/O, no clock.
import type { FailureClass } from "../../contracts/failure.ts";

export type TranscriptSegment = {
  speaker: string;
  startMs: number;
  endMs: number;
  text: string;
};

export type TranscriptBundle = {
  transcript_id: string;
  interaction_ref: string;
  media_ref: string;
  speaker_segments: readonly TranscriptSegment[];
  language: string;
  text: string;
  /** Length of the recording, when known; segments must lie inside it. */
  media_duration_ms?: number;
};

export type TranscriptProblem = { segment: number | null; reason: string };

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * Every problem of a transcript bundle (empty means valid): required fields present, a language tag ("en", "es-US"),
 * each segment with a speaker label and 0 ≤ start < end within the media, segments ordered by start time, and no
 * speaker overlapping themself. Two speakers may overlap: people talk over each other.
 */
export function checkTranscript(bundle: TranscriptBundle): TranscriptProblem[] {
  const problems: TranscriptProblem[] = [];
  const required: Array<keyof TranscriptBundle> = ["transcript_id", "interaction_ref", "media_ref", "language", "text"];
  for (const field of required) {
    const value = bundle[field];
    if (typeof value !== "string" || value.trim() === "")
      problems.push({ segment: null, reason: `${field} is missing` });
  }
  if (bundle.language.trim() !== "" && !LANGUAGE_TAG.test(bundle.language)) {
    problems.push({
      segment: null,
      reason: `language "${bundle.language}" is not a language tag such as "en" or "es-US"`,
    });
  }
  const duration = bundle.media_duration_ms;
  if (duration !== undefined && !(Number.isFinite(duration) && duration > 0)) {
    problems.push({ segment: null, reason: `media_duration_ms ${duration} is not a positive length` });
  }
  if (bundle.speaker_segments.length === 0) {
    problems.push({
      segment: null,
      reason: "speaker_segments is empty; timing and speakers are required, not optional",
    });
  }

  const lastEndBySpeaker = new Map<string, { endMs: number; segment: number }>();
  let previousStart = Number.NEGATIVE_INFINITY;
  bundle.speaker_segments.forEach((segment, index) => {
    const at = (reason: string) => problems.push({ segment: index, reason: `segment ${index + 1}: ${reason}` });
    const speaker = segment.speaker.trim();
    if (speaker === "") at("has no speaker label");
    const timed = Number.isFinite(segment.startMs) && Number.isFinite(segment.endMs);
    if (!timed) {
      at("start and end must be numbers of milliseconds");
      return;
    }
    if (segment.startMs < 0) at(`starts before the recording (${segment.startMs} ms)`);
    if (segment.startMs >= segment.endMs) at(`start ${segment.startMs} ms is not before end ${segment.endMs} ms`);
    if (duration !== undefined && Number.isFinite(duration) && segment.endMs > duration) {
      at(`ends at ${segment.endMs} ms, after the media ends (${duration} ms)`);
    }
    if (segment.startMs < previousStart)
      at(`starts at ${segment.startMs} ms, before the previous segment (${previousStart} ms)`);
    previousStart = Math.max(previousStart, segment.startMs);
    const last = lastEndBySpeaker.get(speaker);
    if (last && segment.startMs < last.endMs) {
      at(
        `"${speaker}" overlaps their own segment ${last.segment + 1} (starts ${segment.startMs} ms, previous ends ${last.endMs} ms)`,
      );
    }
    if (!last || segment.endMs > last.endMs) lastEndBySpeaker.set(speaker, { endMs: segment.endMs, segment: index });
  });
  return problems;
}

export type OperatorInput = { operatorId: string; note?: string };

export type SignalScoreInput = {
  value: number;
  evidenceRefs: readonly string[];
  operatorInput?: OperatorInput | null;
  /** Allowed range of the score, when the score type has one (e.g. 0..100 for lead health). */
  range?: { min: number; max: number };
};

export type SignalCheck =
  | { status: "accepted"; basis: "evidence" | "operator_input" | "evidence_and_operator_input"; evidenceRefs: string[] }
  | { status: "refused"; failure: { class: FailureClass; reason: string } };

/**
 * Accepts a score only when it points back to evidence refs or carries explicit operator input (contracts seed §5,
 * QdSignalBundle). A refusal is a result with a failure class: audit_gap for a score without its source evidence
 * (skeleton seed: "missing … source evidence → refuse"), invalid_input for a value that is not a usable number.
 */
export function checkSignal(input: SignalScoreInput): SignalCheck {
  if (!Number.isFinite(input.value)) {
    return { status: "refused", failure: { class: "invalid_input", reason: `score ${input.value} is not a number` } };
  }
  if (input.range && (input.value < input.range.min || input.value > input.range.max)) {
    return {
      status: "refused",
      failure: {
        class: "invalid_input",
        reason: `score ${input.value} is outside ${input.range.min}..${input.range.max}`,
      },
    };
  }
  const evidenceRefs = input.evidenceRefs.map((ref) => ref.trim()).filter((ref) => ref !== "");
  const operator = input.operatorInput && input.operatorInput.operatorId.trim() !== "" ? input.operatorInput : null;
  if (evidenceRefs.length === 0 && !operator) {
    return {
      status: "refused",
      failure: {
        class: "audit_gap",
        reason:
          `score ${input.value} has no evidence refs and no operator input; every score must point back to the ` +
          "messages, calls or visits it came from, or be entered by a named operator",
      },
    };
  }
  const basis = evidenceRefs.length > 0 ? (operator ? "evidence_and_operator_input" : "evidence") : "operator_input";
  return { status: "accepted", basis, evidenceRefs };
}

export type SignalBundle = {
  signal_id: string;
  client_ref: string;
  source_ref: string;
  score_type: string;
  value: number;
  time_window: { start: string; end: string };
  supporting_evidence_refs: readonly string[];
  operator_input?: OperatorInput | null;
};

/** Problems of a whole QdSignalBundle: required refs, an ordered time window, and the score rule above. */
export function checkSignalBundle(bundle: SignalBundle, range?: { min: number; max: number }): string[] {
  const problems: string[] = [];
  for (const field of ["signal_id", "client_ref", "source_ref", "score_type"] as const) {
    if (bundle[field].trim() === "") problems.push(`${field} is missing`);
  }
  const start = Date.parse(bundle.time_window.start);
  const end = Date.parse(bundle.time_window.end);
  if (Number.isNaN(start) || Number.isNaN(end)) problems.push("time_window needs ISO-8601 start and end");
  else if (start >= end) problems.push("time_window start is not before its end");
  const check = checkSignal({
    value: bundle.value,
    evidenceRefs: bundle.supporting_evidence_refs,
    operatorInput: bundle.operator_input ?? null,
    ...(range ? { range } : {}),
  });
  if (check.status === "refused") problems.push(check.failure.reason);
  return problems;
}
