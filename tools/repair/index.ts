// tools/repair: credential gates, hard stops from a tech's own words, the diagnostic loop and job records.
// Safety logic lives here and nowhere else; this front door lists the pack's tools.
import type { AnyTool } from "../kernel/index.ts";
import { acknowledgeStopTool } from "./acknowledge-stop.ts";
import { closeJobTool } from "./close-job.ts";
import { diagnoseTool } from "./diagnose.ts";
import { escalateTool } from "./escalate.ts";
import { getTechProfileTool } from "./get-tech-profile.ts";
import { nextStepTool } from "./next-step.ts";
import { recordReadingTool } from "./record-reading.ts";
import { repairVsReplaceTool } from "./repair-vs-replace.ts";
import { screenTool } from "./screen.ts";
import { setTechProfileTool } from "./set-tech-profile.ts";
import { startCallTool } from "./start-call.ts";

export const repairTools: readonly AnyTool[] = [
  getTechProfileTool,
  setTechProfileTool,
  screenTool,
  startCallTool,
  nextStepTool,
  recordReadingTool,
  diagnoseTool,
  acknowledgeStopTool,
  escalateTool,
  closeJobTool,
  repairVsReplaceTool,
];
