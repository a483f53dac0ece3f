// The trigger engine and suggestion engine (Phase 3 §2.1–2.3). A scan lists the records whose condition holds now,
// opens a trigger for each new one, closes the triggers whose condition cleared, and turns each new trigger into a
// proposal through the kernel (propose_actions, channel "trigger"). It never changes a business record.
import { getActor, getTenant, type TenantRow } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import {
  closeTrigger,
  type Detection,
  DETECTORS,
  type DetectorParams,
  detect,
  finishScan,
  insertTrigger,
  openTriggers,
  setTriggerSuggestion,
  startScan,
  type TriggerRow,
  triggersWithoutSuggestion,
} from "../../store/repos/ops.ts";
import type { Kernel } from "../kernel/index.ts";
import { type Suggestion, SUGGESTION_TOOLS, type TriggerFacts, templateSuggestion } from "./suggest.ts";
import { type Thresholds, thresholdsOf, type TriggerType } from "./thresholds.ts";
import { opsCounters } from "./counters.ts";
import { modelSuggester } from "./model-suggester.ts";

/** A model that writes suggestions (Claude when a key is set). Its answer is validated; null or bad → template. */
export interface Suggester {
  readonly name: string;
  suggest(facts: TriggerFacts): Promise<Suggestion | null>;
}

export interface ScanReport {
  tenantId: string;
  skipped?: string;
  emitted: { triggerId: string; type: string; recordId: string }[];
  closed: { triggerId: string; type: string; recordId: string }[];
  /** Proposal ids made for triggers in this scan (new triggers, and any left without one by an earlier crash). */
  suggestions: string[];
  refusedSuggestions: { triggerId: string; reason: string }[];
  durationMs: number;
}

const DAY_MS = 86_400_000;

export function detectorParams(now: Date, t: Thresholds): DetectorParams {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return {
    nowIso: now.toISOString(),
    nowYear: now.getUTCFullYear(),
    leadStagnantBefore: ago(t.leadStagnantDays),
    regressionSince: ago(t.dealRegressionLookbackDays),
    valueKeepRatio: 1 - t.dealValueDropPct / 100,
    complaintSince: ago(t.complaintLookbackDays),
    callbackSince: ago(t.callbackWindowDays),
    repeatedCallbacks: t.repeatedCallbacks,
    cancelledSince: ago(t.cancelledAgreementLookbackDays),
    agingInstalledByYear: now.getUTCFullYear() - t.agingEquipmentYears,
    noVisitSince: ago(Math.round((t.noVisitMonths * 365.25) / 12)),
    quoteSentBefore: ago(t.quoteChaseDays),
    renewalBy: new Date(now.getTime() + t.agreementRenewalDays * DAY_MS).toISOString(),
  };
}

export const MODEL_SUGGESTIONS_PER_SCAN = 25;

/** One scan of one tenant. Idempotent: a condition that persists keeps its trigger; re-running emits nothing new. */
export function scanTenant(
  kernel: Kernel,
  tenantId: string,
  options: { suggester?: Suggester } = {},
): Promise<ScanReport> {
  return withTenant(tenantId, () => scanInScope(kernel, tenantId, options));
}

async function scanInScope(kernel: Kernel, tenantId: string, options: { suggester?: Suggester }): Promise<ScanReport> {
  const report: ScanReport = {
    tenantId,
    emitted: [],
    closed: [],
    suggestions: [],
    refusedSuggestions: [],
    durationMs: 0,
  };
  const tenant = await getTenant(kernel.store.db, tenantId);
  if (!tenant) return { ...report, skipped: "no such business" };
  if (tenant.status === "sev0_stop" || tenant.adapterHealth !== "healthy") {
    // Frozen or degraded: evidence is preserved as it is; no new triggers or proposals until healthy.
    return { ...report, skipped: tenant.status === "sev0_stop" ? "frozen (sev0_stop)" : "store degraded" };
  }
  // One scan of a business at a time across every server instance (a PostgreSQL advisory lock; SQLite: this
  // process). A second start is skipped, not queued: the running scan sees the same conditions.
  const leased = await kernel.store.lease(`scan:${tenantId}`, () =>
    scanLocked(kernel, tenantId, tenant, report, options),
  );
  if (!leased.ran) return { ...report, skipped: "a scan of this business is already running" };
  return leased.value;
}

async function scanLocked(
  kernel: Kernel,
  tenantId: string,
  tenant: TenantRow,
  report: ScanReport,
  options: { suggester?: Suggester },
): Promise<ScanReport> {
  const started = performance.now();
  const now = kernel.now();
  const nowIso = now.toISOString();
  const params = detectorParams(now, thresholdsOf(tenant.config));
  const found = new Map<string, Detection>();
  for (const detector of DETECTORS) {
    for (const d of await detect(kernel.store.db, tenantId, detector, params)) {
      found.set(`${d.type}\u0000${d.recordId}`, d);
    }
  }
  const scanId = await kernel.store.write(async (tx) => {
    const id = await startScan(tx, tenantId, nowIso);
    const open = new Map((await openTriggers(tx, tenantId)).map((t) => [`${t.type}\u0000${t.recordId}`, t]));
    for (const [key, d] of found) {
      if (open.has(key)) continue;
      const row = await insertTrigger(tx, tenantId, d, nowIso);
      if (row) report.emitted.push({ triggerId: row.id, type: row.type, recordId: row.recordId });
    }
    for (const [key, t] of open) {
      if (found.has(key)) continue;
      await closeTrigger(tx, tenantId, t.id, nowIso);
      report.closed.push({ triggerId: t.id, type: t.type, recordId: t.recordId });
    }
    return id;
  });
  opsCounters.triggersEmitted(tenantId, report.emitted);
  // With a key the model writes the suggestion (checked by code); without one, the offline template does.
  const suggester = options.suggester ?? (kernel.advisor ? modelSuggester(kernel.advisor) : undefined);
  await suggestFor(kernel, tenantId, await triggersWithoutSuggestion(kernel.store.db, tenantId), report, suggester);
  report.durationMs = performance.now() - started;
  await kernel.store.write((tx) =>
    finishScan(tx, tenantId, scanId, {
      finishedAt: kernel.now().toISOString(),
      emitted: report.emitted.length,
      closed: report.closed.length,
      suggestions: report.suggestions.length,
      durationMs: report.durationMs,
    }),
  );
  return report;
}

async function suggestFor(
  kernel: Kernel,
  tenantId: string,
  triggers: TriggerRow[],
  report: ScanReport,
  suggester: Suggester | undefined,
): Promise<void> {
  if (triggers.length === 0) return;
  const system = await getActor(kernel.store.db, tenantId, "system");
  if (!system) {
    for (const t of triggers) report.refusedSuggestions.push({ triggerId: t.id, reason: "no system actor" });
    return;
  }
  let modelBudget = MODEL_SUGGESTIONS_PER_SCAN;
  for (const t of triggers) {
    const facts: TriggerFacts = {
      triggerId: t.id,
      type: t.type as TriggerType,
      recordId: t.recordId,
      customerId: t.customerId,
      context: t.context,
      now: kernel.now(),
    };
    // A model writes at most MODEL_SUGGESTIONS_PER_SCAN per scan (a first scan can raise hundreds); the rest use
    // the template, so a scan's time and cost stay bounded.
    const suggestion = await chooseSuggestion(tenantId, facts, modelBudget-- > 0 ? suggester : undefined);
    const result = await kernel.execute(suggestion.tool, suggestion.input, {
      tenantId,
      actor: system,
      mode: "propose_actions",
      channel: "trigger",
      initiatedBy: "trigger",
      requestedAt: kernel.now().toISOString(),
      // One suggestion per trigger, ever: a crash and a re-run find the same proposal.
      idempotencyKey: `trigger:${t.id}`,
      reasoning: suggestion.reasoning,
      confidence: suggestion.confidence,
      evidenceRefs: suggestion.evidenceRefs,
      triggerId: t.id,
    });
    if (result.status === "proposed" && result.proposal) {
      await kernel.store.write((tx) => setTriggerSuggestion(tx, tenantId, t.id, result.proposal?.id as string));
      report.suggestions.push(result.proposal.id);
      opsCounters.suggestion(tenantId, suggestion.source);
    } else {
      const reason = result.status === "refused" ? result.failure.reason : result.status;
      report.refusedSuggestions.push({ triggerId: t.id, reason });
    }
  }
}

/** The model's suggestion when it is usable, else the template. Code keeps the record, evidence and tool in bounds. */
async function chooseSuggestion(
  tenantId: string,
  facts: TriggerFacts,
  suggester: Suggester | undefined,
): Promise<Suggestion> {
  const template = templateSuggestion(facts);
  if (!suggester) return template;
  opsCounters.modelCall(tenantId);
  let proposed: Suggestion | null = null;
  try {
    proposed = await suggester.suggest(facts);
  } catch {
    proposed = null;
  }
  const usable =
    proposed &&
    (SUGGESTION_TOOLS as readonly string[]).includes(proposed.tool) &&
    proposed.confidence >= 0 &&
    proposed.confidence <= 1 &&
    proposed.reasoning.trim().length > 0;
  if (!usable || !proposed) {
    opsCounters.modelFallback(tenantId);
    return template;
  }
  // The model writes the words; code pins the record it is about and the evidence it cites.
  return {
    ...proposed,
    input: { ...proposed.input, customerId: facts.customerId ?? undefined },
    evidenceRefs: template.evidenceRefs,
    source: "model",
  };
}

export type { TriggerType };
