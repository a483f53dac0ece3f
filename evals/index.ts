// evals/: scenario suites for the agent, the adversarial safety suite, and the runner behind `npm run eval`.
import { crmScenarios } from "./scenarios-crm.ts";
import { decisionScenarios } from "./scenarios-decisions.ts";
import { fieldScenarios } from "./scenarios-field.ts";
import { governanceScenarios } from "./scenarios-governance.ts";
import type { Scenario } from "./scenario.ts";

export const allScenarios: readonly Scenario[] = [
  ...crmScenarios,
  ...decisionScenarios,
  ...fieldScenarios,
  ...governanceScenarios,
];
export { type PackScore, runScenarios, type ScenarioResult } from "./runner.ts";
export { type ChannelSafety, type ChannelSafetyReport, runChannelSafetySuite } from "./channels.ts";
export { runSafetySuite, type SafetyReport } from "./safety.ts";
export type { Scenario } from "./scenario.ts";
