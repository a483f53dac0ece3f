// Credential gates for repair work (Field Engineer §09): what a tech may do with their own hands, decided by code.
// Pure: no I/O, no clock. A tech cannot self-grant; a universal hard stop can never be cleared here or anywhere.

export const GATE_CODES = ["EPA-U", "E1", "E2", "E3", "G1", "G2", "HP", "B1", "B2", "WH", "CB", "OIL"] as const;
export type GateCode = (typeof GATE_CODES)[number];

/** EPA 608 Type II: every tech holds it, so work that needs it is baseline (§09 pseudo-code). */
export const EPA_TYPE_II_BASELINE = "EPA2";
export type RequiredGate = GateCode | typeof EPA_TYPE_II_BASELINE;

export interface GateDefinition {
  code: GateCode;
  gate: string;
  unlocks: string;
}

// Field Engineer §09 gate table.
export const GATES: Readonly<Record<GateCode, GateDefinition>> = {
  "EPA-U": {
    code: "EPA-U",
    gate: "EPA 608 Universal",
    unlocks: "Low-pressure / chiller (Type II high-pressure work is baseline)",
  },
  E1: {
    code: "E1",
    gate: "Line-voltage (single-phase)",
    unlocks: "Burned line-voltage wiring, whips, disconnects, hard-wired motor rewiring",
  },
  E2: {
    code: "E2",
    gate: "Three-phase (hands-on)",
    unlocks: "Hands-on 3-phase work (measurement on 3-phase is allowed for all)",
  },
  E3: {
    code: "E3",
    gate: "New circuit / branch",
    unlocks: "New circuit from panel, branch extension, new disconnects",
  },
  G1: {
    code: "G1",
    gate: "Gas valve / piping",
    unlocks: "Replace gas valve, broken-seal gas connections (leak-test required)",
  },
  G2: {
    code: "G2",
    gate: "Combustion & venting",
    unlocks: "Combustion analysis (CO/O₂), venting sign-off, confirming a cracked HX",
  },
  HP: {
    code: "HP",
    gate: "Heat pumps",
    unlocks: "Reversing valve, defrost, low-ambient, aux/emergency-heat, HP charging",
  },
  B1: { code: "B1", gate: "Hydronic boilers", unlocks: "Circulators, expansion tanks, zone valves, aquastats" },
  B2: {
    code: "B2",
    gate: "Steam boilers",
    unlocks: "Steam controls, LWCO, pressuretrols, sight glass (full stop without B2)",
  },
  WH: {
    code: "WH",
    gate: "Water heaters",
    unlocks: "Gas control valve, T&P, thermocouple/igniter, tankless flow & descaling",
  },
  CB: { code: "CB", gate: "Combi units", unlocks: "Combi boiler + DHW combined systems" },
  OIL: { code: "OIL", gate: "Oil-fired", unlocks: "Defined but dormant until oil service is offered" },
};

export type TechLevel = "novice" | "mid" | "senior" | "master";

/** Field Engineer §07 tech profile: admin-set only; a tech cannot edit their own credentials. */
export interface TechProfile {
  techId: string;
  name: string;
  level: TechLevel;
  epaType: "II" | "Universal";
  epaCertNumber: string;
  gates: readonly GateCode[];
  credentialNumbers: Partial<Record<GateCode, string>>;
  conditionalOverride: boolean;
}

export type Fuel = "natural_gas" | "propane" | "oil" | "electric" | "none";

/**
 * Something a tech is about to do. `kind` "measurement" or "diagnosis" is never gated (§09 gate principle);
 * `combustion` marks work that depends on combustion (burner, venting, manifold pressure, combustion analysis).
 */
export interface GatedAction {
  requiresGate?: RequiredGate | readonly RequiredGate[] | null;
  kind?: "measurement" | "diagnosis" | "repair";
  combustion?: boolean;
  fuel?: Fuel;
}

export type PerformDecision = { allowed: true } | { allowed: false; missing: GateCode[]; route: "escalate" };

export interface ClearableStop {
  type: "universal" | "conditional";
  clearedBy: { gates: readonly string[] };
}

function isGateCode(code: string): code is GateCode {
  return (GATE_CODES as readonly string[]).includes(code);
}

/** Returns true when the fuel is burned on site; an unknown fuel on combustion work counts as burned (safe side). */
function burnsFuel(fuel: Fuel | undefined): boolean {
  return fuel !== "electric" && fuel !== "none";
}

/**
 * Returns the gates an action needs, deduplicated, in the order declared. Measurement and diagnosis need none
 * (3-phase included), except combustion analysis, which is G2 work by the §09 table. Combustion-dependent work on
 * a fuel-burning unit always adds G2. "EPA2" is dropped: every tech holds Type II.
 */
export function requiredGatesFor(action: GatedAction): GateCode[] {
  const declared =
    action.requiresGate == null
      ? []
      : typeof action.requiresGate === "string"
        ? [action.requiresGate]
        : action.requiresGate;
  const handsOn = action.kind !== "measurement" && action.kind !== "diagnosis";
  const gates: GateCode[] = [];
  if (handsOn) {
    for (const gate of declared) {
      if (gate !== EPA_TYPE_II_BASELINE && isGateCode(gate) && !gates.includes(gate)) gates.push(gate);
    }
  }
  // Field Engineer §09: combustion-dependent work on any fuel-burning unit also requires G2.
  if (action.combustion === true && burnsFuel(action.fuel) && !gates.includes("G2")) gates.push("G2");
  return gates;
}

/** Returns the gates a tech actually holds: the admin-granted list, plus EPA-U when certified Universal. */
export function heldGates(tech: Pick<TechProfile, "gates" | "epaType">): GateCode[] {
  const held = tech.gates.filter(isGateCode);
  if (tech.epaType === "Universal" && !held.includes("EPA-U")) held.push("EPA-U");
  return held;
}

/**
 * Returns whether the tech may perform the action (§09 canPerform, extended to stacked gates). Blocked work names
 * every missing gate and routes to escalation, where the trail is preserved.
 */
export function canPerform(action: GatedAction, tech: Pick<TechProfile, "gates" | "epaType">): PerformDecision {
  const held = heldGates(tech);
  const missing = requiredGatesFor(action).filter((gate) => !held.includes(gate));
  if (missing.length === 0) return { allowed: true };
  return { allowed: false, missing, route: "escalate" };
}

/**
 * Returns true only when a conditional stop may be cleared by this tech: the override flag AND every clearedBy gate
 * (§09 canClearConditional). An unknown gate code in clearedBy is never held, so it never clears.
 */
export function canClearConditional(
  stop: ClearableStop,
  tech: Pick<TechProfile, "gates" | "epaType" | "conditionalOverride">,
): boolean {
  // Field Engineer §10: universal stops have no override
  if (stop.type !== "conditional") return false;
  const held: readonly string[] = heldGates(tech);
  return tech.conditionalOverride === true && stop.clearedBy.gates.every((gate) => held.includes(gate));
}
