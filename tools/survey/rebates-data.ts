// Synthetic rebate catalog for the demo region "CO" (Field Engineer §06 `rebates`): invented programs, not real ones.
// Pure data and lookups: no I/O. Every amount is an estimate "to be verified"; nothing here is a commitment.
import { DEMO_ELECTRIC_UTILITIES, DEMO_GAS_UTILITIES } from "./utilities-data.ts";

export type RebateLevel = "federal" | "state" | "utility";
export type RebateEquipment = "heat_pump" | "furnace" | "boiler" | "ac" | "minisplit" | "thermostat" | "panel_upgrade";
type TierFloor = "better" | "best";

/** Field Engineer §08: rebate amounts are always subject to verification. */
export const REBATE_VERIFICATION = "to be verified";
export const DEMO_REBATE_SOURCE = "Synthetic demo catalog (not a real program)";

export interface RebateProgram {
  id: string;
  name: string;
  level: RebateLevel;
  /** Estimated dollars. */
  amount: number;
  amountLabel: string;
  verification: typeof REBATE_VERIFICATION;
  source: string;
  sourceUrl: string | null;
  equipment: readonly RebateEquipment[];
  /** Utility programs apply only to that utility's customers. */
  utility: string | null;
  /** The lowest Good/Better/Best tier that qualifies; null when any tier does. */
  minTier: TierFloor | null;
  eligibility: string;
}

type CatalogRow = Omit<RebateProgram, "amountLabel" | "verification" | "source" | "sourceUrl">;

const [DEMO_VALLEY, , HIGH_PRAIRIE] = DEMO_ELECTRIC_UTILITIES;
const [FRONT_RANGE_GAS] = DEMO_GAS_UTILITIES;

const DEMO_CATALOG: readonly CatalogRow[] = [
  {
    id: "fed-heat-pump-credit",
    name: "Federal home energy credit — heat pump (demo)",
    level: "federal",
    amount: 2000,
    equipment: ["heat_pump", "minisplit"],
    utility: null,
    minTier: "better",
    eligibility: "Qualifying high-efficiency heat pump; homeowner claims on their tax return.",
  },
  {
    id: "fed-furnace-credit",
    name: "Federal home energy credit — high-efficiency furnace (demo)",
    level: "federal",
    amount: 600,
    equipment: ["furnace", "boiler"],
    utility: null,
    minTier: "better",
    eligibility: "Furnace or boiler at 95% AFUE or better.",
  },
  {
    id: "co-heat-pump-credit",
    name: "State heat pump incentive (demo)",
    level: "state",
    amount: 1500,
    equipment: ["heat_pump", "minisplit"],
    utility: null,
    minTier: null,
    eligibility: "Heat pump installed in a primary residence in the demo state.",
  },
  {
    id: "co-panel-upgrade",
    name: "State electrification panel upgrade incentive (demo)",
    level: "state",
    amount: 1000,
    equipment: ["panel_upgrade"],
    utility: null,
    minTier: null,
    eligibility: "Panel upgrade installed together with a heat pump.",
  },
  {
    id: "dvpl-heat-pump",
    name: `${DEMO_VALLEY} heat pump rebate (demo)`,
    level: "utility",
    amount: 1200,
    equipment: ["heat_pump", "minisplit"],
    utility: DEMO_VALLEY,
    minTier: null,
    eligibility: "Electric customers of the utility; contractor submits within 90 days of install.",
  },
  {
    id: "dvpl-thermostat",
    name: `${DEMO_VALLEY} smart thermostat rebate (demo)`,
    level: "utility",
    amount: 75,
    equipment: ["thermostat"],
    utility: DEMO_VALLEY,
    minTier: null,
    eligibility: "Qualifying smart thermostat, one per account.",
  },
  {
    id: "hpec-heat-pump",
    name: `${HIGH_PRAIRIE} heat pump rebate (demo)`,
    level: "utility",
    amount: 800,
    equipment: ["heat_pump", "minisplit"],
    utility: HIGH_PRAIRIE,
    minTier: null,
    eligibility: "Members of the cooperative.",
  },
  {
    id: "frgc-furnace",
    name: `${FRONT_RANGE_GAS} high-efficiency furnace rebate (demo)`,
    level: "utility",
    amount: 400,
    equipment: ["furnace", "boiler"],
    utility: FRONT_RANGE_GAS,
    minTier: "better",
    eligibility: "Gas customers of the cooperative; furnace at 95% AFUE or better.",
  },
  {
    id: "frgc-ac",
    name: `${FRONT_RANGE_GAS} high-efficiency cooling rebate (demo)`,
    level: "utility",
    amount: 250,
    equipment: ["ac"],
    utility: FRONT_RANGE_GAS,
    minTier: "best",
    eligibility: "Gas customers of the cooperative installing an inverter air conditioner.",
  },
];

export interface RebateQuery {
  state: string;
  utilities: { electric: string | null; gas: string | null };
  equipment: readonly RebateEquipment[];
  tier?: "good" | "better" | "best" | null;
}

export interface RebateMatches {
  programs: RebateProgram[];
  /** Sum of the matched programs' estimated amounts, dollars. */
  estimatedTotal: number;
  verification: typeof REBATE_VERIFICATION;
}

const TIER_RANK: Readonly<Record<"good" | "better" | "best", number>> = { good: 0, better: 1, best: 2 };

function toProgram(row: CatalogRow): RebateProgram {
  return {
    ...row,
    amountLabel: `$${row.amount.toLocaleString("en-US")} (estimated, ${REBATE_VERIFICATION})`,
    verification: REBATE_VERIFICATION,
    source: DEMO_REBATE_SOURCE,
    sourceUrl: null,
  };
}

/** Demo rebate programs that may apply to the equipment, each amount marked "to be verified"; empty outside "CO". */
export function rebatesFor(query: RebateQuery): RebateMatches {
  if (query.state.trim().toUpperCase() !== "CO") {
    return { programs: [], estimatedTotal: 0, verification: REBATE_VERIFICATION };
  }
  const confirmed = [query.utilities.electric, query.utilities.gas];
  const programs = DEMO_CATALOG.filter((row) => {
    if (!row.equipment.some((item) => query.equipment.includes(item))) return false;
    if (row.utility !== null && !confirmed.includes(row.utility)) return false;
    // Without a tier, keep the program: the tech verifies eligibility anyway.
    if (row.minTier !== null && query.tier != null && TIER_RANK[query.tier] < TIER_RANK[row.minTier]) return false;
    return true;
  }).map(toProgram);
  return {
    programs,
    estimatedTotal: programs.reduce((sum, program) => sum + program.amount, 0),
    verification: REBATE_VERIFICATION,
  };
}
