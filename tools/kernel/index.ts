// tools/kernel: defineTool, the registry, execute(), proposals, approval policy, safe apply, redaction, audit.
export {
  type Advice,
  type AdviceRequest,
  type Advisor,
  AdvisorCounter,
  type AdvisorImage,
  AdvisorImageSchema,
  AdvisorImagesSchema,
  type AdvisorStats,
  type AdvisorTaskStats,
  adviseOnce,
  checkedAdvisor,
} from "./advisor.ts";
export {
  annotationsFor,
  type AnyTool,
  defineTool,
  type GuardVerdict,
  packOf,
  type ToolContext,
  type ToolDefinition,
} from "./define-tool.ts";
export { failure, KernelError } from "./errors.ts";
export { type CallContext, humanCall, Kernel, type KernelOptions, type KernelResult, proposalView } from "./kernel.ts";
export { approverRule, whyActorMayNotDecide } from "./policy.ts";
export { redactForAudit, redactForRole } from "./redact.ts";
export { valuesAtPath, withValueAtPath } from "./refs.ts";
export { Registry, type ToolSummary } from "./registry.ts";
