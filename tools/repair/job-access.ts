// Shell helpers for the repair tools: load a tech's profile and a trouble call, check who may touch it, save it.
// Safety decisions stay in the pure modules (gates, hazards, turn, job-record); this file only loads and stores.
import type { z } from "zod";
import {
  getRepairJob,
  getTechProfile,
  type StoredRepairJob,
  type StoredTechProfile,
  stopsAuditedForJob,
  updateRepairJob,
} from "../../store/repos/field-repair.ts";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import type { CallType, TrailEntry } from "./decision-trees.ts";
import { CALL_TYPES } from "./decision-trees.ts";
import { type Fuel, GATE_CODES, type GateCode, type TechProfile } from "./gates.ts";
import { STOP_CATALOG, type StopId } from "./hazards.ts";
import { type JobRecord, refusalIfClosed } from "./job-record.ts";
import type { RepairJobViewSchema, StopLogEntrySchema } from "./schemas.ts";

export type StopLogEntry = z.infer<typeof StopLogEntrySchema>;
export type RepairJobView = z.infer<typeof RepairJobViewSchema>;

export interface LoadedJob {
  row: StoredRepairJob;
  record: JobRecord;
  stopLog: StopLogEntry[];
  callType: CallType | null;
  fuel: Fuel | undefined;
}

export function toTechProfile(stored: StoredTechProfile): TechProfile {
  const gates = stored.gates.filter((g): g is GateCode => (GATE_CODES as readonly string[]).includes(g));
  return {
    techId: stored.techId,
    name: stored.name,
    level: (["novice", "mid", "senior", "master"].includes(stored.level)
      ? stored.level
      : "novice") as TechProfile["level"],
    epaType: stored.epaType === "Universal" ? "Universal" : "II",
    epaCertNumber: stored.epaCertNumber,
    gates,
    credentialNumbers: stored.credentialNumbers as TechProfile["credentialNumbers"],
    conditionalOverride: stored.conditionalOverride,
  };
}

export async function loadTech(ctx: ToolContext, techId: string): Promise<TechProfile | null> {
  const stored = await getTechProfile(ctx.db, ctx.tenantId, techId);
  return stored ? toTechProfile(stored) : null;
}

function isCallType(value: string | null): value is CallType {
  return value !== null && (CALL_TYPES as readonly string[]).includes(value);
}

const FUELS: readonly Fuel[] = ["natural_gas", "propane", "oil", "electric", "none"];

export function fuelOf(text: string): Fuel | undefined {
  const t = text.toLowerCase();
  if (/\bpropane\b|\blp\b/.test(t)) return "propane";
  if (/\boil\b/.test(t)) return "oil";
  if (/\bgas\b|furnace|boiler|water heater/.test(t)) return "natural_gas";
  if (/heat pump|electric|mini[- ]?split|\bac\b|air condition/.test(t)) return "electric";
  return undefined;
}

export async function loadJob(ctx: ToolContext, jobId: string): Promise<LoadedJob | null> {
  const row = await getRepairJob(ctx.db, ctx.tenantId, jobId);
  if (!row) return null;
  const doc = row.record as { job?: JobRecord; stopLog?: StopLogEntry[] };
  if (!doc.job) throw new Error(`repair job ${jobId} has no job record document`);
  const stored = row.equipment.fuel;
  const fuel = FUELS.find((f) => f === stored) ?? fuelOf(doc.job.equipment);
  return {
    row,
    record: doc.job,
    stopLog: doc.stopLog ?? [],
    callType: isCallType(row.callType) ? row.callType : null,
    fuel,
  };
}

export async function saveJob(
  ctx: ToolContext,
  job: LoadedJob,
  record: JobRecord,
  stopLog: StopLogEntry[],
  status: StoredRepairJob["status"],
): Promise<RepairJobView> {
  const saved = await updateRepairJob(ctx.db, ctx.tenantId, job.row.id, {
    record: { job: record, stopLog },
    status,
    closedAt: record.closedAt,
  });
  if (!saved) throw new Error(`repair job ${job.row.id} vanished inside the apply transaction`);
  return viewOf(saved);
}

export function viewOf(row: StoredRepairJob): RepairJobView {
  const doc = row.record as { job: JobRecord; stopLog?: StopLogEntry[] };
  return {
    jobId: row.id,
    status: row.status,
    callType: row.callType,
    customerId: row.customerId,
    record: doc.job,
    stopLog: doc.stopLog ?? [],
    version: row.version,
  };
}

export function trailOf(record: JobRecord): TrailEntry[] {
  return record.diagnosticTrail.map((t) => ({ stepId: t.stepId, value: t.value, unit: t.unit }));
}

export function acknowledgedIds(record: JobRecord): string[] {
  return record.stamps.acknowledgments.map((a) => a.stopId);
}

/** Who may touch a job: the tech it belongs to, or the office and founder. Techs never act on another's call. */
export function accessRefusal(ctx: ToolContext, job: LoadedJob): GuardVerdict {
  if (ctx.actor.role === "tech" && job.row.techId !== ctx.actor.id) {
    return {
      refuse: {
        class: "forbidden",
        reason: `Job ${job.row.id} belongs to ${job.row.techId}; a tech works only on their own calls.`,
      },
    };
  }
  return null;
}

/** A closed job record is immutable: every later write is refused with this reason. */
export function closedRefusal(job: LoadedJob): GuardVerdict {
  const reason = refusalIfClosed(job.record);
  return reason === null ? null : { refuse: { class: "forbidden", reason } };
}

/** The loaded job and the tech on it, or the refusal that ends the call (not found, not theirs, no profile). */
export async function jobAndTech(
  ctx: ToolContext,
  jobId: string,
  options: { write: boolean },
): Promise<{ job: LoadedJob; tech: TechProfile } | { verdict: NonNullable<GuardVerdict> }> {
  const job = await loadJob(ctx, jobId);
  if (!job) return { verdict: { refuse: { class: "not_found", reason: `No repair job with id ${jobId}.` } } };
  const denied = accessRefusal(ctx, job) ?? (options.write ? closedRefusal(job) : null);
  if (denied) return { verdict: denied };
  const tech = await loadTech(ctx, job.row.techId);
  if (!tech) {
    return {
      verdict: {
        refuse: {
          class: "gate_required",
          reason: `${job.row.techId} has no tech profile on file; the office must set one before diagnostic work.`,
        },
      },
    };
  }
  return { job, tech };
}

export interface JobStopState {
  stopId: string;
  type: "universal" | "conditional";
  actioned: "acknowledged" | "escalated" | null;
}

/**
 * Every stop raised on a job: those the kernel audited as `stopped` on calls naming it, those actioned in its stop
 * log, and the stop the decision tree reaches from the trail. Escalating the job actions them all; a conditional
 * stop is also actioned by a stamped acknowledgment. Universal stops are actioned only by escalation.
 */
export async function stopsOnJob(ctx: ToolContext, job: LoadedJob, treeStop: string | null): Promise<JobStopState[]> {
  const ids = new Set<string>(await stopsAuditedForJob(ctx.db, ctx.tenantId, job.row.id));
  for (const entry of job.stopLog) ids.add(entry.stopId);
  if (treeStop) ids.add(treeStop);
  const escalated = job.record.escalation !== null;
  const acknowledged = acknowledgedIds(job.record);
  return [...ids].map((stopId) => {
    const catalog = stopId in STOP_CATALOG ? STOP_CATALOG[stopId as StopId] : null;
    const type = catalog?.type ?? "conditional";
    const actioned = escalated
      ? ("escalated" as const)
      : type === "conditional" && catalog !== null && acknowledged.includes(stopId)
        ? ("acknowledged" as const)
        : null;
    return { stopId, type, actioned };
  });
}
