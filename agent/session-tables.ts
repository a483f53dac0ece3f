// The conversation tables live in the store (store/schema-agent.ts, created by its migrations); the agent re-exports
// them. ensureAgentTables stays for callers that open a store and start the agent in one step: migrations ran already.
import type { Store } from "../store/index.ts";

export { agentMessages, agentSessions } from "../store/schema-agent.ts";

/** Kept for compatibility: the tables are created by the store's migrations when the store opens. */
export function ensureAgentTables(_store: Store): void {}
