// Agent benchmarks (issue: the agent): offline-model turn latency, and the loop's overhead over calling the same
// tool through the kernel directly. No network anywhere.
import { createAgent } from "../agent/index.ts";
import { openOffice } from "../server/office.ts";
import { getActor } from "../store/repos/tenants.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { fmt, ratioOf, timeCalls } from "./measure.ts";

export async function benchAgent(log: (line: string) => void) {
  const office = await openOffice({ path: ":memory:" });
  try {
    const agent = createAgent({ store: office.store, kernel: office.kernel, primary: null });
    const founder = (await getActor(office.store.db, "demo", "founder"))!;
    let n = 0;
    const session = async () =>
      agent.openSession({
        tenantId: "demo",
        actorId: "founder",
        channel: "cli",
        mode: "propose_actions",
        threadRef: `b${n++}`,
      });
    const s = await session();
    const turn = await timeCalls(() => agent.runTurn(s, "uh what does today look like"), 300, 30);
    log(
      `offline turn ("what does today look like" → dashboard): p50 ${fmt(turn.p50Us / 1000)} ms, p99 ${fmt(turn.p99Us / 1000)} ms`,
    );
    const loop = await ratioOf(
      () => office.kernel.execute("crm.dashboard", {}, humanCall(office.kernel, founder, "cli")),
      () => agent.runTurn(s, "show me the dashboard"),
      { rounds: 5, perRound: 40 },
    );
    log(
      `agent loop over the same kernel call: ${fmt(loop.ratio)}x (${fmt(loop.subjectUs / 1000)} ms vs ${fmt(loop.baselineUs / 1000)} ms)`,
    );
    return { turnP50Ms: turn.p50Us / 1000, turnP99Ms: turn.p99Us / 1000, loopRatio: loop.ratio };
  } finally {
    office.close();
  }
}
