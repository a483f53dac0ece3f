// Job record pieces for a trouble call (Field Engineer §07): trail, stamps, acknowledgments, escalation, closing.
// Pure: no I/O and no clock (callers pass `at`); never mutates its input. A closed record is immutable.
import { canClearConditional, GATE_CODES, type GateCode, type TechProfile } from "./gates.ts";
import type { HardStop } from "./hazards.ts";

export interface TrailStamp {
  stepId: string;
  value: number | string | boolean;
  unit: string;
  time: string;
}

export interface Acknowledgment {
  techId: string;
  stopId: string;
  at: string;
}

export interface Escalation {
  reason: string;
  atStep: string | null;
  preservedTrail: TrailStamp[];
}

/** Field Engineer §07 job record, plus `closedAt` (the seed is silent on closing; null while open). */
export interface JobRecord {
  jobId: string;
  techId: string;
  timestamp: string;
  equipment: string;
  complaint: { reported: string; techConfirmed: string | null };
  components: Array<{ name: string; brand?: string; model?: string; serial?: string; thumbnail?: string }>;
  diagnosticTrail: TrailStamp[];
  diagnosis: string | null;
  repairGuided: boolean;
  verify: { reSymptom: string | null; reading: string | null };
  stamps: {
    techId: string;
    epaCertNumber: string;
    credentialsUsed: GateCode[];
    acknowledgments: Acknowledgment[];
  };
  escalation: Escalation | null;
  closedAt: string | null;
}

export type RecordChange = { ok: true; record: JobRecord } | { ok: false; reason: string };

/** Returns a new, open job record for a tech starting a trouble call at time `at`. */
export function createJobRecord(input: {
  jobId: string;
  tech: Pick<TechProfile, "techId" | "epaCertNumber">;
  equipment: string;
  complaint: string;
  at: string;
}): JobRecord {
  return {
    jobId: input.jobId,
    techId: input.tech.techId,
    timestamp: input.at,
    equipment: input.equipment,
    complaint: { reported: input.complaint, techConfirmed: null },
    components: [],
    diagnosticTrail: [],
    diagnosis: null,
    repairGuided: false,
    verify: { reSymptom: null, reading: null },
    stamps: {
      techId: input.tech.techId,
      epaCertNumber: input.tech.epaCertNumber,
      credentialsUsed: [],
      acknowledgments: [],
    },
    escalation: null,
    closedAt: null,
  };
}

/** Returns true once the record is closed; from then on every change is refused. */
export function isClosed(record: Pick<JobRecord, "closedAt">): boolean {
  return record.closedAt !== null;
}

/** Returns why the record may not be modified (it is closed), or null when changes are allowed. */
export function refusalIfClosed(record: Pick<JobRecord, "jobId" | "closedAt">): string | null {
  if (!isClosed(record)) return null;
  return `Job ${record.jobId} was closed at ${record.closedAt}; a closed job record cannot be changed. Open a new call instead.`;
}

function copy(record: JobRecord): JobRecord {
  return {
    ...record,
    complaint: { ...record.complaint },
    components: record.components.map((c) => ({ ...c })),
    diagnosticTrail: record.diagnosticTrail.map((t) => ({ ...t })),
    verify: { ...record.verify },
    stamps: {
      ...record.stamps,
      credentialsUsed: [...record.stamps.credentialsUsed],
      acknowledgments: record.stamps.acknowledgments.map((a) => ({ ...a })),
    },
    escalation:
      record.escalation === null
        ? null
        : { ...record.escalation, preservedTrail: record.escalation.preservedTrail.map((t) => ({ ...t })) },
  };
}

function change(record: JobRecord, apply: (draft: JobRecord) => string | null): RecordChange {
  const refusal = refusalIfClosed(record);
  if (refusal !== null) return { ok: false, reason: refusal };
  const draft = copy(record);
  const problem = apply(draft);
  return problem === null ? { ok: true, record: draft } : { ok: false, reason: problem };
}

/** Returns the record with one reading appended to the diagnostic trail, stamped with `at`. */
export function appendTrailEntry(
  record: JobRecord,
  entry: { stepId: string; value: number | string | boolean; unit: string },
  at: string,
): RecordChange {
  return change(record, (draft) => {
    if (entry.stepId.trim() === "") return "A trail entry needs the step it answers.";
    draft.diagnosticTrail.push({ stepId: entry.stepId, value: entry.value, unit: entry.unit, time: at });
    return null;
  });
}

/**
 * Returns the record with the tech's on-screen acknowledgment of a conditional stop stamped (techId, stopId, at) and
 * the stop's gates added to credentialsUsed. Refused for a universal stop, or when the tech may not clear the stop
 * (§09 canClearConditional: override flag and every clearedBy gate).
 */
export function stampAcknowledgment(
  record: JobRecord,
  stop: Pick<HardStop, "stopId" | "type" | "clearedBy">,
  tech: Pick<TechProfile, "techId" | "gates" | "epaType" | "conditionalOverride">,
  at: string,
): RecordChange {
  return change(record, (draft) => {
    // Field Engineer §10: universal stops have no override
    if (stop.type === "universal")
      return `${stop.stopId} is a universal stop: it cannot be acknowledged past — escalate.`;
    if (!canClearConditional(stop, tech))
      return `${tech.techId} may not clear ${stop.stopId}: it needs the conditional override and gates ${stop.clearedBy.gates.join(", ") || "(none)"}.`;
    draft.stamps.acknowledgments.push({ techId: tech.techId, stopId: stop.stopId, at });
    for (const gate of GATE_CODES) {
      if (stop.clearedBy.gates.includes(gate) && !draft.stamps.credentialsUsed.includes(gate))
        draft.stamps.credentialsUsed.push(gate);
    }
    return null;
  });
}

/** Returns an escalation that keeps the work so far: the reason, the step it stopped at and a copy of the trail. */
export function buildEscalation(reason: string, trail: readonly TrailStamp[], atStep?: string): Escalation {
  return {
    reason,
    atStep: atStep ?? trail[trail.length - 1]?.stepId ?? null,
    preservedTrail: trail.map((t) => ({ ...t })),
  };
}

/** Returns the record escalated (blocked gate or hard stop); the trail is preserved, never cleared. */
export function escalateJob(record: JobRecord, reason: string, atStep?: string): RecordChange {
  return change(record, (draft) => {
    if (reason.trim() === "") return "An escalation needs a reason a person can act on.";
    draft.escalation = buildEscalation(reason, draft.diagnosticTrail, atStep);
    return null;
  });
}

/** Returns the record with the gates used for the repair stamped (deduplicated). */
export function recordCredentialsUsed(record: JobRecord, gates: readonly GateCode[]): RecordChange {
  return change(record, (draft) => {
    for (const gate of gates) if (!draft.stamps.credentialsUsed.includes(gate)) draft.stamps.credentialsUsed.push(gate);
    return null;
  });
}

/** Returns the record with the diagnosis set (and whether the repair was guided). */
export function recordDiagnosis(record: JobRecord, diagnosis: string, repairGuided: boolean): RecordChange {
  return change(record, (draft) => {
    draft.diagnosis = diagnosis;
    draft.repairGuided = repairGuided;
    return null;
  });
}

/** Returns the record closed at `at`, with the verification (symptom re-checked, closing reading). */
export function closeJobRecord(
  record: JobRecord,
  verify: { reSymptom: string | null; reading: string | null },
  at: string,
): RecordChange {
  return change(record, (draft) => {
    draft.verify = { ...verify };
    draft.closedAt = at;
    return null;
  });
}
