// Credential gate tests (Field Engineer §09): what a tech may do with their own hands, and which stops they may clear.
import { describe, expect, it } from "vitest";
import {
  canClearConditional,
  canPerform,
  GATE_CODES,
  GATES,
  type GateCode,
  heldGates,
  requiredGatesFor,
  type TechProfile,
} from "./gates.ts";

function tech(gates: GateCode[], extra: Partial<TechProfile> = {}): TechProfile {
  return {
    techId: "T-1042",
    name: "Johnny R.",
    level: "novice",
    epaType: "II",
    epaCertNumber: "608-XXXXX",
    gates,
    credentialNumbers: {},
    conditionalOverride: false,
    ...extra,
  };
}

describe("gate table", () => {
  it("lists the twelve gates of the seed with what each unlocks", () => {
    expect(GATE_CODES).toHaveLength(12);
    for (const code of GATE_CODES) {
      expect(GATES[code].code).toBe(code);
      expect(GATES[code].unlocks.length).toBeGreaterThan(10);
    }
    expect(GATES.G2.unlocks).toContain("cracked HX");
  });
});

describe("canPerform for every gate", () => {
  const others = (code: GateCode) => GATE_CODES.filter((g) => g !== code && g !== "EPA-U");
  it.each(GATE_CODES)("a tech holding %s may do the work it unlocks", (code) => {
    expect(canPerform({ requiresGate: code }, tech([code]))).toEqual({ allowed: true });
  });
  it.each(GATE_CODES)("a tech holding every other gate but not %s is sent to escalation", (code) => {
    expect(canPerform({ requiresGate: code }, tech(others(code)))).toEqual({
      allowed: false,
      missing: [code],
      route: "escalate",
    });
  });
});

describe("canPerform baseline and stacking", () => {
  const cases: Array<{
    name: string;
    action: Parameters<typeof canPerform>[0];
    gates: GateCode[];
    allowed: boolean;
    missing?: GateCode[];
  }> = [
    { name: "a capacitor swap (no gate) is baseline for a novice", action: {}, gates: [], allowed: true },
    { name: "a null gate is baseline", action: { requiresGate: null }, gates: [], allowed: true },
    {
      name: "EPA Type II refrigerant work is baseline for every tech",
      action: { requiresGate: "EPA2" },
      gates: [],
      allowed: true,
    },
    {
      name: "a 3-phase heat pump contactor swap needs E2 and HP: both held",
      action: { requiresGate: ["E2", "HP"] },
      gates: ["E2", "HP"],
      allowed: true,
    },
    {
      name: "a 3-phase heat pump contactor swap with only HP names E2 as missing",
      action: { requiresGate: ["E2", "HP"] },
      gates: ["HP"],
      allowed: false,
      missing: ["E2"],
    },
    {
      name: "a 3-phase heat pump contactor swap with neither names both",
      action: { requiresGate: ["E2", "HP"] },
      gates: ["E1"],
      allowed: false,
      missing: ["E2", "HP"],
    },
    {
      name: "a boiler combustion tune needs B1 and G2",
      action: { requiresGate: ["B1"], combustion: true, fuel: "natural_gas" },
      gates: ["B1"],
      allowed: false,
      missing: ["G2"],
    },
    {
      name: "a boiler combustion tune with B1 and G2 is allowed",
      action: { requiresGate: ["B1", "G2"], combustion: true, fuel: "natural_gas" },
      gates: ["B1", "G2"],
      allowed: true,
    },
    {
      name: "measuring 3-phase voltage is never gated",
      action: { requiresGate: "E2", kind: "measurement" },
      gates: [],
      allowed: true,
    },
    {
      name: "diagnosis is never gated",
      action: { requiresGate: ["HP", "E2"], kind: "diagnosis" },
      gates: [],
      allowed: true,
    },
    {
      name: "combustion analysis on a gas furnace is G2 work even though it is a measurement",
      action: { kind: "measurement", combustion: true, fuel: "natural_gas" },
      gates: [],
      allowed: false,
      missing: ["G2"],
    },
    {
      name: "a gas valve swap is G1 only when combustion is not touched",
      action: { requiresGate: "G1", fuel: "natural_gas" },
      gates: ["G1"],
      allowed: true,
    },
    {
      name: "combustion-dependent work on a propane water heater adds G2 to WH",
      action: { requiresGate: "WH", combustion: true, fuel: "propane" },
      gates: ["WH"],
      allowed: false,
      missing: ["G2"],
    },
    {
      name: "an electric unit has no combustion, so no G2",
      action: { requiresGate: "WH", combustion: true, fuel: "electric" },
      gates: ["WH"],
      allowed: true,
    },
  ];
  it.each(cases)("$name", ({ action, gates, allowed, missing }) => {
    const result = canPerform(action, tech(gates));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed) {
      expect(result.missing).toEqual(missing);
      expect(result.route).toBe("escalate");
    }
  });

  it("a tech certified EPA Universal holds EPA-U without it being listed", () => {
    expect(heldGates(tech([], { epaType: "Universal" }))).toContain("EPA-U");
    expect(canPerform({ requiresGate: "EPA-U" }, tech([], { epaType: "Universal" }))).toEqual({ allowed: true });
    expect(canPerform({ requiresGate: "EPA-U" }, tech([], { epaType: "II" })).allowed).toBe(false);
  });

  it("requiredGatesFor adds G2 once and drops the EPA2 baseline", () => {
    expect(requiredGatesFor({ requiresGate: ["EPA2", "G2", "B1"], combustion: true })).toEqual(["G2", "B1"]);
    expect(requiredGatesFor({ combustion: true })).toEqual(["G2"]);
    expect(requiredGatesFor({ combustion: true, fuel: "oil" })).toEqual(["G2"]);
  });
});

describe("canClearConditional", () => {
  const crackedHx = { type: "conditional" as const, clearedBy: { gates: ["G2"] } };
  const unreconciled = { type: "conditional" as const, clearedBy: { gates: [] } };
  const gasLeak = { type: "universal" as const, clearedBy: { gates: [] } };
  const stacked = { type: "conditional" as const, clearedBy: { gates: ["B1", "G2"] } };
  const cases = [
    {
      name: "G2 with the override clears a cracked heat exchanger",
      stop: crackedHx,
      gates: ["G2"],
      override: true,
      cleared: true,
    },
    { name: "G2 without the override does not", stop: crackedHx, gates: ["G2"], override: false, cleared: false },
    { name: "the override without G2 does not", stop: crackedHx, gates: ["E1"], override: true, cleared: false },
    {
      name: "an override clears unreconciled readings (no gate)",
      stop: unreconciled,
      gates: [],
      override: true,
      cleared: true,
    },
    {
      name: "no override, unreconciled readings stay stopped",
      stop: unreconciled,
      gates: [],
      override: false,
      cleared: false,
    },
    { name: "stacked clearing gates need every one", stop: stacked, gates: ["G2"], override: true, cleared: false },
    {
      name: "stacked clearing gates all held clear it",
      stop: stacked,
      gates: ["B1", "G2"],
      override: true,
      cleared: true,
    },
    {
      name: "a gas leak is never cleared, even by a master with every gate",
      stop: gasLeak,
      gates: [...GATE_CODES],
      override: true,
      cleared: false,
    },
  ] as const;
  it.each(cases)("$name", ({ stop, gates, override, cleared }) => {
    expect(canClearConditional(stop, tech([...gates], { conditionalOverride: override, level: "master" }))).toBe(
      cleared,
    );
  });
});
