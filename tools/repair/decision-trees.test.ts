// Offline diagnostic tree tests (Field Engineer §06 diagnose shapes, §09 gates, §10 stops).
import { describe, expect, it } from "vitest";
import { GATE_CODES, type TechProfile } from "./gates.ts";
import {
  CALL_TYPES,
  type CallType,
  classifyCall,
  DECISION_TREES,
  describeTree,
  nextDiagnosticStep,
  type TrailEntry,
  treeTargets,
} from "./decision-trees.ts";

const t = (stepId: string, value: number | string | boolean, unit: string): TrailEntry => ({ stepId, value, unit });

const furnaceToFlame: TrailEntry[] = [
  t("walkin_co", 0, "ppm"),
  t("gas_odor", "no", "yes_no"),
  t("thermostat_call", 24.6, "V"),
  t("inducer_runs", true, ""),
  t("pressure_switch_volts", 0, "V"),
  t("igniter_ohms", 45, "ohms"),
  t("burner_lights", "yes", "yes_no"),
];

function tech(extra: Partial<TechProfile> = {}): TechProfile {
  return {
    techId: "T-2001",
    name: "Maria S.",
    level: "senior",
    epaType: "II",
    epaCertNumber: "608-YYYYY",
    gates: ["G2"],
    credentialNumbers: {},
    conditionalOverride: true,
    ...extra,
  };
}

describe("tree structure", () => {
  it.each(CALL_TYPES)("%s: every branch points to a step or diagnosis that exists", (callType) => {
    const { stepIds, diagnosisIds, start } = describeTree(callType);
    expect(stepIds).toContain(start);
    for (const { from, to } of treeTargets(callType)) {
      if ("step" in to) expect(stepIds, `${from} → ${to.step}`).toContain(to.step);
      if ("diagnosis" in to) expect(diagnosisIds, `${from} → ${to.diagnosis}`).toContain(to.diagnosis);
    }
  });

  it.each(CALL_TYPES)("%s: every repair names only real gates (or the EPA2 baseline)", (callType) => {
    const known: string[] = [...GATE_CODES, "EPA2"];
    for (const node of Object.values(DECISION_TREES[callType].diagnoses)) {
      for (const gate of node.repair.requiresGate ?? []) expect(known).toContain(gate);
      expect(node.repair.steps.length).toBeGreaterThan(0);
    }
  });
});

describe("no heat, gas furnace", () => {
  it("starts with the walk-in CO check", () => {
    const result = nextDiagnosticStep("no_heat_gas_furnace", []);
    expect(result).toMatchObject({
      kind: "step",
      step: { stepId: "walkin_co", expects: { type: "reading", unit: "ppm" } },
    });
  });

  it("asks for flame sensor microamps once the burners light", () => {
    expect(nextDiagnosticStep("no_heat_gas_furnace", furnaceToFlame)).toMatchObject({
      kind: "step",
      step: { stepId: "flame_sensor_microamps", expects: { unit: "µA" } },
    });
  });

  const flame: Array<[number, string]> = [
    [0.2, "Dirty flame sensor"],
    [0.7, "Weak flame signal"],
    [2.5, "Flame signal good"],
  ];
  it.each(flame)("a flame signal of %s µA → %s", (microamps, diagnosis) => {
    const result = nextDiagnosticStep("no_heat_gas_furnace", [
      ...furnaceToFlame,
      t("flame_sensor_microamps", microamps, "uA"),
    ]);
    expect(result.kind).toBe("diagnosis");
    if (result.kind === "diagnosis") {
      expect(result.diagnosis).toContain(diagnosis);
      expect(result.repair.requiresGate).toBeUndefined();
    }
  });

  it("a gas valve that will not open with 24 V is G1 work", () => {
    const trail = [
      ...furnaceToFlame.slice(0, 6),
      t("burner_lights", "no", "yes_no"),
      t("gas_inlet_pressure", 7, "in wc"),
      t("gas_valve_volts", 24, "V"),
      t("manifold_pressure", 0, "in_wc"),
    ];
    expect(nextDiagnosticStep("no_heat_gas_furnace", trail)).toMatchObject({
      kind: "diagnosis",
      repair: { requiresGate: ["G1"] },
    });
  });

  it("an open igniter read as OL is diagnosed, not treated as nonsense", () => {
    const trail = [...furnaceToFlame.slice(0, 5), t("igniter_ohms", "OL", "Ω")];
    expect(nextDiagnosticStep("no_heat_gas_furnace", trail)).toMatchObject({
      kind: "diagnosis",
      diagnosis: "Open hot surface igniter.",
    });
  });

  it("CO at 35 ppm on walk-in is a universal stop", () => {
    expect(nextDiagnosticStep("no_heat_gas_furnace", [t("walkin_co", 35, "ppm")])).toMatchObject({
      kind: "hardstop",
      hardstop: { stopId: "co_alarm", type: "universal" },
    });
  });

  it("a gas odor at the walk-in is a universal stop that no override passes", () => {
    const result = nextDiagnosticStep(
      "no_heat_gas_furnace",
      [t("walkin_co", 0, "ppm"), t("gas_odor", "yes", "yes_no")],
      {
        tech: tech({ gates: [...GATE_CODES], level: "master" }),
        acknowledgedStopIds: ["gas_leak"],
      },
    );
    expect(result).toMatchObject({ kind: "hardstop", hardstop: { stopId: "gas_leak", type: "universal" } });
  });
});

describe("readings that don't reconcile stop the job rather than guess", () => {
  const base = [t("walkin_co", 0, "ppm"), t("gas_odor", false, "yes_no")];
  const cases: Array<{ name: string; entry: TrailEntry }> = [
    { name: "a pressure where a voltage was asked", entry: t("thermostat_call", 24, "psi") },
    { name: "120 V across R–W (a 24 V circuit)", entry: t("thermostat_call", 120, "V") },
    { name: "a word that is not a number", entry: t("thermostat_call", "dunno", "V") },
  ];
  it.each(cases)("$name", ({ entry }) => {
    expect(nextDiagnosticStep("no_heat_gas_furnace", [...base, entry])).toMatchObject({
      kind: "hardstop",
      hardstop: { stopId: "readings_unreconciled", type: "conditional", clearedBy: { gates: [] } },
    });
  });

  it("a flame signal of 45 µA is out of range", () => {
    expect(
      nextDiagnosticStep("no_heat_gas_furnace", [...furnaceToFlame, t("flame_sensor_microamps", 45, "µA")]),
    ).toMatchObject({
      kind: "hardstop",
      hardstop: { stopId: "readings_unreconciled" },
    });
  });

  it("re-measuring replaces the bad reading (the latest entry for a step wins)", () => {
    const trail = [...base, t("thermostat_call", 120, "V"), t("thermostat_call", 24, "V")];
    expect(nextDiagnosticStep("no_heat_gas_furnace", trail)).toMatchObject({
      kind: "step",
      step: { stepId: "inducer_runs" },
    });
  });

  it("a senior with the override who acknowledged may continue past an out-of-range reading", () => {
    const trail = [...base, t("thermostat_call", 40, "V")];
    const options = { tech: tech(), acknowledgedStopIds: ["readings_unreconciled"] };
    expect(nextDiagnosticStep("no_heat_gas_furnace", trail, options)).toMatchObject({
      kind: "step",
      step: { stepId: "inducer_runs" },
    });
  });
});

describe("conditional stops inside a tree", () => {
  const rolloutTrail = [
    ...furnaceToFlame.slice(0, 6),
    t("burner_lights", "no", "yes_no"),
    t("gas_inlet_pressure", 7, "in_wc"),
    t("gas_valve_volts", 0, "V"),
    t("rollout_ohms", "OL", "ohms"),
  ];
  it("an open rollout switch red-tags for a tech without G2", () => {
    const result = nextDiagnosticStep("no_heat_gas_furnace", rolloutTrail, {
      tech: tech({ gates: [], level: "mid" }),
      acknowledgedStopIds: ["cracked_heat_exchanger"],
    });
    expect(result).toMatchObject({
      kind: "hardstop",
      hardstop: { stopId: "cracked_heat_exchanger", clearedBy: { gates: ["G2"] } },
    });
  });
  it("a G2 tech with the override still needs to acknowledge before continuing", () => {
    expect(nextDiagnosticStep("no_heat_gas_furnace", rolloutTrail, { tech: tech() }).kind).toBe("hardstop");
  });
  it("a G2 tech with the override who acknowledged gets the G2 repair", () => {
    const result = nextDiagnosticStep("no_heat_gas_furnace", rolloutTrail, {
      tech: tech(),
      acknowledgedStopIds: ["cracked_heat_exchanger"],
    });
    expect(result).toMatchObject({ kind: "diagnosis", repair: { requiresGate: ["G2"] } });
  });
});

describe("each call type reaches a diagnosis with the right gate", () => {
  const cases: Array<{ callType: CallType; trail: TrailEntry[]; gates: string[] | undefined; diagnosis: string }> = [
    {
      callType: "no_cooling_ac",
      trail: [
        t("cooling_call", 24, "V"),
        t("line_voltage_ac", 238, "V"),
        t("load_voltage_ac", 236, "V"),
        t("condenser_fan_runs", "yes", ""),
        t("compressor_runs", "no", ""),
        t("run_capacitor_rated", 45, "mfd"),
        t("run_capacitor_measured", 38, "µF"),
      ],
      gates: undefined,
      diagnosis: "Weak run capacitor",
    },
    {
      callType: "no_cooling_ac",
      trail: [
        t("cooling_call", 24, "V"),
        t("line_voltage_ac", 240, "V"),
        t("load_voltage_ac", 240, "V"),
        t("condenser_fan_runs", "no", ""),
        t("fan_capacitor_rated", 5, "uF"),
        t("fan_capacitor_measured", 4.9, "uF"),
      ],
      gates: ["E1"],
      diagnosis: "Condenser fan motor failed",
    },
    {
      callType: "heat_pump_not_heating",
      trail: [
        t("heat_pump_call", 24, "V"),
        t("outdoor_runs", "yes", ""),
        t("coil_iced", "no", ""),
        t("vapor_line_temperature", 60, "°F"),
        t("reversing_valve_shifts", "no", ""),
        t("reversing_valve_coil_volts", 24, "V"),
      ],
      gates: ["HP"],
      diagnosis: "Reversing valve stuck",
    },
    {
      callType: "short_cycling",
      trail: [
        t("walkin_co", 2, "ppm"),
        t("flame_drops_out", "yes", ""),
        t("flame_sensor_microamps", "0.2", "microamps"),
      ],
      gates: undefined,
      diagnosis: "Dirty flame sensor",
    },
    {
      callType: "water_heater_no_hot_water",
      trail: [
        t("gas_fired", "yes", ""),
        t("gas_odor", "no", ""),
        t("pilot_lit", "yes", ""),
        t("main_burner_lights", "no", ""),
      ],
      gates: ["WH", "G1"],
      diagnosis: "gas control valve failed",
    },
    {
      callType: "boiler_no_heat",
      trail: [
        t("walkin_co", 0, "ppm"),
        t("steam_boiler", "no", ""),
        t("zone_call_volts", 24, "V"),
        t("system_pressure", 12, "psi"),
        t("burner_firing", "yes", ""),
        t("circulator_running", "no", ""),
        t("circulator_volts", 118, "V"),
      ],
      gates: ["B1"],
      diagnosis: "replace the circulator",
    },
    {
      callType: "boiler_no_heat",
      trail: [
        t("walkin_co", 0, "ppm"),
        t("steam_boiler", "no", ""),
        t("zone_call_volts", 24, "V"),
        t("system_pressure", 14, "psi"),
        t("burner_firing", "no", ""),
        t("boiler_gas_inlet", 7, "in_wc"),
      ],
      gates: ["B1", "G2"],
      diagnosis: "ignition lockout",
    },
  ];
  it.each(cases)("$callType → $diagnosis", ({ callType, trail, gates, diagnosis }) => {
    const result = nextDiagnosticStep(callType, trail);
    expect(result.kind).toBe("diagnosis");
    if (result.kind === "diagnosis") {
      expect(result.diagnosis).toContain(diagnosis);
      expect(result.repair.requiresGate).toEqual(gates);
    }
  });
});

describe("classifyCall", () => {
  const cases: Array<[string, CallType | null]> = [
    ["ok so the furnace is short cycling", "short_cycling"],
    ["furnace keeps shutting off after a few minutes", "short_cycling"],
    ["no heat", "no_heat_gas_furnace"],
    ["uh the furnace isn't working house is cold", "no_heat_gas_furnace"],
    ["blowing cold air from the vents", "no_heat_gas_furnace"],
    ["ac not cooling", "no_cooling_ac"],
    ["air conditioner is blowing warm air", "no_cooling_ac"],
    ["heat pump not heating", "heat_pump_not_heating"],
    ["heat pump running but its blowing cold", "heat_pump_not_heating"],
    ["heat pump won't cool", "no_cooling_ac"],
    ["no hot water", "water_heater_no_hot_water"],
    ["water heater pilot won't stay lit", "water_heater_no_hot_water"],
    ["radiators are cold upstairs", "boiler_no_heat"],
    ["boiler not firing", "boiler_no_heat"],
    ["customer wants a quote", null],
  ];
  it.each(cases)("%s → %s", (text, callType) => {
    expect(classifyCall(text)).toBe(callType);
  });
});
