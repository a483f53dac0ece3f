// Job record tests (Field Engineer §07): trail, stamps, acknowledgments, escalation; a closed record never changes.
import { describe, expect, it } from "vitest";
import type { TechProfile } from "./gates.ts";
import { buildStop } from "./hazards.ts";
import {
  appendTrailEntry,
  buildEscalation,
  closeJobRecord,
  createJobRecord,
  escalateJob,
  isClosed,
  type JobRecord,
  type RecordChange,
  recordCredentialsUsed,
  recordDiagnosis,
  refusalIfClosed,
  stampAcknowledgment,
} from "./job-record.ts";

const AT = "2026-01-12T15:04:00.000Z";
const LATER = "2026-01-12T15:20:00.000Z";

function tech(extra: Partial<TechProfile> = {}): TechProfile {
  return {
    techId: "T-1042",
    name: "Johnny R.",
    level: "senior",
    epaType: "II",
    epaCertNumber: "608-XXXXX",
    gates: ["G2"],
    credentialNumbers: {},
    conditionalOverride: true,
    ...extra,
  };
}

function ok(change: RecordChange): JobRecord {
  if (!change.ok) throw new Error(change.reason);
  return change.record;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const open = () =>
  createJobRecord({ jobId: "J-1", tech: tech(), equipment: "Carrier 59SC5 furnace", complaint: "no heat", at: AT });

describe("job record", () => {
  it("a new call starts open, with the tech's EPA number stamped and an empty trail", () => {
    const record = open();
    expect(isClosed(record)).toBe(false);
    expect(record.stamps).toEqual({
      techId: "T-1042",
      epaCertNumber: "608-XXXXX",
      credentialsUsed: [],
      acknowledgments: [],
    });
    expect(record.timestamp).toBe(AT);
  });

  it("a reading is appended to the trail with its time, and the original is untouched", () => {
    const record = deepFreeze(open());
    const next = ok(appendTrailEntry(record, { stepId: "flame_sensor_microamps", value: 0.2, unit: "µA" }, LATER));
    expect(next.diagnosticTrail).toEqual([{ stepId: "flame_sensor_microamps", value: 0.2, unit: "µA", time: LATER }]);
    expect(record.diagnosticTrail).toEqual([]);
  });

  it("a conditional stop acknowledged by a G2 tech with the override is stamped with tech, stop and time", () => {
    const next = ok(stampAcknowledgment(open(), buildStop("cracked_heat_exchanger", "crack"), tech(), LATER));
    expect(next.stamps.acknowledgments).toEqual([{ techId: "T-1042", stopId: "cracked_heat_exchanger", at: LATER }]);
    expect(next.stamps.credentialsUsed).toEqual(["G2"]);
  });

  const refusals = [
    { name: "a universal stop cannot be acknowledged past", stop: buildStop("gas_leak", "gas smell"), who: tech() },
    {
      name: "a tech without the override cannot acknowledge a cracked heat exchanger",
      stop: buildStop("cracked_heat_exchanger", "crack"),
      who: tech({ conditionalOverride: false }),
    },
    {
      name: "a tech without G2 cannot acknowledge a cracked heat exchanger",
      stop: buildStop("cracked_heat_exchanger", "crack"),
      who: tech({ gates: [] }),
    },
  ];
  it.each(refusals)("$name", ({ stop, who }) => {
    const change = stampAcknowledgment(open(), stop, who, LATER);
    expect(change.ok).toBe(false);
  });

  it("an escalation preserves the trail and names the step it stopped at", () => {
    let record = ok(appendTrailEntry(open(), { stepId: "walkin_co", value: 0, unit: "ppm" }, AT));
    record = ok(appendTrailEntry(record, { stepId: "thermostat_call", value: 24, unit: "V" }, LATER));
    const escalated = ok(escalateJob(record, "Gas valve replacement needs G1"));
    expect(escalated.escalation?.atStep).toBe("thermostat_call");
    expect(escalated.escalation?.preservedTrail).toEqual(record.diagnosticTrail);
    expect(escalated.diagnosticTrail).toEqual(record.diagnosticTrail);
    expect(buildEscalation("x", [], "walkin_co")).toEqual({ reason: "x", atStep: "walkin_co", preservedTrail: [] });
  });

  it("a closed record refuses every change with a reason", () => {
    const closed = ok(closeJobRecord(open(), { reSymptom: "heat restored", reading: "2.4 µA" }, LATER));
    expect(isClosed(closed)).toBe(true);
    expect(refusalIfClosed(closed)).toContain("closed");
    const attempts: RecordChange[] = [
      appendTrailEntry(closed, { stepId: "x", value: 1, unit: "V" }, LATER),
      stampAcknowledgment(closed, buildStop("cracked_heat_exchanger", "crack"), tech(), LATER),
      escalateJob(closed, "late"),
      recordCredentialsUsed(closed, ["G1"]),
      recordDiagnosis(closed, "other", false),
      closeJobRecord(closed, { reSymptom: null, reading: null }, LATER),
    ];
    for (const attempt of attempts) {
      expect(attempt.ok).toBe(false);
      if (!attempt.ok) expect(attempt.reason).toContain("closed");
    }
  });

  it("the repair's gates are stamped once each", () => {
    const record = ok(recordCredentialsUsed(open(), ["G1", "G2", "G1"]));
    expect(record.stamps.credentialsUsed).toEqual(["G1", "G2"]);
  });
});
