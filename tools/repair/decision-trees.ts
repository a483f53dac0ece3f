// Offline diagnostic decision trees: the next step from the readings so far, in the seed §06 `diagnose` shapes.
// Pure data + one walker: no I/O, no clock. Readings that don't reconcile stop the job rather than guess (§10).
import { canClearConditional, type RequiredGate, type TechProfile } from "./gates.ts";
import { buildStop, type HardStop, type StopId } from "./hazards.ts";
import { normalizeSpokenNumbers, normalizeUnit, PLAUSIBLE_RANGE, type Unit } from "./readings.ts";

export const CALL_TYPES = [
  "no_heat_gas_furnace",
  "no_cooling_ac",
  "heat_pump_not_heating",
  "short_cycling",
  "water_heater_no_hot_water",
  "boiler_no_heat",
] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** "yes_no" steps are observations: the trail value is yes/no (true/false, 1/0). */
export type StepUnit = Unit | "yes_no";

export interface DiagnosticStep {
  stepId: string;
  title: string;
  how: string;
  expects: { type: "reading" | "observation"; unit: StepUnit };
  inlineCaution?: string;
  requiresGate?: RequiredGate[];
}

export interface RepairGuide {
  requiresGate?: RequiredGate[];
  steps: string[];
  inlineCaution?: string;
}

/** Exactly one of the seed §06 diagnose shapes. */
export type DiagnoseResult =
  | { kind: "step"; step: DiagnosticStep }
  | { kind: "diagnosis"; diagnosis: string; repair: RepairGuide }
  | { kind: "hardstop"; hardstop: HardStop };

/** A trail entry as the job record keeps it (§07 diagnosticTrail). The latest entry for a step wins (re-measure). */
export interface TrailEntry {
  stepId: string;
  value: number | string | boolean;
  unit: string;
}

type Next = { step: string } | { diagnosis: string } | { hardstop: StopId; message: string; afterClear?: Next };

/** A branch is taken when min <= value < max (value divided by the reading of `ratioOf` when given). */
interface Branch {
  min?: number;
  max?: number;
  ratioOf?: string;
  go: Next;
}

interface StepNode extends DiagnosticStep {
  branches: Branch[];
  /** Tighter than the unit's physical range: a 24 V circuit reading 120 V does not reconcile. */
  plausible?: { min: number; max: number };
  /** Compare the magnitude (draft readings are often spoken without the minus sign). */
  absolute?: boolean;
}

interface DiagnosisNode {
  diagnosis: string;
  repair: RepairGuide;
}

interface DecisionTree {
  callType: CallType;
  title: string;
  start: string;
  steps: Record<string, StepNode>;
  diagnoses: Record<string, DiagnosisNode>;
}

// ---------------------------------------------------------------------------------------------------------------
// Small builders so the trees read like a service manual.

const step = (id: string): Next => ({ step: id });
const dx = (id: string): Next => ({ diagnosis: id });
const yes = (go: Next): Branch => ({ min: 1, go });
const no = (go: Next): Branch => ({ max: 1, go });

function reading(
  stepId: string,
  title: string,
  how: string,
  unit: Unit,
  branches: Branch[],
  extra: Partial<Pick<StepNode, "plausible" | "inlineCaution" | "absolute" | "requiresGate">> = {},
): StepNode {
  return { stepId, title, how, expects: { type: "reading", unit }, branches, ...extra };
}

function observe(
  stepId: string,
  title: string,
  how: string,
  ifYes: Next,
  ifNo: Next,
  extra: Partial<Pick<StepNode, "inlineCaution" | "requiresGate">> = {},
): StepNode {
  return {
    stepId,
    title,
    how,
    expects: { type: "observation", unit: "yes_no" },
    branches: [yes(ifYes), no(ifNo)],
    ...extra,
  };
}

function repair(
  diagnosis: string,
  steps: string[],
  requiresGate: RequiredGate[] = [],
  inlineCaution?: string,
): DiagnosisNode {
  const guide: RepairGuide = { steps };
  if (requiresGate.length > 0) guide.requiresGate = requiresGate;
  if (inlineCaution !== undefined) guide.inlineCaution = inlineCaution;
  return { diagnosis, repair: guide };
}

const LOW_VOLTAGE = { min: 0, max: 35 };
const LINE_VOLTAGE = { min: 0, max: 300 };
const DEAD_POWER = "Power off and verify dead with your meter before touching terminals.";

// Walk-in checks shared by fuel-burning trees (§10 universal stops decided from readings, not by the model).
function walkInCo(stepId: string, next: Next): StepNode {
  return reading(
    stepId,
    "Ambient CO on walk-in",
    "Read your personal CO monitor at the appliance and in the living space before touching anything.",
    "ppm",
    [
      { min: 35, go: { hardstop: "co_alarm", message: "Ambient CO at or above 35 ppm on walk-in." } },
      { max: 35, go: next },
    ],
    { plausible: { min: 0, max: 2000 } },
  );
}

function gasOdorCheck(stepId: string, next: Next): StepNode {
  return observe(
    stepId,
    "Gas odor check",
    "Smell and sniff (combustible gas detector) at the meter, the piping and the appliance connection. Any gas odor?",
    { hardstop: "gas_leak", message: "Gas odor reported at the walk-in check." },
    next,
  );
}

function flameSensor(stepId: string, weak: string, marginal: string, good: string): StepNode {
  return reading(
    stepId,
    "Flame sensor microamps",
    "Meter in µA DC in series with the flame sensor lead; read during a call with the burners lit.",
    "µA",
    [
      { max: 0.5, go: dx(weak) },
      { min: 0.5, max: 1, go: dx(marginal) },
      { min: 1, go: dx(good) },
    ],
  );
}

const FLAME_SENSOR_DIAGNOSES: Record<string, DiagnosisNode> = {
  flame_sensor_dirty: repair("Dirty flame sensor: flame signal below 0.5 µA, the board drops the flame.", [
    "Power off; remove the flame sensor (one screw).",
    "Clean the rod with a fine abrasive pad (not sandpaper); do not touch the rod with bare fingers.",
    "Check the burner ground and the sensor wire.",
    "Reinstall, run a call and re-measure: 1 µA or more is good; replace the sensor if still low.",
  ]),
  flame_sensor_marginal: repair("Weak flame signal (0.5–1 µA): clean the sensor and check the ground.", [
    "Clean the flame sensor rod with a fine abrasive pad.",
    "Check the burner-to-board ground and line polarity.",
    "Re-measure: aim for 1 µA or more.",
  ]),
  flame_signal_good: repair(
    "Flame signal good (1 µA or more) yet the burner drops: check polarity, ground and board.",
    [
      "Verify line polarity and a solid ground at the furnace.",
      "Read the board fault history.",
      "Replace the control board if lockouts continue with a good flame signal.",
    ],
  ),
};

// ---------------------------------------------------------------------------------------------------------------
// Trees

const ROLLOUT_CAUSE = repair(
  "Rollout switch tripped: find the cause before resetting.",
  [
    "Inspect the heat exchanger and flue passages for blockage or cracks (camera).",
    "Check vent draft and combustion air.",
    "Reset only after combustion analysis is normal.",
  ],
  ["G2"],
  "Red-tag the unit if a crack is confirmed.",
);

const NO_HEAT_GAS_FURNACE: DecisionTree = {
  callType: "no_heat_gas_furnace",
  title: "No heat — gas furnace",
  start: "walkin_co",
  steps: {
    walkin_co: walkInCo("walkin_co", step("gas_odor")),
    gas_odor: gasOdorCheck("gas_odor", step("thermostat_call")),
    thermostat_call: reading(
      "thermostat_call",
      "Thermostat call: 24 VAC at R–W",
      "Set heat 5°F above room temperature; measure AC volts from R to W at the furnace control board.",
      "V",
      [
        { max: 18, go: step("transformer_secondary") },
        { min: 18, go: step("inducer_runs") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    transformer_secondary: reading(
      "transformer_secondary",
      "Transformer secondary: 24 VAC at R–C",
      "Measure AC volts from R to C at the board.",
      "V",
      [
        { max: 18, go: step("line_voltage") },
        { min: 18, go: dx("thermostat_not_calling") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    line_voltage: reading(
      "line_voltage",
      "Line voltage at the furnace",
      "Service switch on, door switch held in: measure AC volts hot to neutral at the furnace junction box.",
      "V",
      [
        { max: 100, go: dx("no_line_voltage") },
        { min: 100, go: dx("failed_transformer") },
      ],
      { plausible: LINE_VOLTAGE, inlineCaution: "Line voltage: use rated leads and keep one hand clear." },
    ),
    inducer_runs: observe(
      "inducer_runs",
      "Inducer starts",
      "With the call on, does the inducer motor start within about 30 seconds?",
      step("pressure_switch_volts"),
      step("inducer_voltage"),
    ),
    inducer_voltage: reading(
      "inducer_voltage",
      "Voltage to the inducer",
      "Measure AC volts at the inducer plug on the board while the board calls for it.",
      "V",
      [
        { max: 100, go: dx("board_not_powering_inducer") },
        { min: 100, go: dx("failed_inducer") },
      ],
      { plausible: LINE_VOLTAGE },
    ),
    pressure_switch_volts: reading(
      "pressure_switch_volts",
      "Pressure switch closed?",
      "Inducer running: measure AC volts across the two pressure switch terminals (0 V = closed, about 24 V = open).",
      "V",
      [
        { max: 2, go: step("igniter_ohms") },
        { min: 2, go: step("draft_in_wc") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    draft_in_wc: reading(
      "draft_in_wc",
      "Inducer draft at the pressure switch port",
      "Tee a manometer into the pressure switch hose; compare with the setpoint printed on the switch (enter the size, e.g. 0.8).",
      "in_wc",
      [
        { max: 0.5, go: dx("weak_draft") },
        { min: 0.5, go: dx("pressure_switch_not_closing") },
      ],
      { plausible: { min: -10, max: 10 }, absolute: true },
    ),
    igniter_ohms: reading(
      "igniter_ohms",
      "Hot surface igniter resistance",
      "Power off, unplug the igniter; measure ohms across its leads (silicon carbide about 40–90 Ω, nitride about 10–200 Ω; open = OL).",
      "Ω",
      [
        { min: 1000, go: dx("open_igniter") },
        { max: 1000, go: step("burner_lights") },
      ],
      { inlineCaution: DEAD_POWER },
    ),
    burner_lights: observe(
      "burner_lights",
      "Burners light",
      "Restore power and call for heat: with the igniter glowing, do the burners light?",
      step("flame_sensor_microamps"),
      step("gas_inlet_pressure"),
    ),
    flame_sensor_microamps: flameSensor(
      "flame_sensor_microamps",
      "flame_sensor_dirty",
      "flame_sensor_marginal",
      "flame_signal_good",
    ),
    gas_inlet_pressure: reading(
      "gas_inlet_pressure",
      "Gas inlet pressure",
      "Manometer on the gas valve inlet tap (natural gas about 5–7 in WC; propane 11–14 in WC).",
      "in_wc",
      [
        { max: 4.5, go: dx("low_gas_supply") },
        { min: 4.5, go: step("gas_valve_volts") },
      ],
      { plausible: { min: 0, max: 20 }, inlineCaution: "Leak-test the pressure tap screw after you reinstall it." },
    ),
    gas_valve_volts: reading(
      "gas_valve_volts",
      "24 VAC to the gas valve",
      "During the ignition trial, measure AC volts across the gas valve terminals.",
      "V",
      [
        { min: 18, go: step("manifold_pressure") },
        { max: 18, go: step("rollout_ohms") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    manifold_pressure: reading(
      "manifold_pressure",
      "Manifold pressure",
      "Manometer on the gas valve outlet tap with the valve energized (natural gas about 3.5 in WC; propane about 10).",
      "in_wc",
      [
        { max: 1, go: dx("gas_valve_not_opening") },
        { min: 1, max: 3, go: dx("manifold_pressure_low") },
        { min: 3, go: dx("burners_will_not_light") },
      ],
      { plausible: { min: 0, max: 15 } },
    ),
    rollout_ohms: reading(
      "rollout_ohms",
      "Rollout switch continuity",
      "Power off; measure ohms across each rollout switch (closed = near 0 Ω, open = OL).",
      "Ω",
      [
        {
          min: 1000,
          go: {
            hardstop: "cracked_heat_exchanger",
            message: "Rollout switch open: flames rolled out — suspect a blocked or cracked heat exchanger or vent.",
            afterClear: dx("rollout_cause"),
          },
        },
        { max: 1000, go: step("high_limit_ohms") },
      ],
      { inlineCaution: "Do not reset a rollout switch until the cause is found." },
    ),
    high_limit_ohms: reading(
      "high_limit_ohms",
      "High limit continuity",
      "Power off; measure ohms across the high limit switch.",
      "Ω",
      [
        { min: 1000, go: dx("high_limit_open") },
        { max: 1000, go: dx("board_not_powering_gas_valve") },
      ],
    ),
  },
  diagnoses: {
    thermostat_not_calling: repair("Thermostat or thermostat wire not calling for heat (24 V at R–C, none at R–W).", [
      "Check thermostat mode, setpoint and batteries.",
      "Jumper R to W at the board for a moment to prove the furnace runs.",
      "Repair the thermostat wire or replace the thermostat.",
    ]),
    failed_transformer: repair("Failed control transformer: 120 V primary present, no 24 V secondary.", [
      "Check the board's low-voltage fuse first; find the short if it is blown.",
      "Replace the transformer with the same VA rating.",
    ]),
    no_line_voltage: repair(
      "No 120 V to the furnace: service switch, breaker or door interlock.",
      ["Check the service switch and breaker.", "Check the door interlock switch.", "Restore power and re-test."],
      [],
      "Burned or damaged supply wiring needs an E1 tech.",
    ),
    failed_inducer: repair("Inducer motor failed: 120 V present, motor does not run.", [
      "Replace the inducer with the OEM part and a new gasket.",
      "Confirm vent connections are sealed and the draft proves the pressure switch.",
    ]),
    board_not_powering_inducer: repair("Control board does not power the inducer on a call.", [
      "Confirm the call and fault code.",
      "Replace the control board; set its dip switches to match the old one.",
    ]),
    weak_draft: repair(
      "Weak draft: blocked vent or intake, plugged condensate trap or cracked inducer housing.",
      [
        "Inspect and clear the vent and combustion-air intake terminations.",
        "Clean the condensate trap and pressure switch port.",
        "Inspect the inducer housing; re-measure the draft.",
      ],
      ["G2"],
      "Venting work and sign-off are combustion work.",
    ),
    pressure_switch_not_closing: repair(
      "Pressure switch does not close with adequate draft.",
      ["Check the hose for cracks or water.", "Replace the pressure switch with the same setpoint."],
      [],
      "Never jumper a pressure switch to test-run the furnace.",
    ),
    open_igniter: repair(
      "Open hot surface igniter.",
      ["Replace the igniter; handle it by the base only.", "Verify it glows and the burners light."],
      [],
      DEAD_POWER,
    ),
    ...FLAME_SENSOR_DIAGNOSES,
    low_gas_supply: repair(
      "Low gas supply pressure at the furnace.",
      [
        "Measure at the meter outlet: low there is the utility's — call them.",
        "Otherwise check for an undersized line, a partly closed valve or a failed regulator.",
        "Leak-test every connection you break.",
      ],
      ["G1"],
    ),
    gas_valve_not_opening: repair(
      "Gas valve does not open with 24 V applied — replace the gas valve.",
      [
        "Shut gas at the appliance valve and power off.",
        "Replace the gas valve; use approved thread sealant.",
        "Leak-test every broken seal with solution.",
        "Verify manifold pressure against the nameplate.",
      ],
      ["G1"],
      "Leak test required on every broken-seal connection.",
    ),
    manifold_pressure_low: repair(
      "Manifold pressure low: adjust the regulator to the nameplate value.",
      [
        "Adjust the gas valve regulator to the nameplate manifold pressure.",
        "Run a combustion analysis after adjusting.",
      ],
      ["G2"],
    ),
    burners_will_not_light: repair(
      "Gas and ignition present but the burners do not light: igniter position, orifices or burner alignment.",
      [
        "Check igniter position relative to the burner.",
        "Inspect orifices and carry-over.",
        "Run a combustion analysis after burner work.",
      ],
      ["G2"],
    ),
    rollout_cause: ROLLOUT_CAUSE,
    high_limit_open: repair("High limit open: airflow problem until proven otherwise.", [
      "Check the filter, blower wheel and blower motor.",
      "Measure temperature rise against the nameplate.",
      "Replace the limit only if it is open cold.",
    ]),
    board_not_powering_gas_valve: repair("Safeties closed but the board does not energize the gas valve.", [
      "Confirm the fault code and ignition sequence.",
      "Replace the control board.",
    ]),
  },
};

const NO_COOLING_AC: DecisionTree = {
  callType: "no_cooling_ac",
  title: "No cooling — split AC",
  start: "cooling_call",
  steps: {
    cooling_call: reading(
      "cooling_call",
      "Cooling call: 24 VAC at the contactor coil",
      "Set cool 5°F below room temperature; measure AC volts across the contactor coil (Y–C) at the condenser.",
      "V",
      [
        { max: 18, go: dx("no_cooling_call") },
        { min: 18, go: step("line_voltage_ac") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    line_voltage_ac: reading(
      "line_voltage_ac",
      "Line voltage at the disconnect",
      "Measure AC volts L1–L2 on the line side of the contactor.",
      "V",
      [
        { max: 180, go: dx("no_line_voltage_ac") },
        { min: 180, go: step("load_voltage_ac") },
      ],
      {
        plausible: { min: 0, max: 600 },
        inlineCaution: "Line voltage: measurement is allowed for all; hands-on 3-phase work needs E2.",
      },
    ),
    load_voltage_ac: reading(
      "load_voltage_ac",
      "Voltage through the contactor",
      "Contactor pulled in: measure AC volts T1–T2 on the load side.",
      "V",
      [
        { max: 180, go: dx("failed_contactor") },
        { min: 180, go: step("condenser_fan_runs") },
      ],
      { plausible: { min: 0, max: 600 } },
    ),
    condenser_fan_runs: observe(
      "condenser_fan_runs",
      "Condenser fan runs",
      "Is the condenser fan turning?",
      step("compressor_runs"),
      step("fan_capacitor_rated"),
    ),
    fan_capacitor_rated: reading(
      "fan_capacitor_rated",
      "Fan capacitor rating",
      "Read the µF rating printed on the capacitor (fan side 'FAN').",
      "µF",
      [{ go: step("fan_capacitor_measured") }],
      { plausible: { min: 1, max: 100 } },
    ),
    fan_capacitor_measured: reading(
      "fan_capacitor_measured",
      "Fan capacitor measured",
      "Power off, discharge, isolate; measure µF between C and FAN.",
      "µF",
      [
        { max: 0.94, ratioOf: "fan_capacitor_rated", go: dx("weak_fan_capacitor") },
        { min: 0.94, ratioOf: "fan_capacitor_rated", go: dx("failed_condenser_fan_motor") },
      ],
      { plausible: { min: 0, max: 100 }, inlineCaution: "Discharge the capacitor before handling." },
    ),
    compressor_runs: observe(
      "compressor_runs",
      "Compressor runs",
      "Is the compressor running (line warm/cold, amp draw on common)?",
      step("suction_pressure"),
      step("run_capacitor_rated"),
    ),
    run_capacitor_rated: reading(
      "run_capacitor_rated",
      "Run capacitor rating (HERM)",
      "Read the HERM µF rating on the run capacitor (e.g. 45 of a 45/5).",
      "µF",
      [{ go: step("run_capacitor_measured") }],
      { plausible: { min: 1, max: 120 } },
    ),
    run_capacitor_measured: reading(
      "run_capacitor_measured",
      "Run capacitor measured (HERM)",
      "Power off, discharge, isolate; measure µF between C and HERM.",
      "µF",
      [
        { max: 0.94, ratioOf: "run_capacitor_rated", go: dx("weak_run_capacitor") },
        { min: 0.94, ratioOf: "run_capacitor_rated", go: dx("compressor_not_starting") },
      ],
      { plausible: { min: 0, max: 120 }, inlineCaution: "Discharge the capacitor before handling." },
    ),
    suction_pressure: reading(
      "suction_pressure",
      "Suction pressure (R-410A)",
      "Gauges on the suction service valve after 10 minutes of run time.",
      "psi",
      [
        { max: 90, go: dx("low_charge") },
        { min: 90, max: 160, go: step("temperature_split") },
        { min: 160, go: dx("high_suction") },
      ],
    ),
    temperature_split: reading(
      "temperature_split",
      "Temperature split across the coil",
      "Return air temperature minus supply air temperature.",
      "°F",
      [
        { max: 14, go: dx("low_split") },
        { min: 14, go: dx("cooling_in_range") },
      ],
      { plausible: { min: -10, max: 60 } },
    ),
  },
  diagnoses: {
    no_cooling_call: repair(
      "No cooling call reaching the condenser: thermostat, wire or a float/condensate safety open.",
      [
        "Check the thermostat and the float switch on the drain pan.",
        "Clear the condensate drain if the float tripped.",
        "Repair the thermostat wire between the air handler and the condenser.",
      ],
    ),
    no_line_voltage_ac: repair(
      "No line voltage at the condenser: breaker, disconnect or fuses.",
      ["Check the breaker and disconnect fuses.", "Replace blown fuses only after finding why they blew."],
      [],
      "Replacing a disconnect or its whip needs E1.",
    ),
    failed_contactor: repair(
      "Contactor pitted or not pulling in.",
      ["Replace the contactor with the same coil voltage and amp rating."],
      [],
      DEAD_POWER,
    ),
    weak_fan_capacitor: repair("Weak fan capacitor (more than 6% below rating).", [
      "Replace with the same µF and voltage or higher.",
      "Verify the fan starts and runs.",
    ]),
    failed_condenser_fan_motor: repair(
      "Condenser fan motor failed with a good capacitor.",
      ["Replace the fan motor (same HP, RPM, rotation).", "Rewire to the contactor and capacitor; check amps."],
      ["E1"],
      "Hard-wired motor rewiring is E1 work.",
    ),
    weak_run_capacitor: repair("Weak run capacitor (more than 6% below rating).", [
      "Replace with the same µF and voltage or higher (a dual cap if fan and herm share one).",
      "Verify the compressor starts and check amps against RLA.",
    ]),
    compressor_not_starting: repair(
      "Compressor does not start with good voltage and capacitor: windings, overload or locked rotor.",
      [
        "Measure winding resistance C–R, C–S, R–S and to ground.",
        "Let a hot compressor cool for the internal overload.",
        "Try a hard-start kit; replace the compressor if locked or grounded.",
      ],
      ["EPA2"],
    ),
    low_charge: repair(
      "Low suction: low charge (find the leak) or low airflow / restriction.",
      [
        "Check filter and indoor airflow first.",
        "Leak-search before adding refrigerant.",
        "Repair, evacuate and charge by weight.",
      ],
      ["EPA2"],
    ),
    high_suction: repair(
      "High suction pressure: overcharge, metering device overfeeding or weak compressor valves.",
      ["Check superheat and subcooling.", "Recover excess charge or replace the metering device as indicated."],
      ["EPA2"],
    ),
    low_split: repair(
      "Low temperature split with normal suction: airflow too high, metering or weak compressor.",
      ["Measure airflow and static pressure.", "Check superheat/subcooling and compressor amps."],
      ["EPA2"],
    ),
    cooling_in_range: repair("System cools within range: the complaint is load, duct or thermostat.", [
      "Check duct leakage and return sizing.",
      "Check thermostat location and setpoint.",
    ]),
  },
};

const HEAT_PUMP_NOT_HEATING: DecisionTree = {
  callType: "heat_pump_not_heating",
  title: "Heat pump not heating",
  start: "heat_pump_call",
  steps: {
    heat_pump_call: reading(
      "heat_pump_call",
      "Heating call at the outdoor unit",
      "Set heat above room temperature; measure AC volts Y–C at the outdoor unit.",
      "V",
      [
        { max: 18, go: dx("heat_pump_no_call") },
        { min: 18, go: step("outdoor_runs") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    outdoor_runs: observe(
      "outdoor_runs",
      "Outdoor unit runs",
      "Are the outdoor fan and compressor running?",
      step("coil_iced"),
      dx("outdoor_unit_not_running"),
    ),
    coil_iced: observe(
      "coil_iced",
      "Outdoor coil iced",
      "Is the outdoor coil iced solid (not light frost)?",
      dx("defrost_not_initiating"),
      step("vapor_line_temperature"),
    ),
    vapor_line_temperature: reading(
      "vapor_line_temperature",
      "Vapor line temperature in heat",
      "Clamp a thermometer on the large (vapor) line at the outdoor unit after 10 minutes in heat.",
      "°F",
      [
        { max: 80, go: step("reversing_valve_shifts") },
        { min: 80, go: step("supply_temperature_rise") },
      ],
      { plausible: { min: -40, max: 250 } },
    ),
    reversing_valve_shifts: observe(
      "reversing_valve_shifts",
      "Reversing valve shifts",
      "Switch the thermostat heat → cool → heat: do you hear the valve shift and see the line temperatures swap?",
      dx("low_charge_heating"),
      step("reversing_valve_coil_volts"),
    ),
    reversing_valve_coil_volts: reading(
      "reversing_valve_coil_volts",
      "24 VAC at the reversing valve coil",
      "Measure AC volts at the solenoid in the mode that should energize it (O in cooling for most brands, B in heating for some).",
      "V",
      [
        { min: 18, go: dx("reversing_valve_stuck") },
        { max: 18, go: dx("no_reversing_valve_signal") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    supply_temperature_rise: reading(
      "supply_temperature_rise",
      "Supply air temperature rise",
      "Supply air minus return air temperature in heat mode, aux heat off.",
      "°F",
      [
        { min: 15, go: dx("heat_pump_heating_in_range") },
        { max: 15, go: step("suction_pressure_heating") },
      ],
      { plausible: { min: -10, max: 80 } },
    ),
    suction_pressure_heating: reading(
      "suction_pressure_heating",
      "Suction pressure in heat",
      "Gauges on the suction port in heat mode.",
      "psi",
      [
        { max: 60, go: dx("low_charge_heating") },
        { min: 60, go: dx("compressor_or_valve_bypassing") },
      ],
    ),
  },
  diagnoses: {
    heat_pump_no_call: repair("No heating call reaching the outdoor unit: thermostat setup or wire.", [
      "Check the thermostat is configured for a heat pump (O/B setting).",
      "Repair the wire between the air handler and the outdoor unit.",
    ]),
    outdoor_unit_not_running: repair(
      "Outdoor unit does not run with a call: contactor, capacitor or line voltage.",
      ["Run the no-cooling electrical checks: line voltage, contactor, capacitor."],
      [],
      DEAD_POWER,
    ),
    defrost_not_initiating: repair(
      "Outdoor coil iced: defrost not initiating.",
      [
        "Test the defrost sensor and board (force a defrost).",
        "Check the outdoor fan and reversing valve during defrost.",
      ],
      ["HP"],
    ),
    reversing_valve_stuck: repair(
      "Reversing valve stuck with its coil energized — replace the reversing valve.",
      [
        "Recover the charge.",
        "Replace the valve with a wet rag heat sink, brazing with nitrogen flowing.",
        "Evacuate and charge by weight.",
      ],
      ["HP"],
    ),
    no_reversing_valve_signal: repair("No signal to the reversing valve: thermostat O/B setting or wiring.", [
      "Set the thermostat O/B configuration to match the brand.",
      "Check the O/B wire to the outdoor unit.",
    ]),
    heat_pump_heating_in_range: repair(
      "Heat pump heats within range for the outdoor temperature: check aux heat staging and balance point.",
      [
        "Verify aux/emergency heat stages on at the balance point.",
        "Check the outdoor thermostat / low-ambient lockout.",
      ],
      ["HP"],
    ),
    low_charge_heating: repair(
      "Low charge in heating mode.",
      ["Leak-search before adding refrigerant.", "Repair, evacuate and charge by weight (heat pump charging)."],
      ["HP"],
    ),
    compressor_or_valve_bypassing: repair(
      "Normal suction but low rise: compressor or reversing valve bypassing.",
      ["Check compressor amps and discharge temperature.", "Check reversing valve line temperatures for bypass."],
      ["HP"],
    ),
  },
};

const SHORT_CYCLING: DecisionTree = {
  callType: "short_cycling",
  title: "Short cycling — fuel-fired forced air",
  start: "walkin_co",
  steps: {
    walkin_co: walkInCo("walkin_co", step("flame_drops_out")),
    flame_drops_out: observe(
      "flame_drops_out",
      "Flame drops out",
      "Do the burners light and then go out within about 10 seconds?",
      step("flame_sensor_microamps"),
      step("rollout_fault_code"),
    ),
    flame_sensor_microamps: flameSensor(
      "flame_sensor_microamps",
      "flame_sensor_dirty",
      "flame_sensor_marginal",
      "flame_signal_good",
    ),
    rollout_fault_code: observe(
      "rollout_fault_code",
      "Rollout fault code",
      "Does the board's fault history show a rollout trip?",
      {
        hardstop: "cracked_heat_exchanger",
        message: "Rollout trips on a short-cycling furnace: suspect a blocked or cracked heat exchanger.",
        afterClear: dx("rollout_cause"),
      },
      step("temperature_rise"),
    ),
    temperature_rise: reading(
      "temperature_rise",
      "Temperature rise",
      "After 10 minutes of burner: supply air minus return air temperature; compare with the nameplate range.",
      "°F",
      [
        { min: 70, go: step("static_pressure") },
        { max: 70, go: dx("thermostat_cycling") },
      ],
      { plausible: { min: -10, max: 150 } },
    ),
    static_pressure: reading(
      "static_pressure",
      "Total external static pressure",
      "Manometer across the return and supply plenums.",
      "in_wc",
      [
        { min: 0.8, go: dx("restricted_airflow") },
        { max: 0.8, go: step("manifold_pressure") },
      ],
      { plausible: { min: 0, max: 3 } },
    ),
    manifold_pressure: reading(
      "manifold_pressure",
      "Manifold pressure",
      "Manometer on the gas valve outlet tap with the burners lit.",
      "in_wc",
      [
        { min: 3.8, go: dx("overfiring") },
        { max: 3.8, go: dx("weak_high_limit") },
      ],
      { plausible: { min: 0, max: 15 } },
    ),
  },
  diagnoses: {
    ...FLAME_SENSOR_DIAGNOSES,
    rollout_cause: ROLLOUT_CAUSE,
    thermostat_cycling: repair("Temperature rise normal: thermostat cycle rate or location.", [
      "Check the thermostat cycles-per-hour setting and its location (not near a supply register).",
      "Check for an oversized furnace (heat loss vs input).",
    ]),
    restricted_airflow: repair("Restricted airflow trips the high limit.", [
      "Replace the filter; open closed registers.",
      "Clean the blower wheel and coil.",
      "Check duct sizing and blower speed tap.",
    ]),
    overfiring: repair(
      "Overfiring: manifold pressure above nameplate.",
      ["Set manifold pressure to the nameplate.", "Clock the meter to verify input.", "Run a combustion analysis."],
      ["G2"],
    ),
    weak_high_limit: repair("Airflow and input normal: weak high limit opening early.", [
      "Verify the limit opens cold or below its rating.",
      "Replace the limit with the OEM part.",
    ]),
  },
};

const WATER_HEATER_NO_HOT_WATER: DecisionTree = {
  callType: "water_heater_no_hot_water",
  title: "No hot water — tank water heater",
  start: "gas_fired",
  steps: {
    gas_fired: observe(
      "gas_fired",
      "Gas-fired?",
      "Is this a gas-fired water heater (not electric)?",
      step("gas_odor"),
      step("element_supply_volts"),
    ),
    gas_odor: gasOdorCheck("gas_odor", step("pilot_lit")),
    pilot_lit: observe(
      "pilot_lit",
      "Pilot lit",
      "Look through the sight glass: is the pilot (or igniter on a power-vent) lit?",
      step("main_burner_lights"),
      step("pilot_stays_lit"),
    ),
    pilot_stays_lit: observe(
      "pilot_stays_lit",
      "Pilot stays lit after relight",
      "Relight per the label: does the pilot stay lit after you release the knob?",
      dx("pilot_went_out"),
      dx("failed_thermocouple"),
    ),
    main_burner_lights: observe(
      "main_burner_lights",
      "Main burner lights",
      "Turn the dial to hot: does the main burner light?",
      step("outlet_temperature"),
      dx("gas_control_valve_failed"),
    ),
    outlet_temperature: reading(
      "outlet_temperature",
      "Hot water temperature",
      "Run the nearest hot tap for a minute; read the water temperature.",
      "°F",
      [
        { max: 105, go: dx("dip_tube_or_setting") },
        { min: 105, go: dx("demand_exceeds_capacity") },
      ],
      { plausible: { min: 32, max: 212 } },
    ),
    element_supply_volts: reading(
      "element_supply_volts",
      "240 V at the upper thermostat",
      "Measure AC volts L1–L2 at the top of the upper thermostat.",
      "V",
      [
        { max: 200, go: dx("no_power_or_eco_tripped") },
        { min: 200, go: step("upper_element_ohms") },
      ],
      { plausible: LINE_VOLTAGE, inlineCaution: "240 V: one hand, rated leads." },
    ),
    upper_element_ohms: reading(
      "upper_element_ohms",
      "Upper element resistance",
      "Power off and verified dead; disconnect one lead; measure ohms across the upper element (about 10–16 Ω for 3.5–5.5 kW).",
      "Ω",
      [
        { min: 1000, go: dx("upper_element_open") },
        { max: 1000, go: step("lower_element_ohms") },
      ],
      { inlineCaution: DEAD_POWER },
    ),
    lower_element_ohms: reading(
      "lower_element_ohms",
      "Lower element resistance",
      "Power off; disconnect one lead; measure ohms across the lower element.",
      "Ω",
      [
        { min: 1000, go: dx("lower_element_open") },
        { max: 1000, go: dx("thermostat_failed") },
      ],
      { inlineCaution: DEAD_POWER },
    ),
  },
  diagnoses: {
    pilot_went_out: repair(
      "Pilot holds after relight: it went out from a draft, a dirty pilot tube or the flammable-vapor sensor.",
      [
        "Clean the pilot orifice/tube.",
        "Check for drafts and the combustion air screen.",
        "Confirm venting drafts at the hood.",
      ],
      ["WH"],
    ),
    failed_thermocouple: repair(
      "Pilot will not hold: thermocouple or thermopile failed.",
      [
        "Replace the thermocouple (or thermopile / pilot assembly on FVIR units).",
        "Leak-test the pilot tube connection.",
      ],
      ["WH"],
    ),
    gas_control_valve_failed: repair(
      "Pilot lit but the main burner does not light: gas control valve failed.",
      [
        "Shut gas and drain to below the valve.",
        "Replace the gas control valve.",
        "Leak-test every broken seal.",
        "Verify draft at the hood.",
      ],
      ["WH", "G1"],
      "Leak test required on every broken-seal connection.",
    ),
    dip_tube_or_setting: repair("Burner fires but water is lukewarm: setting, dip tube or mixing valve.", [
      "Check the dial setting and any mixing valve.",
      "Check the dip tube for breakage (plastic bits at aerators).",
    ]),
    demand_exceeds_capacity: repair("Water heats normally: demand exceeds tank capacity or recovery.", [
      "Review household demand and tank size.",
      "Flush sediment that reduces capacity.",
    ]),
    no_power_or_eco_tripped: repair(
      "No 240 V at the heater: breaker or high-limit (ECO) tripped.",
      [
        "Check the breaker.",
        "Reset the ECO once; if it trips again find the cause (shorted element, stuck thermostat).",
      ],
      [],
      "Burned supply wiring needs E1.",
    ),
    upper_element_open: repair(
      "Upper element open.",
      [
        "Shut cold supply, drain below the element.",
        "Replace the element and gasket.",
        "Refill completely before restoring power.",
      ],
      ["WH"],
      "Never power an element in a dry tank.",
    ),
    lower_element_open: repair(
      "Lower element open.",
      ["Drain, replace the lower element and gasket.", "Refill completely before restoring power."],
      ["WH"],
      "Never power an element in a dry tank.",
    ),
    thermostat_failed: repair(
      "Elements good with power present: a thermostat does not close.",
      [
        "Test each thermostat for continuity when calling.",
        "Replace the failed thermostat; set both to the same temperature.",
      ],
      ["WH"],
    ),
  },
};

const BOILER_NO_HEAT: DecisionTree = {
  callType: "boiler_no_heat",
  title: "No heat — boiler",
  start: "walkin_co",
  steps: {
    walkin_co: walkInCo("walkin_co", step("steam_boiler")),
    steam_boiler: observe(
      "steam_boiler",
      "Steam boiler?",
      "Is this a steam boiler (sight glass, pressuretrol, low-water cut-off)?",
      step("sight_glass_water"),
      step("zone_call_volts"),
    ),
    sight_glass_water: observe(
      "sight_glass_water",
      "Water in the sight glass",
      "Is water visible in the gauge glass, about halfway?",
      dx("steam_controls"),
      dx("steam_low_water"),
      { inlineCaution: "Never add water to a hot, dry steam boiler." },
    ),
    zone_call_volts: reading(
      "zone_call_volts",
      "Zone call: 24 VAC at the zone valve or relay",
      "Turn up the cold zone's thermostat; measure AC volts at its zone valve or zone relay terminals.",
      "V",
      [
        { max: 18, go: dx("zone_thermostat_not_calling") },
        { min: 18, go: step("system_pressure") },
      ],
      { plausible: LOW_VOLTAGE },
    ),
    system_pressure: reading(
      "system_pressure",
      "System pressure",
      "Read the boiler pressure gauge (cold fill about 12–15 psi).",
      "psi",
      [
        { max: 10, go: dx("low_system_pressure") },
        { min: 10, max: 28, go: step("burner_firing") },
        { min: 28, go: dx("high_system_pressure") },
      ],
      { plausible: { min: 0, max: 60 } },
    ),
    burner_firing: observe(
      "burner_firing",
      "Burner firing",
      "Is the burner firing on the call?",
      step("circulator_running"),
      step("boiler_gas_inlet"),
    ),
    boiler_gas_inlet: reading(
      "boiler_gas_inlet",
      "Gas inlet pressure at the boiler",
      "Manometer on the gas valve inlet tap.",
      "in_wc",
      [
        { max: 4.5, go: dx("low_gas_supply_boiler") },
        { min: 4.5, go: dx("boiler_ignition_lockout") },
      ],
      { plausible: { min: 0, max: 20 } },
    ),
    circulator_running: observe(
      "circulator_running",
      "Circulator running",
      "Is the circulator for the calling zone running (warm, humming, supply pipe heating)?",
      step("boiler_supply_temperature"),
      step("circulator_volts"),
    ),
    circulator_volts: reading(
      "circulator_volts",
      "Voltage to the circulator",
      "Measure AC volts at the circulator's terminal box during the call.",
      "V",
      [
        { min: 100, go: dx("circulator_failed") },
        { max: 100, go: dx("circulator_relay_or_aquastat") },
      ],
      { plausible: LINE_VOLTAGE },
    ),
    boiler_supply_temperature: reading(
      "boiler_supply_temperature",
      "Boiler supply temperature",
      "Read the supply water temperature at the boiler outlet.",
      "°F",
      [
        { max: 120, go: dx("aquastat_setpoint_low") },
        { min: 120, go: dx("air_bound_zone") },
      ],
      { plausible: { min: 32, max: 250 } },
    ),
  },
  diagnoses: {
    steam_controls: repair(
      "Steam boiler with water: pressuretrol, low-water cut-off or burner controls.",
      [
        "Check the pressuretrol setting and pigtail.",
        "Blow down and test the low-water cut-off.",
        "Check burner controls.",
      ],
      ["B2"],
    ),
    steam_low_water: repair(
      "Steam boiler low on water: the low-water cut-off shut it down.",
      ["Let the boiler cool before adding water.", "Find the leak or failed feeder.", "Test the low-water cut-off."],
      ["B2"],
      "Never add water to a hot, dry steam boiler.",
    ),
    zone_thermostat_not_calling: repair("The zone is not calling: thermostat, wire or zone control.", [
      "Check the zone thermostat and its wire.",
      "Check the zone control panel's LED for that zone.",
    ]),
    low_system_pressure: repair(
      "Low system pressure: fill valve, leaks or expansion tank.",
      [
        "Check the fill valve and look for leaks.",
        "Check the expansion tank pre-charge.",
        "Refill to 12–15 psi and purge air.",
      ],
      ["B1"],
    ),
    high_system_pressure: repair(
      "High system pressure: waterlogged expansion tank or passing fill valve.",
      ["Check the expansion tank pre-charge.", "Check the fill valve for passing."],
      ["B1"],
      "The relief valve opens at 30 psi — keep clear of its discharge.",
    ),
    low_gas_supply_boiler: repair(
      "Low gas supply pressure at the boiler.",
      [
        "Measure at the meter outlet; low there is the utility's.",
        "Check valves and regulators upstream; leak-test what you open.",
      ],
      ["G1"],
    ),
    boiler_ignition_lockout: repair(
      "Gas present but the boiler will not fire: ignition lockout.",
      [
        "Read the control's lockout code.",
        "Test the igniter and flame rod (µA).",
        "Check the gas valve; run a combustion analysis after any burner work.",
      ],
      ["B1", "G2"],
    ),
    circulator_failed: repair(
      "Circulator has power but does not run — replace the circulator (or its cartridge).",
      ["Isolate with the flange valves.", "Replace the circulator or cartridge.", "Purge air and restore pressure."],
      ["B1"],
    ),
    circulator_relay_or_aquastat: repair(
      "No power to the circulator on a call: relay or aquastat.",
      ["Check the circulator relay or zone panel output.", "Check the aquastat's circulator terminals."],
      ["B1"],
    ),
    aquastat_setpoint_low: repair(
      "Burner fires but supply temperature stays low: aquastat or reset setpoint.",
      ["Check the aquastat high limit and the outdoor reset curve."],
      ["B1"],
    ),
    air_bound_zone: repair(
      "Hot supply, circulator running, zone still cold: air-bound zone.",
      ["Purge the zone.", "Check the zone valve actually opens.", "Check for a stuck flow check."],
      ["B1"],
    ),
  },
};

export const DECISION_TREES: Readonly<Record<CallType, DecisionTree>> = {
  no_heat_gas_furnace: NO_HEAT_GAS_FURNACE,
  no_cooling_ac: NO_COOLING_AC,
  heat_pump_not_heating: HEAT_PUMP_NOT_HEATING,
  short_cycling: SHORT_CYCLING,
  water_heater_no_hot_water: WATER_HEATER_NO_HOT_WATER,
  boiler_no_heat: BOILER_NO_HEAT,
};

// ---------------------------------------------------------------------------------------------------------------
// Walker

export interface NextStepOptions {
  /** The tech on the job; needed to continue past a conditional stop. */
  tech?: Pick<TechProfile, "gates" | "epaType" | "conditionalOverride">;
  /** Conditional stops the tech acknowledged on screen (stamped to the job). */
  acknowledgedStopIds?: readonly string[];
}

/** Returns the value as a number: yes/no → 1/0, "OL"/"open" → Infinity, numeric text → number; otherwise NaN. */
function toNumber(value: number | string | boolean, unit: StepUnit): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  const text = value.trim().toLowerCase();
  if (unit === "yes_no") {
    if (/^(?:y|yes|yep|yeah|true|1|running|lit|on)$/.test(text)) return 1;
    if (/^(?:n|no|nope|false|0|off|not running|out)$/.test(text)) return 0;
    return Number.NaN;
  }
  if (/^(?:ol|o\.l\.|open|inf|infinite|infinity|open circuit)$/.test(text)) return Number.POSITIVE_INFINITY;
  const spoken = normalizeSpokenNumbers(text);
  return /^-?\d+(?:\.\d+)?$/.test(spoken) ? Number(spoken) : Number.NaN;
}

function unitMatches(entryUnit: string, expected: StepUnit): boolean {
  if (expected === "yes_no")
    return /^(?:|yes_no|yes\/no|bool|boolean|observation)$/.test(entryUnit.trim().toLowerCase());
  return normalizeUnit(entryUnit) === expected;
}

function latestEntry(trail: readonly TrailEntry[], stepId: string): TrailEntry | undefined {
  for (let i = trail.length - 1; i >= 0; i -= 1) if (trail[i]?.stepId === stepId) return trail[i];
  return undefined;
}

function publicStep(node: StepNode): DiagnosticStep {
  const shown: DiagnosticStep = { stepId: node.stepId, title: node.title, how: node.how, expects: { ...node.expects } };
  if (node.inlineCaution !== undefined) shown.inlineCaution = node.inlineCaution;
  if (node.requiresGate !== undefined) shown.requiresGate = [...node.requiresGate];
  return shown;
}

function isCleared(stop: HardStop, options: NextStepOptions): boolean {
  return (
    options.tech !== undefined &&
    (options.acknowledgedStopIds ?? []).includes(stop.stopId) &&
    canClearConditional(stop, options.tech)
  );
}

/**
 * Returns the next diagnostic move for a call from the trail of readings: one step to take, a diagnosis with its
 * repair (and the gates that repair needs), or a hard stop. A reading in the wrong unit or far outside what the
 * step can show is a `readings_unreconciled` stop (§10), never a guess. A conditional stop is passed only when the
 * tech may clear it (canClearConditional) and has acknowledged it; universal stops are never passed.
 */
export function nextDiagnosticStep(
  callType: CallType,
  trail: readonly TrailEntry[],
  options: NextStepOptions = {},
): DiagnoseResult {
  const tree = DECISION_TREES[callType];
  if (tree === undefined)
    return {
      kind: "hardstop",
      hardstop: buildStop("readings_unreconciled", String(callType), "Unknown call type — escalate."),
    };

  let next: Next = step(tree.start);
  for (let hops = 0; hops < 64; hops += 1) {
    if ("diagnosis" in next) {
      const node = tree.diagnoses[next.diagnosis];
      if (node === undefined) throw new Error(`decision tree ${callType}: no diagnosis ${next.diagnosis}`);
      const guide: RepairGuide = { ...node.repair, steps: [...node.repair.steps] };
      if (node.repair.requiresGate) guide.requiresGate = [...node.repair.requiresGate];
      return { kind: "diagnosis", diagnosis: node.diagnosis, repair: guide };
    }
    if ("hardstop" in next) {
      const stop = buildStop(next.hardstop, next.message, next.message);
      // Field Engineer §10: universal stops have no override
      if (stop.type === "conditional" && next.afterClear !== undefined && isCleared(stop, options)) {
        next = next.afterClear;
        continue;
      }
      return { kind: "hardstop", hardstop: stop };
    }

    const node = tree.steps[next.step];
    if (node === undefined) throw new Error(`decision tree ${callType}: no step ${next.step}`);
    const entry = latestEntry(trail, node.stepId);
    if (entry === undefined) return { kind: "step", step: publicStep(node) };

    const matched = `${node.stepId}: ${String(entry.value)} ${entry.unit}`.trim();
    if (!unitMatches(entry.unit, node.expects.unit)) {
      const expected = node.expects.unit === "yes_no" ? "yes/no" : node.expects.unit;
      return {
        kind: "hardstop",
        hardstop: buildStop(
          "readings_unreconciled",
          matched,
          `${node.title} expects ${expected}; the trail has "${entry.unit}". Re-measure and enter it in ${expected}.`,
        ),
      };
    }
    const raw = toNumber(entry.value, node.expects.unit);
    const value = node.absolute === true ? Math.abs(raw) : raw;
    const range =
      node.plausible ?? (node.expects.unit === "yes_no" ? { min: 0, max: 1 } : PLAUSIBLE_RANGE[node.expects.unit]);
    if (Number.isNaN(value)) {
      return {
        kind: "hardstop",
        hardstop: buildStop(
          "readings_unreconciled",
          matched,
          `${node.title}: "${String(entry.value)}" is not a reading. Re-measure.`,
        ),
      };
    }
    if (value < range.min || value > range.max) {
      const stop = buildStop(
        "readings_unreconciled",
        matched,
        `${node.title}: ${String(entry.value)} ${entry.unit} is far outside what this step can read (${range.min}–${range.max}). Re-measure before continuing.`,
      );
      if (!isCleared(stop, options)) return { kind: "hardstop", hardstop: stop };
    }

    let chosen: Next | null = null;
    for (const branch of node.branches) {
      let compared = value;
      if (branch.ratioOf !== undefined) {
        const base = latestEntry(trail, branch.ratioOf);
        const baseValue = base === undefined ? Number.NaN : toNumber(base.value, node.expects.unit);
        compared = baseValue > 0 ? value / baseValue : Number.NaN;
      }
      if (Number.isNaN(compared)) continue;
      if ((branch.min === undefined || compared >= branch.min) && (branch.max === undefined || compared < branch.max)) {
        chosen = branch.go;
        break;
      }
    }
    if (chosen === null) {
      return {
        kind: "hardstop",
        hardstop: buildStop(
          "readings_unreconciled",
          matched,
          `${node.title}: the reading does not fit any branch. Re-measure.`,
        ),
      };
    }
    next = chosen;
  }
  throw new Error(`decision tree ${callType}: more than 64 hops — the tree has a loop`);
}

/** Returns the steps and diagnoses a tree holds, for structural checks and the operator manual. */
export function describeTree(callType: CallType): { stepIds: string[]; diagnosisIds: string[]; start: string } {
  const tree = DECISION_TREES[callType];
  return { stepIds: Object.keys(tree.steps), diagnosisIds: Object.keys(tree.diagnoses), start: tree.start };
}

/** Returns every place a tree points to (steps, diagnoses, stops), so a test can prove no branch dangles. */
export function treeTargets(callType: CallType): Array<{ from: string; to: Next }> {
  const tree = DECISION_TREES[callType];
  const out: Array<{ from: string; to: Next }> = [];
  const visit = (from: string, to: Next) => {
    out.push({ from, to });
    if ("hardstop" in to && to.afterClear !== undefined) visit(from, to.afterClear);
  };
  for (const node of Object.values(tree.steps)) for (const branch of node.branches) visit(node.stepId, branch.go);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Call classification

const CALL_RULES: ReadonlyArray<{ callType: CallType; pattern: RegExp }> = [
  {
    callType: "water_heater_no_hot_water",
    pattern:
      /\b(?:no|not|without|out of|running out of|lukewarm|cold|luke warm)\s+(?:any\s+)?hot water\b|\bhot water\s+(?:is\s+|'s\s+)?(?:out|gone|cold|lukewarm|not)|\bwater heater\b|\btankless\b|\bhot water (?:tank|heater)\b|\bwater'?s (?:cold|not hot)|\bshowers? (?:are |is )?(?:cold|freezing)/,
  },
  {
    callType: "boiler_no_heat",
    pattern: /\bboiler\b|\bradiators?\b|\bbaseboards?\b|\bhydronic\b|\bsteam heat\b|\bzone valve\b|\bradiant\b/,
  },
  {
    callType: "no_cooling_ac",
    pattern:
      /\bheat ?pump\b.*\b(?:not cool\w*|no cool\w*|won'?t cool|warm air|blowing warm|ac mode)\b|\bmini[\s-]?split\b.*\b(?:not cool\w*|no cool\w*|won'?t cool)\b/,
  },
  {
    callType: "heat_pump_not_heating",
    pattern: /\bheat ?pump\b|\bmini[\s-]?split\b|\b(?:aux|auxiliary|emergency) heat\b|\bdefrost\b/,
  },
  {
    callType: "short_cycling",
    pattern:
      /\bshort[\s-]?cycl\w*|\bcycles? (?:on and off|off and on)|\bturns? (?:on and off|off and on)|\bkeeps? (?:shutting|turning|cutting|kicking) (?:off|out|down)|\bshuts? (?:off|down) after (?:a |about )?(?:few |couple )?(?:\d+ )?(?:seconds?|minutes?)|\bruns? (?:for )?(?:a |about )?(?:few |couple (?:of )?|\d+ )(?:seconds|minutes?) (?:and|then) (?:shuts?|stops?|quits?)|\blights? (?:and |then |and then )(?:goes out|shuts off|drops out)|\bflame (?:goes|drops) out\b/,
  },
  {
    callType: "no_cooling_ac",
    pattern:
      /\b(?:no|not|won'?t|isn'?t|doesn'?t|nt)\s+cool\w*|\bno (?:ac|a\/c|air conditioning|air)\b|\b(?:ac|a\/c|a c|air conditioner|air conditioning|condenser)\b.*\b(?:not|won'?t|isn'?t|doesn'?t|broken|down|dead|warm|quit|stopped)\b|\bblowing (?:warm|hot)\b|\bwarm air\b|\bhouse (?:is )?(?:hot|warm)\b/,
  },
  {
    callType: "no_heat_gas_furnace",
    pattern:
      /\bno heat\b|\bnot heat\w*|\b(?:furnace|heater|heat)\b.*\b(?:not|won'?t|isn'?t|doesn'?t|broken|out|dead|quit|stopped)\b|\bblowing cold\b|\bcold air\b|\bhouse (?:is )?(?:cold|freezing)\b|\bfurnace\b.*\block(?:ed)?\s?out\b/,
  },
];

/** Returns the call type for a complaint in plain or voice words ("furnace is short cycling" → "short_cycling"), or null. */
export function classifyCall(text: string): CallType | null {
  const normalized = normalizeSpokenNumbers(text);
  for (const rule of CALL_RULES) if (rule.pattern.test(normalized)) return rule.callType;
  return null;
}
