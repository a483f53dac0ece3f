// tools/ops: autonomy — the trigger engine, the suggestion engine and their read tools (Phase 3 blueprint).
import type { AnyTool } from "../kernel/index.ts";
import { listTriggersTool } from "./list-triggers.ts";
import { telemetryTool } from "./telemetry.ts";

export const opsTools: AnyTool[] = [listTriggersTool, telemetryTool] as AnyTool[];

export { modelSuggester } from "./model-suggester.ts";
export { type ScanReport, type Suggester, scanTenant } from "./scan.ts";
