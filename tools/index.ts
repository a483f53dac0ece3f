// tools/: every pack's tool list, combined into the one registry all channels adapt.
import { crmTools } from "./crm/index.ts";
import { type AnyTool, Registry } from "./kernel/index.ts";

export const allTools: readonly AnyTool[] = [...crmTools];

export function createRegistry(): Registry {
  return new Registry(allTools);
}
