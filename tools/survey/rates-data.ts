// Bundled snapshot of residential energy rates (Field Engineer §06 `rates`): the offline stand-in for the EIA feed.
// Pure data and lookups: no I/O. Every rate carries its vintage and trend; none is ever presented as current.

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
const UTILITY_ELECTRIC_RATES: Readonly<Record<string, ElectricRate>> = {
  "Demo Valley Power & Light": {
    pricePerKwh: 0.141,
    level: "utility",
    area: "Demo Valley Power & Light",
    source: BUNDLED_RATES_SOURCE,
    asOf: "2024",
    trendPctPerYear: 5.2,
  },
};

const UTILITY_GAS_RATES: Readonly<Record<string, GasRate>> = {
  "Front Range Gas Cooperative (demo)": {
    pricePerTherm: 0.98,
    level: "utility",
    area: "Front Range Gas Cooperative (demo)",
    source: BUNDLED_RATES_SOURCE,
    asOf: "2024",
    trendPctPerYear: 6.0,
  },
};

function vintage(level: RateLevel, area: string, asOf: string, trendPctPerYear: number): RateVintage {
  return { level, area, source: BUNDLED_RATES_SOURCE, asOf, trendPctPerYear };
}

export interface RatesQuery {
  state: string;
  electricUtility?: string | null;
  gasUtility?: string | null;
}

/** Residential rates for a state (utility-level where the confirmed utility has one); always carries the vintage. */
export function ratesFor(query: RatesQuery): EnergyRates {
  const code = query.state.trim().toUpperCase();
  const stateRow = STATE_ROWS[code];
  const row = stateRow ?? NATIONAL_ROW;
  const stateLevel: RateLevel = stateRow ? "state" : "national";
  const fuelLevel: RateLevel = stateRow ? "region" : "national";

  const utilityElectric = query.electricUtility ? UTILITY_ELECTRIC_RATES[query.electricUtility] : undefined;
  const utilityGas = query.gasUtility ? UTILITY_GAS_RATES[query.gasUtility] : undefined;

  return {
    state: code,
    electric: utilityElectric ?? {
      pricePerKwh: row.pricePerKwh,
      ...vintage(stateLevel, row.name, STATE_AS_OF, row.electricTrend),
    },
    gas: utilityGas ?? {
      pricePerTherm: row.pricePerTherm,
      ...vintage(stateLevel, row.name, STATE_AS_OF, row.gasTrend),
    },
    propane: {
      pricePerGal: row.propanePerGal,
      ...vintage(fuelLevel, row.fuelRegion, HEATING_FUEL_AS_OF, PROPANE_TREND),
    },
    oil: { pricePerGal: row.oilPerGal, ...vintage(fuelLevel, row.fuelRegion, HEATING_FUEL_AS_OF, OIL_TREND) },
  };
}
