// The suggestion engine's offline templates (Phase 3 §2.2): one precise next action per trigger, as a tool call with
// payload, confidence and reasoning in plain words. Pure. A model may suggest instead; code validates either way.
import type { TriggerType } from "./thresholds.ts";
import { TRIGGER_LABELS } from "./thresholds.ts";

export interface TriggerFacts {
  triggerId: string;
  type: TriggerType;
  recordId: string;
  customerId: string | null;
  context: Record<string, unknown>;
  /** Scan time. */
  now: Date;
}

export interface Suggestion {
  tool: string;
  input: Record<string, unknown>;
  confidence: number;
  reasoning: string;
  evidenceRefs: string[];
  /** "template" offline; "model" when a model wrote it and code accepted it. */
  source: "template" | "model";
}

/** The tools a suggestion may call: internal, low-risk writes a manager approves with one tap. */
export const SUGGESTION_TOOLS = ["crm.create_task"] as const;

const DAY_MS = 86_400_000;

function daysSince(iso: unknown, now: Date): number {
  const t = typeof iso === "string" ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}

function dollars(cents: unknown): string {
  return typeof cents === "number" ? `$${Math.round(cents / 100).toLocaleString("en-US")}` : "an unknown amount";
}

/** Next morning at 15:00 UTC (09:00 in the demo's mountain time), so a task is due during office hours. */
function nextMorning(now: Date): string {
  const d = new Date(now.getTime() + DAY_MS);
  d.setUTCHours(15, 0, 0, 0);
  return d.toISOString();
}

function clampConfidence(x: number): number {
  return Math.round(Math.min(0.95, Math.max(0.5, x)) * 100) / 100;
}

/** The offline suggestion for a trigger. Every suggestion is a proposal; nothing here changes a record. */
export function templateSuggestion(t: TriggerFacts): Suggestion {
  const c = t.context;
  const evidence = [`${refKind(t.type)}:${t.recordId}`, `trigger:${t.triggerId}`];
  const base = { customerId: t.customerId ?? undefined, dueAt: nextMorning(t.now) };
  switch (t.type) {
    case "lead_stagnant": {
      const days = daysSince(c.lastActivityAt, t.now);
      return {
        tool: "crm.create_task",
        input: { ...base, kind: "callback", title: `Follow up on "${String(c.title)}" — no activity for ${days} days` },
        confidence: clampConfidence(0.7 + days / 200),
        reasoning: `The ${String(c.stage)} lead "${String(c.title)}" has had no activity for ${days} days; a call now keeps it from going cold.`,
        evidenceRefs: evidence,
        source: "template",
      };
    }
    case "deal_regression": {
      const stageBack = c.fromStage !== c.toStage;
      const what = stageBack
        ? `moved back from ${String(c.fromStage)} to ${String(c.toStage)}`
        : `dropped from ${dollars(c.fromValueCents)} to ${dollars(c.toValueCents)}`;
      return {
        tool: "crm.create_task",
        input: { ...base, kind: "task", title: `Review deal "${String(c.title)}": ${what}` },
        confidence: stageBack ? 0.8 : 0.72,
        reasoning: `The deal "${String(c.title)}" ${what} on ${String(c.changedAt).slice(0, 10)}; someone should find out why before it is lost.`,
        evidenceRefs: evidence,
        source: "template",
      };
    }
    case "account_risk": {
      const reasons: string[] = [];
      if (Number(c.complaints) > 0) reasons.push(`${c.complaints} complaint(s)`);
      if (Number(c.cancelledAgreements) > 0) reasons.push("a cancelled maintenance agreement");
      if (reasons.length === 0 || Number(c.inboundCalls) >= 3) reasons.push(`${c.inboundCalls} inbound calls recently`);
      return {
        tool: "crm.create_task",
        input: { ...base, kind: "callback", title: `Account check-in with ${String(c.name)}: ${reasons.join(", ")}` },
        confidence: clampConfidence(0.75 + 0.05 * reasons.length),
        reasoning: `${String(c.name)} shows risk signs (${reasons.join(", ")}); a personal call from the office can keep the account.`,
        evidenceRefs: evidence,
        source: "template",
      };
    }
    case "re_engagement": {
      const age = typeof c.oldestInstalledYear === "number" ? t.now.getUTCFullYear() - c.oldestInstalledYear : null;
      const visit = c.lastVisitAt ? `last visit ${String(c.lastVisitAt).slice(0, 10)}` : "no visit on record";
      return {
        tool: "crm.create_task",
        input: {
          ...base,
          kind: "task",
          title: `Re-engage ${String(c.name)}: equipment ${age ?? "12+"} years old, ${visit}`,
        },
        confidence: clampConfidence(0.6 + (age ?? 12) / 100),
        reasoning: `${String(c.name)} is a past customer with equipment about ${age ?? "12+"} years old and ${visit}; a tune-up or replacement conversation is due.`,
        evidenceRefs: evidence,
        source: "template",
      };
    }
    case "quote_chase_due": {
      const days = daysSince(c.sentAt, t.now);
      return {
        tool: "crm.create_task",
        input: {
          ...base,
          kind: "quote_chase",
          title: `Chase quote "${String(c.title)}" (${dollars(c.amountCents)}), sent ${days} days ago`,
        },
        confidence: clampConfidence(0.75 + days / 100),
        reasoning: `The quote "${String(c.title)}" was sent ${days} days ago with no answer; a friendly check-in is due.`,
        evidenceRefs: evidence,
        source: "template",
      };
    }
    case "agreement_renewal_due":
      return {
        tool: "crm.create_task",
        input: {
          ...base,
          kind: "maintenance_renewal",
          title: `Renew ${String(c.plan)} (renews ${String(c.renewsAt).slice(0, 10)})`,
        },
        confidence: 0.9,
        reasoning: `The ${String(c.plan)} renews on ${String(c.renewsAt).slice(0, 10)}; reaching out before then keeps the customer on the plan.`,
        evidenceRefs: evidence,
        source: "template",
      };
  }
}

function refKind(type: TriggerType): string {
  switch (type) {
    case "lead_stagnant":
    case "deal_regression":
      return "opportunity";
    case "quote_chase_due":
      return "quote";
    case "agreement_renewal_due":
      return "agreement";
    default:
      return "customer";
  }
}

export function triggerLabel(type: string): string {
  return (TRIGGER_LABELS as Record<string, string>)[type] ?? type;
}
