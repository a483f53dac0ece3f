// Plain-words answers for the crm pack's read results. Every figure comes from the tool result passed in.
import {
  AuditListSchema,
  BusinessProfileSchema,
  Customer360Schema,
  CustomerListSchema,
  DashboardSchema,
  FollowUpsSchema,
  IntakeQueueSchema,
  OutboundQueueSchema,
  WeeklySummarySchema,
} from "../../../contracts/index.ts";
import { money, plural, when } from "./say.ts";

const UNREADABLE = "The office answered, but not in the shape I expected, so I won't guess at the figures.";

export function sayDashboard(data: unknown, timeZone: string, focus: "all" | "due" = "all"): string {
  const parsed = DashboardSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const d = parsed.data;
  const k = d.kpis;
  const due =
    d.dueToday.length === 0
      ? "Nothing is due today."
      : `Due today (${d.dueToday.length}):\n${d.dueToday
          .slice(0, 10)
          .map((t) => `- ${t.title} (${t.kind.replace(/_/g, " ")}, ${when(t.dueAt, timeZone)})`)
          .join("\n")}${d.dueToday.length > 10 ? `\n  …and ${d.dueToday.length - 10} more.` : ""}`;
  if (focus === "due") {
    return `${due}\nOverdue follow-ups: ${k.overdueFollowUps}. Pending approvals: ${k.pendingApprovals}.`;
  }
  const m = d.missedOpportunities;
  return [
    `Dashboard for ${d.date}:`,
    `- New leads today: ${k.newLeadsToday} (last 7 days: ${k.newLeads7d})`,
    `- Open quotes: ${k.openQuotes} worth ${money(k.openQuoteValueCents)}`,
    `- Jobs today: ${k.jobsToday}`,
    `- Overdue follow-ups: ${k.overdueFollowUps}`,
    `- Pending approvals: ${k.pendingApprovals}`,
    `- Intake waiting for review: ${k.intakeInReview}`,
    `Missed opportunities: ${plural(m.unansweredLeads.count, "unanswered lead")} (${money(m.unansweredLeads.valueCents)}), ` +
      `${plural(m.staleQuotes.count, "stale quote")} (${money(m.staleQuotes.valueCents)}), ` +
      `${plural(m.lapsedAgreements.count, "lapsed agreement")}, ${plural(m.unreturnedCalls.count, "unreturned call")}.`,
    due,
  ].join("\n");
}

export type FollowUpFocus = "all" | "overdue" | "callbacks" | "quoteChase" | "reviewRequests" | "maintenanceRenewals";

const QUEUE_NAMES = {
  quoteChase: "Quote chase",
  callbacks: "Callbacks",
  reviewRequests: "Review requests",
  maintenanceRenewals: "Maintenance renewals",
} as const;

export function sayFollowUps(data: unknown, timeZone: string, focus: FollowUpFocus): string {
  const parsed = FollowUpsSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const queues = (Object.keys(QUEUE_NAMES) as (keyof typeof QUEUE_NAMES)[]).filter(
    (q) => focus === "all" || focus === "overdue" || focus === q,
  );
  const lines: string[] = [];
  for (const q of queues) {
    const items = parsed.data[q].filter((t) => t.status === "open" && (focus !== "overdue" || t.overdue));
    if (items.length === 0) {
      if (focus !== "overdue") lines.push(`${QUEUE_NAMES[q]}: none open.`);
      continue;
    }
    lines.push(`${QUEUE_NAMES[q]} (${items.length}${focus === "overdue" ? " overdue" : ""}):`);
    for (const t of items.slice(0, 8)) {
      const value = t.valueCents !== null ? `, ${money(t.valueCents)}` : "";
      const late = t.overdue ? ", OVERDUE" : "";
      lines.push(`- ${t.customerName ?? "no customer"}: ${t.title} (due ${when(t.dueAt, timeZone)}${value}${late})`);
    }
    if (items.length > 8) lines.push(`  …and ${items.length - 8} more.`);
  }
  if (lines.length === 0) return focus === "overdue" ? "No follow-ups are overdue." : "No follow-ups are open.";
  return lines.join("\n");
}

export function sayCustomer(data: unknown, timeZone: string): string {
  const parsed = Customer360Schema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const c = parsed.data;
  const lines = [
    `${c.customer.name} (${c.customer.status}) — phone ${c.customer.phone ?? "none on file"}, email ${c.customer.email ?? "none on file"}. Id ${c.customer.id}.`,
  ];
  for (const p of c.properties.slice(0, 3)) {
    const equipment = p.equipment.map(
      (e) => `${e.type.replace(/_/g, " ")}${e.installedYear ? ` (${e.installedYear})` : ""}`,
    );
    lines.push(`Property: ${p.street}, ${p.city}${equipment.length ? ` — ${equipment.join(", ")}` : ""}.`);
  }
  if (c.activeOpportunities.length) {
    lines.push(
      `Open opportunities: ${c.activeOpportunities.map((o) => `${o.title} (${o.stage.replace(/_/g, " ")})`).join("; ")}.`,
    );
  }
  const openQuotes = c.quotes.filter((q) => q.status === "sent" || q.status === "draft");
  if (openQuotes.length) {
    lines.push(`Open quotes: ${openQuotes.map((q) => `${q.title} ${money(q.amountCents)} (${q.status})`).join(", ")}.`);
  }
  const openTasks = c.tasks.filter((t) => t.status === "open");
  if (openTasks.length) {
    lines.push(`Open tasks: ${openTasks.map((t) => `${t.title} (due ${when(t.dueAt, timeZone)})`).join("; ")}.`);
  }
  const last = c.recentInteractions[0];
  if (last)
    lines.push(`Last contact: ${last.channel} ${last.direction}, ${when(last.occurredAt, timeZone)} — ${last.summary}`);
  const note = c.notes[0];
  if (note) lines.push(`Latest note: "${note.body}"`);
  if (c.riskFlags.length) lines.push(`Heads up: ${c.riskFlags.join("; ")}.`);
  return lines.join("\n");
}

export function sayIntake(data: unknown, timeZone: string): string {
  const parsed = IntakeQueueSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const { items, total } = parsed.data;
  if (items.length === 0) return "The intake queue is empty.";
  const lines = [`Intake waiting for review: ${total}.`];
  for (const item of items.slice(0, 8)) {
    const who = item.extracted.name ?? item.extracted.phone ?? "unknown caller";
    const missing = item.missingFields.length ? ` Missing: ${item.missingFields.join(", ")}.` : "";
    lines.push(
      `- ${who} via ${item.source.replace(/_/g, " ")} (${when(item.receivedAt, timeZone)}), route confidence ${Math.round(item.routeConfidence * 100)}%.${missing} Next: ${item.suggestedAction}`,
    );
  }
  return lines.join("\n");
}

export function sayOutbound(data: unknown): string {
  const parsed = OutboundQueueSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const { drafts, sendsEnabled } = parsed.data;
  const header = sendsEnabled
    ? "Outbound drafts:"
    : "Outbound drafts (sending is off by policy; approved drafts are copied and sent by a person):";
  if (drafts.length === 0) return `${header} none.`;
  const lines = [header];
  for (const d of drafts.slice(0, 10)) {
    const flags = d.riskFlags.length ? ` Flags: ${d.riskFlags.map((f) => f.kind.replace(/_/g, " ")).join(", ")}.` : "";
    lines.push(`- ${d.customerName} (${d.channel}, ${d.status.replace(/_/g, " ")}).${flags}`);
  }
  return lines.join("\n");
}

export function sayWeekly(data: unknown): string {
  const parsed = WeeklySummarySchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const w = parsed.data;
  return [
    `Week ${w.weekStart.slice(0, 10)} to ${w.weekEnd.slice(0, 10)}:`,
    `Recovered: ${plural(w.recovered.quotesAccepted.count, "quote")} accepted (${money(w.recovered.quotesAccepted.valueCents)}), ` +
      `${plural(w.recovered.leadsContacted, "lead")} contacted, ${plural(w.recovered.followUpsCompleted, "follow-up")} completed, ` +
      `${plural(w.recovered.proposalsApplied, "change")} applied.`,
    `Slipped: ${plural(w.slipped.overdueFollowUps, "overdue follow-up")}, ${plural(w.slipped.staleQuotes.count, "stale quote")} ` +
      `(${money(w.slipped.staleQuotes.valueCents)}), ${plural(w.slipped.unansweredLeads, "unanswered lead")}.`,
    `Safety: ${plural(w.safetyNotes.quarantinedDrafts, "quarantined draft")}, ${plural(w.safetyNotes.refusedActions, "refused action")}, ` +
      `${plural(w.safetyNotes.hardStops, "hard stop")}.${w.safetyNotes.notes.length ? ` ${w.safetyNotes.notes.join(" ")}` : ""}`,
  ].join("\n");
}

export function sayAudit(data: unknown, timeZone: string): string {
  const parsed = AuditListSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const { entries, chain } = parsed.data;
  const integrity = chain.ok
    ? `The audit chain verifies (${plural(chain.length, "entry", "entries")}).`
    : `WARNING: the audit chain is broken at entry ${chain.brokenAt}.`;
  const lines = [integrity, "Most recent:"];
  for (const e of entries.slice(0, 10)) {
    const note = e.safetyNote ? ` — ${e.safetyNote}` : "";
    lines.push(
      `- #${e.seq} ${when(e.at, timeZone)}: ${e.actorId ?? "unknown"} ${e.tool ?? "decision"} → ${e.outcome}${e.proposalId ? ` (${e.proposalId})` : ""}${note}`,
    );
  }
  return lines.join("\n");
}

export function sayProfile(data: unknown): string {
  const parsed = BusinessProfileSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const p = parsed.data;
  return [
    `${p.name} — trade pack ${p.tradePack}, approval policy ${p.approvalPolicy.replace(/_/g, " ")}.`,
    `Data source: ${p.dataSource}; store health ${p.adapterHealth}; status ${p.status}.`,
    `Writes ${p.writesEnabled ? "enabled (through approvals)" : "disabled"}; external sends ${p.sendsEnabled ? "enabled" : "disabled (manual copy only)"}.`,
    `Data boundary: ${p.dataBoundary}`,
  ].join("\n");
}

export function sayCustomerList(data: unknown): string {
  const parsed = CustomerListSchema.safeParse(data);
  if (!parsed.success) return UNREADABLE;
  const { customers, total } = parsed.data;
  const lines = [`${plural(total, "customer")} on file; first ${customers.length}:`];
  for (const c of customers) lines.push(`- ${c.name}${c.phone ? `, ${c.phone}` : ""}${c.city ? ` (${c.city})` : ""}`);
  return lines.join("\n");
}
