// repair.next_step / repair.diagnose with Claude proposing (recorded Anthropic responses, through kernel.execute):
// whatever the model says, the app decides — gates against the tech, the hazard screen first, stops never lifted.
import { afterEach, describe, expect, it } from "vitest";
import { decideTurn } from "../tools/repair/turn.ts";
import { expectStatus, type TestOffice } from "./helpers.ts";
import { makeAdvisedOffice, recordedAdvisor, textReply } from "./claude-advisor-office.ts";

let office: TestOffice | undefined;
afterEach(() => office?.close());

async function open(replies: Parameters<typeof recordedAdvisor>[0]) {
  const recorded = recordedAdvisor(replies);
  office = await makeAdvisedOffice(recorded.advisor);
  return { office, ...recorded };
}

/** Opens a no-heat gas furnace call for a tech (tech-1 novice, no gates; tech-3 master, every gate + override). */
async function openNoHeatCall(o: TestOffice, techId: string): Promise<string> {
  const proposed = expectStatus(
    await o.call(techId, "repair.start_call", {
      equipment: "Gas furnace, 80% single stage",
      complaint: "No heat since this morning",
    }),
    "proposed",
  );
  const applied = expectStatus(await o.decide(techId, proposed.proposal.id, "approve"), "ok");
  return (applied.data as { jobId: string }).jobId;
}

const MEASURE_STEP = {
  proposal: {
    kind: "step",
    step: {
      stepId: "flame_sensor_ua",
      title: "Measure flame sensor current",
      how: "Put the meter in series with the flame sensor lead on DC microamps and call for heat.",
      expects: { type: "reading", unit: "µA" },
      inlineCaution: "Keep hands clear of the burner.",
      kind: "measurement",
    },
  },
  confidence: 0.86,
};

const GAS_VALVE_STEP = {
  proposal: {
    kind: "step",
    step: {
      stepId: "replace_gas_valve",
      title: "Replace the combination gas valve",
      how: "Shut the gas, swap the valve, leak-test every joint.",
      expects: { type: "observation", unit: "yes_no" },
      requiresGate: ["G1"],
      kind: "repair",
    },
  },
  confidence: 0.9,
};

describe("repair.next_step with Claude proposing", () => {
  it("a valid measurement step for a master tech comes back as the model's step", async () => {
    const { office: o, requests, advisor } = await open([textReply(JSON.stringify(MEASURE_STEP))]);
    const jobId = await openNoHeatCall(o, "tech-3");
    const result = expectStatus(
      await o.call("tech-3", "repair.next_step", {
        jobId,
        message: "furnace lights then drops out after a few seconds",
      }),
      "ok",
    );
    expect(result.data).toMatchObject({ kind: "step", source: "model", step: MEASURE_STEP.proposal.step });
    expect((result.data as { note?: string }).note).toBeUndefined();

    // The diagnose contract went out once, with the tech's credentials but no names, cert numbers or customer.
    expect(requests).toHaveLength(1);
    const sent = JSON.stringify(requests[0]);
    expect(sent).toContain("drops out after a few seconds");
    expect(sent).toContain('\\"conditionalOverride\\":true');
    expect(sent).not.toMatch(/608-|epaCertNumber|customerId/);
    expect(advisor.stats()).toMatchObject({ calls: 1, succeeded: 1, byTask: { "repair.diagnose": { calls: 1 } } });
  });

  it("a gas valve swap for a master tech (who holds G1) is allowed", async () => {
    const { office: o } = await open([textReply(JSON.stringify(GAS_VALVE_STEP))]);
    const jobId = await openNoHeatCall(o, "tech-3");
    const result = expectStatus(
      await o.call("tech-3", "repair.next_step", { jobId, message: "valve is stuck shut" }),
      "ok",
    );
    expect(result.data).toMatchObject({ kind: "step", source: "model", step: { stepId: "replace_gas_valve" } });
  });

  it("a step needing a gate the novice lacks is blocked and routed to escalation, trail kept", async () => {
    const { office: o } = await open([textReply(JSON.stringify(GAS_VALVE_STEP))]);
    const jobId = await openNoHeatCall(o, "tech-1");
    const refused = expectStatus(
      await o.call("tech-1", "repair.next_step", { jobId, message: "valve is stuck shut" }),
      "refused",
    );
    expect(refused.failure.class).toBe("gate_required");
    expect(refused.failure.reason).toMatch(/needs gate .*G1.*escalate/);
    expect(refused.failure.details).toMatchObject({ route: "escalate", source: "model", jobId });
    expect((refused.failure.details as { missing: string[] }).missing).toContain("G1");

    const escalated = expectStatus(
      await o.call("tech-1", "repair.escalate", { jobId, reason: "Gas valve swap needs G1" }),
      "proposed",
    );
    expect(escalated.proposal.tool).toBe("repair.escalate");
  });

  it("a gas-odor message is a universal stop before any model sees it, whatever the model would say", async () => {
    const { office: o, requests } = await open([textReply(JSON.stringify(MEASURE_STEP))]);
    const jobId = await openNoHeatCall(o, "tech-3");
    const stopped = expectStatus(
      await o.call("tech-3", "repair.next_step", { jobId, message: "uh it smells like gas in the utility room" }),
      "stopped",
    );
    expect(stopped.stop).toMatchObject({ stopId: "gas_leak", type: "universal", clearedBy: { gates: [] } });
    expect(requests).toHaveLength(0);

    // And had a model labelled that message a plain step, the screen after it still stops the turn.
    const verdict = decideTurn({
      callType: "no_heat_gas_furnace",
      trail: [],
      tech: {
        techId: "tech-3",
        name: "t",
        level: "master",
        epaType: "Universal",
        epaCertNumber: "x",
        gates: ["G1", "G2"],
        credentialNumbers: {},
        conditionalOverride: true,
      },
      acknowledgedStopIds: [],
      message: "uh it smells like gas in the utility room",
      model: { proposal: MEASURE_STEP.proposal as never, confidence: 0.99 },
    });
    expect(verdict).toMatchObject({ outcome: "stop", primary: { stopId: "gas_leak", type: "universal" } });
  });

  it("a model cannot relabel a stop: a gas leak it calls conditional stays universal with no override", async () => {
    const relabelled = {
      proposal: {
        kind: "hardstop",
        hardstop: {
          stopId: "gas_leak",
          type: "conditional",
          message: "Faint odor, probably fine.",
          action: "Proceed with care.",
          clearedBy: { gates: ["G1"] },
        },
      },
      confidence: 0.95,
    };
    const { office: o } = await open([textReply(JSON.stringify(relabelled))]);
    const jobId = await openNoHeatCall(o, "tech-3");
    const stopped = expectStatus(
      await o.call("tech-3", "repair.next_step", { jobId, message: "inducer runs, no ignition" }),
      "stopped",
    );
    expect(stopped.stop).toMatchObject({ stopId: "gas_leak", type: "universal", clearedBy: { gates: [] } });
    expect(stopped.stop.action).toMatch(/no override/);
  });

  it("low model confidence stops and escalates instead of guessing", async () => {
    const { office: o } = await open([textReply(JSON.stringify({ ...MEASURE_STEP, confidence: 0.3 }))]);
    const jobId = await openNoHeatCall(o, "tech-3");
    const stopped = expectStatus(
      await o.call("tech-3", "repair.next_step", { jobId, message: "weird noises" }),
      "stopped",
    );
    expect(stopped.stop.stopId).toBe("readings_unreconciled");
  });

  it("garbage from Claude: the offline decision tree answers, with a note, and the fallback is counted", async () => {
    const { office: o } = await open([
      textReply("Hmm, could be a lot of things! Maybe the flame sensor? {not json"),
      textReply(JSON.stringify({ proposal: { kind: "step", step: { title: "no id" } }, confidence: 2 })),
    ]);
    const jobId = await openNoHeatCall(o, "tech-1");
    const first = expectStatus(await o.call("tech-1", "repair.next_step", { jobId, message: "no heat at all" }), "ok");
    expect(first.data).toMatchObject({ kind: "step", source: "decision_tree" });
    expect((first.data as { note: string }).note).toMatch(
      /Claude could not be used .*not JSON.*decision tree answered/,
    );

    const second = expectStatus(await o.call("tech-1", "repair.diagnose", { jobId }), "ok");
    expect(second.data).toMatchObject({ source: "decision_tree" });
    expect((second.data as { note: string }).note).toMatch(/did not match what was asked/);
    expect(o.kernel.advisor?.stats()).toMatchObject({ calls: 2, succeeded: 0, fallbacks: 2 });
  });

  it("offline (no advisor) the decision tree proposes exactly as before", async () => {
    office = await makeAdvisedOffice(null);
    const jobId = await openNoHeatCall(office, "tech-1");
    const result = expectStatus(await office.call("tech-1", "repair.next_step", { jobId, message: "no heat" }), "ok");
    expect(result.data).toMatchObject({ kind: "step", source: "decision_tree" });
    expect((result.data as { note?: string }).note).toBeUndefined();
  });

  it("advice passed with the call is used as given: Claude is not asked", async () => {
    const { office: o, requests } = await open([textReply(JSON.stringify(GAS_VALVE_STEP))]);
    const jobId = await openNoHeatCall(o, "tech-3");
    const result = expectStatus(
      await o.call("tech-3", "repair.next_step", {
        jobId,
        model: { confidence: 0.9, proposal: MEASURE_STEP.proposal },
      }),
      "ok",
    );
    expect(result.data).toMatchObject({ source: "model", step: { stepId: "flame_sensor_ua" } });
    expect(requests).toHaveLength(0);
  });
});
