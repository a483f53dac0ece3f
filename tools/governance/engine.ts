// The governed change workflow (CRM workflow charter, 10 steps). Steps 1–4 run when a change request is filed,
// 5–7 when the founder's approval is applied (one transaction: a crash applies all or nothing, and the approved
// proposal is resumed once), 8–10 right after commit or on the next start. Every move is compare-and-set and recorded.
import type { Actor, Preview } from "../../contracts/index.ts";
import type { Db } from "../../store/db.ts";
import { verifyAuditChain } from "../../store/repos/audit.ts";
import {
  appendEvent,
  type ContractRow,
  closeIncidentsFor,
  getContract,
  insertContract,
  insertIssue,
  insertJob,
  jobFor,
  listContracts,
  moveContract,
  moveJob,
  openIncident,
  openIncidents,
  updateIssue,
} from "../../store/repos/governance.ts";
import { getProposalRow, insertProposal } from "../../store/repos/proposals.ts";
import { getActor, getTenant, setTenantConfig, type TenantRow } from "../../store/repos/tenants.ts";
import type { Kernel } from "../kernel/index.ts";
import { CAPABILITIES, capabilityNamed, effectiveValue, settingOf, withValue } from "./capabilities.ts";
import {
  assertMove,
  auditExecution,
  type BlockingSignal,
  type ContractChange,
  checkEligibility,
  type Eligibility,
  evaluateHealth,
  type HealthReport,
  WorkflowOrderError,
} from "./rules.ts";
import { type RequestedChange, type Validation, validateIssue, validateStructured } from "./validator.ts";
import { withTenant } from "../../store/scope.ts";
import { faultInjection } from "../kernel/faults.ts";

const DAY_MS = 86_400_000;
/** Charter step 4: a draft contract not approved within 7 days expires. */
export const CONTRACT_TTL_MS = 7 * DAY_MS;
/** Charter step 6: the activation window a job must run inside. */
export const ACTIVATION_WINDOW_MS = DAY_MS;

/** Contract statuses in which a capability is "being changed" (a blocking signal for another change to it). */
const IN_FLIGHT = ["DRAFT", "APPROVED", "ACTIVE", "EXECUTED", "HEALTH_EVALUATED", "AUDITED", "ESCALATED"];

interface StepContext {
  db: Db;
  tenantId: string;
  actorId: string;
  now: Date;
}

async function record(
  s: StepContext,
  issueId: string,
  contractId: string | null,
  step: string,
  fromStatus: string | null,
  toStatus: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await appendEvent(s.db, {
    tenantId: s.tenantId,
    issueId,
    contractId,
    step,
    fromStatus,
    toStatus,
    actorId: s.actorId,
    detail,
    at: s.now.toISOString(),
  });
}

/** Moves a contract one step, or throws: no step may be skipped or repeated. */
async function move(
  s: StepContext,
  c: ContractRow,
  to: string,
  set: Partial<ContractRow>,
  step: string,
  detail = {},
): Promise<void> {
  assertMove("contract", c.status, to);
  if (!(await moveContract(s.db, s.tenantId, c.id, c.status, { ...set, status: to, updatedAt: s.now.toISOString() }))) {
    throw new WorkflowOrderError("contract", c.status, to);
  }
  await record(s, c.issueId, c.id, step, c.status, to, detail);
  c.status = to;
}

/** Blocking governance signals: a frozen or degraded store, open incidents, another change in flight. */
export async function blockingSignals(db: Db, tenant: TenantRow, exceptContract?: string): Promise<BlockingSignal[]> {
  const signals: BlockingSignal[] = [];
  if (tenant.status === "sev0_stop") signals.push({ capability: "*", reason: "the business is frozen (sev0_stop)." });
  if (tenant.adapterHealth !== "healthy") signals.push({ capability: "*", reason: "the store is degraded." });
  for (const incident of await openIncidents(db, tenant.id)) {
    const contract = incident.contractId ? await getContract(db, tenant.id, incident.contractId) : null;
    for (const capability of contract?.affectedCapabilities ?? ["*"]) {
      signals.push({ capability, reason: `incident ${incident.id} is open (${incident.summary})` });
    }
  }
  for (const c of await listContracts(db, tenant.id, IN_FLIGHT)) {
    if (c.id === exceptContract || c.supersedes === exceptContract) continue;
    for (const capability of c.affectedCapabilities) {
      signals.push({ capability, reason: `contract ${c.id} already changes ${capability} (${c.status}).` });
    }
  }
  return signals;
}

function changesFor(config: Record<string, unknown>, requested: readonly RequestedChange[]): ContractChange[] {
  return requested.map((r) => {
    const setting = settingOf(r.capability, r.field);
    return {
      capability: r.capability,
      field: r.field,
      before: setting ? effectiveValue(config, setting) : null,
      after: r.value,
    };
  });
}

function contractPreview(
  c: Pick<ContractRow, "id" | "version" | "riskLevel" | "expiresAt">,
  changes: ContractChange[],
): Preview {
  const words = changes
    .map(
      (ch) =>
        `${settingOf(ch.capability, ch.field)?.label ?? `${ch.capability}.${ch.field}`}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}`,
    )
    .join("; ");
  return {
    summary: `Governed change ${c.id} v${c.version} (${c.riskLevel} risk, expires ${c.expiresAt.slice(0, 10)}): ${words}`,
    changes: changes.map((ch) => ({
      entity: "tenant_config",
      id: ch.capability,
      field: ch.field,
      before: ch.before,
      after: ch.after,
    })),
    basis: [{ entity: "gov_contract", id: c.id, version: c.version }],
  };
}

export interface FiledIssue {
  issueId: string;
  status: "ELIGIBLE" | "INELIGIBLE";
  validation: Validation;
  eligibility: Eligibility;
  contractId: string | null;
  reviewProposalId: string | null;
  summary: string;
}

/** Steps 1–4, inside the safe apply transaction of `governance.request_change`. */
export async function fileIssue(
  db: Db,
  tenant: TenantRow,
  requester: Actor,
  now: Date,
  request: { text: string; source: string; changes?: RequestedChange[]; channel: string },
): Promise<FiledIssue> {
  const s: StepContext = { db, tenantId: tenant.id, actorId: requester.id, now };
  // Step 1: receipt, raw payload kept.
  const issue = await insertIssue(db, {
    tenantId: tenant.id,
    source: request.source,
    rawPayload: { text: request.text, changes: request.changes ?? null, channel: request.channel },
    receivedBy: requester.id,
    receivedAt: now.toISOString(),
    status: "RECEIVED",
    validation: null,
    eligibility: null,
  });
  await record(s, issue.id, null, "1 receipt", null, "RECEIVED", { source: request.source });
  // Step 2: the validator (advisory).
  const validation = request.changes?.length ? validateStructured(request.changes) : validateIssue(request.text);
  assertMove("issue", "RECEIVED", "VALIDATED");
  await updateIssue(db, tenant.id, issue.id, "RECEIVED", { status: "VALIDATED", validation: { ...validation } });
  await record(s, issue.id, null, "2 validator", "RECEIVED", "VALIDATED", { ...validation });
  // Step 3: eligibility (deterministic).
  const eligibility = checkEligibility(validation, await blockingSignals(db, tenant));
  const verdictStatus = eligibility.verdict === "MAY" ? "ELIGIBLE" : "INELIGIBLE";
  assertMove("issue", "VALIDATED", verdictStatus);
  await updateIssue(db, tenant.id, issue.id, "VALIDATED", { status: verdictStatus, eligibility: { ...eligibility } });
  await record(s, issue.id, null, "3 eligibility", "VALIDATED", verdictStatus, { ...eligibility });
  if (eligibility.verdict === "MAY_NOT") {
    return {
      issueId: issue.id,
      status: "INELIGIBLE",
      validation,
      eligibility,
      contractId: null,
      reviewProposalId: null,
      summary: `Change request ${issue.id} is not eligible for a contract: ${eligibility.reasons.join(" ")}`,
    };
  }
  // Step 4: the draft contract, and the founder's review as a high-risk proposal.
  const { contract, proposalId } = await draftContract(
    s,
    tenant,
    issue.id,
    validation.requestedChanges,
    1,
    null,
    request.channel,
    validation,
  );
  return {
    issueId: issue.id,
    status: "ELIGIBLE",
    validation,
    eligibility,
    contractId: contract.id,
    reviewProposalId: proposalId,
    summary: `Change request ${issue.id} drafted as contract ${contract.id}; the founder reviews it as ${proposalId}.`,
  };
}

async function draftContract(
  s: StepContext,
  tenant: TenantRow,
  issueId: string,
  requested: readonly RequestedChange[],
  version: number,
  supersedes: string | null,
  channel: string,
  validation: Pick<Validation, "reason" | "confidenceScore">,
): Promise<{ contract: ContractRow; proposalId: string }> {
  const changes = changesFor(tenant.config, requested);
  const capabilities = [...new Set(changes.map((c) => c.capability))];
  const risk = capabilities.some((c) => capabilityNamed(c)?.risk === "high")
    ? "high"
    : capabilities.some((c) => capabilityNamed(c)?.risk === "medium")
      ? "medium"
      : "low";
  const nowIso = s.now.toISOString();
  const contract = await insertContract(s.db, {
    tenantId: tenant.id,
    issueId,
    version,
    supersedes,
    status: "DRAFT",
    proposedChanges: changes,
    affectedCapabilities: capabilities,
    riskLevel: risk,
    requestedBy: s.actorId,
    reviewProposalId: null,
    createdAt: nowIso,
    expiresAt: new Date(s.now.getTime() + CONTRACT_TTL_MS).toISOString(),
    approvedBy: null,
    approvedAt: null,
    activation: null,
    health: null,
    auditVerdict: null,
    updatedAt: nowIso,
  });
  // The contract is drafted by the workflow, so the founder may review it even when they raised the issue.
  const proposal = await insertProposal(s.db, tenant.id, {
    tool: "governance.activate_contract",
    input: { contractId: contract.id, changes: requested },
    preview: contractPreview(contract, changes),
    effect: "write",
    risk: "high",
    status: "pending",
    version: 1,
    supersedes: null,
    supersededBy: null,
    requestedBy: "system",
    requestedRole: "system",
    channel,
    reasoning: validation.reason,
    confidence: validation.confidenceScore,
    evidenceRefs: [`gov_issue:${issueId}`],
    triggerId: null,
    idempotencyKey: `contract:${contract.id}`,
    createdAt: nowIso,
    expiresAt: contract.expiresAt,
    decidedAt: null,
    decidedBy: null,
    appliedAt: null,
    result: null,
    failure: null,
  });
  await moveContract(s.db, tenant.id, contract.id, "DRAFT", { reviewProposalId: proposal.id });
  contract.reviewProposalId = proposal.id;
  await record(s, issueId, contract.id, "4 draft contract", null, "DRAFT", {
    version,
    supersedes,
    proposedChanges: changes,
    riskLevel: risk,
    expiresAt: contract.expiresAt,
    reviewProposalId: proposal.id,
  });
  return { contract, proposalId: proposal.id };
}

/** Why a contract may not be activated now (the guard of `governance.activate_contract`), or null. */
export async function whyNotActivatable(
  db: Db,
  tenant: TenantRow,
  contractId: string,
  requested: readonly RequestedChange[],
  now: Date,
): Promise<string | null> {
  const c = await getContract(db, tenant.id, contractId);
  if (!c) return `No contract ${contractId}.`;
  if (c.status !== "DRAFT") return `Contract ${contractId} is ${c.status}; only a DRAFT can be approved.`;
  if (c.expiresAt <= now.toISOString())
    return `Contract ${contractId} expired on ${c.expiresAt}; file the request again.`;
  const validation = validateStructured([...requested]);
  const eligibility = checkEligibility(validation, await blockingSignals(db, tenant, contractId));
  return eligibility.verdict === "MAY" ? null : eligibility.reasons.join(" ");
}

export interface Activation {
  contractId: string;
  version: number;
  jobId: string;
  status: string;
  outcomes: unknown[];
}

/** Steps 5–7 inside the safe apply transaction of the founder's approval: approve, activate, run the job. */
export async function activateAndExecute(
  db: Db,
  tenantId: string,
  proposalId: string,
  contractId: string,
  requested: readonly RequestedChange[],
  now: Date,
): Promise<Activation> {
  const tenant = (await getTenant(db, tenantId)) as TenantRow;
  const proposal = await getProposalRow(db, tenantId, proposalId);
  const approvedBy = proposal?.decidedBy ?? "unknown";
  const approvedAt = proposal?.decidedAt ?? now.toISOString();
  const s: StepContext = { db, tenantId, actorId: approvedBy, now };
  let c = (await getContract(db, tenantId, contractId)) as ContractRow;
  if (JSON.stringify(requested) !== JSON.stringify(c.proposedChanges.map((ch) => pick(ch as ContractChange)))) {
    // The founder modified the scope (an edited proposal): a new draft version replaces this one.
    await move(s, c, "SUPERSEDED", {}, "5 founder review", { decision: "modify scope", by: approvedBy });
    const drafted = await draftContract(
      s,
      tenant,
      c.issueId,
      requested,
      c.version + 1,
      c.id,
      proposal?.channel ?? "web",
      {
        reason: "Scope modified by the founder.",
        confidenceScore: 1,
      },
    );
    c = drafted.contract;
    // The founder's approval of the edited proposal is the approval of this version.
    await moveContract(db, tenantId, c.id, "DRAFT", { reviewProposalId: proposalId });
  }
  await move(s, c, "APPROVED", { approvedBy, approvedAt }, "5 founder review", {
    decision: "approve",
    by: approvedBy,
    proposalId,
  });
  const activation = {
    approvedBy,
    approvedAt,
    window: { start: approvedAt, end: new Date(Date.parse(approvedAt) + ACTIVATION_WINDOW_MS).toISOString() },
    constraints: { maxSteps: requested.length, capabilities: c.affectedCapabilities, onePerCapability: true },
    configBefore: tenant.config,
    approvalPolicy: tenant.approvalPolicy,
  };
  await move(s, c, "ACTIVE", { activation }, "6 activation", {
    window: activation.window,
    constraints: activation.constraints,
  });
  // Step 7: the governance job, steps in order, each outcome recorded.
  const job = await insertJob(db, {
    tenantId,
    contractId: c.id,
    kind: "execute",
    status: "PENDING",
    steps: c.proposedChanges,
    done: 0,
    outcomes: [],
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
  });
  if (!job) throw new WorkflowOrderError("job", "existing", "PENDING");
  await record(s, c.issueId, c.id, "7 governance job", null, "PENDING", { jobId: job.id });
  assertMove("job", "PENDING", "RUNNING");
  await moveJob(db, tenantId, job.id, "PENDING", { status: "RUNNING", startedAt: now.toISOString() });
  await record(s, c.issueId, c.id, "7 governance job", "PENDING", "RUNNING", { jobId: job.id });
  let config = tenant.config;
  const outcomes: unknown[] = [];
  for (const [i, change] of (c.proposedChanges as ContractChange[]).entries()) {
    const setting = settingOf(change.capability, change.field);
    if (!setting) throw new WorkflowOrderError("job step", change.capability, change.field);
    const before = effectiveValue(config, setting);
    config = withValue(config, setting, change.after);
    const outcome = {
      step: i + 1,
      capability: change.capability,
      field: change.field,
      before,
      after: change.after,
      ok: true,
    };
    outcomes.push(outcome);
    await record(s, c.issueId, c.id, "7 governance job", "RUNNING", "RUNNING", outcome);
    faultInjection(`job-step-${i + 1}`);
  }
  await setTenantConfig(db, tenantId, config);
  assertMove("job", "RUNNING", "COMPLETED");
  await moveJob(db, tenantId, job.id, "RUNNING", {
    status: "COMPLETED",
    done: outcomes.length,
    outcomes: [...outcomes, { configAfter: config }],
    finishedAt: now.toISOString(),
  });
  await record(s, c.issueId, c.id, "7 governance job", "RUNNING", "COMPLETED", {
    jobId: job.id,
    steps: outcomes.length,
  });
  await move(s, c, "EXECUTED", {}, "7 governance job", { jobId: job.id, executedAt: now.toISOString() });
  return { contractId: c.id, version: c.version, jobId: job.id, status: c.status, outcomes };
}

function pick(ch: ContractChange): RequestedChange {
  return { capability: ch.capability, field: ch.field, value: ch.after };
}

function flatSettings(config: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const capability of CAPABILITIES) {
    for (const setting of capability.settings) {
      out.set(`${capability.name}.${setting.field}`, JSON.stringify(effectiveValue(config, setting)));
    }
  }
  const known = new Set(CAPABILITIES.flatMap((c) => c.settings.map((s) => s.path[0] as string)));
  for (const [key, value] of Object.entries(config)) {
    if (!known.has(key)) out.set(`config.${key}`, JSON.stringify(value));
  }
  return out;
}

/** Config paths that differ between two snapshots (settings by capability.field; other keys as config.<key>). */
export function changedPaths(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const a = flatSettings(before);
  const b = flatSettings(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
}

/**
 * Steps 8–10 after the job committed: health (authority), the audit verdict, then rollout, rollback or escalation.
 * Safe to call again at any point (on restart): it continues from the contract's recorded status.
 */
export async function settleContract(
  kernel: Kernel,
  tenantId: string,
  contractId: string,
): Promise<ContractRow | null> {
  const store = kernel.store;
  const s = (db: Db): StepContext => ({ db, tenantId, actorId: "system", now: kernel.now() });
  let c = await getContract(store.db, tenantId, contractId);
  if (!c) return null;
  if (c.status === "EXECUTED") {
    const tenant = (await getTenant(store.db, tenantId)) as TenantRow;
    const chain = await verifyAuditChain(store.db, tenantId);
    const activation = c.activation as { approvalPolicy?: string };
    const health: HealthReport = evaluateHealth({
      config: tenant.config,
      changes: c.proposedChanges as ContractChange[],
      auditChainValid: chain.ok,
      approvalPolicyBefore: activation.approvalPolicy ?? tenant.approvalPolicy,
      approvalPolicyAfter: tenant.approvalPolicy,
      storeHealthy: tenant.status === "active" && tenant.adapterHealth === "healthy",
    });
    await store.write(async (tx) => {
      const fresh = (await getContract(tx, tenantId, contractId)) as ContractRow;
      if (fresh.status !== "EXECUTED") return;
      await move(s(tx), fresh, "HEALTH_EVALUATED", { health: { ...health } }, "8 health evaluation", {
        healthy: health.healthy,
        failed: health.invariants.filter((i) => !i.holds).map((i) => i.detail),
      });
    });
    c = (await getContract(store.db, tenantId, contractId)) as ContractRow;
  }
  if (c.status === "HEALTH_EVALUATED") {
    const job = await jobFor(store.db, tenantId, contractId, "execute");
    const activation = c.activation as {
      configBefore: Record<string, unknown>;
      window: { start: string; end: string };
    };
    const configAfter = (
      job?.outcomes.find((o) => typeof o === "object" && o !== null && "configAfter" in o) as
        | { configAfter: Record<string, unknown> }
        | undefined
    )?.configAfter;
    const verdict = auditExecution({
      changes: c.proposedChanges as ContractChange[],
      changedPaths: configAfter ? changedPaths(activation.configBefore, configAfter) : [],
      health: (c.health as HealthReport | null) ?? null,
      window: activation.window,
      executedAt: job?.finishedAt ?? null,
    });
    await store.write(async (tx) => {
      const fresh = (await getContract(tx, tenantId, contractId)) as ContractRow;
      if (fresh.status !== "HEALTH_EVALUATED") return;
      await move(s(tx), fresh, "AUDITED", { auditVerdict: { ...verdict } }, "9 audit verdict", { ...verdict });
    });
    c = (await getContract(store.db, tenantId, contractId)) as ContractRow;
  }
  if (c.status === "AUDITED") {
    const verdict = (c.auditVerdict as { verdict: string; reasons: string[] }).verdict;
    if (verdict === "PASS") {
      await store.write(async (tx) => {
        const fresh = (await getContract(tx, tenantId, contractId)) as ContractRow;
        if (fresh.status !== "AUDITED") return;
        await move(s(tx), fresh, "COMPLETED", {}, "10 rollout", {
          capabilityState: fresh.affectedCapabilities.map((cap) => ({
            capability: cap,
            contractId,
            version: fresh.version,
          })),
        });
      });
    } else if (verdict === "FAIL") {
      await rollBack(kernel, tenantId, contractId);
    } else {
      await store.write(async (tx) => {
        const fresh = (await getContract(tx, tenantId, contractId)) as ContractRow;
        if (fresh.status !== "AUDITED") return;
        const incident = await openIncident(tx, {
          tenantId,
          contractId,
          kind: "escalation",
          summary: `Audit of ${contractId} was INCONCLUSIVE: ${(fresh.auditVerdict as { reasons: string[] }).reasons.join(" ")}`,
          openedAt: kernel.now().toISOString(),
        });
        await move(s(tx), fresh, "ESCALATED", {}, "10 escalation", { incidentId: incident.id, notified: "founder" });
      });
    }
    c = (await getContract(store.db, tenantId, contractId)) as ContractRow;
  }
  return c;
}

/** FAIL → the rollback job, proposed under the listed `health_rollback` rule and applied by the safe apply engine. */
async function rollBack(kernel: Kernel, tenantId: string, contractId: string): Promise<void> {
  const system = await getActor(kernel.store.db, tenantId, "system");
  await kernel.execute(
    "governance.rollback_contract",
    { contractId, reason: "audit verdict FAIL" },
    {
      tenantId,
      actor: system,
      mode: "propose_actions",
      channel: "trigger",
      initiatedBy: "trigger",
      requestedAt: kernel.now().toISOString(),
      idempotencyKey: `rollback:${contractId}`,
      reasoning: "The audit verdict failed; the charter requires a rollback to the settings before the contract.",
      confidence: 1,
      evidenceRefs: [`gov_contract:${contractId}`],
    },
  );
}

/** The rollback job (inside the safe apply transaction): restore each setting, contract FAILED, incident opened. */
export async function executeRollback(
  db: Db,
  tenantId: string,
  contractId: string,
  reason: string,
  actorId: string,
  now: Date,
): Promise<{ contractId: string; jobId: string; incidentId: string; restored: unknown[] }> {
  const s: StepContext = { db, tenantId, actorId, now };
  const c = (await getContract(db, tenantId, contractId)) as ContractRow;
  if (c.status !== "AUDITED" && c.status !== "ESCALATED") throw new WorkflowOrderError("contract", c.status, "FAILED");
  const tenant = (await getTenant(db, tenantId)) as TenantRow;
  const job = await insertJob(db, {
    tenantId,
    contractId,
    kind: "rollback",
    status: "PENDING",
    steps: [...(c.proposedChanges as ContractChange[])].reverse(),
    done: 0,
    outcomes: [],
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
  });
  if (!job) throw new WorkflowOrderError("rollback job", "existing", "PENDING");
  await record(s, c.issueId, c.id, "10 rollback job", null, "PENDING", { jobId: job.id, reason });
  await moveJob(db, tenantId, job.id, "PENDING", { status: "RUNNING", startedAt: now.toISOString() });
  let config = tenant.config;
  const restored: unknown[] = [];
  for (const change of [...(c.proposedChanges as ContractChange[])].reverse()) {
    const setting = settingOf(change.capability, change.field);
    if (!setting) continue;
    config = withValue(config, setting, change.before);
    restored.push({ capability: change.capability, field: change.field, restored: change.before, from: change.after });
  }
  await setTenantConfig(db, tenantId, config);
  await moveJob(db, tenantId, job.id, "RUNNING", {
    status: "COMPLETED",
    done: restored.length,
    outcomes: restored,
    finishedAt: now.toISOString(),
  });
  await record(s, c.issueId, c.id, "10 rollback job", "RUNNING", "COMPLETED", { jobId: job.id, restored });
  const incident = await openIncident(db, {
    tenantId,
    contractId,
    kind: "rollback",
    summary: `Contract ${contractId} rolled back: ${reason}`,
    openedAt: now.toISOString(),
  });
  await move(s, c, "FAILED", {}, "10 rollback", { incidentId: incident.id, notified: "founder", reason });
  return { contractId, jobId: job.id, incidentId: incident.id, restored };
}

/** The founder settles an escalated contract: keep it (COMPLETED) or roll it back (FAILED). */
export async function resolveEscalation(
  db: Db,
  tenantId: string,
  contractId: string,
  decision: "keep" | "roll_back",
  founderId: string,
  now: Date,
): Promise<{ contractId: string; status: string }> {
  const c = (await getContract(db, tenantId, contractId)) as ContractRow;
  if (decision === "roll_back") {
    await executeRollback(db, tenantId, contractId, `the founder chose to roll back after escalation`, founderId, now);
  } else {
    await move({ db, tenantId, actorId: founderId, now }, c, "COMPLETED", {}, "10 rollout", {
      decision: "kept by the founder after an INCONCLUSIVE audit",
    });
    await closeIncidentsFor(db, tenantId, contractId, now.toISOString());
  }
  return { contractId, status: ((await getContract(db, tenantId, contractId)) as ContractRow).status };
}

/** Founder asks for clarification: the contract stays DRAFT; the question is recorded in its history. */
export async function recordClarification(
  db: Db,
  tenantId: string,
  contractId: string,
  question: string,
  founderId: string,
  now: Date,
) {
  const c = (await getContract(db, tenantId, contractId)) as ContractRow;
  await move({ db, tenantId, actorId: founderId, now }, c, "DRAFT", {}, "5 founder review", {
    decision: "request clarification",
    question,
  });
  return { contractId, status: "DRAFT", question };
}

/** Drafts past their TTL expire (charter step 4); rejected review proposals reject their contract. */
export async function sweepContracts(kernel: Kernel, tenantId: string): Promise<string[]> {
  const moved: string[] = [];
  const nowIso = kernel.now().toISOString();
  for (const c of await listContracts(kernel.store.db, tenantId, ["DRAFT"])) {
    const proposal = c.reviewProposalId ? await getProposalRow(kernel.store.db, tenantId, c.reviewProposalId) : null;
    const to =
      proposal?.status === "rejected"
        ? "REJECTED"
        : c.expiresAt <= nowIso || proposal?.status === "expired"
          ? "EXPIRED"
          : null;
    if (!to) continue;
    await kernel.store.write(async (tx) => {
      const fresh = (await getContract(tx, tenantId, c.id)) as ContractRow;
      if (fresh.status !== "DRAFT") return;
      await move(
        {
          db: tx,
          tenantId,
          actorId: to === "REJECTED" ? (proposal?.decidedBy ?? "founder") : "system",
          now: kernel.now(),
        },
        fresh,
        to,
        {},
        to === "REJECTED" ? "5 founder review" : "4 draft expiry",
        to === "REJECTED" ? { decision: "reject", by: proposal?.decidedBy } : { expiredAt: c.expiresAt },
      );
    });
    moved.push(c.id);
  }
  return moved;
}

/** On start and on each scheduler tick: finish every contract a crash or restart left between steps. */
export function resumeGovernance(kernel: Kernel, tenantId: string): Promise<string[]> {
  // Leased: one instance at a time resumes a business's contracts (each step is also a compare-and-set move).
  return withTenant(tenantId, async () => {
    const leased = await kernel.store.lease(`governance:${tenantId}`, () => resumeLeased(kernel, tenantId));
    return leased.ran ? leased.value : [];
  });
}

async function resumeLeased(kernel: Kernel, tenantId: string): Promise<string[]> {
  await kernel.expireDue(tenantId);
  await sweepContracts(kernel, tenantId);
  const resumed: string[] = [];
  for (const c of await listContracts(kernel.store.db, tenantId, ["EXECUTED", "HEALTH_EVALUATED", "AUDITED"])) {
    await settleContract(kernel, tenantId, c.id);
    resumed.push(c.id);
  }
  return resumed;
}
