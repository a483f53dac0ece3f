// evals/: scenario suites for the agent, the adversarial safety suite, and the runner behind `npm run eval`.
import { crmScenarios } from "./scenarios-crm.ts";
import { decisionScenarios } from "./scenarios-decisions.ts";
import { fieldScenarios } from "./scenarios-field.ts";
import type { Scenario } from "./scenario.ts";

export const allScenarios: readonly Scenario[] = [...crmScenarios, ...decisionScenarios, ...fieldScenarios];
export { type PackScore, runScenarios, type ScenarioResult } from "./runner.ts";
export { runSafetySuite, type SafetyReport } from "./safety.ts";
export type { Scenario } from "./scenario.ts";
