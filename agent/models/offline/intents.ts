// The offline intent registry: every pack's intents, in priority order. A new pack adds its own
// `intents-<pack>.ts` and one line here.
import type { OfflineIntent } from "./intent.ts";
import { crmIntents } from "./intents-crm.ts";
import { governanceIntents } from "./intents-governance.ts";
import { inventoryIntents } from "./intents-inventory.ts";
import { repairIntents } from "./intents-repair.ts";
import { surveyIntents } from "./intents-survey.ts";

export const offlineIntents: readonly OfflineIntent[] = [
  ...repairIntents,
  ...governanceIntents,
  ...inventoryIntents,
  ...surveyIntents,
  ...crmIntents,
];
