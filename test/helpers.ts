// Test helpers: a private in-memory office on the synthetic demo data, with a controllable clock.
import { eq } from "drizzle-orm";
import type { Actor, Channel, Mode } from "../contracts/index.ts";
import { type Office, openOffice } from "../server/office.ts";
import { getActor } from "../store/repos/tenants.ts";
import { customers } from "../store/schema.ts";
import { rawAll, rawRun } from "../store/raw.ts";
import { withTenant } from "../store/scope.ts";
import { ON_POSTGRES, openTestPgStore } from "./pg.ts";
import { type Advisor, type CallContext, humanCall, type KernelResult } from "../tools/kernel/index.ts";

export interface TestOffice extends Office {
  clock: { now: Date; advance(ms: number): void };
  actor(tenantId: string, actorId: string): Promise<Actor>;
  /** Calls a tool as a person on a human channel (timestamp and idempotency key generated). */
  call(
    actorId: string,
    tool: string,
    input: unknown,
    options?: { tenantId?: string; mode?: Exclude<Mode, "apply_allowed">; channel?: Channel; idempotencyKey?: string },
  ): Promise<KernelResult>;
  decide(actorId: string, proposalId: string, decision: "approve" | "reject", tenantId?: string): Promise<KernelResult>;
  /** Any record id of a kind in a tenant (for tests that need a real customer). */
  firstId(tenantId: string, table: "customers"): Promise<string>;
  /**
   * Rows of a plain SQL query (`?` placeholders, portable SQL) read in one tenant's scope — on both backends, where
   * tests used to read `store.raw`. On PostgreSQL row-level security confines it to that tenant.
   */
  rows<T = Record<string, unknown>>(tenantId: string, text: string, ...params: unknown[]): Promise<T[]>;
  /** Runs a plain SQL statement in one write transaction of the tenant (test set-up); returns rows changed. */
  exec(tenantId: string, text: string, ...params: unknown[]): Promise<number>;
  /** Runs `fn` in the tenant's scope (repository calls made directly by a test need one on PostgreSQL). */
  scoped<T>(tenantId: string, fn: () => T | PromiseLike<T>): Promise<T>;
}

export const TEST_NOW = new Date("2026-11-23T16:00:00.000Z");

export async function makeOffice(
  options: { path?: string; now?: Date; demoActivity?: boolean; advisor?: Advisor | null } = {},
): Promise<TestOffice> {
  const clock = {
    now: new Date(options.now ?? TEST_NOW),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  // The "postgres" vitest project runs the same tests against a fresh PostgreSQL schema (test/pg.ts).
  const store = ON_POSTGRES && !options.path ? await openTestPgStore() : undefined;
  const office = await openOffice({
    ...(store ? { store } : { path: options.path ?? ":memory:" }),
    clock: () => clock.now,
    demoActivity: options.demoActivity ?? false,
    ...(options.advisor !== undefined ? { advisor: options.advisor } : {}),
  });
  const actor = async (tenantId: string, actorId: string): Promise<Actor> => {
    const found = await withTenant(tenantId, () => getActor(office.store.db, tenantId, actorId));
    if (!found) throw new Error(`no actor ${actorId} in ${tenantId}`);
    return found;
  };
  return {
    ...office,
    clock,
    actor,
    async call(actorId, tool, input, opts = {}) {
      const who = await actor(opts.tenantId ?? "demo", actorId);
      const ctx: CallContext = humanCall(office.kernel, who, opts.channel ?? "cli", opts.mode ?? "propose_actions");
      if (opts.idempotencyKey) ctx.idempotencyKey = opts.idempotencyKey;
      return office.kernel.execute(tool, input, ctx);
    },
    async decide(actorId, proposalId, decision, tenantId = "demo") {
      return office.kernel.decide(tenantId, proposalId, decision, await actor(tenantId, actorId), "cli");
    },
    async firstId(tenantId) {
      const [row] = await withTenant(tenantId, () =>
        office.store.db
          .select({ id: customers.id })
          .from(customers)
          .where(eq(customers.tenantId, tenantId))
          .orderBy(customers.id)
          .limit(1),
      );
      if (!row) throw new Error(`no customers in ${tenantId}`);
      return row.id;
    },
    rows<T>(tenantId: string, text: string, ...params: unknown[]) {
      return withTenant(tenantId, () => rawAll<T>(office.store.db, text, ...params));
    },
    exec(tenantId, text, ...params) {
      return withTenant(tenantId, () => office.store.write((tx) => rawRun(tx, text, ...params)));
    },
    scoped: withTenant,
  };
}

export function expectStatus<S extends KernelResult["status"]>(
  result: KernelResult,
  status: S,
): Extract<KernelResult, { status: S }> {
  if (result.status !== status) {
    throw new Error(`expected ${status}, got ${result.status}: ${JSON.stringify(result).slice(0, 500)}`);
  }
  return result as Extract<KernelResult, { status: S }>;
}
