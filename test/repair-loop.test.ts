// A whole "no heat" trouble call by voice-to-text through the kernel, ending in a closed, immutable job record;
// a gas smell at any point stops it; repair-vs-replace waits for every stop to be actioned.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectStatus } from "./helpers.ts";
import { makeRepairOffice, openNoHeatCall, type RepairOffice } from "./repair-office.ts";

let office: RepairOffice;
beforeEach(async () => {
  office = await makeRepairOffice();
});
afterEach(() => office.close());

type Job = {
  jobId: string;
  status: string;
  record: {
    diagnosticTrail: Array<{ stepId: string; value: unknown; unit: string }>;
    diagnosis: string | null;
    closedAt: string | null;
    stamps: { techId: string; epaCertNumber: string; credentialsUsed: string[] };
    verify: { reSymptom: string | null };
  };
};

describe("a no-heat call, said the way a tech says it", () => {
  it("goes start_call → next_step / record_reading → diagnosis → close_job, and the closed record refuses every change", async () => {
    const jobId = await openNoHeatCall(office, "tech-2");
    const said = [
      ["walkin_co", "co reads zero ppm on walk in"],
      ["gas_odor", "no gas smell"],
      ["thermostat_call", "twenty four volts at r and w"],
      ["inducer_runs", "yes inducer runs"],
      ["pressure_switch_volts", "zero volts across the switch"],
      ["igniter_ohms", "igniter reads sixty two ohms"],
      ["burner_lights", "yeah burners light"],
      [
        "flame_sensor_microamps",
        "ok so the furnace is short cycling uh flame sensor looks dirty reading point two micro amps",
      ],
    ] as const;
    for (const [stepId, text] of said) {
      const next = expectStatus(
        await office.call("tech-2", "repair.next_step", { jobId, message: "what's next" }),
        "ok",
      );
      expect(next.data).toMatchObject({ kind: "step", step: { stepId } });
      await office.apply("tech-2", "repair.record_reading", { jobId, text });
    }
    const diagnosis = expectStatus(await office.call("tech-2", "repair.diagnose", { jobId }), "ok");
    expect(diagnosis.data).toMatchObject({
      kind: "diagnosis",
      diagnosis: expect.stringContaining("Dirty flame sensor"),
    });

    const closed = (await office.apply("tech-2", "repair.close_job", {
      jobId,
      reSymptom: "Heat restored; three full cycles",
      reading: "2.6 µA",
    })) as Job;
    expect(closed.status).toBe("closed");
    expect(closed.record.closedAt).toBe(office.clock.now.toISOString());
    expect(closed.record.diagnosis).toContain("Dirty flame sensor");
    expect(closed.record.stamps).toMatchObject({ techId: "tech-2", epaCertNumber: "608-DEMO-0002" });
    expect(closed.record.diagnosticTrail.map((t) => t.stepId)).toEqual(said.map(([s]) => s));
    expect(closed.record.diagnosticTrail.at(-1)).toMatchObject({ value: 0.2, unit: "µA" });
    expect(closed.record.diagnosticTrail.find((t) => t.stepId === "thermostat_call")).toMatchObject({
      value: 24,
      unit: "V",
    });

    for (const [tool, input] of [
      ["repair.record_reading", { jobId, text: "reading one point five micro amps", stepId: "flame_sensor_microamps" }],
      ["repair.escalate", { jobId, reason: "second opinion" }],
      ["repair.close_job", { jobId, reSymptom: "again" }],
      ["repair.acknowledge_stop", { jobId, stopId: "readings_unreconciled" }],
    ] as const) {
      const refused = expectStatus(await office.call("tech-2", tool, input), "refused");
      expect(refused.failure.reason).toMatch(/closed/);
    }
  });

  it("another tech cannot touch the call", async () => {
    const jobId = await openNoHeatCall(office, "tech-2");
    expect(expectStatus(await office.call("tech-1", "repair.next_step", { jobId }), "refused").failure.class).toBe(
      "forbidden",
    );
  });

  it("a reading the step cannot show (120 V on a 24 V call) does not reconcile: stop, never a guess", async () => {
    const jobId = await openNoHeatCall(office, "tech-2");
    await office.apply("tech-2", "repair.record_reading", { jobId, stepId: "walkin_co", value: 0, unit: "ppm" });
    await office.apply("tech-2", "repair.record_reading", { jobId, stepId: "gas_odor", value: false, unit: "yes_no" });
    await office.apply("tech-2", "repair.record_reading", { jobId, stepId: "thermostat_call", value: 120, unit: "V" });
    expect(expectStatus(await office.call("tech-2", "repair.diagnose", { jobId }), "stopped").stop.stopId).toBe(
      "readings_unreconciled",
    );
  });
});

describe("'smells like gas in here' at any point", () => {
  it("stops the call, the reading and the opening with the universal stop and the seed's instruction", async () => {
    const jobId = await openNoHeatCall(office, "tech-3");
    const instruction = "Stop, ventilate, shut gas, escalate — no override";
    const nextStep = expectStatus(
      await office.call("tech-3", "repair.next_step", { jobId, message: "smells like gas in here" }),
      "stopped",
    );
    expect(nextStep.stop).toMatchObject({ stopId: "gas_leak", type: "universal", action: instruction });
    expect(nextStep.data).toMatchObject({ kind: "hardstop", route: "escalate" });
    const reading = expectStatus(
      await office.call("tech-3", "repair.record_reading", { jobId, text: "smells like gas in here" }),
      "stopped",
    );
    expect(reading.stop.action).toBe(instruction);
    const opening = expectStatus(
      await office.call("tech-2", "repair.start_call", {
        equipment: "Gas furnace",
        complaint: "no heat and it smells like gas in here",
      }),
      "stopped",
    );
    expect(opening.stop.stopId).toBe("gas_leak");

    // Repair-vs-replace waits until the stop is actioned; escalation actions it and keeps the trail.
    const blocked = expectStatus(
      await office.call("tech-3", "repair.repair_vs_replace", {
        jobId,
        equipmentAgeYears: 19,
        repairEstimateDollars: 400,
      }),
      "refused",
    );
    expect(blocked.failure.class).toBe("gate_required");
    const escalated = (await office.apply("tech-3", "repair.escalate", {
      jobId,
      reason: "Gas odor in the utility room; gas shut off, utility called",
      stopId: "gas_leak",
    })) as { status: string; record: { escalation: { preservedTrail: unknown[] } } };
    expect(escalated.status).toBe("escalated");
    expect(escalated.record.escalation.preservedTrail).toEqual([]);
    const advice = expectStatus(
      await office.call("tech-3", "repair.repair_vs_replace", {
        jobId,
        equipmentAgeYears: 19,
        repairEstimateDollars: 400,
      }),
      "ok",
    );
    expect(advice.data).toMatchObject({
      advice: "discuss_replacement",
      lacks: [expect.stringContaining("sales survey")],
    });
  });
});

describe("repair.screen", () => {
  it("gives the same answer as the CLI screen", async () => {
    const result = expectStatus(
      await office.call("sales-1", "repair.screen", { text: "co alarm was unplugged battery, reads zero now" }),
      "ok",
    );
    expect(result.data).toMatchObject({ stops: [], confirm: [expect.stringContaining("CO alarm")] });
  });
});
