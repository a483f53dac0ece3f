// Savings Profile (Field Engineer §08): a directional estimate of annual heating cost, baseline vs. a proposed tier.
// Pure: no I/O, never reads the clock (`today` is passed in). An estimate in ranges, never a promise.
import type { EnergyRates, RateVintage } from "./rates-data.ts";
import type { HeatingBtuBand } from "./sizing.ts";
import { type TierLevel, tierSpec } from "./tiers.ts";

/** Field Engineer §07 energy profile `heatingFuel`. */
export type HeatingFuel = "natural_gas" | "electric_resistance" | "heat_pump" | "propane" | "oil";
export type CombustionFuel = "natural_gas" | "propane" | "oil";
/** What a bill or rate is priced in: electric per kWh, gas per therm, propane and oil per gallon. */
export type BilledFuel = "electric" | "natural_gas" | "propane" | "oil";

export const BTU_PER_THERM = 100_000;
export const BTU_PER_KWH = 3_412;
export const BTU_PER_GAL_PROPANE = 91_500;
export const BTU_PER_GAL_OIL = 138_500;
export const THERMS_PER_CCF = 1.037;
const BTU_PER_WATT_HOUR = 3.412;

/** A heat pump's seasonal COP from its HSPF2 rating (BTU per watt-hour ÷ 3.412). */
export function copFromHspf2(hspf2: number): number {
  return hspf2 / BTU_PER_WATT_HOUR;
}

const BTU_PER_UNIT: Readonly<Record<BilledFuel, number>> = {
  electric: BTU_PER_KWH,
  natural_gas: BTU_PER_THERM,
  propane: BTU_PER_GAL_PROPANE,
  oil: BTU_PER_GAL_OIL,
};
const UNIT_WORD: Readonly<Record<BilledFuel, string>> = {
  electric: "kWh",
  natural_gas: "therm",
  propane: "gal",
  oil: "gal",
};
const FUEL_WORD: Readonly<Record<BilledFuel, string>> = {
  electric: "electricity",
  natural_gas: "natural gas",
  propane: "propane",
  oil: "heating oil",
};

export type ClimateZone = "very_cold" | "cold" | "mixed" | "hot_dry";

export interface ClimateAssumption {
  description: string;
  /**
   * Equivalent full-load heating hours per year applied to the sizing band's midpoint. Calibrated so a
   * 2,000 sq ft Front Range home (80,000 BTU/h midpoint × 700 h) lands near typical heating use (~700 therms
   * of gas at 80% AFUE). Not a degree-day model; the sizing band already carries a cold-climate margin.
   */
  heatingRunHours: number;
  /** Typical annual solar production per installed kW (DC). */
  pvKwhPerKwDc: number;
}

export const CLIMATE_ZONES: Readonly<Record<ClimateZone, ClimateAssumption>> = {
  very_cold: { description: "very cold (high plains, mountains)", heatingRunHours: 900, pvKwhPerKwDc: 1_400 },
  cold: { description: "cold (Front Range, Rocky Mountain)", heatingRunHours: 700, pvKwhPerKwDc: 1_450 },
  mixed: { description: "mixed (mild winters)", heatingRunHours: 500, pvKwhPerKwDc: 1_400 },
  hot_dry: { description: "hot and dry (desert Southwest)", heatingRunHours: 250, pvKwhPerKwDc: 1_650 },
};

const STATE_CLIMATE_ZONES: Readonly<Record<string, ClimateZone>> = {
  CO: "cold",
  UT: "cold",
  NE: "cold",
  WY: "very_cold",
  NM: "mixed",
  KS: "mixed",
  AZ: "hot_dry",
};

/** The climate zone used for a state's defaults; "cold" when the state is not in the table. */
export function climateZoneForState(state: string): ClimateZone {
  return STATE_CLIMATE_ZONES[state.trim().toUpperCase()] ?? "cold";
}

// Field Engineer §07: unknowns fall back to regional defaults — and the assumption says so.
const DEFAULT_HEATING_BTU_PER_HOUR = 72_000; // a typical 1,800 sq ft home at 40 BTU/sq ft
const DEFAULT_CURRENT_AFUE = 0.8;
const DEFAULT_CURRENT_HSPF2 = 7.5;

export type ConfidenceTier = "basis" | "better" | "best";

// Field Engineer §08 confidence tiers; the band narrows as real bills come in, and never reaches zero.
export const CONFIDENCE_TIERS: Readonly<Record<ConfidenceTier, { label: string; bandPct: number }>> = {
  basis: { label: "Rough estimate", bandPct: 30 },
  better: { label: "Based on sample bills", bandPct: 15 },
  best: { label: "Based on a full year of bills", bandPct: 7 },
};

/** Field Engineer §08: tier = months of bills ≥ 12 → best, ≥ 1 → better, else basis. */
export function confidenceTierFor(billMonths: number): ConfidenceTier {
  if (billMonths >= 12) return "best";
  if (billMonths >= 1) return "better";
  return "basis";
}

export type ComparisonBaseline = "current" | "repair" | "good_tier";

/** One month of one utility bill, as `parsebill` (§06) returns it: usage and cost only. */
export interface BillMonth {
  fuel: BilledFuel;
  /** "YYYY-MM" */
  periodMonth: string;
  usage: number;
  unit: "kWh" | "therm" | "ccf" | "gal";
  cost: number;
}

export interface BaselineOption {
  baseline: ComparisonBaseline;
  label: string;
}

// Field Engineer §08: the baseline is always stated in words.
const BASELINE_NAMES: Readonly<Record<ComparisonBaseline, string>> = {
  current: "your current system",
  repair: "repairing your current system",
  good_tier: "a basic replacement (Good tier)",
};

/** Field Engineer §08: the baselines that apply — current always, repair with an estimate, Good tier above Good. */
export function availableBaselines(options: { hasRepairEstimate: boolean; proposedTier: TierLevel }): BaselineOption[] {
  const baselines: ComparisonBaseline[] = ["current"];
  if (options.hasRepairEstimate) baselines.push("repair");
  if (options.proposedTier !== "good") baselines.push("good_tier");
  return baselines.map((baseline) => ({ baseline, label: `estimated savings vs. ${BASELINE_NAMES[baseline]}` }));
}

export class SavingsInputError extends Error {
  readonly code: "baseline_unavailable";
  constructor(message: string) {
    super(message);
    this.name = "SavingsInputError";
    this.code = "baseline_unavailable";
  }
}

export interface CurrentHeating {
  fuel: HeatingFuel;
  /** Fraction (0.8 = 80% AFUE); defaults to 0.80 for a fuel-burning system when unknown. */
  afue?: number | null;
  /** Defaults to 7.5 for an existing heat pump when unknown. */
  hspf2?: number | null;
}

export interface ProposedHeating {
  category: "furnace_boiler" | "heat_pump";
  tier: TierLevel;
  /** Fuel of a proposed furnace or boiler; defaults to the current fuel when it burns one, else natural gas. */
  fuel?: CombustionFuel | null;
}

export interface SavingsInput {
  /** The heating band from `sizeHome`; null when square footage was missing. */
  heatingBtu: HeatingBtuBand | null;
  climateZone: ClimateZone;
  current: CurrentHeating;
  proposed: ProposedHeating;
  rates: EnergyRates;
  solar?: { present: boolean; sizeKwDc: number | null } | null;
  bills?: readonly BillMonth[];
  baseline?: ComparisonBaseline;
  /** Dollars; the repair baseline exists only when this does. */
  repairEstimate?: number | null;
  /** Dollars after rebates, for the simple payback; payback is omitted when unknown. */
  netInstallCost?: number | null;
  /** Net cost of the Good tier, for the payback of an upgrade over it. */
  goodTierNetInstallCost?: number | null;
  today: Date;
}

export interface MoneyRange {
  low: number;
  high: number;
}

export interface Assumption {
  label: string;
  value: string;
}

export interface SavingsProfile {
  tier: ConfidenceTier;
  tierLabel: string;
  baseline: ComparisonBaseline;
  baselineLabel: string;
  /** Estimated annual savings, dollars. */
  range: MoneyRange;
  annualCost: { baseline: MoneyRange; proposed: MoneyRange };
  solarOffset: { kwhPerYear: number; value: MoneyRange } | null;
  /** Years; `high` is null when the low end of the savings range would never pay the cost back. */
  paybackYears: { low: number; high: number | null } | null;
  assumptions: Assumption[];
  /** Field Engineer §08 rate-vintage asterisk; on the basis tier only. */
  footnote?: string;
}

interface FuelPrice {
  pricePerUnit: number;
  described: string;
  vintage: RateVintage | null;
}

interface HeatingSystemModel {
  fuel: BilledFuel;
  /** Delivered heat per unit of input energy: AFUE, or COP for electric systems. */
  efficiency: number;
  described: string;
}

function wholeDollars(value: number): number {
  return Math.round(value);
}

function bandRange(value: number, bandPct: number): MoneyRange {
  const spread = Math.abs(value) * (bandPct / 100);
  return { low: wholeDollars(value - spread), high: wholeDollars(value + spread) };
}

function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function usageInFuelUnit(bill: BillMonth): number | null {
  const expected = UNIT_WORD[bill.fuel];
  if (bill.fuel === "natural_gas" && bill.unit === "ccf") return bill.usage * THERMS_PER_CCF;
  return bill.unit === expected ? bill.usage : null;
}

function isUsableBill(bill: BillMonth): boolean {
  return (
    Number.isFinite(bill.usage) &&
    bill.usage >= 0 &&
    Number.isFinite(bill.cost) &&
    bill.cost >= 0 &&
    /^\d{4}-\d{2}$/.test(bill.periodMonth) &&
    usageInFuelUnit(bill) !== null
  );
}

/** Usage per month for one fuel, in its rate unit, most recent month first. */
function monthlyUsage(bills: readonly BillMonth[], fuel: BilledFuel): number[] {
  const byMonth = new Map<string, number>();
  for (const bill of bills) {
    if (bill.fuel !== fuel) continue;
    byMonth.set(bill.periodMonth, (byMonth.get(bill.periodMonth) ?? 0) + (usageInFuelUnit(bill) ?? 0));
  }
  return [...byMonth.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([, usage]) => usage);
}

function snapshotRate(rates: EnergyRates, fuel: BilledFuel): { price: number; vintage: RateVintage } {
  switch (fuel) {
    case "electric":
      return { price: rates.electric.pricePerKwh, vintage: rates.electric };
    case "natural_gas":
      return { price: rates.gas.pricePerTherm, vintage: rates.gas };
    case "propane":
      return { price: rates.propane.pricePerGal, vintage: rates.propane };
    case "oil":
      return { price: rates.oil.pricePerGal, vintage: rates.oil };
  }
}

function snapshotPrice(rates: EnergyRates, fuel: BilledFuel): FuelPrice {
  const { price, vintage } = snapshotRate(rates, fuel);
  return {
    pricePerUnit: price,
    described: `$${price.toFixed(3)}/${UNIT_WORD[fuel]} ${FUEL_WORD[fuel]} (${vintage.area} ${vintage.level} rate, ${vintage.source}, as of ${vintage.asOf})`,
    vintage,
  };
}

// Field Engineer §07: bill values override the rate defaults with the customer's actual dollars.
function fuelPrice(rates: EnergyRates, bills: readonly BillMonth[], fuel: BilledFuel): FuelPrice {
  const own = bills.filter((bill) => bill.fuel === fuel);
  const usage = own.reduce((sum, bill) => sum + (usageInFuelUnit(bill) ?? 0), 0);
  const cost = own.reduce((sum, bill) => sum + bill.cost, 0);
  if (usage <= 0) return snapshotPrice(rates, fuel);
  const months = new Set(own.map((bill) => bill.periodMonth)).size;
  const price = cost / usage;
  return {
    pricePerUnit: price,
    described: `$${price.toFixed(3)}/${UNIT_WORD[fuel]} ${FUEL_WORD[fuel]} from your bills (${months} month${months === 1 ? "" : "s"})`,
    vintage: null,
  };
}

function currentSystemModel(current: CurrentHeating): HeatingSystemModel {
  switch (current.fuel) {
    case "electric_resistance":
      return { fuel: "electric", efficiency: 1, described: "electric resistance (100% efficient, COP 1.0)" };
    case "heat_pump": {
      const hspf2 = current.hspf2 ?? DEFAULT_CURRENT_HSPF2;
      const assumed = current.hspf2 == null ? ", assumed for an existing heat pump" : "";
      return {
        fuel: "electric",
        efficiency: copFromHspf2(hspf2),
        described: `${hspf2} HSPF2 heat pump (COP ≈ ${formatNumber(copFromHspf2(hspf2), 2)}${assumed})`,
      };
    }
    default: {
      const afue = current.afue ?? DEFAULT_CURRENT_AFUE;
      const assumed = current.afue == null ? ", assumed typical for an existing system" : "";
      return {
        fuel: current.fuel,
        efficiency: afue,
        described: `${formatNumber(afue * 100)}% AFUE ${FUEL_WORD[current.fuel]}${assumed}`,
      };
    }
  }
}

function proposedSystemModel(proposed: ProposedHeating, tier: TierLevel, current: CurrentHeating): HeatingSystemModel {
  const spec = tierSpec(proposed.category, tier);
  if (proposed.category === "heat_pump") {
    const hspf2 = spec.hspf2 ?? DEFAULT_CURRENT_HSPF2;
    return {
      fuel: "electric",
      efficiency: copFromHspf2(hspf2),
      described: `${spec.label} heat pump, ${tier} tier (COP ≈ ${formatNumber(copFromHspf2(hspf2), 2)})`,
    };
  }
  const currentCombustion =
    current.fuel === "natural_gas" || current.fuel === "propane" || current.fuel === "oil" ? current.fuel : null;
  const fuel = proposed.fuel ?? currentCombustion ?? "natural_gas";
  const afue = spec.afue ?? DEFAULT_CURRENT_AFUE;
  return { fuel, efficiency: afue, described: `${spec.label} ${FUEL_WORD[fuel]}, ${tier} tier` };
}

interface HeatingLoad {
  btuPerYear: number;
  described: string;
}

function heatingLoad(input: SavingsInput, bills: readonly BillMonth[], current: HeatingSystemModel): HeatingLoad {
  // Field Engineer §08 best tier: a full year of the heating fuel's bills replaces the model. The lowest month
  // stands for year-round use (water heating, cooking, lights), so only the usage above it counts as heating.
  const months = monthlyUsage(bills, current.fuel).slice(0, 12);
  if (months.length === 12) {
    const baseload = Math.min(...months);
    const heatingUnits = months.reduce((sum, usage) => sum + (usage - baseload), 0);
    if (heatingUnits > 0) {
      const btuPerYear = heatingUnits * BTU_PER_UNIT[current.fuel] * current.efficiency;
      return {
        btuPerYear,
        described: `${formatNumber(heatingUnits)} ${UNIT_WORD[current.fuel]}/yr of heating use from 12 months of your bills (above the lowest month) ≈ ${formatNumber(btuPerYear / 1e6, 1)} million BTU of heat`,
      };
    }
  }
  const climate = CLIMATE_ZONES[input.climateZone];
  const band = input.heatingBtu;
  const btuPerHour = band ? (band.low + band.high) / 2 : DEFAULT_HEATING_BTU_PER_HOUR;
  const sizing = band
    ? `${formatNumber(btuPerHour)} BTU/h (middle of the sizing band)`
    : `${formatNumber(btuPerHour)} BTU/h (home size unknown: a typical 1,800 sq ft home)`;
  const btuPerYear = btuPerHour * climate.heatingRunHours;
  return {
    btuPerYear,
    described: `${sizing} × ${formatNumber(climate.heatingRunHours)} run hours (${climate.description}) ≈ ${formatNumber(btuPerYear / 1e6, 1)} million BTU of heat per year`,
  };
}

function annualUnits(btuPerYear: number, system: HeatingSystemModel): number {
  return btuPerYear / system.efficiency / BTU_PER_UNIT[system.fuel];
}

function yearsSince(asOf: string, today: Date): number {
  const [yearText, monthText] = asOf.split("-");
  const year = Number(yearText);
  if (monthText === undefined) return today.getUTCFullYear() - year;
  const months = (today.getUTCFullYear() - year) * 12 + (today.getUTCMonth() + 1 - Number(monthText));
  return months / 12;
}

/** Field Engineer §08 rate-vintage asterisk for one dated rate. */
export function rateVintageFootnote(vintage: RateVintage, today: Date): string {
  const risePct = Math.round(vintage.trendPctPerYear * Math.max(0, yearsSince(vintage.asOf, today)));
  const opening = `* Estimate. Based on ${vintage.area} ${vintage.level} energy rates from ${vintage.source}, ${vintage.asOf}.`;
  if (risePct <= 0) {
    return `${opening} Energy prices have not risen measurably since then, so your actual rates should be close to these. Add a recent bill for an exact figure.`;
  }
  return `${opening} Energy prices have risen ≈${risePct}% since then, so your actual rates — and savings — are likely higher. Add a recent bill for an exact figure.`;
}

/** Annual heating savings, baseline vs. a proposed tier, as a range at its confidence tier with visible assumptions. */
export function savingsProfile(input: SavingsInput): SavingsProfile {
  const baseline = input.baseline ?? "current";
  const hasRepairEstimate = input.repairEstimate != null && input.repairEstimate > 0;
  const allowed = availableBaselines({ hasRepairEstimate, proposedTier: input.proposed.tier });
  const option = allowed.find((candidate) => candidate.baseline === baseline);
  if (!option) {
    throw new SavingsInputError(`The "${baseline}" baseline does not apply to this proposal.`);
  }

  const bills = (input.bills ?? []).filter(isUsableBill);
  const tier = confidenceTierFor(new Set(bills.map((bill) => bill.periodMonth)).size);
  const { label: tierLabel, bandPct } = CONFIDENCE_TIERS[tier];

  const current = currentSystemModel(input.current);
  const proposed = proposedSystemModel(input.proposed, input.proposed.tier, input.current);
  const compared = baseline === "good_tier" ? proposedSystemModel(input.proposed, "good", input.current) : current;
  const load = heatingLoad(input, bills, current);

  const prices = new Map<BilledFuel, FuelPrice>();
  const priceOf = (fuel: BilledFuel): FuelPrice => {
    const known = prices.get(fuel) ?? fuelPrice(input.rates, bills, fuel);
    prices.set(fuel, known);
    return known;
  };

  const baselineUnits = annualUnits(load.btuPerYear, compared);
  const proposedUnits = annualUnits(load.btuPerYear, proposed);
  const baselineCost = baselineUnits * priceOf(compared.fuel).pricePerUnit;
  const proposedCost = proposedUnits * priceOf(proposed.fuel).pricePerUnit;

  // Field Engineer §08: solar offset = min(annual PV production, new electric load), valued at the electric rate.
  // The offset lowers the proposed system's cost (PV covers much of a new heat pump's load).
  let solarOffset: SavingsProfile["solarOffset"] = null;
  let solarValue = 0;
  let solarAssumption = "No solar on the home.";
  const sizeKwDc = input.solar?.present ? (input.solar.sizeKwDc ?? 0) : 0;
  if (sizeKwDc > 0) {
    const productionKwh = sizeKwDc * CLIMATE_ZONES[input.climateZone].pvKwhPerKwDc;
    const newElectricKwh = Math.max(
      0,
      (proposed.fuel === "electric" ? proposedUnits : 0) - (compared.fuel === "electric" ? baselineUnits : 0),
    );
    const offsetKwh = Math.min(productionKwh, newElectricKwh);
    solarValue = offsetKwh > 0 ? offsetKwh * priceOf("electric").pricePerUnit : 0;
    solarOffset = { kwhPerYear: Math.round(offsetKwh), value: bandRange(solarValue, bandPct) };
    solarAssumption = `${formatNumber(sizeKwDc, 1)} kW solar ≈ ${formatNumber(productionKwh)} kWh/yr; it covers ${formatNumber(offsetKwh)} kWh/yr of new heating load, assuming that output is not already used by the home.`;
  }

  const savings = baselineCost - (proposedCost - solarValue);
  const range = bandRange(savings, bandPct);

  const assumptions: Assumption[] = [
    { label: "Heating usage", value: load.described },
    { label: "Baseline system", value: `${BASELINE_NAMES[baseline]}: ${compared.described}` },
    { label: "Proposed system", value: proposed.described },
    ...[...prices.entries()].map(([fuel, price]) => ({
      label: `Fuel rate (${FUEL_WORD[fuel]})`,
      value: price.described,
    })),
    { label: "Solar offset", value: solarAssumption },
    { label: "Confidence", value: `${tierLabel}: ±${bandPct}% around the estimate` },
    { label: "Scope", value: "Heating only; cooling costs are not included." },
  ];

  const profile: SavingsProfile = {
    tier,
    tierLabel,
    baseline,
    baselineLabel: option.label,
    range,
    annualCost: { baseline: bandRange(baselineCost, bandPct), proposed: bandRange(proposedCost - solarValue, bandPct) },
    solarOffset,
    paybackYears: paybackYears(input, baseline, range),
    assumptions,
  };

  // Field Engineer §08: every Basis-tier figure carries the dated-rate asterisk; bills remove it.
  if (tier === "basis") {
    const dated = [...prices.values()].flatMap((price) => (price.vintage ? [price.vintage] : []));
    profile.footnote = dated.map((vintage) => rateVintageFootnote(vintage, input.today)).join("\n");
  }
  return profile;
}

function paybackYears(
  input: SavingsInput,
  baseline: ComparisonBaseline,
  savings: MoneyRange,
): SavingsProfile["paybackYears"] {
  const net = input.netInstallCost;
  if (net == null) return null;
  // The money the customer would spend anyway under the baseline does not need paying back.
  let extraCost = net;
  if (baseline === "repair") extraCost = net - (input.repairEstimate ?? 0);
  if (baseline === "good_tier") {
    if (input.goodTierNetInstallCost == null) return null;
    extraCost = net - input.goodTierNetInstallCost;
  }
  if (savings.high <= 0) return null;
  const years = (annualSavings: number) => Math.round((Math.max(0, extraCost) / annualSavings) * 10) / 10;
  return { low: years(savings.high), high: savings.low > 0 ? years(savings.low) : null };
}
