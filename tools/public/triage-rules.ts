// Customer triage rules for the public support page: emergencies first, then high-level possible causes only.
// Pure: no I/O. Never repair steps, parts, prices or staff names — the customer sees only what is safe to do.

/** Payload caps (Concierge Stage-1 boundary): a public, unauthenticated endpoint must stay small. */
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_IMAGES = 3;
export const MAX_IMAGE_BYTES = 1_048_576;

/** Decoded size of a base64 string (data: URL prefixes allowed). */
export function base64Bytes(data: string): number {
  const body = data.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  const padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

export type EmergencyKind = "gas" | "carbon_monoxide" | "electrical_fire" | "flooding_power";

export interface Emergency {
  kind: EmergencyKind;
  instruction: string;
}

const GAS_INSTRUCTION =
  "Leave the home now — do not switch lights or appliances on or off, do not use your phone inside. Once outside, " +
  "call 911 or your gas utility's emergency line.";
const CO_INSTRUCTION =
  "Get everyone (and pets) out into fresh air now and call 911 from outside. Do not go back in until responders " +
  "say it is safe.";
const FIRE_INSTRUCTION =
  "If you see flames or smoke, leave the home and call 911 from outside. If it is safe to reach, switch the " +
  "equipment off at its breaker — never touch it while it is sparking.";
const FLOOD_INSTRUCTION =
  "Stay out of standing water near anything electrical. Leave the area and call 911 if water is near live " +
  "outlets or equipment; only switch power off at the main panel if you can reach it while standing somewhere dry.";

const NEGATED = /\b(?:no|not|don'?t|doesn'?t|isn'?t|never|without)\s+(?:\w+\s+){0,2}$/;

function mentions(text: string, pattern: RegExp): boolean {
  for (const m of text.matchAll(new RegExp(pattern.source, "g"))) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index ?? 0);
    if (!NEGATED.test(before)) return true;
  }
  return false;
}

const GAS =
  /\bsmell\w*\s+(?:\w+\s+){0,3}?(?:gas|propane|rotten eggs?|sulfur)\b|\b(?:gas|propane|rotten egg|sulfur)\w*\s+(?:smell|odou?r|stink)\w*|\bgas leak\w*|\bleaking gas\b|\bhiss\w*\s+(?:\w+\s+){0,3}?gas\b/;
const CO =
  /\b(?:co|carbon monoxide|monoxide)\s+(?:alarm|detector|monitor)\w*\s+(?:\w+\s+){0,3}?(?:going off|beep\w*|sound\w*|alarm\w*|chirp\w*|went off|is on|keeps)|\bcarbon monoxide\b|\b(?:co|carbon monoxide) (?:alarm|detector) (?:is )?(?:going|went) off/;
const FIRE =
  /\bsparks?\b|\bsparking\b|\barcing\b|\bburning (?:smell|plastic|wire|rubber)\b|\bsmell\w* (?:\w+ ){0,2}burning\b|\bsmoke\b|\bsmoking\b|\bflames? (?:coming )?(?:out|from)\b|\bon fire\b|\bmelt\w*/;
const FLOOD =
  /\bflood\w*|\bstanding water\b|\bwater (?:all )?(?:over|on) the floor\b|\binches of water\b|\bburst pipe\b/;
const POWER =
  /\bpower\b|\boutlets?\b|\belectric\w*|\bplugged in\b|\bpanel\b|\bbreaker\b|\bwires?\b|\bfurnace\b|\bwater heater\b|\bunit\b|\bequipment\b|\bappliance\b/;

/** Returns the emergency the customer describes, most dangerous first, or null. Checked before anything else. */
export function detectEmergency(description: string): Emergency | null {
  const text = description.toLowerCase();
  if (mentions(text, GAS)) return { kind: "gas", instruction: GAS_INSTRUCTION };
  if (mentions(text, CO)) return { kind: "carbon_monoxide", instruction: CO_INSTRUCTION };
  if (mentions(text, FIRE)) return { kind: "electrical_fire", instruction: FIRE_INSTRUCTION };
  if (mentions(text, FLOOD) && POWER.test(text)) return { kind: "flooding_power", instruction: FLOOD_INSTRUCTION };
  return null;
}

export type ProblemKind =
  | "no_heat"
  | "no_cooling"
  | "no_hot_water"
  | "water_leak"
  | "noise"
  | "short_cycling"
  | "thermostat"
  | "other";

// High-level causes only: what a homeowner can understand, never a repair step, a part or a price.
const CAUSES: Record<ProblemKind, string[]> = {
  no_heat: [
    "The thermostat may not be calling for heat (settings, schedule or batteries).",
    "The system may have shut itself off for safety after a fault.",
    "A clogged air filter can make a furnace overheat and shut down.",
    "Fuel or power supply to the equipment may be interrupted.",
  ],
  no_cooling: [
    "The thermostat may not be set to cool or may need batteries.",
    "A clogged air filter or blocked outdoor unit can stop cooling.",
    "The outdoor unit may have lost power at its switch or breaker.",
    "The system may have an electrical or refrigerant problem that a technician needs to check.",
  ],
  no_hot_water: [
    "The water heater may have shut itself off for safety.",
    "Its power or fuel supply may be interrupted.",
    "Heavy use can empty the tank faster than it reheats.",
  ],
  water_leak: [
    "Condensate drains on heating and cooling equipment can clog and overflow.",
    "A water heater or boiler relief valve may be releasing water.",
    "A pipe or fitting may be leaking.",
  ],
  noise: [
    "Loose panels or parts can rattle while the system runs.",
    "A motor or fan may be wearing out.",
    "Sediment in a water heater or boiler can cause popping or rumbling.",
  ],
  short_cycling: [
    "A dirty filter or blocked vents can make the system shut off early.",
    "The system may be shutting itself off for safety after a fault.",
    "The thermostat location or settings may be cutting cycles short.",
  ],
  thermostat: [
    "The thermostat may need batteries or have lost its settings.",
    "A schedule or mode setting may be overriding what you set.",
  ],
  other: ["A technician will need to look at the equipment to say what is wrong."],
};

const KINDS: ReadonlyArray<{ kind: ProblemKind; pattern: RegExp }> = [
  { kind: "water_leak", pattern: /\bleak\w*|\bdrip\w*|\bwater (?:on|under|around|coming)\b|\bpuddle\b/ },
  { kind: "no_hot_water", pattern: /\bhot water\b|\bwater heater\b|\bshower\w* (?:is |are )?cold\b/ },
  {
    kind: "short_cycling",
    pattern: /\bturns? (?:on and off|off and on)|\bshort[\s-]?cycl\w*|\bkeeps? (?:shutting|turning) off\b/,
  },
  {
    kind: "no_cooling",
    pattern:
      /\b(?:ac|a\/c|air condition\w*)\b|\bnot cooling\b|\bno (?:cool\w*|air)\b|\bwarm air\b|\bhot (?:house|inside)\b/,
  },
  {
    kind: "no_heat",
    pattern:
      /\bno heat\b|\bnot heating\b|\bfurnace\b|\bheat(?:er|ing)?\b|\bboiler\b|\bcold (?:air|house|inside)\b|\bfreezing\b/,
  },
  { kind: "noise", pattern: /\bnois\w*|\bbang\w*|\brattl\w*|\bsqueal\w*|\bgrind\w*|\bbuzz\w*|\bhum\w*|\bpopping\b/ },
  { kind: "thermostat", pattern: /\bthermostat\b|\btstat\b/ },
];

export function problemKind(description: string): ProblemKind {
  const text = description.toLowerCase();
  return KINDS.find((k) => k.pattern.test(text))?.kind ?? "other";
}

export function possibleCauses(kind: ProblemKind): string[] {
  return [...CAUSES[kind]];
}

/** What a homeowner may safely check themself (no tools, no panels opened). */
export function safeChecks(kind: ProblemKind): string[] {
  switch (kind) {
    case "no_heat":
    case "no_cooling":
    case "short_cycling":
    case "thermostat":
      return ["Check the thermostat mode, setpoint and batteries.", "Check that the air filter is not clogged."];
    case "no_hot_water":
      return ["Check whether hot water is out at every tap or only one."];
    case "water_leak":
      return ["Move belongings away from the water and note where it seems to come from."];
    default:
      return [];
  }
}

/** How completely a public request can be routed, and what the office still has to ask. */
export function routeCompleteness(request: {
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  description: string;
}): { routeConfidence: number; missingFields: Array<"identity" | "address" | "intent"> } {
  const missing: Array<"identity" | "address" | "intent"> = [];
  if (!request.phone && !request.email) missing.push("identity");
  if (!request.address || request.address.trim().length < 5) missing.push("address");
  if (problemKind(request.description) === "other" && request.description.trim().length < 20) missing.push("intent");
  const score = 1 - missing.length * 0.25 - (request.phone && request.email ? 0 : 0.05);
  return { routeConfidence: Math.max(0.2, Math.round(score * 100) / 100), missingFields: missing };
}
