// tools/: every pack's tool list, combined into the one registry all channels adapt.
import { crmTools } from "./crm/index.ts";
import { governanceTools } from "./governance/index.ts";
import { importsTools } from "./imports/index.ts";
import { inventoryTools } from "./inventory/index.ts";
import { opsTools } from "./ops/index.ts";
import { type AnyTool, Registry } from "./kernel/index.ts";
import { pricingTools } from "./pricing/index.ts";
import { publicTools } from "./public/index.ts";
import { repairTools } from "./repair/index.ts";
import { surveyTools } from "./survey/index.ts";

export const allTools: readonly AnyTool[] = [
  ...crmTools,
  ...importsTools,
  ...surveyTools,
  ...pricingTools,
  ...repairTools,
  ...inventoryTools,
  ...publicTools,
  ...opsTools,
  ...governanceTools,
];

export function createRegistry(): Registry {
  return new Registry(allTools);
}
