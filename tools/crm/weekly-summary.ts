// crm.weekly_summary: what was recovered, what slipped, and safety notes for the last 7 days (GET /api/weekly-summary.json).
import { z } from "zod";
import { WeeklySummarySchema } from "../../contracts/index.ts";
import {
  acceptedQuotes,
  countAppliedSince,
  countAuditOutcomes,
  countCompletedTasks,
  countOutboundContacts,
  countOverdueTasks,
  countQuarantinedSince,
  staleQuotes,
  unansweredLeads,
} from "../../store/repos/office.ts";
import { defineTool } from "../kernel/index.ts";
import { daysBefore } from "./day-window.ts";

export const weeklySummaryTool = defineTool({
  name: "crm.weekly_summary",
  title: "Weekly recovery summary",
  description:
    "The last seven days for the owner: quotes won back and their value, leads contacted, follow-ups completed and " +
    "changes applied; what slipped (overdue follow-ups, stale quotes, unanswered leads); and safety notes " +
    "(quarantined drafts, refused actions, hard stops). Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager"],
  input: z.object({}).strict(),
  output: WeeklySummarySchema,
  example: {},
  async run(_input, ctx) {
    const { db, tenantId, now } = ctx;
    const since = daysBefore(now, 7);
    const [accepted, contacted, completed, applied, overdue, stale, unanswered, quarantined, refused, stops] =
      await Promise.all([
        acceptedQuotes(db, tenantId, since),
        countOutboundContacts(db, tenantId, since),
        countCompletedTasks(db, tenantId, since),
        countAppliedSince(db, tenantId, since),
        countOverdueTasks(db, tenantId, now.toISOString()),
        staleQuotes(db, tenantId, daysBefore(now, 14)),
        unansweredLeads(db, tenantId, daysBefore(now, 2)),
        countQuarantinedSince(db, tenantId, since),
        countAuditOutcomes(db, tenantId, since, "refused"),
        countAuditOutcomes(db, tenantId, since, "stopped"),
      ]);
    const notes: string[] = [];
    if (quarantined > 0)
      notes.push(`${quarantined} outbound draft(s) quarantined for risky wording or opt-outs; none were sent.`);
    if (stops > 0) notes.push(`${stops} job(s) hit a safety hard stop; check each was escalated.`);
    if (refused > 0) notes.push(`${refused} action(s) were refused by policy; see the audit trail for reasons.`);
    if (notes.length === 0) notes.push("No safety events this week.");
    return {
      weekStart: since,
      weekEnd: now.toISOString(),
      recovered: {
        quotesAccepted: accepted,
        leadsContacted: contacted,
        followUpsCompleted: completed,
        proposalsApplied: applied,
      },
      slipped: { overdueFollowUps: overdue, staleQuotes: stale, unansweredLeads: unanswered.count },
      safetyNotes: { quarantinedDrafts: quarantined, refusedActions: refused, hardStops: stops, notes },
    };
  },
});
