// tools/public: what the unauthenticated support page may do — customer triage and service requests.
// Every tool here is for role "customer" only and returns customer-safe content.
import type { AnyTool } from "../kernel/index.ts";
import { supportRequestTool } from "./support-request.ts";
import { triageTool } from "./triage.ts";

export const publicTools: AnyTool[] = [triageTool, supportRequestTool];
