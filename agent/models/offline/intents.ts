// The offline intent registry: every pack's intents, in priority order. A new pack adds its own
// `intents-<pack>.ts` and one line here.
import type { OfflineIntent } from "./intent.ts";
import { crmIntents } from "./intents-crm.ts";

export const offlineIntents: readonly OfflineIntent[] = [...crmIntents];
