// Pricing math (Field Engineer §08 "Pricing the job", §11 roles): sell price from cost + markup + labor, floor, commission.
// Pure: no I/O, no imports. Computes cost, margin and commission; who may see them is decided at the source, not here.

export const PRICE_CATEGORIES = [
  "equipment",
  "materials",
  "line_set",
  "tear_out_disposal",
  "hazardous",
  "permit",
  "add_on",
] as const;
export type PriceCategory = (typeof PRICE_CATEGORIES)[number];

export interface CommissionRule {
  /** Percent of the sell price, earned on every closed job. */
  basePct: number;
  /** Percent of what the sell price stands above the floor: closing higher earns more, discounting earns less. */
  aboveFloorPct: number;
}

/** Company-entered pricing settings (Field Engineer §07 price book + settings). Percentages are whole numbers. */
export interface PricingRules {
  /** Markup as a percent of vendor cost, per category. */
  markupPctByCategory: Readonly<Record<PriceCategory, number>>;
  /** What the customer is charged per labor hour. */
  laborRatePerHour: number;
  /** What a labor hour costs the company (wages and burden); part of the job's cost. */
  laborCostPerHour: number;
  /** The margin floor, on cost: floor price = cost × (1 + minMarginPct / 100). */
  minMarginPct: number;
  commission: CommissionRule;
}

/** Demo tenant settings; a real company enters its own. */
export const DEMO_PRICING_RULES: PricingRules = {
  markupPctByCategory: {
    equipment: 40,
    materials: 50,
    line_set: 50,
    tear_out_disposal: 25,
    hazardous: 25,
    permit: 0,
    add_on: 45,
  },
  laborRatePerHour: 135,
  laborCostPerHour: 55,
  minMarginPct: 20,
  commission: { basePct: 3, aboveFloorPct: 10 },
};

/** One price-book component: what the vendor charges and the labor it takes. */
export interface PriceBookLine {
  description: string;
  category: PriceCategory;
  vendorCost: number;
  laborHours: number;
}

/** A priced line. Markup and labor cost are left out on purpose: with the sell price they would reveal the cost. */
export interface PricedLine {
  description: string;
  category: PriceCategory;
  vendorCost: number;
  laborHours: number;
  sellPrice: number;
  margin: number;
  marginPct: number;
}

export function roundToCents(amount: number): number {
  // toFixed first, so 1.005 rounds to 1.01 rather than to the float just below it.
  return Math.round(Number((amount * 100).toFixed(6))) / 100;
}

function marginPctOf(sellPrice: number, margin: number): number {
  return sellPrice > 0 ? Math.round((margin / sellPrice) * 1000) / 10 : 0;
}

function lineCost(line: PriceBookLine, rules: PricingRules): number {
  return line.vendorCost + line.laborHours * rules.laborCostPerHour;
}

function lineSellPrice(line: PriceBookLine, rules: PricingRules): number {
  const markupPct = rules.markupPctByCategory[line.category];
  return line.vendorCost * (1 + markupPct / 100) + line.laborHours * rules.laborRatePerHour;
}

/** Sell price and margin of one component: vendor cost × (1 + category markup) + hours × labor rate. */
export function priceLine(line: PriceBookLine, rules: PricingRules): PricedLine {
  const sellPrice = roundToCents(lineSellPrice(line, rules));
  const margin = roundToCents(sellPrice - lineCost(line, rules));
  return {
    description: line.description,
    category: line.category,
    vendorCost: roundToCents(line.vendorCost),
    laborHours: line.laborHours,
    sellPrice,
    margin,
    marginPct: marginPctOf(sellPrice, margin),
  };
}

/** The lowest price a discount may reach: cost × (1 + minMarginPct / 100). */
export function floorPriceFor(cost: number, minMarginPct: number): number {
  return roundToCents(cost * (1 + minMarginPct / 100));
}

/**
 * Commission = sellPrice × basePct + (sellPrice − floorPrice) × aboveFloorPct, never negative.
 * It rises with every dollar above the floor and falls with every dollar of discount (Field Engineer §08).
 */
export function commissionFor(sellPrice: number, floorPrice: number, rule: CommissionRule): number {
  const base = sellPrice * (rule.basePct / 100);
  const aboveFloor = Math.max(0, sellPrice - floorPrice) * (rule.aboveFloorPct / 100);
  return roundToCents(Math.max(0, base + aboveFloor));
}

export interface PricedJob {
  lines: PricedLine[];
  vendorCost: number;
  sellPrice: number;
  margin: number;
  marginPct: number;
  floorPrice: number;
  commission: number;
}

/** A job priced from its components, with its discount floor and the rep's commission at list price. */
export function priceJob(lines: readonly PriceBookLine[], rules: PricingRules): PricedJob {
  const priced = lines.map((line) => priceLine(line, rules));
  const cost = lines.reduce((sum, line) => sum + lineCost(line, rules), 0);
  const sellPrice = roundToCents(priced.reduce((sum, line) => sum + line.sellPrice, 0));
  const margin = roundToCents(sellPrice - cost);
  const floorPrice = floorPriceFor(cost, rules.minMarginPct);
  return {
    lines: priced,
    vendorCost: roundToCents(lines.reduce((sum, line) => sum + line.vendorCost, 0)),
    sellPrice,
    margin,
    marginPct: marginPctOf(sellPrice, margin),
    floorPrice,
    commission: commissionFor(sellPrice, floorPrice, rules.commission),
  };
}

export interface DiscountCheck {
  allowed: boolean;
  /** The discounted price when allowed; the floor when not. */
  price: number;
  floorPrice: number;
  /** The largest discount the floor permits. */
  maxDiscount: number;
}

/** Whether a dollar discount keeps the price at or above the floor (Field Engineer §08: never below it). */
export function checkDiscount(quote: { listPrice: number; floorPrice: number; discount: number }): DiscountCheck {
  if (!Number.isFinite(quote.discount) || quote.discount < 0) {
    throw new RangeError(`A discount must be a non-negative amount, got ${quote.discount}.`);
  }
  const requested = roundToCents(quote.listPrice - quote.discount);
  const maxDiscount = roundToCents(Math.max(0, quote.listPrice - quote.floorPrice));
  const allowed = requested >= quote.floorPrice;
  return { allowed, price: allowed ? requested : quote.floorPrice, floorPrice: quote.floorPrice, maxDiscount };
}

export interface DiscountedJob extends DiscountCheck {
  sellPrice: number;
  margin: number;
  marginPct: number;
  commission: number;
}

/** A priced job after a discount: the price (held at the floor if the discount goes too far), margin and commission. */
export function applyDiscount(job: PricedJob, discount: number, rules: PricingRules): DiscountedJob {
  const check = checkDiscount({ listPrice: job.sellPrice, floorPrice: job.floorPrice, discount });
  const cost = job.sellPrice - job.margin;
  const margin = roundToCents(check.price - cost);
  return {
    ...check,
    sellPrice: check.price,
    margin,
    marginPct: marginPctOf(check.price, margin),
    commission: commissionFor(check.price, job.floorPrice, rules.commission),
  };
}
