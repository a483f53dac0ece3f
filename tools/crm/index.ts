// tools/crm: the office's CRM pack. Each tool is one file; this list is the pack's front door.
import type { AnyTool } from "../kernel/index.ts";
import { addTranscriptTool } from "./add-transcript.ts";
import { completeFollowUpTool } from "./complete-follow-up.ts";
import { convertIntakeTool } from "./convert-intake.ts";
import { customerTimelineTool } from "./customer-timeline.ts";
import { dismissIntakeTool } from "./dismiss-intake.ts";
import { draftOutboundTool } from "./draft-outbound.ts";
import { logInteractionTool } from "./log-interaction.ts";
import { markSentManuallyTool } from "./mark-sent-manually.ts";
import { quarantineDraftTool } from "./quarantine-draft.ts";
import { recordSignalTool } from "./record-signal.ts";
import { snoozeFollowUpTool } from "./snooze-follow-up.ts";
import { transcriptToIntakeTool } from "./transcript-to-intake.ts";
import { addNoteTool } from "./add-note.ts";
import { auditTrailTool } from "./audit-trail.ts";
import { businessProfileTool } from "./business-profile.ts";
import { createTaskTool } from "./create-task.ts";
import { dashboardTool } from "./dashboard.ts";
import { followUpsTool } from "./follow-ups.ts";
import { getCustomerTool } from "./get-customer.ts";
import { intakeQueueTool } from "./intake-queue.ts";
import { listCustomersTool } from "./list-customers.ts";
import { outboundQueueTool } from "./outbound-queue.ts";
import { searchCustomersTool } from "./search-customers.ts";
import { updateCustomerTool } from "./update-customer.ts";
import { weeklySummaryTool } from "./weekly-summary.ts";

export const crmTools: AnyTool[] = [
  searchCustomersTool,
  getCustomerTool,
  listCustomersTool,
  addNoteTool,
  createTaskTool,
  updateCustomerTool,
  dashboardTool,
  intakeQueueTool,
  followUpsTool,
  outboundQueueTool,
  weeklySummaryTool,
  auditTrailTool,
  businessProfileTool,
  convertIntakeTool,
  dismissIntakeTool,
  completeFollowUpTool,
  snoozeFollowUpTool,
  draftOutboundTool,
  quarantineDraftTool,
  markSentManuallyTool,
  customerTimelineTool,
  logInteractionTool,
  addTranscriptTool,
  recordSignalTool,
  transcriptToIntakeTool,
] as AnyTool[];
