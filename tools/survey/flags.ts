// Survey flags (Field Engineer §08): per-system warnings and whole-home scope items and opportunities.
// Pure: no I/O, no clock. Flags inform the proposal; they never price, hide a tier or decide safety.
import type { EquipmentType } from "./tiers.ts";

export type FlagCode =
  | "end_of_life"
  | "aging"
  | "failed"
  | "heat_pump_candidate"
  | "panel_upgrade"
  | "panel_unknown"
  | "ductwork_replacement"
  | "new_line_set"
  | "iaq_opportunity"
  | "zoning_opportunity"
  | "maintenance_agreement";

export type FlagKind = "warning" | "scope_item" | "opportunity" | "prompt";

/** Field Engineer §08 "Adjustments & scope add-ons": the preset, priced add-ons a rep can toggle on. */
export type AddOn = "panel_upgrade" | "ductwork_replacement" | "new_line_set" | "iaq" | "zoning";

export interface Flag {
  code: FlagCode;
  kind: FlagKind;
  message: string;
  /** The preset add-on this flag proposes, if any. */
  addOn: AddOn | null;
}

export type EquipmentFuel = "natural_gas" | "propane" | "electric" | "oil" | "none";
export type EquipmentCondition = "good" | "fair" | "poor" | "failed";

export interface SurveyedSystem {
  type: EquipmentType;
  fuel: EquipmentFuel | null;
  ageYears: number | null;
  condition: EquipmentCondition | null;
}

// Field Engineer §08: 15+ years is end-of-life, 12–14 is aging.
export const END_OF_LIFE_AGE_YEARS = 15;
export const AGING_AGE_YEARS = 12;

/** Warnings for one surveyed system: age, failure, and whether it is a heat-pump conversion candidate. */
export function flagSystem(system: SurveyedSystem): Flag[] {
  const flags: Flag[] = [];
  const { ageYears } = system;
  if (ageYears !== null && Number.isFinite(ageYears)) {
    if (ageYears >= END_OF_LIFE_AGE_YEARS) {
      flags.push({
        code: "end_of_life",
        kind: "warning",
        message: `At ${ageYears} years, this ${system.type} is at the end of its expected life.`,
        addOn: null,
      });
    } else if (ageYears >= AGING_AGE_YEARS) {
      flags.push({
        code: "aging",
        kind: "warning",
        message: `At ${ageYears} years, this ${system.type} is aging; plan for replacement.`,
        addOn: null,
      });
    }
  }
  if (system.condition === "failed") {
    flags.push({ code: "failed", kind: "warning", message: `This ${system.type} has failed.`, addOn: null });
  }
  // Field Engineer §08: a gas furnace is a heat-pump conversion candidate; propane counts (the §08 headline case).
  if (system.type === "furnace" && (system.fuel === "natural_gas" || system.fuel === "propane")) {
    const fuelWord = system.fuel === "propane" ? "propane" : "gas";
    flags.push({
      code: "heat_pump_candidate",
      kind: "opportunity",
      message: `This ${fuelWord} furnace is a candidate for conversion to a heat pump.`,
      addOn: null,
    });
  }
  return flags;
}

// Field Engineer §08 "Electrical panel field": one of these, plus an open-breaker-spaces check.
export const PANEL_RATINGS = ["100A", "125A", "150A", "200A", "200A+"] as const;
export type PanelRating = (typeof PANEL_RATINGS)[number];
const SMALL_PANELS: readonly PanelRating[] = ["100A", "125A"];

export type DuctworkCondition = "good" | "fair" | "poor";
/** The survey's line-set mark; "replace" is what the estimate contract (§06) calls a new line set. */
export type LineSetMark = "reuse" | "replace" | "unknown";
export type ComfortConcern = "humidity" | "dust" | "hot_cold_rooms" | "uneven_temperatures" | "noise";

export interface HomeConditions {
  heatPumpRecommended: boolean;
  panel: PanelRating | null;
  /** Null when nobody checked the panel for open breaker spaces. */
  hasOpenBreakerSpaces: boolean | null;
  ductwork: DuctworkCondition | null;
  lineSet: LineSetMark | null;
  concerns: readonly ComfortConcern[];
}

function panelFlags(home: HomeConditions): Flag[] {
  if (!home.heatPumpRecommended) return [];
  const isSmall = home.panel !== null && SMALL_PANELS.includes(home.panel);
  const isFull = home.hasOpenBreakerSpaces === false;
  // Field Engineer §08: 100A/125A or no open spaces fires; 150A and up clear unless spaces are full.
  if (isSmall || isFull) {
    const why = [isSmall ? `a ${home.panel} panel` : null, isFull ? "no open breaker spaces" : null]
      .filter((part) => part !== null)
      .join(" and ");
    return [
      {
        code: "panel_upgrade",
        kind: "scope_item",
        message: `A heat pump is recommended and the home has ${why}: add a panel upgrade.`,
        addOn: "panel_upgrade",
      },
    ];
  }
  if (home.panel === null || home.hasOpenBreakerSpaces === null) {
    return [
      {
        code: "panel_unknown",
        kind: "prompt",
        message: "A heat pump is recommended: record the panel size and check for open breaker spaces.",
        addOn: null,
      },
    ];
  }
  return [];
}

/** Whole-home scope items and opportunities; the maintenance-agreement prompt is always last. */
export function flagHome(home: HomeConditions): Flag[] {
  const flags = panelFlags(home);
  if (home.ductwork === "poor" || home.ductwork === "fair") {
    flags.push({
      code: "ductwork_replacement",
      kind: "scope_item",
      message: `Ductwork is in ${home.ductwork} condition: add ductwork replacement to the scope.`,
      addOn: "ductwork_replacement",
    });
  }
  if (home.lineSet === "replace") {
    flags.push({
      code: "new_line_set",
      kind: "scope_item",
      message: "The line set is marked for replacement: add a new line set to the scope.",
      addOn: "new_line_set",
    });
  }
  const iaqConcerns = home.concerns.filter((concern) => concern === "humidity" || concern === "dust");
  if (iaqConcerns.length > 0) {
    flags.push({
      code: "iaq_opportunity",
      kind: "opportunity",
      message: `The homeowner mentioned ${iaqConcerns.join(" and ")}: offer indoor-air-quality options.`,
      addOn: "iaq",
    });
  }
  if (home.concerns.includes("hot_cold_rooms") || home.concerns.includes("uneven_temperatures")) {
    flags.push({
      code: "zoning_opportunity",
      kind: "opportunity",
      message: "The homeowner mentioned hot and cold or uneven rooms: offer zoning.",
      addOn: "zoning",
    });
  }
  // Field Engineer §08: the maintenance-agreement prompt always appears.
  flags.push({
    code: "maintenance_agreement",
    kind: "prompt",
    message: "Offer a maintenance agreement.",
    addOn: null,
  });
  return flags;
}
