// Pricing math: sell price, margin floor and commission (Field Engineer §08 "Pricing the job", §11).
import { describe, expect, it } from "vitest";
import {
  applyDiscount,
  checkDiscount,
  commissionFor,
  DEMO_PRICING_RULES,
  type PriceBookLine,
  priceJob,
  priceLine,
  roundToCents,
} from "./pricing-math.ts";

const rules = DEMO_PRICING_RULES; // equipment +40%, materials +50%, permit +0%; labor $135/h sold, $55/h cost
const condenser: PriceBookLine = {
  description: "16 SEER2 condenser",
  category: "equipment",
  vendorCost: 4000,
  laborHours: 8,
};
const permit: PriceBookLine = { description: "Mechanical permit", category: "permit", vendorCost: 250, laborHours: 0 };
const materials: PriceBookLine = {
  description: "Pad, whip, fittings",
  category: "materials",
  vendorCost: 300,
  laborHours: 2,
};

describe("priceLine", () => {
  it.each([
    // $4,000 × 1.40 + 8 h × $135 = $6,680; cost $4,000 + 8 h × $55 = $4,440.
    { line: condenser, sellPrice: 6680, margin: 2240, marginPct: 33.5 },
    { line: permit, sellPrice: 250, margin: 0, marginPct: 0 },
    { line: materials, sellPrice: 720, margin: 310, marginPct: 43.1 },
  ])("$line.description sells for $sellPrice", ({ line, sellPrice, margin, marginPct }) => {
    expect(priceLine(line, rules)).toEqual({
      description: line.description,
      category: line.category,
      vendorCost: line.vendorCost,
      laborHours: line.laborHours,
      sellPrice,
      margin,
      marginPct,
    });
  });

  it("a priced line never carries the markup, which would reveal the cost", () => {
    expect(Object.keys(priceLine(condenser, rules))).not.toContain("markupPct");
  });
});

describe("priceJob", () => {
  it("a job's sell price, margin, floor and commission add up from its lines", () => {
    // Cost $5,100 → floor $5,100 × 1.20 = $6,120; commission 3% × $7,650 + 10% × ($7,650 − $6,120) = $382.50.
    const job = priceJob([condenser, permit, materials], rules);
    expect(job).toMatchObject({
      vendorCost: 4550,
      sellPrice: 7650,
      margin: 2550,
      marginPct: 33.3,
      floorPrice: 6120,
      commission: 382.5,
    });
  });
});

describe("checkDiscount", () => {
  const quote = { listPrice: 7650, floorPrice: 6120 };

  it.each([
    { discount: 0, allowed: true, price: 7650 },
    { discount: 1000, allowed: true, price: 6650 },
    { discount: 1530, allowed: true, price: 6120 },
    { discount: 1530.01, allowed: false, price: 6120 },
    { discount: 2000, allowed: false, price: 6120 },
  ])("a $discount discount off $7,650 is allowed: $allowed (price $price)", ({ discount, allowed, price }) => {
    expect(checkDiscount({ ...quote, discount })).toEqual({ allowed, price, floorPrice: 6120, maxDiscount: 1530 });
  });

  it("a negative discount is a bug, not a price increase", () => {
    expect(() => checkDiscount({ ...quote, discount: -50 })).toThrow(RangeError);
  });
});

describe("commission", () => {
  it("closing higher earns more and discounting toward the floor earns less", () => {
    const prices = [6120, 6650, 7650, 8500];
    const commissions = prices.map((price) => commissionFor(price, 6120, rules.commission));
    expect(commissions).toEqual([183.6, 252.5, 382.5, 493]);
  });

  it("a salesperson's discount below the floor is held at the floor and earns the floor commission", () => {
    const job = priceJob([condenser, permit, materials], rules);
    expect(applyDiscount(job, 2000, rules)).toMatchObject({
      allowed: false,
      sellPrice: 6120,
      margin: 1020,
      commission: 183.6,
    });
    expect(applyDiscount(job, 1000, rules)).toMatchObject({
      allowed: true,
      sellPrice: 6650,
      margin: 1550,
      commission: 252.5,
    });
  });

  it("commission is never negative", () => {
    expect(commissionFor(0, 6120, rules.commission)).toBe(0);
    expect(commissionFor(5000, 6120, { basePct: 0, aboveFloorPct: 10 })).toBe(0);
  });
});

describe("roundToCents", () => {
  it.each([
    { amount: 1.005, cents: 1.01 },
    { amount: 111.0205, cents: 111.02 },
    { amount: 0.1 + 0.2, cents: 0.3 },
  ])("$amount rounds to $cents", ({ amount, cents }) => {
    expect(roundToCents(amount)).toBe(cents);
  });
});
