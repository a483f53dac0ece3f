// Estimate assembly (Field Engineer §06 `estimate`): a job's all-in price built from price-book components.
// Pure: no I/O, no clock. Always an estimate with a range and its assumptions; cost and margin keep their own names.
import { commissionFor, floorPriceFor, type PriceBookLine, type PricingRules, roundToCents } from "./pricing-math.ts";

export type Access = "easy" | "moderate" | "tight";
/** Field Engineer §06 `estimate` site.lineSet. */
export type LineSetPlan = "reuse" | "new" | "unknown";
export type SpecialCondition = "finished_basement" | "crawlspace" | "attic";

export interface EstimateRequest {
  system: string;
  tier: "good" | "better" | "best";
  property: { sqft: number | null; yearBuilt: number | null; region: string | null };
  site: {
    access: Access | null;
    equipmentLocation: string | null;
    ductwork: string | null;
    lineSet: LineSetPlan;
  };
  /** Null for a new install with nothing to tear out. */
  existing: { fuel: string | null; refrigerant: string | null; ageYears: number | null } | null;
  special: readonly SpecialCondition[];
}

/** The price-book components for the chosen system and tier, with the price book's vintage. */
export interface EstimateComponents {
  /** "YYYY-MM" */
  asOf: string;
  equipment: PriceBookLine;
  materials: PriceBookLine;
  /** Null for a system with no refrigerant line set (a furnace or boiler). */
  lineSetNew: PriceBookLine | null;
  /** Flush and pressure-test of a reused line set; null when the system has no line set. */
  lineSetReuse: PriceBookLine | null;
  tearOutDisposal: PriceBookLine;
  /** Recovery of old refrigerant. */
  refrigerantRecovery: PriceBookLine;
  /** Testing and allowance for possible asbestos in a pre-1980 home. */
  asbestosAllowance: PriceBookLine;
  permit: PriceBookLine;
}

export interface EstimateBreakdown {
  equipment: number;
  labor: number;
  materials: number;
  lineSet: number;
  tearOutDisposal: number;
  hazardous: number;
  permit: number;
}

export interface JobEstimate {
  allInPrice: number;
  range: { low: number; high: number };
  breakdown: EstimateBreakdown;
  assumptions: string[];
  asOf: string;
  /** "rough" whenever an input was unknown and a conservative default stood in. */
  confidence: "rough" | "price_book";
  /** Internal figures for the manager and office views (§11); filtered out for other roles at the source. */
  vendorCost: number;
  margin: number;
  floorPrice: number;
  commission: number;
}

// Labor hours grow with harder access; unknown access is priced as moderate.
export const ACCESS_LABOR_FACTOR: Readonly<Record<Access, number>> = { easy: 1, moderate: 1.15, tight: 1.3 };
// Field Engineer §08: conditions that move the price, e.g. a line set fished through a finished basement.
export const SPECIAL_CONDITION_HOURS: Readonly<Record<SpecialCondition, number>> = {
  finished_basement: 4,
  crawlspace: 3,
  attic: 3,
};
// A rough estimate reads as a range: 10% under to 15% over, rounded to $100.
export const ESTIMATE_RANGE_PCT = { under: 10, over: 15 } as const;
const PRE_ASBESTOS_BAN_YEAR = 1980;

function isOldRefrigerant(refrigerant: string | null): boolean {
  return refrigerant !== null && /^r-?22$/i.test(refrigerant.trim());
}

function toHundred(amount: number): number {
  return Math.round(amount / 100) * 100;
}

interface Part {
  slot: Exclude<keyof EstimateBreakdown, "labor">;
  line: PriceBookLine;
}

function partsFor(request: EstimateRequest, components: EstimateComponents, assumptions: string[]): Part[] {
  const parts: Part[] = [
    { slot: "equipment", line: components.equipment },
    { slot: "materials", line: components.materials },
    { slot: "permit", line: components.permit },
  ];

  if (components.lineSetNew === null || components.lineSetReuse === null) {
    assumptions.push("No refrigerant line set on this system.");
  } else if (request.site.lineSet === "reuse") {
    parts.push({ slot: "lineSet", line: components.lineSetReuse });
    assumptions.push("Existing line set reused after a flush and pressure test.");
  } else {
    parts.push({ slot: "lineSet", line: components.lineSetNew });
    assumptions.push(
      request.site.lineSet === "new"
        ? "New line set."
        : "Line set condition unknown: priced as a new line set until it is checked.",
    );
  }

  if (request.existing) {
    parts.push({ slot: "tearOutDisposal", line: components.tearOutDisposal });
    assumptions.push("Removal and disposal of the existing equipment.");
    // Field Engineer §06: hazardous handling covers old-refrigerant recovery.
    if (isOldRefrigerant(request.existing.refrigerant)) {
      parts.push({ slot: "hazardous", line: components.refrigerantRecovery });
      assumptions.push("R-22 refrigerant recovered from the existing system.");
    } else if (request.existing.refrigerant === null) {
      assumptions.push("Existing refrigerant not recorded: no R-22 recovery included.");
    }
  } else {
    assumptions.push("New install: nothing to remove.");
  }

  // Field Engineer §06: possible asbestos in pre-1980 homes.
  const { yearBuilt } = request.property;
  if (yearBuilt !== null && yearBuilt < PRE_ASBESTOS_BAN_YEAR) {
    parts.push({ slot: "hazardous", line: components.asbestosAllowance });
    assumptions.push(`Built ${yearBuilt}: allowance for possible asbestos testing and handling.`);
  } else if (yearBuilt === null) {
    assumptions.push("Year built unknown: no asbestos allowance included.");
  }
  return parts;
}

/** The all-in price of a job from price-book cost, company labor and markup, with breakdown, range and assumptions. */
export function estimateJob(
  request: EstimateRequest,
  components: EstimateComponents,
  rules: PricingRules,
): JobEstimate {
  const assumptions: string[] = [
    `${request.system}, ${request.tier} tier, from the price book as of ${components.asOf}.`,
  ];
  const parts = partsFor(request, components, assumptions);

  const access = request.site.access ?? "moderate";
  if (request.site.access === null) assumptions.push("Access not recorded: priced as moderate.");
  const accessFactor = ACCESS_LABOR_FACTOR[access];
  const specialHours = request.special.reduce((sum, condition) => sum + SPECIAL_CONDITION_HOURS[condition], 0);
  for (const condition of request.special) {
    assumptions.push(`Extra labor for ${condition.replace("_", " ")}: ${SPECIAL_CONDITION_HOURS[condition]} hours.`);
  }
  const laborHours = parts.reduce((sum, part) => sum + part.line.laborHours, 0) * accessFactor + specialHours;
  assumptions.push(`${Math.round(laborHours * 10) / 10} labor hours (${access} access).`);

  const breakdown: EstimateBreakdown = {
    equipment: 0,
    labor: roundToCents(laborHours * rules.laborRatePerHour),
    materials: 0,
    lineSet: 0,
    tearOutDisposal: 0,
    hazardous: 0,
    permit: 0,
  };
  for (const { slot, line } of parts) {
    const markupPct = rules.markupPctByCategory[line.category];
    breakdown[slot] = roundToCents(breakdown[slot] + line.vendorCost * (1 + markupPct / 100));
  }

  const allInPrice = roundToCents(Object.values(breakdown).reduce((sum, amount) => sum + amount, 0));
  const vendorCost = parts.reduce((sum, part) => sum + part.line.vendorCost, 0);
  const cost = vendorCost + laborHours * rules.laborCostPerHour;
  const floorPrice = floorPriceFor(cost, rules.minMarginPct);
  const hasLineSet = components.lineSetNew !== null && components.lineSetReuse !== null;
  const isRough =
    (hasLineSet && request.site.lineSet === "unknown") ||
    request.site.access === null ||
    request.property.yearBuilt === null ||
    (request.existing !== null && request.existing.refrigerant === null);

  return {
    allInPrice,
    range: {
      low: toHundred(allInPrice * (1 - ESTIMATE_RANGE_PCT.under / 100)),
      high: toHundred(allInPrice * (1 + ESTIMATE_RANGE_PCT.over / 100)),
    },
    breakdown,
    assumptions,
    asOf: components.asOf,
    confidence: isRough ? "rough" : "price_book",
    vendorCost: roundToCents(vendorCost),
    margin: roundToCents(allInPrice - cost),
    floorPrice,
    commission: commissionFor(allInPrice, floorPrice, rules.commission),
  };
}
