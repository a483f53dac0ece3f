// tools/survey: the sales survey pack — survey record, sizing, tiers, flags, utility gate, savings, proposal views.
// Each tool is one file; this list is the pack's front door. (survey.create_proposal lives in tools/pricing.)
import type { AnyTool } from "../kernel/index.ts";
import { acceptProposalTool } from "./accept-proposal.ts";
import { confirmUtilityTool } from "./confirm-utility.ts";
import { findRebatesTool } from "./find-rebates.ts";
import { getProposalTool } from "./get-proposal.ts";
import { getRatesTool } from "./get-rates.ts";
import { getSurveyTool } from "./get-survey.ts";
import { identifyEquipmentTool } from "./identify-equipment.ts";
import { parseBillTool } from "./parse-bill.ts";
import { proposalDocumentTool } from "./proposal-document.ts";
import { readNameplateTool } from "./read-nameplate.ts";
import { recommendTool } from "./recommend.ts";
import { refreshRatesTool } from "./refresh-rates.ts";
import { savingsProfileTool } from "./savings-profile.ts";
import { sizeHomeTool } from "./size-home.ts";
import { startSurveyTool } from "./start-survey.ts";
import { suggestUtilityTool } from "./suggest-utility.ts";
import { updateSurveyTool } from "./update-survey.ts";

export const surveyTools: AnyTool[] = [
  sizeHomeTool,
  startSurveyTool,
  getSurveyTool,
  updateSurveyTool,
  suggestUtilityTool,
  confirmUtilityTool,
  recommendTool,
  savingsProfileTool,
  getRatesTool,
  refreshRatesTool,
  getProposalTool,
  proposalDocumentTool,
  acceptProposalTool,
  readNameplateTool,
  identifyEquipmentTool,
  parseBillTool,
  findRebatesTool,
];
