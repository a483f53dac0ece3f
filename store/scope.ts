// Which tenant the current work is for. On PostgreSQL every query runs inside a transaction that sets
// `app.tenant_id` from this scope, and row-level security refuses rows of any other tenant; a query with
// no scope is refused outright. On SQLite the scope is carried but the repositories' filters are the wall.
import { AsyncLocalStorage } from "node:async_hooks";

export type Scope = { kind: "tenant"; tenantId: string } | { kind: "system" };

const current = new AsyncLocalStorage<Scope>();

/**
 * Runs `fn` for one tenant: every store call inside (reads and writes) is confined to that tenant.
 * Awaits inside the scope, so a lazy drizzle query returned by `fn` also executes in it.
 */
export function withTenant<T>(tenantId: string, fn: () => T | PromiseLike<T>): Promise<T> {
  return current.run({ kind: "tenant", tenantId }, async () => await fn());
}

/**
 * Runs `fn` in the system scope: it may only read the tenant registry and credential lookups
 * (tenants, tokens), never a tenant's records. Used to list tenants and to resolve a token to its tenant.
 */
export function asSystem<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return current.run({ kind: "system" }, async () => await fn());
}

export function currentScope(): Scope | undefined {
  return current.getStore();
}
