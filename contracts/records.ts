// CRM records: the tenant's business profile and the customer graph.
// Money is integer cents (`...Cents`); times are ISO-8601 strings in UTC.
import { z } from "zod";

const Id = z.string().min(1);
const IsoTime = z.string().datetime();

export const TenantStatusSchema = z.enum(["active", "sev0_stop"]);
export const AdapterHealthSchema = z.enum(["healthy", "degraded"]);

/** The seed's business profile (skeleton seed, "Business profile"). */
export const BusinessProfileSchema = z.object({
  tenantId: Id,
  name: z.string().min(1),
  tradePack: z.string().min(1),
  approvalPolicy: z.enum(["approval_gated_external_sends"]),
  dataSource: z.string().min(1),
  adapterHealth: AdapterHealthSchema,
  status: TenantStatusSchema,
  writesEnabled: z.boolean(),
  sendsEnabled: z.boolean(),
  rollbackNote: z.string(),
  releaseNotesRule: z.string(),
  incidentRunbook: z.string(),
  dataBoundary: z.string(),
  branding: z.object({ displayName: z.string(), accentColor: z.string() }),
  tradeTerms: z.array(z.string()),
});
export type BusinessProfile = z.infer<typeof BusinessProfileSchema>;

export const ContactChannelSchema = z.enum(["sms", "email", "phone"]);

export const CustomerSchema = z.object({
  id: Id,
  name: z.string().min(1),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(["lead", "active", "past", "inactive"]),
  optedOut: z.array(ContactChannelSchema),
  tags: z.array(z.string()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().int().positive(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/** Fields a person may change on a customer through `crm.update_customer`. */
export const CustomerPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().min(7).max(40).nullable(),
    email: z.string().trim().email().max(200).nullable(),
    status: z.enum(["lead", "active", "past", "inactive"]),
    optedOut: z.array(ContactChannelSchema),
    tags: z.array(z.string().min(1).max(40)).max(20),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "patch must change at least one field" });
export type CustomerPatch = z.infer<typeof CustomerPatchSchema>;

export const EquipmentSchema = z.object({
  type: z.enum(["furnace", "ac", "heat_pump", "boiler", "water_heater", "minisplit", "other"]),
  fuel: z.enum(["natural_gas", "propane", "electric", "oil", "none"]).nullable(),
  brand: z.string().nullable(),
  installedYear: z.number().int().nullable(),
  tonnage: z.number().nullable(),
});
export type Equipment = z.infer<typeof EquipmentSchema>;

export const PropertySchema = z.object({
  id: Id,
  customerId: Id,
  street: z.string(),
  unit: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  sqft: z.number().int().nullable(),
  yearBuilt: z.number().int().nullable(),
  equipment: z.array(EquipmentSchema),
});
export type Property = z.infer<typeof PropertySchema>;

export const OpportunityStageSchema = z.enum(["new", "contacted", "survey_booked", "quoted", "won", "lost"]);
export const OpportunitySchema = z.object({
  id: Id,
  customerId: Id,
  title: z.string(),
  stage: OpportunityStageSchema,
  valueCents: z.number().int().nonnegative(),
  source: z.string(),
  createdAt: IsoTime,
  lastActivityAt: IsoTime,
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const QuoteSchema = z.object({
  id: Id,
  customerId: Id,
  opportunityId: Id.nullable(),
  title: z.string(),
  amountCents: z.number().int().nonnegative(),
  status: z.enum(["draft", "sent", "accepted", "declined", "expired"]),
  sentAt: IsoTime.nullable(),
  createdAt: IsoTime,
});
export type Quote = z.infer<typeof QuoteSchema>;

export const TaskKindSchema = z.enum(["task", "callback", "quote_chase", "review_request", "maintenance_renewal"]);
export const TaskSchema = z.object({
  id: Id,
  customerId: Id.nullable(),
  kind: TaskKindSchema,
  title: z.string(),
  dueAt: IsoTime.nullable(),
  status: z.enum(["open", "done", "snoozed", "cancelled"]),
  ownerId: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: IsoTime,
});
export type Task = z.infer<typeof TaskSchema>;

export const NoteSchema = z.object({
  id: Id,
  customerId: Id,
  body: z.string(),
  authorId: z.string(),
  createdAt: IsoTime,
});
export type Note = z.infer<typeof NoteSchema>;

export const InteractionSchema = z.object({
  id: Id,
  customerId: Id,
  channel: z.enum(["call", "sms", "email", "visit", "web_form"]),
  direction: z.enum(["inbound", "outbound"]),
  summary: z.string(),
  outcome: z.string().nullable(),
  occurredAt: IsoTime,
  rawRefs: z.array(z.string()),
});
export type Interaction = z.infer<typeof InteractionSchema>;

export const JobSchema = z.object({
  id: Id,
  customerId: Id,
  title: z.string(),
  scheduledAt: IsoTime,
  status: z.enum(["scheduled", "in_progress", "completed", "cancelled"]),
  techId: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

export const IntakeItemSchema = z.object({
  id: Id,
  source: z.enum(["web_form", "missed_call", "call_transcript", "public_triage", "import", "email"]),
  rawText: z.string(),
  receivedAt: IsoTime,
  routeConfidence: z.number().min(0).max(1),
  status: z.enum(["in_review", "converted", "dismissed"]),
  extracted: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    intent: z.string().nullable(),
  }),
  missingFields: z.array(z.enum(["identity", "address", "intent"])),
  conflicts: z.array(z.object({ customerId: Id, reason: z.string() })),
  suggestedAction: z.string(),
});
export type IntakeItem = z.infer<typeof IntakeItemSchema>;

export const RiskFlagSchema = z.object({
  kind: z.enum(["pressure_language", "opt_out_conflict", "risky_claim", "unapproved_send_path", "quiet_hours"]),
  reason: z.string(),
});
export const OutboundDraftSchema = z.object({
  id: Id,
  customerId: Id,
  channel: z.enum(["sms", "email"]),
  body: z.string(),
  riskFlags: z.array(RiskFlagSchema),
  status: z.enum(["quarantined", "awaiting_approval", "ready_for_manual_send", "sent_manually", "rejected"]),
  createdAt: IsoTime,
});
export type OutboundDraft = z.infer<typeof OutboundDraftSchema>;
