// The seed's read API (skeleton seed, "API contracts"): each route, the crm read tool behind it and its payload.
// routes/reads.ts mounts these and openapi.ts documents them, so the two never drift apart.
import type { z } from "zod";
import {
  AuditListSchema,
  BusinessProfileSchema,
  CustomerListSchema,
  DashboardSchema,
  FollowUpsSchema,
  IntakeQueueSchema,
  OutboundQueueSchema,
  WeeklySummarySchema,
} from "../contracts/index.ts";
import { TelemetrySchema } from "../tools/ops/telemetry.ts";

export interface ReadRoute {
  /** Path under /api. */
  path: string;
  tool: string;
  /** Whole-number query parameters passed to the tool as input. */
  query: readonly string[];
  schema: z.ZodType;
  /** Name of the payload in the OpenAPI components. */
  schemaName: string;
  purpose: string;
}

export const READ_ROUTES: readonly ReadRoute[] = [
  {
    path: "/dashboard.json",
    tool: "crm.dashboard",
    query: [],
    schema: DashboardSchema,
    schemaName: "Dashboard",
    purpose: "Today summary, KPIs, due work, missed-opportunity rollup",
  },
  {
    path: "/intake.json",
    tool: "crm.intake_queue",
    query: ["limit"],
    schema: IntakeQueueSchema,
    schemaName: "IntakeQueue",
    purpose: "Review queue with route confidence, evidence, suggested next action",
  },
  {
    path: "/follow-ups.json",
    tool: "crm.follow_ups",
    query: ["limit"],
    schema: FollowUpsSchema,
    schemaName: "FollowUps",
    purpose: "Quote chase, callback and review request queues",
  },
  {
    path: "/outbound-queue.json",
    tool: "crm.outbound_queue",
    query: ["limit"],
    schema: OutboundQueueSchema,
    schemaName: "OutboundQueue",
    purpose: "Manual-send draft queue with risk flags",
  },
  {
    path: "/weekly-summary.json",
    tool: "crm.weekly_summary",
    query: [],
    schema: WeeklySummarySchema,
    schemaName: "WeeklySummary",
    purpose: "Weekly recovery summary and safety notes",
  },
  {
    path: "/customers.json",
    tool: "crm.list_customers",
    query: ["offset", "limit"],
    schema: CustomerListSchema,
    schemaName: "CustomerList",
    purpose: "Customer hub summaries, a page at a time",
  },
  {
    path: "/audit.json",
    tool: "crm.audit_trail",
    query: ["limit"],
    schema: AuditListSchema,
    schemaName: "AuditList",
    purpose: "Audit trail items with safety notes",
  },
  {
    path: "/business-profile.json",
    tool: "crm.business_profile",
    query: [],
    schema: BusinessProfileSchema,
    schemaName: "BusinessProfile",
    purpose: "Standalone tenant config, trade terms, branding and policies",
  },
  {
    path: "/telemetry.json",
    tool: "ops.telemetry",
    query: [],
    schema: TelemetrySchema,
    schemaName: "Telemetry",
    purpose: "Autonomy telemetry: triggers, scans, suggestions, approval rates and times, refusals, governance",
  },
];
