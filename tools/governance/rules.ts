// The workflow's deterministic gates (charter steps 3, 8, 9 and the order of all ten): eligibility, the state
// machine, platform health and the audit verdict. Pure functions over plain data; only code moves a contract.
import { REQUIRED_PACKS } from "../../contracts/settings.ts";
import { CAPABILITIES, capabilityNamed, effectiveValue, settingOf } from "./capabilities.ts";
import type { Validation } from "./validator.ts";

// ---- Step 3: eligibility ---------------------------------------------------------------------------------------

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.7;

export interface BlockingSignal {
  capability: string | "*";
  reason: string;
}

export interface Eligibility {
  verdict: "MAY" | "MAY_NOT";
  reasons: string[];
  checks: { confidence: boolean; capabilitiesKnown: boolean; notBlocked: boolean; actionable: boolean };
}

const ACTIONABLE: readonly string[] = ["configuration_change"];

export function checkEligibility(
  v: Validation,
  blocking: readonly BlockingSignal[],
  threshold = DEFAULT_CONFIDENCE_THRESHOLD,
): Eligibility {
  const reasons: string[] = [];
  const confidence = v.confidenceScore >= threshold;
  if (!confidence) reasons.push(`Validator confidence ${v.confidenceScore} is below ${threshold}.`);
  const unknown = v.affectedCapabilities.filter((c) => !capabilityNamed(c));
  const unknownSettings = v.requestedChanges.filter((c) => !settingOf(c.capability, c.field));
  const capabilitiesKnown = unknown.length === 0 && unknownSettings.length === 0 && v.affectedCapabilities.length > 0;
  if (unknown.length > 0) reasons.push(`Unknown capability: ${unknown.join(", ")} is not in the capability registry.`);
  else if (v.affectedCapabilities.length === 0) reasons.push("No capability named.");
  const blockers = blocking.filter((b) => b.capability === "*" || v.affectedCapabilities.includes(b.capability));
  const notBlocked = blockers.length === 0;
  for (const b of blockers) reasons.push(`Blocked: ${b.reason}`);
  const actionable =
    ACTIONABLE.includes(v.issueType) && v.recommendedAction === "create_contract" && v.requestedChanges.length > 0;
  if (!actionable) reasons.push(`A ${v.issueType.replaceAll("_", " ")} needs manual triage, not a contract.`);
  const all = confidence && capabilitiesKnown && notBlocked && actionable;
  return {
    verdict: all ? "MAY" : "MAY_NOT",
    reasons,
    checks: { confidence, capabilitiesKnown, notBlocked, actionable },
  };
}

// ---- The order of the ten steps ----------------------------------------------------------------------------------

export type IssueStatus = "RECEIVED" | "VALIDATED" | "ELIGIBLE" | "INELIGIBLE";
export type ContractStatus =
  | "DRAFT"
  | "APPROVED"
  | "REJECTED"
  | "EXPIRED"
  | "SUPERSEDED"
  | "ACTIVE"
  | "EXECUTED"
  | "HEALTH_EVALUATED"
  | "AUDITED"
  | "COMPLETED"
  | "FAILED"
  | "ESCALATED";
export type JobStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";

const ISSUE_MOVES: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  RECEIVED: ["VALIDATED"],
  VALIDATED: ["ELIGIBLE", "INELIGIBLE"],
  ELIGIBLE: [],
  INELIGIBLE: [],
};

/** Charter steps 4–10. DRAFT → DRAFT is a clarification request; every other move goes one step forward. */
const CONTRACT_MOVES: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  DRAFT: ["DRAFT", "APPROVED", "REJECTED", "EXPIRED", "SUPERSEDED"],
  APPROVED: ["ACTIVE"],
  ACTIVE: ["EXECUTED", "FAILED"],
  EXECUTED: ["HEALTH_EVALUATED"],
  HEALTH_EVALUATED: ["AUDITED"],
  AUDITED: ["COMPLETED", "FAILED", "ESCALATED"],
  ESCALATED: ["COMPLETED", "FAILED"],
  REJECTED: [],
  EXPIRED: [],
  SUPERSEDED: [],
  COMPLETED: [],
  FAILED: [],
};

const JOB_MOVES: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  PENDING: ["RUNNING"],
  RUNNING: ["COMPLETED", "FAILED"],
  COMPLETED: [],
  FAILED: [],
};

export class WorkflowOrderError extends Error {
  readonly code = "workflow_order";
  constructor(kind: string, from: string, to: string) {
    super(`A ${kind} cannot move from ${from} to ${to}; no step of the workflow can be skipped or repeated.`);
  }
}

export function assertMove(kind: "issue" | "contract" | "job", from: string, to: string): void {
  const table = (kind === "issue" ? ISSUE_MOVES : kind === "contract" ? CONTRACT_MOVES : JOB_MOVES) as Record<
    string,
    readonly string[]
  >;
  if (!(table[from] ?? []).includes(to)) throw new WorkflowOrderError(kind, from, to);
}

// ---- Step 8: platform health -------------------------------------------------------------------------------------

export interface ContractChange {
  capability: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface HealthReport {
  healthy: boolean;
  capabilities: Record<string, { healthy: boolean; problems: string[] }>;
  invariants: { id: string; holds: boolean; detail: string }[];
  executionMatched: boolean;
}

export interface HealthInput {
  config: Record<string, unknown>;
  changes: readonly ContractChange[];
  auditChainValid: boolean;
  approvalPolicyBefore: string;
  approvalPolicyAfter: string;
  storeHealthy: boolean;
}

/** Health is authority (charter step 8): a job cannot override it. Checks every capability and the invariants. */
export function evaluateHealth(h: HealthInput): HealthReport {
  const capabilities: HealthReport["capabilities"] = {};
  for (const capability of CAPABILITIES) {
    const problems: string[] = [];
    for (const setting of capability.settings) {
      const value = effectiveValue(h.config, setting);
      if (!setting.schema.safeParse(value).success)
        problems.push(`${setting.field} = ${JSON.stringify(value)} is not valid`);
    }
    capabilities[capability.name] = { healthy: problems.length === 0, problems };
  }
  const value = (capability: string, field: string) => {
    const s = settingOf(capability, field);
    return s ? effectiveValue(h.config, s) : undefined;
  };
  const minMargin = Number((h.config.pricing as { minMarginPct?: number } | undefined)?.minMarginPct ?? 20);
  const markupsBelowFloor = (capabilityNamed("markup_rules")?.settings ?? [])
    .filter((s) => s.field !== "permit")
    .filter((s) => Number(effectiveValue(h.config, s)) < minMargin)
    .map((s) => s.field);
  const quoteChase = Number(value("trigger_thresholds", "quoteChaseDays"));
  const validDays = Number((h.config.pricing as { proposalValidDays?: number } | undefined)?.proposalValidDays ?? 30);
  const start = Number(value("quiet_hours", "startHour"));
  const end = Number(value("quiet_hours", "endHour"));
  const packsOff = REQUIRED_PACKS.filter((p) => value("enabled_packs", p) === false);
  const invariants = [
    {
      id: "store",
      holds: h.storeHealthy,
      detail: h.storeHealthy ? "The store answers and is not degraded." : "The store is degraded or frozen.",
    },
    {
      id: "audit_chain",
      holds: h.auditChainValid,
      detail: h.auditChainValid ? "The audit chain verifies." : "The audit chain does not verify.",
    },
    {
      id: "approval_policy_unchanged",
      holds: h.approvalPolicyBefore === h.approvalPolicyAfter,
      detail: "No change may alter who approves what (Phase-1 invariant).",
    },
    {
      id: "markup_keeps_margin_floor",
      holds: markupsBelowFloor.length === 0,
      detail:
        markupsBelowFloor.length === 0
          ? `Every category's markup keeps the ${minMargin}% margin floor.`
          : `Markup on ${markupsBelowFloor.join(", ")} is below the ${minMargin}% margin floor: every such job would sell below floor.`,
    },
    {
      id: "quote_chase_before_expiry",
      holds: quoteChase < validDays,
      detail: `Quotes are chased after ${quoteChase} days and stay valid ${validDays} days.`,
    },
    {
      id: "quiet_hours_leave_a_window",
      holds: start !== end,
      detail:
        start !== end ? `Quiet ${start}:00–${end}:00.` : "Quiet hours cover the whole day: no text could ever be sent.",
    },
    {
      id: "safety_packs_on",
      holds: packsOff.length === 0,
      detail:
        packsOff.length === 0
          ? "Repair (hazard screen), CRM and governance are on."
          : `${packsOff.join(", ")} cannot be turned off.`,
    },
  ];
  const executionMatched = h.changes.every(
    (c) => JSON.stringify(value(c.capability, c.field)) === JSON.stringify(c.after),
  );
  const healthy =
    Object.values(capabilities).every((c) => c.healthy) && invariants.every((i) => i.holds) && executionMatched;
  return { healthy, capabilities, invariants, executionMatched };
}

// ---- Step 9: the audit verdict -----------------------------------------------------------------------------------

export interface AuditInput {
  changes: readonly ContractChange[];
  /** Every config path that differs between before and after the job, as "capability.field" or a raw path. */
  changedPaths: readonly string[];
  health: HealthReport | null;
  window: { start: string; end: string };
  executedAt: string | null;
}

export interface AuditVerdict {
  verdict: "PASS" | "FAIL" | "INCONCLUSIVE";
  checks: {
    scopeMatched: boolean;
    noUnauthorizedMutation: boolean;
    healthConsistent: boolean | null;
    withinWindow: boolean | null;
  };
  reasons: string[];
}

export function auditExecution(a: AuditInput): AuditVerdict {
  const inScope = new Set(a.changes.map((c) => `${c.capability}.${c.field}`));
  const unauthorized = a.changedPaths.filter((p) => !inScope.has(p));
  const scopeMatched = a.changes.every(
    (c) =>
      a.changedPaths.includes(`${c.capability}.${c.field}`) || JSON.stringify(c.before) === JSON.stringify(c.after),
  );
  const noUnauthorizedMutation = unauthorized.length === 0;
  const healthConsistent = a.health === null ? null : a.health.healthy;
  const withinWindow = a.executedAt === null ? null : a.executedAt >= a.window.start && a.executedAt <= a.window.end;
  const reasons: string[] = [];
  if (!scopeMatched) reasons.push("The job did not carry out every change the contract named.");
  if (!noUnauthorizedMutation) reasons.push(`Changed outside the contract: ${unauthorized.join(", ")}.`);
  if (healthConsistent === false) reasons.push("Platform health failed after the job; health is authority.");
  if (healthConsistent === null) reasons.push("No health evaluation to compare against.");
  if (withinWindow === false)
    reasons.push(`Executed at ${a.executedAt}, outside the activation window ${a.window.start} – ${a.window.end}.`);
  if (withinWindow === null) reasons.push("No execution time recorded.");
  let verdict: AuditVerdict["verdict"] = "PASS";
  if (!scopeMatched || !noUnauthorizedMutation || healthConsistent === false) verdict = "FAIL";
  else if (healthConsistent === null || withinWindow !== true) verdict = "INCONCLUSIVE";
  return { verdict, checks: { scopeMatched, noUnauthorizedMutation, healthConsistent, withinWindow }, reasons };
}
