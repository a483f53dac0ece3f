// Payloads of the seed's read API (skeleton seed, "API contracts"). The crm read tools return exactly these,
// so REST, MCP and chat show the same shapes.
import { z } from "zod";
import { AuditEntrySchema } from "./audit.ts";
import {
  BusinessProfileSchema,
  CustomerSchema,
  IntakeItemSchema,
  InteractionSchema,
  NoteSchema,
  OpportunitySchema,
  OutboundDraftSchema,
  PropertySchema,
  QuoteSchema,
  TaskSchema,
} from "./records.ts";

const Money = z.number().int();

export const DashboardSchema = z.object({
  date: z.string(),
  generatedAt: z.string(),
  kpis: z.object({
    newLeadsToday: z.number().int(),
    newLeads7d: z.number().int(),
    openQuotes: z.number().int(),
    openQuoteValueCents: Money,
    jobsToday: z.number().int(),
    overdueFollowUps: z.number().int(),
    pendingApprovals: z.number().int(),
    intakeInReview: z.number().int(),
  }),
  dueToday: z.array(
    z.object({
      taskId: z.string(),
      kind: z.string(),
      title: z.string(),
      customerId: z.string().nullable(),
      dueAt: z.string(),
    }),
  ),
  missedOpportunities: z.object({
    unansweredLeads: z.object({ count: z.number().int(), valueCents: Money }),
    staleQuotes: z.object({ count: z.number().int(), valueCents: Money }),
    lapsedAgreements: z.object({ count: z.number().int() }),
    unreturnedCalls: z.object({ count: z.number().int() }),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const IntakeQueueSchema = z.object({
  items: z.array(IntakeItemSchema),
  total: z.number().int(),
});
export type IntakeQueue = z.infer<typeof IntakeQueueSchema>;

const FollowUpSchema = TaskSchema.extend({
  customerName: z.string().nullable(),
  overdue: z.boolean(),
  valueCents: Money.nullable(),
});
export const FollowUpsSchema = z.object({
  quoteChase: z.array(FollowUpSchema),
  callbacks: z.array(FollowUpSchema),
  reviewRequests: z.array(FollowUpSchema),
  maintenanceRenewals: z.array(FollowUpSchema),
});
export type FollowUps = z.infer<typeof FollowUpsSchema>;

export const OutboundQueueSchema = z.object({
  sendsEnabled: z.boolean(),
  drafts: z.array(OutboundDraftSchema.extend({ customerName: z.string() })),
});
export type OutboundQueue = z.infer<typeof OutboundQueueSchema>;

export const WeeklySummarySchema = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  recovered: z.object({
    quotesAccepted: z.object({ count: z.number().int(), valueCents: Money }),
    leadsContacted: z.number().int(),
    followUpsCompleted: z.number().int(),
    proposalsApplied: z.number().int(),
  }),
  slipped: z.object({
    overdueFollowUps: z.number().int(),
    staleQuotes: z.object({ count: z.number().int(), valueCents: Money }),
    unansweredLeads: z.number().int(),
  }),
  safetyNotes: z.object({
    quarantinedDrafts: z.number().int(),
    refusedActions: z.number().int(),
    hardStops: z.number().int(),
    notes: z.array(z.string()),
  }),
});
export type WeeklySummary = z.infer<typeof WeeklySummarySchema>;

export const CustomerSummarySchema = CustomerSchema.pick({
  id: true,
  name: true,
  phone: true,
  email: true,
  status: true,
}).extend({
  city: z.string().nullable(),
  openOpportunities: z.number().int(),
  lastInteractionAt: z.string().nullable(),
});
export const CustomerListSchema = z.object({
  customers: z.array(CustomerSummarySchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
export type CustomerList = z.infer<typeof CustomerListSchema>;

/** Contracts blueprint Client360Snapshot: a derived read model, never the source of truth. */
export const Customer360Schema = z.object({
  customer: CustomerSchema,
  identity: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  accountLinks: z.array(z.object({ system: z.string(), ref: z.string() })),
  properties: z.array(PropertySchema),
  activeOpportunities: z.array(OpportunitySchema),
  quotes: z.array(QuoteSchema),
  recentInteractions: z.array(InteractionSchema),
  notes: z.array(NoteSchema),
  tasks: z.array(TaskSchema),
  riskFlags: z.array(z.string()),
  derived: z.literal(true),
  generatedAt: z.string(),
});
export type Customer360 = z.infer<typeof Customer360Schema>;

export const AuditListSchema = z.object({
  entries: z.array(AuditEntrySchema.omit({ prevHash: true }).extend({ safetyNote: z.string().nullable() })),
  chain: z.object({ ok: z.boolean(), length: z.number().int(), brokenAt: z.number().int().nullable() }),
});
export type AuditList = z.infer<typeof AuditListSchema>;

export { BusinessProfileSchema };
