// Residential energy rates (Field Engineer §06 `rates`): the bundled snapshot, the offline stand-in for the EIA feed,
// and lookups over any snapshot. Pure: no I/O, no zod (the browser runs it). Every rate carries its vintage and trend.

export type RateLevel = "utility" | "state" | "region" | "national";

/** Field Engineer §06: every rate carries where it came from, how local it is, when it is from, and its trend. */
export interface RateVintage {
  level: RateLevel;
  /** What the level refers to: a utility, a state, a region. */
  area: string;
  source: string;
  /** The vintage of the figure: "YYYY" or "YYYY-MM". */
  asOf: string;
  /** Recent year-over-year change, for the escalation note. */
  trendPctPerYear: number;
}

export interface ElectricRate extends RateVintage {
  pricePerKwh: number;
}
export interface GasRate extends RateVintage {
  pricePerTherm: number;
}
export interface DeliveredFuelRate extends RateVintage {
  pricePerGal: number;
}

export interface EnergyRates {
  state: string;
  electric: ElectricRate;
  gas: GasRate;
  propane: DeliveredFuelRate;
  oil: DeliveredFuelRate;
}

// The snapshot: one dated row per state (or utility) and fuel. The bundled figures below and any refreshed snapshot a
// business installs (`office rates refresh`) have this one shape.

export type RateFuel = "electric" | "gas" | "propane" | "oil";
export const RATE_FUELS: readonly RateFuel[] = ["electric", "gas", "propane", "oil"];
/** The national row's state code: every state or utility a snapshot lacks falls back to it. */
export const NATIONAL_STATE = "US";

/** The unit each fuel's price is in: $/kWh, $/therm, $/gal. */
export const RATE_UNITS: Readonly<Record<RateFuel, string>> = {
  electric: "kWh",
  gas: "therm",
  propane: "gal",
  oil: "gal",
};

/** One dated rate: a state's (or a utility's) residential price for one fuel, with where and when it is from. */
export interface RateRow extends RateVintage {
  /** Two-letter state code; "US" for the national row. */
  state: string;
  fuel: RateFuel;
  /** Dollars per kWh (electric), per therm (gas) or per gallon (propane, oil). */
  price: number;
  /** Set on utility-level rows only: the utility the figure belongs to. */
  utility?: string | null;
}

export interface RatesSnapshot {
  rows: RateRow[];
}

export const BUNDLED_RATES_SOURCE = "EIA (bundled snapshot)";

// State-level figures: EIA-style average residential price (revenue ÷ sales), which already blends fixed charges.
const STATE_AS_OF = "2025-10";
// Propane and heating oil are surveyed over the heating season; the last survey month is March.
const HEATING_FUEL_AS_OF = "2025-03";

interface StateRow {
  name: string;
  pricePerKwh: number;
  electricTrend: number;
  pricePerTherm: number;
  gasTrend: number;
  fuelRegion: string;
  propanePerGal: number;
  oilPerGal: number;
}

const PROPANE_TREND = 3.5;
const OIL_TREND = 2.5;

const STATE_ROWS: Readonly<Record<string, StateRow>> = {
  CO: {
    name: "Colorado",
    pricePerKwh: 0.152,
    electricTrend: 4.8,
    pricePerTherm: 1.12,
    gasTrend: 6.0,
    fuelRegion: "Rocky Mountain",
    propanePerGal: 2.95,
    oilPerGal: 3.85,
  },
  UT: {
    name: "Utah",
    pricePerKwh: 0.123,
    electricTrend: 4.0,
    pricePerTherm: 1.06,
    gasTrend: 5.0,
    fuelRegion: "Rocky Mountain",
    propanePerGal: 2.85,
    oilPerGal: 3.9,
  },
  WY: {
    name: "Wyoming",
    pricePerKwh: 0.128,
    electricTrend: 3.6,
    pricePerTherm: 1.02,
    gasTrend: 5.5,
    fuelRegion: "Rocky Mountain",
    propanePerGal: 2.7,
    oilPerGal: 3.8,
  },
  NM: {
    name: "New Mexico",
    pricePerKwh: 0.146,
    electricTrend: 3.0,
    pricePerTherm: 1.18,
    gasTrend: 4.5,
    fuelRegion: "Southwest",
    propanePerGal: 2.95,
    oilPerGal: 3.95,
  },
  AZ: {
    name: "Arizona",
    pricePerKwh: 0.151,
    electricTrend: 3.8,
    pricePerTherm: 1.72,
    gasTrend: 4.0,
    fuelRegion: "Southwest",
    propanePerGal: 3.4,
    oilPerGal: 4.05,
  },
  KS: {
    name: "Kansas",
    pricePerKwh: 0.145,
    electricTrend: 4.2,
    pricePerTherm: 1.38,
    gasTrend: 3.5,
    fuelRegion: "Midwest",
    propanePerGal: 2.35,
    oilPerGal: 3.7,
  },
  NE: {
    name: "Nebraska",
    pricePerKwh: 0.121,
    electricTrend: 3.9,
    pricePerTherm: 1.13,
    gasTrend: 4.0,
    fuelRegion: "Midwest",
    propanePerGal: 2.3,
    oilPerGal: 3.7,
  },
};

const NATIONAL_ROW: StateRow = {
  name: "United States",
  pricePerKwh: 0.172,
  electricTrend: 4.5,
  pricePerTherm: 1.55,
  gasTrend: 5.0,
  fuelRegion: "United States",
  propanePerGal: 2.85,
  oilPerGal: 3.9,
};

/** States with a bundled row; anything else falls back to national averages. */
export const BUNDLED_RATE_STATES = Object.keys(STATE_ROWS);

// Field Engineer §06: utility-level figures are used when known, and run about a year behind state figures.
const UTILITY_ROWS: readonly RateRow[] = [
  {
    state: "CO",
    fuel: "electric",
    price: 0.141,
    trendPctPerYear: 5.2,
    source: BUNDLED_RATES_SOURCE,
    asOf: "2024",
    level: "utility",
    area: "Demo Valley Power & Light",
    utility: "Demo Valley Power & Light",
  },
  {
    state: "CO",
    fuel: "gas",
    price: 0.98,
    trendPctPerYear: 6.0,
    source: BUNDLED_RATES_SOURCE,
    asOf: "2024",
    level: "utility",
    area: "Front Range Gas Cooperative (demo)",
    utility: "Front Range Gas Cooperative (demo)",
  },
];

function stateRows(code: string, row: StateRow, national: boolean): RateRow[] {
  const level: RateLevel = national ? "national" : "state";
  const fuelLevel: RateLevel = national ? "national" : "region";
  const base = { state: code, source: BUNDLED_RATES_SOURCE };
  return [
    {
      ...base,
      fuel: "electric",
      price: row.pricePerKwh,
      trendPctPerYear: row.electricTrend,
      asOf: STATE_AS_OF,
      level,
      area: row.name,
    },
    {
      ...base,
      fuel: "gas",
      price: row.pricePerTherm,
      trendPctPerYear: row.gasTrend,
      asOf: STATE_AS_OF,
      level,
      area: row.name,
    },
    {
      ...base,
      fuel: "propane",
      price: row.propanePerGal,
      trendPctPerYear: PROPANE_TREND,
      asOf: HEATING_FUEL_AS_OF,
      level: fuelLevel,
      area: row.fuelRegion,
    },
    {
      ...base,
      fuel: "oil",
      price: row.oilPerGal,
      trendPctPerYear: OIL_TREND,
      asOf: HEATING_FUEL_AS_OF,
      level: fuelLevel,
      area: row.fuelRegion,
    },
  ];
}

/** The snapshot shipped with the app (EIA-style figures); used until a business installs a refreshed one. */
export const BUNDLED_RATES_SNAPSHOT: RatesSnapshot = {
  rows: [
    ...Object.entries(STATE_ROWS).flatMap(([code, row]) => stateRows(code, row, false)),
    ...stateRows(NATIONAL_STATE, NATIONAL_ROW, true),
    ...UTILITY_ROWS,
  ],
};

export interface RatesQuery {
  state: string;
  electricUtility?: string | null;
  gasUtility?: string | null;
}

function vintageOf(row: RateRow): RateVintage {
  return {
    level: row.level,
    area: row.area,
    source: row.source,
    asOf: row.asOf,
    trendPctPerYear: row.trendPctPerYear,
  };
}

/** The row that prices `fuel`: the confirmed utility's own, else the state's, else the national one. */
export function rateRowFor(snapshot: RatesSnapshot, fuel: RateFuel, state: string, utility?: string | null): RateRow {
  const code = state.trim().toUpperCase();
  const byUtility = utility ? snapshot.rows.find((r) => r.fuel === fuel && r.utility === utility) : undefined;
  const byState = snapshot.rows.find((r) => r.fuel === fuel && !r.utility && r.state === code);
  const national = snapshot.rows.find((r) => r.fuel === fuel && !r.utility && r.state === NATIONAL_STATE);
  const row = byUtility ?? byState ?? national;
  // A snapshot is validated before it is installed; one without a national row is a bug, not a customer's problem.
  if (!row) throw new Error(`rates snapshot has no ${fuel} rate for ${code} and no national ${fuel} rate`);
  return row;
}

/**
 * Residential rates for a state (utility-level where the confirmed utility has one); always carries the vintage.
 * `snapshot` is the business's installed snapshot; the bundled one when it has none.
 */
export function ratesFor(query: RatesQuery, snapshot: RatesSnapshot = BUNDLED_RATES_SNAPSHOT): EnergyRates {
  const electric = rateRowFor(snapshot, "electric", query.state, query.electricUtility);
  const gas = rateRowFor(snapshot, "gas", query.state, query.gasUtility);
  const propane = rateRowFor(snapshot, "propane", query.state);
  const oil = rateRowFor(snapshot, "oil", query.state);
  return {
    state: query.state.trim().toUpperCase(),
    electric: { pricePerKwh: electric.price, ...vintageOf(electric) },
    gas: { pricePerTherm: gas.price, ...vintageOf(gas) },
    propane: { pricePerGal: propane.price, ...vintageOf(propane) },
    oil: { pricePerGal: oil.price, ...vintageOf(oil) },
  };
}
