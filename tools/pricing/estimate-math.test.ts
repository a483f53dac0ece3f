// Field Engineer §06 `estimate`: an all-in price from price-book components, with breakdown, range and assumptions.
import { describe, expect, it } from "vitest";
import { type EstimateComponents, type EstimateRequest, estimateJob } from "./estimate-math.ts";
import { DEMO_PRICING_RULES } from "./pricing-math.ts";

// A furnace + AC, Better tier, from the demo price book.
const components: EstimateComponents = {
  asOf: "2026-06",
  equipment: { description: "96% furnace + 16 SEER2 AC", category: "equipment", vendorCost: 5200, laborHours: 14 },
  materials: { description: "Plenum, pad, fittings", category: "materials", vendorCost: 450, laborHours: 2 },
  lineSetNew: { description: "New line set", category: "line_set", vendorCost: 380, laborHours: 4 },
  lineSetReuse: { description: "Flush and pressure test", category: "line_set", vendorCost: 60, laborHours: 1.5 },
  tearOutDisposal: { description: "Remove and dispose", category: "tear_out_disposal", vendorCost: 150, laborHours: 3 },
  refrigerantRecovery: { description: "R-22 recovery", category: "hazardous", vendorCost: 120, laborHours: 1.5 },
  asbestosAllowance: { description: "Asbestos test allowance", category: "hazardous", vendorCost: 400, laborHours: 0 },
  permit: { description: "Mechanical permit", category: "permit", vendorCost: 275, laborHours: 0.5 },
};

function request(overrides: Partial<EstimateRequest> = {}): EstimateRequest {
  return {
    system: "Furnace + AC",
    tier: "better",
    property: { sqft: 2000, yearBuilt: 1975, region: "rocky_mountain" },
    site: { access: "moderate", equipmentLocation: "basement", ductwork: "good", lineSet: "new" },
    existing: { fuel: "propane", refrigerant: "R-22", ageYears: 22 },
    special: ["finished_basement"],
    ...overrides,
  };
}

describe("estimateJob", () => {
  it("a ~2,000 sq ft 1975 Front Range furnace + AC lands inside the seed's $11,000–$15,000", () => {
    // Labor: (14 + 2 + 0.5 + 4 + 3 + 1.5 + 0) h × 1.15 moderate + 4 h finished basement = 32.75 h × $135.
    const estimate = estimateJob(request(), components, DEMO_PRICING_RULES);
    expect(estimate.breakdown).toEqual({
      equipment: 7280,
      labor: 4421.25,
      materials: 675,
      lineSet: 570,
      tearOutDisposal: 187.5,
      hazardous: 650,
      permit: 275,
    });
    expect(estimate.allInPrice).toBe(14058.75);
    expect(estimate.range).toEqual({ low: 12700, high: 16200 });
    expect(estimate.asOf).toBe("2026-06");
    expect(estimate.confidence).toBe("price_book");
  });

  it("R-22 and a pre-1980 home both add hazardous handling, and say so", () => {
    const estimate = estimateJob(request(), components, DEMO_PRICING_RULES);
    expect(estimate.assumptions).toContain("R-22 refrigerant recovered from the existing system.");
    expect(estimate.assumptions).toContain("Built 1975: allowance for possible asbestos testing and handling.");
  });

  it.each([
    { refrigerant: "R-22", yearBuilt: 1975, hazardous: 650 },
    { refrigerant: "r22", yearBuilt: 2006, hazardous: 150 },
    { refrigerant: "R-410A", yearBuilt: 1975, hazardous: 500 },
    { refrigerant: "R-410A", yearBuilt: 2006, hazardous: 0 },
  ])(
    "$refrigerant in a $yearBuilt home adds $hazardous of hazardous handling",
    ({ refrigerant, yearBuilt, hazardous }) => {
      const estimate = estimateJob(
        request({
          property: { sqft: 2000, yearBuilt, region: null },
          existing: { fuel: "natural_gas", refrigerant, ageYears: 15 },
        }),
        components,
        DEMO_PRICING_RULES,
      );
      expect(estimate.breakdown.hazardous).toBe(hazardous);
    },
  );

  it("reusing the line set with easy access in a 2006 home prices lower", () => {
    const estimate = estimateJob(
      request({
        property: { sqft: 1840, yearBuilt: 2006, region: null },
        site: { access: "easy", equipmentLocation: "garage", ductwork: "good", lineSet: "reuse" },
        existing: { fuel: "natural_gas", refrigerant: "R-410A", ageYears: 16 },
        special: [],
      }),
      components,
      DEMO_PRICING_RULES,
    );
    expect(estimate.breakdown.lineSet).toBe(90);
    expect(estimate.breakdown.labor).toBe(2835);
    expect(estimate.allInPrice).toBe(11342.5);
  });

  it("unknown inputs are priced conservatively and the estimate is marked rough", () => {
    const estimate = estimateJob(
      request({
        property: { sqft: null, yearBuilt: null, region: null },
        site: { access: null, equipmentLocation: null, ductwork: null, lineSet: "unknown" },
        existing: { fuel: null, refrigerant: null, ageYears: null },
        special: [],
      }),
      components,
      DEMO_PRICING_RULES,
    );
    expect(estimate.confidence).toBe("rough");
    expect(estimate.breakdown.lineSet).toBe(570);
    expect(estimate.assumptions).toEqual(
      expect.arrayContaining([
        "Line set condition unknown: priced as a new line set until it is checked.",
        "Access not recorded: priced as moderate.",
        "Year built unknown: no asbestos allowance included.",
        "Existing refrigerant not recorded: no R-22 recovery included.",
      ]),
    );
  });

  it("a new install has no tear-out", () => {
    const estimate = estimateJob(request({ existing: null }), components, DEMO_PRICING_RULES);
    expect(estimate.breakdown.tearOutDisposal).toBe(0);
  });

  it("the breakdown always adds up to the all-in price", () => {
    const estimate = estimateJob(request(), components, DEMO_PRICING_RULES);
    const sum = Object.values(estimate.breakdown).reduce((total, amount) => total + amount, 0);
    expect(sum).toBeCloseTo(estimate.allInPrice, 2);
  });

  it("carries cost, margin and commission under the names the role filter strips", () => {
    // Cost: $6,975 vendor + 32.75 h × $55 = $8,776.25; floor × 1.20 = $10,531.50.
    const estimate = estimateJob(request(), components, DEMO_PRICING_RULES);
    expect(estimate).toMatchObject({ vendorCost: 6975, margin: 5282.5, floorPrice: 10531.5, commission: 774.49 });
  });
});
