// Test helper for the repair, inventory and public packs: the demo office plus the field fixtures, with these packs
// registered even before the lead wires them into tools/index.ts.
import type { Channel, Mode } from "../contracts/index.ts";
import { seedFieldRepair } from "../fixtures/field-repair.ts";
import { inventoryTools } from "../tools/inventory/index.ts";
import { type CallContext, humanCall, Kernel, type KernelResult, Registry } from "../tools/kernel/index.ts";
import { publicTools } from "../tools/public/index.ts";
import { repairTools } from "../tools/repair/index.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";

type CallOptions = {
  tenantId?: string;
  mode?: Exclude<Mode, "apply_allowed">;
  channel?: Channel;
  idempotencyKey?: string;
};

export interface RepairOffice extends TestOffice {
  /** Proposes a write as `actorId`, approves it as `approverId` (default: the same person), returns the applied data. */
  apply(actorId: string, tool: string, input: unknown, approverId?: string): Promise<unknown>;
}

export async function makeRepairOffice(): Promise<RepairOffice> {
  const base = await makeOffice();
  await seedFieldRepair(base.store, "demo", base.clock.now);
  const known = new Set(base.kernel.registry.list().map((t) => t.name));
  const extra = [...repairTools, ...inventoryTools, ...publicTools].filter((t) => !known.has(t.name));
  const kernel =
    extra.length === 0
      ? base.kernel
      : new Kernel({
          store: base.store,
          registry: new Registry([...base.kernel.registry.list(), ...extra]),
          clock: () => base.clock.now,
          log: () => undefined,
        });
  const call = async (actorId: string, tool: string, input: unknown, opts: CallOptions = {}): Promise<KernelResult> => {
    const who = await base.actor(opts.tenantId ?? "demo", actorId);
    const ctx: CallContext = humanCall(kernel, who, opts.channel ?? "cli", opts.mode ?? "propose_actions");
    if (opts.idempotencyKey) ctx.idempotencyKey = opts.idempotencyKey;
    return kernel.execute(tool, input, ctx);
  };
  const decide = async (actorId: string, proposalId: string, decision: "approve" | "reject", tenantId = "demo") =>
    kernel.decide(tenantId, proposalId, decision, await base.actor(tenantId, actorId), "cli");
  return {
    ...base,
    kernel,
    call,
    decide,
    async apply(actorId, tool, input, approverId = actorId) {
      const proposed = expectStatus(await call(actorId, tool, input), "proposed");
      return expectStatus(await decide(approverId, proposed.proposal.id, "approve"), "ok").data;
    },
  };
}

/** Opens a no-heat gas furnace call for a tech and returns its job id. */
export async function openNoHeatCall(office: RepairOffice, techId: string): Promise<string> {
  const job = (await office.apply(techId, "repair.start_call", {
    equipment: "Gas furnace, 80% single stage",
    complaint: "No heat since this morning",
  })) as { jobId: string };
  return job.jobId;
}
