// The kernel: execute(tool, input, ctx) in the fixed order of ARCHITECTURE §3.3, proposals and the safe apply engine.
// It is the only path from a channel to tenant data, and the safe apply engine is the only mutator.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  AI_CHANNELS,
  type Actor,
  type Channel,
  type Failure,
  type Mode,
  type Preview,
  type Proposal,
  type ProposalStatus,
  type ProposalView,
  type ToolResult,
} from "../../contracts/index.ts";
import type { Store } from "../../store/db.ts";
import { withTenant } from "../../store/scope.ts";
import { appendAudit, type AuditDraft, canonicalJson } from "../../store/repos/audit.ts";
import type { AuditEntry } from "../../contracts/index.ts";
import { entityVersion } from "../../store/repos/entities.ts";
import {
  getProposalByKey,
  getProposalRow,
  insertDecision,
  insertProposal,
  listProposalRows,
  toProposal,
  transitionProposal,
} from "../../store/repos/proposals.ts";
import { preserveRaw } from "../../store/repos/quarantine.ts";
import { bumpDataVersion, getActor, getTenant, type TenantRow } from "../../store/repos/tenants.ts";
import { type Advisor, checkedAdvisor } from "./advisor.ts";
import type { AnyTool, ToolContext } from "./define-tool.ts";
import { failure } from "./errors.ts";
import { faultInjection } from "./faults.ts";
import { approverRule, whyActorMayNotDecide } from "./policy.ts";
import { redactForAudit, redactForRole } from "./redact.ts";
import { valuesAtPath } from "./refs.ts";
import type { Registry } from "./registry.ts";

/** Everything a channel states about one call. Channels never hold `apply_allowed`. */
export interface CallContext {
  tenantId: string;
  actor: Actor | null;
  mode: Mode;
  channel: Channel;
  /** When the request was made (ISO). Missing → audit_gap. */
  requestedAt?: string;
  /** Required for writes. Human channels generate it for the person. */
  idempotencyKey?: string;
  /** Set by the agent when a model chose the call. */
  initiatedBy?: "human" | "model" | "trigger";
  reasoning?: string;
  confidence?: number;
  evidenceRefs?: string[];
  triggerId?: string;
}

export type KernelResult<T = unknown> = ToolResult<T> & { proposal?: ProposalView };

export interface KernelOptions {
  store: Store;
  registry: Registry;
  clock?: () => Date;
  /** Default proposal time-to-live (ARCHITECTURE §3.4: 7 days). */
  proposalTtlMs?: number;
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /** A model's advice for the tools that use it (Claude when a key is set); without one, tools run offline. */
  advisor?: Advisor;
}

const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function zodIssues(error: z.ZodError): Failure["issues"] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(input)", message: i.message }));
}

function plainIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "input"}: ${i.message}`)
    .join("; ");
}

function isAiInitiated(ctx: CallContext): boolean {
  return (
    ctx.initiatedBy === "model" ||
    ctx.initiatedBy === "trigger" ||
    AI_CHANNELS.includes(ctx.channel) ||
    ctx.actor?.role === "ai_client" ||
    ctx.actor?.role === "system"
  );
}

export function proposalView(p: Proposal): ProposalView {
  return {
    id: p.id,
    tool: p.tool,
    status: p.status,
    risk: p.risk,
    approver: p.approver,
    preview: p.preview,
    requestedBy: p.requestedBy,
    expiresAt: p.expiresAt,
    version: p.version,
    supersedes: p.supersedes,
    ...(p.result !== null ? { result: p.result } : {}),
    failure: p.failure,
  };
}

export class Kernel {
  readonly store: Store;
  readonly registry: Registry;
  readonly #clock: () => Date;
  readonly #ttlMs: number;
  readonly #log: (message: string, detail?: Record<string, unknown>) => void;
  /** Checked: a tool only ever sees advice that passed its schema. */
  readonly advisor: Advisor | undefined;
  readonly #appliedListeners: ((proposal: Proposal) => Promise<void>)[] = [];

  constructor(options: KernelOptions) {
    this.store = options.store;
    this.registry = options.registry;
    this.#clock = options.clock ?? (() => new Date());
    this.#ttlMs = options.proposalTtlMs ?? DEFAULT_TTL_MS;
    this.#log = options.log ?? ((message, detail) => console.error(`[kernel] ${message}`, detail ?? ""));
    this.advisor = options.advisor ? checkedAdvisor(options.advisor) : undefined;
  }

  now(): Date {
    return this.#clock();
  }

  /**
   * Runs after a proposal is applied or rejected and committed (e.g. governance evaluates health and audits a
   * contract's job). A listener's failure is logged, never undoes the decision; its work resumes on the next start.
   */
  afterDecision(listener: (proposal: Proposal) => Promise<void>): void {
    this.#appliedListeners.push(listener);
  }

  async #notifyDecided(proposal: Proposal): Promise<void> {
    for (const listener of this.#appliedListeners) {
      await listener(proposal).catch((error: unknown) =>
        this.#log(`after-decision work for ${proposal.id} failed; it resumes on the next start`, {
          message: (error as Error).message,
        }),
      );
    }
  }

  /**
   * ARCHITECTURE §3.3: resolve → validate → role → tenant → health → mode → gate/stop → run|propose → redact → audit.
   * Runs in the caller's tenant scope: on PostgreSQL row-level security confines every query to that tenant.
   */
  execute(toolName: string, rawInput: unknown, ctx: CallContext): Promise<KernelResult> {
    return withTenant(ctx.tenantId, () => this.#executeCaught(toolName, rawInput, ctx));
  }

  async #executeCaught(toolName: string, rawInput: unknown, ctx: CallContext): Promise<KernelResult> {
    try {
      return await this.#execute(toolName, rawInput, ctx);
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      this.#log(`unexpected error in ${toolName} (ref ${ref})`, {
        code: (error as { code?: string }).code,
        message: (error as Error).message,
      });
      const result: KernelResult = {
        status: "refused",
        failure: failure(
          "adapter_unavailable",
          `The store could not be trusted for this request; nothing was changed. Reference ${ref}.`,
        ),
      };
      await this.#audit(ctx, toolName, rawInput, result).catch(() => undefined);
      return result;
    }
  }

  async #execute(toolName: string, rawInput: unknown, ctx: CallContext): Promise<KernelResult> {
    // 1. resolve
    const tool = this.registry.get(toolName);
    if (!tool) {
      return this.#refuse(ctx, toolName, rawInput, failure("not_found", `There is no tool named "${toolName}".`));
    }
    // A call must say who asked and when; a write also needs its idempotency key (and evidence when a machine asked).
    const gap = this.#auditGap(tool, ctx);
    if (gap) {
      await this.store.write((tx) =>
        preserveRaw(tx, ctx.tenantId, {
          receivedAt: this.now().toISOString(),
          failureClass: "audit_gap",
          reason: gap,
          tool: toolName,
          raw: { input: rawInput, context: { ...ctx, actor: ctx.actor?.id ?? null } },
        }),
      );
      return this.#refuse(ctx, toolName, rawInput, failure("audit_gap", gap));
    }
    const actor = ctx.actor as Actor;
    // 2. validate
    const parsed = tool.input.safeParse(rawInput);
    if (!parsed.success) {
      return this.#refuse(
        ctx,
        toolName,
        rawInput,
        failure("invalid_input", `The request for ${tool.name} is not valid: ${plainIssues(parsed.error)}.`, {
          issues: zodIssues(parsed.error),
        }),
      );
    }
    const input = parsed.data;
    // 3. role (and the rule that no caller holds apply_allowed)
    if (ctx.mode === "apply_allowed") {
      return this.#refuse(
        ctx,
        toolName,
        input,
        failure("forbidden", "apply_allowed belongs to the safe apply engine alone; ask for a proposal instead."),
      );
    }
    if (actor.tenantId !== ctx.tenantId || !tool.roles.includes(actor.role)) {
      return this.#refuse(ctx, toolName, input, failure("forbidden", `A ${actor.role} may not use ${tool.name}.`));
    }
    // 4. tenant: every id resolves inside this tenant or is "not found" (never "forbidden": no existence leak)
    const tenant = await getTenant(this.store.db, ctx.tenantId);
    if (!tenant) return this.#refuse(ctx, toolName, input, failure("not_found", "No such business."));
    const packOff = this.#packTurnedOff(tenant, tool);
    if (packOff) return this.#refuse(ctx, toolName, input, failure("not_found", packOff));
    const missing = await this.#unresolvedRef(tool, input, ctx.tenantId);
    if (missing) return this.#refuse(ctx, toolName, input, failure("not_found", missing));
    // 5. health: frozen or degraded tenants serve real reads and refuse writes
    if (tool.effect !== "read") {
      const unhealthy = this.#whyUnhealthy(tenant);
      if (unhealthy) return this.#refuse(ctx, toolName, input, failure("adapter_unavailable", unhealthy));
    }
    // 6. mode
    if (ctx.mode === "read_only" && tool.effect !== "read") {
      return this.#refuse(
        ctx,
        toolName,
        input,
        failure("forbidden", `This session is read-only; ${tool.name} would change data.`),
      );
    }
    const toolCtx: ToolContext = {
      tenantId: ctx.tenantId,
      tenant,
      actor,
      channel: ctx.channel,
      mode: ctx.mode,
      db: this.store.db,
      now: this.now(),
      ...(this.advisor ? { advisor: this.advisor } : {}),
    };
    // A write whose idempotency key was already used answers with the first proposal before its checks run
    // again: a replay from a phone that lost the first answer must not look like a conflict.
    if (tool.effect !== "read" && ctx.idempotencyKey) {
      const existing = await getProposalByKey(this.store.db, ctx.tenantId, ctx.idempotencyKey);
      if (existing) return redactForRole(await this.#replayed(tool, input, ctx, existing), actor.role, tool.sensitive);
    }
    // 7. gates and stops, declared and evaluated by the pack
    if (tool.guard) {
      const verdict = await tool.guard(input, toolCtx);
      if (verdict && "refuse" in verdict) return this.#refuse(ctx, toolName, input, verdict.refuse);
      if (verdict && "stop" in verdict) {
        const stopped: KernelResult = { status: "stopped", stop: verdict.stop, data: verdict.data };
        await this.#audit(ctx, toolName, input, stopped);
        return redactForRole(stopped, actor.role, tool.sensitive);
      }
    }
    // 8. run (read) or propose (write/external)
    if (tool.effect === "read") {
      const data = tool.output.parse(await tool.run(input, toolCtx));
      const result: KernelResult = { status: "ok", data };
      await this.#audit(ctx, toolName, input, result);
      // 9. redact
      return redactForRole(result, actor.role, tool.sensitive);
    }
    const result = await this.#propose(tool, input, ctx, toolCtx);
    if (tool.autoApply && result.status === "proposed" && result.proposal?.status === "pending") {
      return redactForRole(await this.#autoApply(tool, result.proposal.id, ctx), actor.role, tool.sensitive);
    }
    return redactForRole(result, actor.role, tool.sensitive);
  }

  /** A listed auto rule decides instead of a person: recorded as a decision by `policy:<rule>`, then safe apply. */
  async #autoApply(tool: AnyTool, proposalId: string, ctx: CallContext): Promise<KernelResult> {
    const rule = tool.autoApply as NonNullable<AnyTool["autoApply"]>;
    const reviewer = `policy:${rule.rule}`;
    const decidedAt = this.now().toISOString();
    await this.store.write(async (tx) => {
      if (
        !(await transitionProposal(tx, ctx.tenantId, proposalId, "pending", {
          status: "approved",
          decidedAt,
          decidedBy: reviewer,
        }))
      ) {
        return;
      }
      await insertDecision(tx, ctx.tenantId, {
        proposalId,
        reviewerId: reviewer,
        reviewerRole: "system",
        channel: ctx.channel,
        decision: "approve",
        notes: rule.why,
        decidedAt,
      });
      await this.#append(tx, ctx.tenantId, {
        ...this.#auditDraft(ctx, tool.name, null, "approved"),
        proposalId,
        reviewer,
      });
    });
    const proposal = (await this.getProposal(ctx.tenantId, proposalId)) as Proposal;
    if (proposal.status !== "approved") return { status: "proposed", proposal: proposalView(proposal) };
    return this.#apply(proposal, ctx);
  }

  #auditGap(tool: AnyTool, ctx: CallContext): string | null {
    if (!ctx.actor) return "The request names no actor; every call must say who asked.";
    if (!ctx.requestedAt || Number.isNaN(Date.parse(ctx.requestedAt))) {
      return "The request carries no timestamp; every call must say when it was made.";
    }
    if (tool.effect === "read") return null;
    if (!ctx.idempotencyKey) return "A change must carry an idempotency key so it can never apply twice.";
    if (isAiInitiated(ctx) && !(ctx.evidenceRefs && ctx.evidenceRefs.length > 0)) {
      return "A change suggested by a model, MCP client or trigger must cite its evidence (evidence refs).";
    }
    return null;
  }

  async #unresolvedRef(tool: AnyTool, input: unknown, tenantId: string): Promise<string | null> {
    for (const [path, kind] of Object.entries(tool.refs ?? {})) {
      for (const id of valuesAtPath(input, path)) {
        if ((await entityVersion(this.store.db, tenantId, kind, id)) === null) {
          return `No ${kind.replace("_", " ")} with id ${id} in this business.`;
        }
      }
    }
    return null;
  }

  /** The business turned this tool's pack off (capability `enabled_packs`, changed only by governance). */
  #packTurnedOff(tenant: TenantRow, tool: AnyTool): string | null {
    const packs = tenant.config.packs as Record<string, unknown> | undefined;
    const pack = tool.name.split(".")[0] as string;
    return packs?.[pack] === false
      ? `The ${pack} pack is turned off for this business, so ${tool.name} is not available.`
      : null;
  }

  #whyUnhealthy(tenant: TenantRow): string | null {
    if (tenant.status === "sev0_stop") {
      return "This business is frozen (sev0_stop): writes are stopped while evidence is preserved. Reads still work.";
    }
    if (tenant.adapterHealth !== "healthy") {
      return "The store is degraded: the office is read-only until it is healthy again. Nothing was changed.";
    }
    return null;
  }

  async #propose(tool: AnyTool, input: unknown, ctx: CallContext, toolCtx: ToolContext): Promise<KernelResult> {
    const actor = toolCtx.actor;
    const key = ctx.idempotencyKey as string;
    const existing = await getProposalByKey(this.store.db, ctx.tenantId, key);
    if (existing) return this.#replayed(tool, input, ctx, existing);
    const preview = await (tool.preview as NonNullable<AnyTool["preview"]>)(input, toolCtx);
    const now = this.now();
    const row = await this.store.write(async (tx) => {
      const again = await getProposalByKey(tx, ctx.tenantId, key);
      if (again) return again;
      const inserted = await insertProposal(tx, ctx.tenantId, {
        tool: tool.name,
        input,
        preview,
        effect: tool.effect,
        risk: tool.risk,
        status: "pending",
        version: 1,
        supersedes: null,
        supersededBy: null,
        requestedBy: actor.id,
        requestedRole: actor.role,
        channel: ctx.channel,
        reasoning: ctx.reasoning ?? null,
        confidence: ctx.confidence ?? null,
        evidenceRefs: ctx.evidenceRefs ?? [],
        triggerId: ctx.triggerId ?? null,
        idempotencyKey: key,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.#ttlMs).toISOString(),
        decidedAt: null,
        decidedBy: null,
        appliedAt: null,
        result: null,
        failure: null,
      });
      await this.#append(
        tx,
        ctx.tenantId,
        this.#auditDraft(ctx, tool.name, input, "proposed", { proposalId: inserted.id }),
      );
      return inserted;
    });
    const proposal = toProposal(row, approverRule(tool.risk));
    return { status: "proposed", proposal: proposalView(proposal) };
  }

  /** Same idempotency key again: the first proposal is the answer; a different request under that key is a conflict. */
  async #replayed(
    tool: AnyTool,
    input: unknown,
    ctx: CallContext,
    existing: NonNullable<Awaited<ReturnType<typeof getProposalByKey>>>,
  ): Promise<KernelResult> {
    if (existing.tool !== tool.name || canonicalJson(existing.input) !== canonicalJson(input)) {
      return this.#refuse(
        ctx,
        tool.name,
        input,
        failure(
          "duplicate_or_conflict",
          `Idempotency key already used for ${existing.id} (${existing.tool}) with different input; nothing new was proposed.`,
        ),
      );
    }
    const proposal = toProposal(existing, approverRule(existing.risk as Proposal["risk"]));
    return { status: "proposed", proposal: proposalView(proposal) };
  }

  async #refuse(
    ctx: CallContext,
    toolName: string,
    input: unknown,
    fail: Failure,
    proposalId: string | null = null,
  ): Promise<KernelResult> {
    const result: KernelResult = { status: "refused", failure: fail };
    await this.#audit(ctx, toolName, input, result, proposalId);
    return result;
  }

  /** A refused decision or edit, audited against the proposal it concerned. */
  async #refuseOn(ctx: CallContext, action: string, proposal: Proposal, fail: Failure): Promise<KernelResult> {
    const refused = await this.#refuse(ctx, action, { proposalId: proposal.id }, fail, proposal.id);
    return { ...refused, proposal: proposalView(proposal) };
  }

  #auditDraft(
    ctx: CallContext,
    toolName: string | null,
    input: unknown,
    outcome: AuditDraft["outcome"],
    extra: Partial<AuditDraft> = {},
  ): AuditDraft {
    return {
      at: this.now().toISOString(),
      actorId: ctx.actor?.id ?? null,
      actorRole: ctx.actor?.role ?? null,
      channel: ctx.channel,
      tool: toolName,
      input: redactForAudit(input),
      outcome,
      reasoning: ctx.reasoning ?? null,
      confidence: ctx.confidence ?? null,
      triggerId: ctx.triggerId ?? null,
      ...extra,
    };
  }

  async #audit(
    ctx: CallContext,
    toolName: string,
    input: unknown,
    result: KernelResult,
    proposalId: string | null = null,
  ): Promise<void> {
    const draft = this.#auditDraft(ctx, toolName, input, result.status, {
      proposalId,
      failureClass: result.status === "refused" ? result.failure.class : null,
      mutation: result.status === "stopped" ? { stop: result.stop.stopId } : null,
    });
    const tenantId = ctx.tenantId;
    if (!tenantId) return;
    if (result.status === "ok") {
      // Group commit: a read's entry is chained with the others of this tick in one transaction.
      this.#pendingAudit.push({ tenantId, draft });
      this.#scheduleFlush();
      return;
    }
    await this.store.write((tx) => this.#append(tx, tenantId, draft));
  }

  readonly #pendingAudit: { tenantId: string; draft: AuditDraft }[] = [];
  #flushScheduled = false;

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      this.flushAudit().catch((error: unknown) =>
        this.#log("audit flush failed", { message: (error as Error).message }),
      );
    });
  }

  /** Appends any queued read entries first, so every tenant's chain stays in call order. */
  async #append(tx: Store["db"], tenantId: string, draft: AuditDraft): Promise<AuditEntry> {
    for (const queued of this.#takeQueued(tenantId)) await appendAudit(tx, tenantId, queued);
    return appendAudit(tx, tenantId, draft);
  }

  /** Removes and returns this tenant's queued read entries, in call order. */
  #takeQueued(tenantId: string): AuditDraft[] {
    const mine: AuditDraft[] = [];
    let kept = 0;
    for (const queued of this.#pendingAudit) {
      if (queued.tenantId === tenantId) mine.push(queued.draft);
      else this.#pendingAudit[kept++] = queued;
    }
    this.#pendingAudit.length = kept;
    return mine;
  }

  /** Writes queued read entries now: one transaction per tenant (a transaction belongs to one tenant). */
  async flushAudit(): Promise<void> {
    while (this.#pendingAudit.length > 0) {
      const tenantId = (this.#pendingAudit[0] as { tenantId: string }).tenantId;
      await withTenant(tenantId, () =>
        this.store.write(async (tx) => {
          for (const draft of this.#takeQueued(tenantId)) await appendAudit(tx, tenantId, draft);
        }),
      );
    }
  }

  /** Synchronous flush for shutdown: nothing queued is lost when the office closes between ticks. */
  flushAuditSync(): void {
    if (this.store.backend !== "sqlite") return;
    if (this.#pendingAudit.length === 0 || this.store.raw.inTransaction) return;
    const batch = this.#pendingAudit.splice(0);
    this.store.raw.exec("BEGIN IMMEDIATE");
    try {
      // appendAudit does only synchronous work on better-sqlite3; its promise is already settled.
      const writer = { $client: this.store.raw } as unknown as Store["db"];
      for (const queued of batch) void appendAudit(writer, queued.tenantId, queued.draft);
      this.store.raw.exec("COMMIT");
    } catch (error) {
      if (this.store.raw.inTransaction) this.store.raw.exec("ROLLBACK");
      this.#log("audit flush at shutdown failed", { message: (error as Error).message });
    }
  }

  // ---------------------------------------------------------------- proposals

  getProposal(tenantId: string, id: string): Promise<Proposal | null> {
    return withTenant(tenantId, () => this.#getProposal(tenantId, id));
  }

  async #getProposal(tenantId: string, id: string): Promise<Proposal | null> {
    await this.expireDue(tenantId);
    const row = await getProposalRow(this.store.db, tenantId, id);
    return row ? toProposal(row, approverRule(row.risk as Proposal["risk"])) : null;
  }

  listProposals(tenantId: string, statuses?: ProposalStatus[]): Promise<Proposal[]> {
    return withTenant(tenantId, () => this.#listProposals(tenantId, statuses));
  }

  async #listProposals(tenantId: string, statuses?: ProposalStatus[]): Promise<Proposal[]> {
    await this.expireDue(tenantId);
    const rows = await listProposalRows(this.store.db, tenantId, statuses ? { statuses } : {});
    return rows.map((r) => toProposal(r, approverRule(r.risk as Proposal["risk"])));
  }

  /** Marks pending proposals past their time limit as expired (each one audited). */
  expireDue(tenantId: string): Promise<number> {
    return withTenant(tenantId, () => this.#expireDue(tenantId));
  }

  async #expireDue(tenantId: string): Promise<number> {
    const nowIso = this.now().toISOString();
    const due = (await listProposalRows(this.store.db, tenantId, { statuses: ["pending"], limit: 10_000 })).filter(
      (r) => r.expiresAt <= nowIso,
    );
    if (due.length === 0) return 0;
    await this.store.write(async (tx) => {
      for (const row of due) {
        if (await transitionProposal(tx, tenantId, row.id, "pending", { status: "expired" })) {
          await this.#append(tx, tenantId, {
            at: nowIso,
            actorId: "system",
            actorRole: "system",
            channel: null,
            tool: row.tool,
            input: null,
            outcome: "expired",
            proposalId: row.id,
          });
        }
      }
    });
    return due.length;
  }

  /**
   * A human decision on a proposal. The decision is re-checked here whatever channel carried it;
   * approval runs the safe apply engine. Deciding an already-decided proposal changes nothing and returns its state.
   */
  decide(
    tenantId: string,
    proposalId: string,
    decision: "approve" | "reject",
    actor: Actor | null,
    channel: Channel,
    notes?: string,
    mode: Exclude<Mode, "apply_allowed"> = "propose_actions",
  ): Promise<KernelResult> {
    return withTenant(tenantId, async () => {
      if (mode === "read_only") {
        const ctx: CallContext = { tenantId, actor, mode, channel, requestedAt: this.now().toISOString() };
        return this.#refuse(
          ctx,
          "kernel.decide",
          { proposalId },
          failure("forbidden", "A read-only session cannot approve or reject."),
          proposalId,
        );
      }
      const result = await this.#decide(tenantId, proposalId, decision, actor, channel, notes);
      return actor ? this.#redactResult(result, actor) : result;
    });
  }

  /** Strips cost fields from a result and its proposal view for the person who will see it. */
  #redactResult(result: KernelResult, viewer: Actor): KernelResult {
    const tool = result.proposal ? this.registry.get(result.proposal.tool) : undefined;
    return redactForRole(result, viewer.role, tool?.sensitive);
  }

  /** Proposals as one person may see them: the preview and result redacted for their role. */
  async listProposalsFor(viewer: Actor, statuses?: ProposalStatus[]): Promise<ProposalView[]> {
    const proposals = await this.listProposals(viewer.tenantId, statuses);
    return proposals.map((p) => redactForRole(proposalView(p), viewer.role, this.registry.get(p.tool)?.sensitive));
  }

  async getProposalFor(viewer: Actor, id: string): Promise<ProposalView | null> {
    const p = await this.getProposal(viewer.tenantId, id);
    return p ? redactForRole(proposalView(p), viewer.role, this.registry.get(p.tool)?.sensitive) : null;
  }

  async #decide(
    tenantId: string,
    proposalId: string,
    decision: "approve" | "reject",
    actor: Actor | null,
    channel: Channel,
    notes?: string,
  ): Promise<KernelResult> {
    const ctx: CallContext = {
      tenantId,
      actor,
      mode: "propose_actions",
      channel,
      requestedAt: this.now().toISOString(),
    };
    if (!actor) {
      return this.#refuse(
        ctx,
        "kernel.decide",
        { proposalId },
        failure("audit_gap", "A decision must name who made it."),
      );
    }
    if (actor.tenantId !== tenantId) {
      return this.#refuse(ctx, "kernel.decide", { proposalId }, failure("not_found", `No proposal ${proposalId}.`));
    }
    const proposal = await this.getProposal(tenantId, proposalId);
    if (!proposal) {
      return this.#refuse(
        ctx,
        "kernel.decide",
        { proposalId },
        failure("not_found", `No proposal ${proposalId} in this business.`),
      );
    }
    const view = proposalView(proposal);
    const why = whyActorMayNotDecide(proposal, actor);
    if (why) return this.#refuseOn(ctx, "kernel.decide", proposal, failure("forbidden", why));
    switch (proposal.status) {
      case "pending":
        break;
      case "applied":
        if (decision === "reject") {
          return this.#refuseOn(
            ctx,
            "kernel.decide",
            proposal,
            failure("duplicate_or_conflict", `${proposalId} was already applied; it cannot be rejected now.`),
          );
        }
        return { status: "ok", data: proposal.result, proposal: view };
      case "expired":
        return this.#refuseOn(
          ctx,
          "kernel.decide",
          proposal,
          failure("expired", `${proposalId} expired on ${proposal.expiresAt} before anyone decided; propose it again.`),
        );
      case "superseded":
        return this.#refuseOn(
          ctx,
          "kernel.decide",
          proposal,
          failure(
            "duplicate_or_conflict",
            `${proposalId} was edited into ${proposal.supersededBy}; decide on that version.`,
          ),
        );
      case "approved":
        // Approved but not yet applied (a crash between the two): finish the apply; a late reject changes nothing.
        if (decision === "reject") {
          return this.#refuseOn(
            ctx,
            "kernel.decide",
            proposal,
            failure(
              "duplicate_or_conflict",
              `${proposalId} was already approved by ${proposal.decidedBy}; it cannot be rejected now.`,
            ),
          );
        }
        return this.#apply(proposal, ctx);
      default:
        return {
          status: "refused",
          failure: failure("duplicate_or_conflict", `${proposalId} is already ${proposal.status}; nothing changed.`),
          proposal: view,
        };
    }
    const tenant = await getTenant(this.store.db, tenantId);
    const unhealthy = tenant ? this.#whyUnhealthy(tenant) : "No such business.";
    if (decision === "approve" && unhealthy) {
      return this.#refuseOn(ctx, "kernel.decide", proposal, failure("adapter_unavailable", unhealthy));
    }
    const decidedAt = this.now().toISOString();
    const moved = await this.store.write(async (tx) => {
      const ok = await transitionProposal(tx, tenantId, proposalId, "pending", {
        status: decision === "approve" ? "approved" : "rejected",
        decidedAt,
        decidedBy: actor.id,
      });
      if (!ok) return false;
      await insertDecision(tx, tenantId, {
        proposalId,
        reviewerId: actor.id,
        reviewerRole: actor.role,
        channel,
        decision,
        notes: notes ?? null,
        decidedAt,
      });
      await this.#append(tx, tenantId, {
        ...this.#auditDraft(ctx, proposal.tool, null, decision === "approve" ? "approved" : "rejected"),
        proposalId,
        reviewer: actor.id,
      });
      return true;
    });
    if (!moved) {
      // Someone else decided first: report what they decided (exactly-once under concurrent clicks).
      const current = await this.getProposal(tenantId, proposalId);
      if (current?.status === "approved") return this.#apply(current, ctx);
      return { status: "ok", data: current?.result ?? null, ...(current ? { proposal: proposalView(current) } : {}) };
    }
    const decided = (await this.getProposal(tenantId, proposalId)) as Proposal;
    if (decision === "reject") {
      await this.#notifyDecided(decided);
      return { status: "ok", data: null, proposal: proposalView(decided) };
    }
    return this.#apply(decided, ctx);
  }

  /** Applies every approved-but-unapplied proposal (after a crash between approval and apply). */
  resumeApproved(tenantId: string): Promise<string[]> {
    return withTenant(tenantId, () => this.#resumeApproved(tenantId));
  }

  async #resumeApproved(tenantId: string): Promise<string[]> {
    const approved = await this.listProposals(tenantId, ["approved"]);
    const applied: string[] = [];
    for (const p of approved) {
      const actor = p.decidedBy ? await getActor(this.store.db, tenantId, p.decidedBy) : null;
      await this.#apply(p, {
        tenantId,
        actor,
        mode: "propose_actions",
        channel: p.channel,
        requestedAt: this.now().toISOString(),
      });
      applied.push(p.id);
    }
    return applied;
  }

  /**
   * The safe apply engine (Phase 3 §2.5): re-validate → re-check role, tenant, health, gates → stale check →
   * run in one transaction → record result → audit. The proposal row moves approved→applied only once.
   */
  async #apply(proposal: Proposal, ctx: CallContext): Promise<KernelResult> {
    const tenantId = proposal.tenantId;
    const tool = this.registry.get(proposal.tool);
    const fail = async (f: Failure): Promise<KernelResult> => {
      await this.store.write(async (tx) => {
        if (await transitionProposal(tx, tenantId, proposal.id, "approved", { status: "failed", failure: f })) {
          await this.#append(tx, tenantId, {
            ...this.#auditDraft(ctx, proposal.tool, null, "failed", { failureClass: f.class }),
            proposalId: proposal.id,
            reviewer: proposal.decidedBy,
          });
        }
      });
      const current = (await this.getProposal(tenantId, proposal.id)) as Proposal;
      return { status: "refused", failure: f, proposal: proposalView(current) };
    };
    if (!tool) return fail(failure("not_found", `Tool ${proposal.tool} no longer exists.`));
    const parsed = tool.input.safeParse(proposal.input);
    if (!parsed.success)
      return fail(failure("invalid_input", `Stored input no longer valid: ${plainIssues(parsed.error)}.`));
    const requester = await getActor(this.store.db, tenantId, proposal.requestedBy);
    if (!requester || !tool.roles.includes(requester.role)) {
      return fail(failure("forbidden", `${proposal.requestedBy} may no longer use ${tool.name}.`));
    }
    const tenant = await getTenant(this.store.db, tenantId);
    if (!tenant) return fail(failure("not_found", "No such business."));
    const unhealthy = this.#whyUnhealthy(tenant);
    if (unhealthy)
      return {
        status: "refused",
        failure: failure("adapter_unavailable", unhealthy),
        proposal: proposalView(proposal),
      };
    const missing = await this.#unresolvedRef(tool, parsed.data, tenantId);
    if (missing) return fail(failure("not_found", missing));

    try {
      const outcome = await this.store.write(async (tx) => {
        const toolCtx: ToolContext = {
          tenantId,
          tenant,
          actor: requester,
          channel: proposal.channel,
          mode: "apply_allowed",
          db: tx,
          now: this.now(),
          proposalId: proposal.id,
        };
        if (tool.guard) {
          const verdict = await tool.guard(parsed.data, toolCtx);
          if (verdict && "refuse" in verdict) return { failed: verdict.refuse };
          if (verdict && "stop" in verdict) {
            return { failed: failure("gate_required", `Hard stop ${verdict.stop.stopId}: ${verdict.stop.message}`) };
          }
        }
        const stale = await this.#staleBasis(proposal.preview, tenantId, tx);
        if (stale) return { failed: failure("duplicate_or_conflict", stale) };
        const data = tool.output.parse(await tool.run(parsed.data, toolCtx));
        faultInjection("apply-in-transaction");
        const appliedAt = this.now().toISOString();
        const moved = await transitionProposal(tx, tenantId, proposal.id, "approved", {
          status: "applied",
          appliedAt,
          result: data,
        });
        if (!moved) throw new ApplyRace();
        await bumpDataVersion(tx, tenantId);
        await this.#append(tx, tenantId, {
          ...this.#auditDraft(ctx, tool.name, redactForAudit(parsed.data), "applied"),
          proposalId: proposal.id,
          reviewer: proposal.decidedBy,
          reasoning: proposal.reasoning,
          confidence: proposal.confidence,
          triggerId: proposal.triggerId,
          mutation: data,
        });
        return { data };
      });
      if ("failed" in outcome && outcome.failed) return fail(outcome.failed);
      const applied = (await this.getProposal(tenantId, proposal.id)) as Proposal;
      await this.#notifyDecided(applied);
      const result: KernelResult = { status: "ok", data: outcome.data, proposal: proposalView(applied) };
      return ctx.actor ? redactForRole(result, ctx.actor.role, tool.sensitive) : result;
    } catch (error) {
      if (error instanceof ApplyRace) {
        const current = (await this.getProposal(tenantId, proposal.id)) as Proposal;
        return { status: "ok", data: current.result, proposal: proposalView(current) };
      }
      const ref = randomUUID().slice(0, 8);
      this.#log(`apply of ${proposal.id} failed (ref ${ref})`, { message: (error as Error).message });
      return fail(
        failure(
          "adapter_unavailable",
          `Applying ${proposal.id} failed and was rolled back; nothing changed. Reference ${ref}.`,
        ),
      );
    }
  }

  async #staleBasis(preview: Preview, tenantId: string, tx: Store["db"]): Promise<string | null> {
    for (const basis of preview.basis) {
      const version = await entityVersion(tx, tenantId, basis.entity as Parameters<typeof entityVersion>[2], basis.id);
      if (version === null) return `The ${basis.entity} ${basis.id} no longer exists; propose again.`;
      if (version !== basis.version) {
        return `The ${basis.entity} ${basis.id} changed after this proposal was made (version ${basis.version} → ${version}); review both and propose again.`;
      }
    }
    return null;
  }

  /** An edit makes version n+1 with its own approval; the old version is superseded (ARCHITECTURE §3.4). */
  editProposal(
    tenantId: string,
    proposalId: string,
    newInput: unknown,
    actor: Actor | null,
    channel: Channel,
    mode: Exclude<Mode, "apply_allowed"> = "propose_actions",
  ): Promise<KernelResult> {
    return withTenant(tenantId, async () => {
      const ctx: CallContext = { tenantId, actor, mode, channel, requestedAt: this.now().toISOString() };
      if (mode === "read_only") {
        const refused = failure("forbidden", "A read-only session cannot edit proposals.");
        return this.#refuse(ctx, "kernel.edit", { proposalId }, refused, proposalId);
      }
      const old = await this.getProposal(tenantId, proposalId);
      if (!old || !actor || actor.tenantId !== tenantId) {
        return this.#refuse(
          ctx,
          "kernel.edit",
          { proposalId },
          failure("not_found", `No proposal ${proposalId} in this business.`),
        );
      }
      if (old.status !== "pending") {
        return this.#refuse(
          ctx,
          "kernel.edit",
          { proposalId },
          failure("duplicate_or_conflict", `${proposalId} is ${old.status}; only a pending proposal can be edited.`),
        );
      }
      if (actor.id !== old.requestedBy && whyActorMayNotDecide(old, actor)) {
        return this.#refuse(
          ctx,
          "kernel.edit",
          { proposalId },
          failure("forbidden", "Only the requester or someone who may decide it can edit a proposal."),
        );
      }
      const result = await this.execute(old.tool, newInput, {
        ...ctx,
        idempotencyKey: `${old.idempotencyKey}:v${old.version + 1}`,
        reasoning: old.reasoning ?? undefined,
        evidenceRefs: old.evidenceRefs,
        ...(old.triggerId ? { triggerId: old.triggerId } : {}),
      } as CallContext);
      if (result.status !== "proposed") return result;
      const newId = result.proposal.id;
      await this.store.write(async (tx) => {
        await transitionProposal(tx, tenantId, newId, "pending", {
          status: "pending",
          version: old.version + 1,
          supersedes: old.id,
        });
        if (await transitionProposal(tx, tenantId, old.id, "pending", { status: "superseded", supersededBy: newId })) {
          await this.#append(tx, tenantId, {
            ...this.#auditDraft(ctx, old.tool, null, "superseded"),
            proposalId: old.id,
            mutation: { supersededBy: newId },
          });
        }
      });
      const edited = (await this.getProposal(tenantId, newId)) as Proposal;
      return this.#redactResult({ status: "proposed", proposal: proposalView(edited) }, actor);
    });
  }
}

class ApplyRace extends Error {}

/** Builds a CallContext for a person on a human channel: timestamp and idempotency key are generated for them. */
export function humanCall(
  kernel: Kernel,
  actor: Actor,
  channel: Channel,
  mode: Exclude<Mode, "apply_allowed"> = "propose_actions",
  idempotencyKey: string = randomUUID(),
): CallContext {
  return {
    tenantId: actor.tenantId,
    actor,
    mode,
    channel,
    requestedAt: kernel.now().toISOString(),
    idempotencyKey,
    initiatedBy: "human",
  };
}
