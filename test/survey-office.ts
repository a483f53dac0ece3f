// Test office for the sales pack tests: the demo office plus the survey and pricing tools (when the lead has not yet
// added them to tools/index.ts), the demo price book and the sample survey and proposal.
import { seedPriceBook, seedSalesSamples } from "../fixtures/price-book.ts";
import type { Channel } from "../contracts/index.ts";
import { pricingTools } from "../tools/pricing/index.ts";
import { surveyTools } from "../tools/survey/index.ts";
import { type CallContext, humanCall, Kernel, type KernelResult, Registry } from "../tools/kernel/index.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

export interface SalesOffice extends TestOffice {
  /** The kernel with the sales tools registered (the office's own kernel once tools/index.ts lists them). */
  sales: Kernel;
}

export async function makeSalesOffice(): Promise<SalesOffice> {
  const office = await makeOffice();
  await seedPriceBook(office.store, "demo", office.clock.now);
  await seedSalesSamples(office.store, "demo", office.clock.now);
  const registered = office.kernel.registry.get("survey.size_home") !== undefined;
  const sales = registered
    ? office.kernel
    : new Kernel({
        store: office.store,
        registry: new Registry([...office.kernel.registry.list(), ...surveyTools, ...pricingTools]),
        clock: () => office.clock.now,
      });
  return {
    ...office,
    sales,
    async call(actorId, tool, input, opts = {}) {
      const who = await office.actor(opts.tenantId ?? "demo", actorId);
      const ctx: CallContext = humanCall(sales, who, opts.channel ?? "cli", opts.mode ?? "propose_actions");
      if (opts.idempotencyKey) ctx.idempotencyKey = opts.idempotencyKey;
      return sales.execute(tool, input, ctx);
    },
    async decide(actorId, proposalId, decision, tenantId = "demo") {
      return sales.decide(tenantId, proposalId, decision, await office.actor(tenantId, actorId), "cli");
    },
  };
}

/** Calls a write tool as a person and, when it becomes a proposal, has `approver` approve it; returns the applied data. */
export async function proposeAndApply(
  office: SalesOffice,
  actorId: string,
  tool: string,
  input: unknown,
  approver: string = actorId,
  channel: Channel = "cli",
): Promise<KernelResult> {
  const proposed = await office.call(actorId, tool, input, { channel });
  if (proposed.status !== "proposed") return proposed;
  return office.decide(approver, proposed.proposal.id, "approve");
}
