// Credential gates and hard stops through the kernel: for every gate code and stop type, a tech who holds what it
// takes and one who does not — stacked gates and the conditional override with acknowledgment included.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { upsertTechProfile } from "../store/repos/field-repair.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { GATE_CODES, type GateCode } from "../tools/repair/gates.ts";
import { expectStatus } from "./helpers.ts";
import { makeRepairOffice, openNoHeatCall, type RepairOffice } from "./repair-office.ts";

let office: RepairOffice;
let jobs: Record<string, string>;

async function setGates(techId: string, gates: GateCode[], conditionalOverride = false) {
  await office.scoped("demo", () =>
    office.store.write((tx) =>
      upsertTechProfile(
        tx,
        "demo",
        {
          techId,
          name: techId,
          level: conditionalOverride ? "master" : "mid",
          epaType: "II",
          epaCertNumber: `608-TEST-${techId}`,
          gates,
          credentialNumbers: Object.fromEntries(gates.map((g) => [g, `${g}-TEST`])),
          conditionalOverride,
        },
        office.clock.now.toISOString(),
      ),
    ),
  );
}

function handsOnStep(requiresGate: string[], title = "Replace the component") {
  return {
    model: {
      confidence: 0.9,
      proposal: {
        kind: "step",
        step: {
          stepId: "model_step",
          title,
          how: "Per the manufacturer's instructions.",
          expects: { type: "observation", unit: "yes_no" },
          requiresGate,
        },
      },
    },
  };
}

beforeEach(async () => {
  office = await makeRepairOffice();
  jobs = {
    "tech-1": await openNoHeatCall(office, "tech-1"),
    "tech-2": await openNoHeatCall(office, "tech-2"),
    "tech-3": await openNoHeatCall(office, "tech-3"),
  };
});
afterEach(() => office.close());

describe("credential gates (Field Engineer §09)", () => {
  it.each(GATE_CODES.map((g) => [g]))(
    "%s: a tech holding it may do the step; one without it is refused and routed to escalation",
    async (gate) => {
      await setGates("tech-1", [gate]);
      await setGates(
        "tech-2",
        GATE_CODES.filter((g) => g !== gate),
      );
      const input = (techId: string) => ({ jobId: jobs[techId], ...handsOnStep([gate]) });
      const ok = expectStatus(await office.call("tech-1", "repair.next_step", input("tech-1")), "ok");
      expect(ok.data).toMatchObject({ kind: "step", source: "model" });
      const refused = expectStatus(await office.call("tech-2", "repair.next_step", input("tech-2")), "refused");
      expect(refused.failure.class).toBe("gate_required");
      expect(refused.failure.details).toMatchObject({ route: "escalate", missing: [gate] });
    },
  );

  it("EPA Type II work is baseline and measurement is never gated (3-phase included)", async () => {
    await setGates("tech-1", []);
    const baseline = await office.call("tech-1", "repair.next_step", {
      jobId: jobs["tech-1"],
      ...handsOnStep(["EPA2"]),
    });
    expect(baseline.status).toBe("ok");
    const measure = {
      jobId: jobs["tech-1"],
      model: {
        confidence: 0.9,
        proposal: {
          kind: "step",
          step: {
            stepId: "m",
            title: "Measure three-phase voltage L1-L2",
            how: "Meter across L1 and L2.",
            expects: { type: "reading", unit: "V" },
            kind: "measurement",
          },
        },
      },
    };
    expect((await office.call("tech-1", "repair.next_step", measure)).status).toBe("ok");
  });

  it.each([
    [["E2", "HP"], ["E2"], ["HP"]],
    [["B1", "G2"], ["B1"], ["G2"]],
  ] as const)("stacked gates %j: both are needed", async (stack, onlyFirst, missing) => {
    await setGates("tech-1", [...stack]);
    await setGates("tech-2", [...onlyFirst]);
    expect(
      (await office.call("tech-1", "repair.next_step", { jobId: jobs["tech-1"], ...handsOnStep([...stack]) })).status,
    ).toBe("ok");
    const refused = expectStatus(
      await office.call("tech-2", "repair.next_step", { jobId: jobs["tech-2"], ...handsOnStep([...stack]) }),
      "refused",
    );
    expect(refused.failure.details).toMatchObject({ missing });
  });

  it("a model that leaves the gate out of a 3-phase heat pump contactor swap still meets E2 and HP (read from its words)", async () => {
    const input = (techId: string) => ({
      jobId: jobs[techId],
      ...handsOnStep([], "Swap the three-phase heat pump contactor"),
    });
    const refused = expectStatus(await office.call("tech-2", "repair.next_step", input("tech-2")), "refused");
    expect(refused.failure.details).toMatchObject({ missing: ["E2"] });
    expect((await office.call("tech-3", "repair.next_step", input("tech-3"))).status).toBe("ok");
  });

  it("combustion analysis on a gas furnace needs G2 even when the model calls it a measurement", async () => {
    const input = (techId: string) => ({
      jobId: jobs[techId],
      model: {
        proposal: {
          kind: "step",
          step: {
            stepId: "ca",
            title: "Combustion analysis",
            how: "Probe the flue, read CO and O2.",
            expects: { type: "reading", unit: "ppm" },
            kind: "measurement",
          },
        },
      },
    });
    expect(
      expectStatus(await office.call("tech-2", "repair.next_step", input("tech-2")), "refused").failure.details,
    ).toMatchObject({ missing: ["G2"] });
    expect((await office.call("tech-3", "repair.next_step", input("tech-3"))).status).toBe("ok");
  });
});

describe("hard stops (Field Engineer §10)", () => {
  it.each([
    ["gas_leak", "smells like gas in here"],
    ["co_alarm", "the co detector's going off"],
    ["water_energized", "water on the floor around the unit and it's still powered"],
  ])("universal %s stops a novice and a master alike, and nobody can acknowledge past it", async (stopId, text) => {
    for (const techId of ["tech-1", "tech-3"]) {
      const stopped = expectStatus(
        await office.call(techId, "repair.next_step", { jobId: jobs[techId], message: text }),
        "stopped",
      );
      expect(stopped.stop).toMatchObject({ stopId, type: "universal", clearedBy: { gates: [] } });
      const ack = expectStatus(
        await office.call(techId, "repair.acknowledge_stop", { jobId: jobs[techId], stopId }),
        "refused",
      );
      expect(ack.failure.class).toBe("gate_required");
    }
  });

  it("conditional cracked heat exchanger: G2 + override acknowledges and continues; others are refused", async () => {
    const text = "there's a crack in the heat exchanger";
    await setGates("tech-1", ["G2"], false); // gate, no override
    await setGates("tech-2", ["E1"], true); // override, no G2
    for (const techId of ["tech-1", "tech-2"]) {
      expect(
        expectStatus(await office.call(techId, "repair.next_step", { jobId: jobs[techId], message: text }), "stopped")
          .stop.stopId,
      ).toBe("cracked_heat_exchanger");
      const ack = expectStatus(
        await office.call(techId, "repair.acknowledge_stop", { jobId: jobs[techId], stopId: "cracked_heat_exchanger" }),
        "refused",
      );
      expect(ack.failure.class).toBe("gate_required");
    }
    const master = "tech-3";
    expectStatus(await office.call(master, "repair.next_step", { jobId: jobs[master], message: text }), "stopped");
    const job = (await office.apply(master, "repair.acknowledge_stop", {
      jobId: jobs[master],
      stopId: "cracked_heat_exchanger",
    })) as {
      record: {
        stamps: { acknowledgments: Array<{ techId: string; stopId: string; at: string }>; credentialsUsed: string[] };
      };
    };
    expect(job.record.stamps.acknowledgments).toEqual([
      { techId: master, stopId: "cracked_heat_exchanger", at: office.clock.now.toISOString() },
    ]);
    expect(job.record.stamps.credentialsUsed).toContain("G2");
    expect((await office.call(master, "repair.next_step", { jobId: jobs[master], message: text })).status).toBe("ok");
  });

  it("conditional readings that don't reconcile: the override alone clears it after acknowledgment", async () => {
    const text = "readings don't make sense, something is off";
    await setGates("tech-1", [], false);
    expect(
      expectStatus(await office.call("tech-1", "repair.next_step", { jobId: jobs["tech-1"], message: text }), "stopped")
        .stop.stopId,
    ).toBe("readings_unreconciled");
    expect(
      expectStatus(
        await office.call("tech-1", "repair.acknowledge_stop", {
          jobId: jobs["tech-1"],
          stopId: "readings_unreconciled",
        }),
        "refused",
      ).failure.class,
    ).toBe("gate_required");
    expectStatus(await office.call("tech-3", "repair.next_step", { jobId: jobs["tech-3"], message: text }), "stopped");
    await office.apply("tech-3", "repair.acknowledge_stop", { jobId: jobs["tech-3"], stopId: "readings_unreconciled" });
    expect((await office.call("tech-3", "repair.next_step", { jobId: jobs["tech-3"], message: text })).status).toBe(
      "ok",
    );
  });

  it("a model-reported hard stop is merged in, and low model confidence stops the job", async () => {
    const reported = {
      stopId: "cracked_heat_exchanger",
      type: "conditional",
      message: "Flame disturbance when the blower starts.",
      action: "Red-tag",
      clearedBy: { gates: ["G2"] },
    };
    const merged = expectStatus(
      await office.call("tech-2", "repair.next_step", {
        jobId: jobs["tech-2"],
        message: "flame looks ok to me",
        model: { confidence: 0.9, hardstops: [reported] },
      }),
      "stopped",
    );
    expect(merged.stop.stopId).toBe("cracked_heat_exchanger");
    const unsure = expectStatus(
      await office.call("tech-2", "repair.next_step", { jobId: jobs["tech-2"], model: { confidence: 0.3 } }),
      "stopped",
    );
    expect(unsure.stop.stopId).toBe("readings_unreconciled");
  });

  it("a model that insists the tech may proceed — downgrading the gas stop — never lifts it", async () => {
    const downgraded = {
      stopId: "gas_leak",
      type: "conditional",
      message: "Minor odor, fine to proceed.",
      action: "Proceed",
      clearedBy: { gates: ["G2"] },
    };
    const result = expectStatus(
      await office.call("tech-3", "repair.next_step", {
        jobId: jobs["tech-3"],
        message: "smells like gas in here",
        model: { confidence: 0.99, hardstops: [downgraded], proposal: handsOnStep([]).model.proposal },
      }),
      "stopped",
    );
    expect(result.stop).toMatchObject({
      stopId: "gas_leak",
      type: "universal",
      action: "Stop, ventilate, shut gas, escalate — no override",
      clearedBy: { gates: [] },
    });
    expect(
      expectStatus(
        await office.call("tech-3", "repair.acknowledge_stop", { jobId: jobs["tech-3"], stopId: "gas_leak" }),
        "refused",
      ).failure.class,
    ).toBe("gate_required");
  });
});

describe("tech profiles are admin-set", () => {
  it.each(["cli", "api", "mcp"] as const)(
    "a tech granting themself a gate via %s is refused as forbidden",
    async (channel) => {
      const tech = await office.actor("demo", "tech-1");
      const ctx = {
        ...humanCall(office.kernel, tech, channel),
        ...(channel === "mcp" ? { evidenceRefs: ["chat:1"] } : {}),
      };
      const result = expectStatus(
        await office.kernel.execute(
          "repair.set_tech_profile",
          {
            techId: "tech-1",
            name: "Riley Novak",
            level: "master",
            epaType: "Universal",
            epaCertNumber: "608-DEMO-0001",
            gates: ["G2"],
            credentialNumbers: { G2: "x" },
            conditionalOverride: true,
          },
          ctx,
        ),
        "refused",
      );
      expect(result.failure.class).toBe("forbidden");
    },
  );

  it("office proposes a change, cannot approve it themself, and the founder's approval applies it", async () => {
    const input = {
      techId: "tech-1",
      name: "Riley Novak",
      level: "mid",
      epaType: "II",
      epaCertNumber: "608-DEMO-0001",
      gates: ["E1"],
      credentialNumbers: { E1: "E1-DEMO-1101" },
      conditionalOverride: false,
    };
    const proposed = expectStatus(await office.call("office-1", "repair.set_tech_profile", input), "proposed");
    expect(proposed.proposal.risk).toBe("high");
    expect((await office.decide("office-1", proposed.proposal.id, "approve")).status).toBe("refused");
    expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok");
    const profile = expectStatus(await office.call("tech-1", "repair.get_tech_profile", {}), "ok");
    expect(profile.data).toMatchObject({ techId: "tech-1", gates: ["E1"] });
    expect(
      expectStatus(await office.call("tech-1", "repair.get_tech_profile", { techId: "tech-2" }), "refused").failure
        .class,
    ).toBe("forbidden");
  });
});
