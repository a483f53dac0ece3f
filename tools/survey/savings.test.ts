// Field Engineer §08 Savings Profile: the formula, baselines, confidence tiers and the rate-vintage asterisk.
import { describe, expect, it } from "vitest";
import { ratesFor } from "./rates-data.ts";
import {
  availableBaselines,
  type BillMonth,
  confidenceTierFor,
  copFromHspf2,
  rateVintageFootnote,
  type SavingsInput,
  SavingsInputError,
  savingsProfile,
} from "./savings.ts";
import { sizeHome } from "./sizing.ts";

const today = new Date("2026-06-15T12:00:00Z");
// 2,000 sq ft built 1975 → 70,000–90,000 BTU/h; midpoint 80,000 × 700 cold-climate run hours = 56 million BTU/yr.
const frontRangeHome = sizeHome({ sqft: 2000, yearBuilt: 1975 }).heatingBtu;

function propaneToHeatPump(overrides: Partial<SavingsInput> = {}): SavingsInput {
  return {
    heatingBtu: frontRangeHome,
    climateZone: "cold",
    current: { fuel: "propane" },
    proposed: { category: "heat_pump", tier: "better" },
    rates: ratesFor({ state: "CO" }),
    today,
    ...overrides,
  };
}

function gasFurnaceUpgrade(overrides: Partial<SavingsInput> = {}): SavingsInput {
  return {
    heatingBtu: frontRangeHome,
    climateZone: "cold",
    current: { fuel: "natural_gas", afue: 0.8 },
    proposed: { category: "furnace_boiler", tier: "better" },
    rates: ratesFor({ state: "CO", gasUtility: "Front Range Gas Cooperative (demo)" }),
    today,
    ...overrides,
  };
}

function gasBill(periodMonth: string, usage: number): BillMonth {
  return { fuel: "natural_gas", periodMonth, usage, unit: "therm", cost: usage * 1.1 };
}

describe("savingsProfile", () => {
  it("a propane furnace → Better heat pump saves about $918–$1,704 a year on a rough estimate", () => {
    // Propane: 56M BTU ÷ 0.80 ÷ 91,500 × $2.95 = $2,257; heat pump: 56M ÷ (9 HSPF2 × 1,000) × $0.152 = $946.
    const profile = savingsProfile(propaneToHeatPump());
    expect(profile.tier).toBe("basis");
    expect(profile.tierLabel).toBe("Rough estimate");
    expect(profile.range).toEqual({ low: 918, high: 1704 });
    expect(profile.annualCost).toEqual({ baseline: { low: 1580, high: 2934 }, proposed: { low: 662, high: 1230 } });
    expect(profile.baseline).toBe("current");
    expect(profile.baselineLabel).toBe("estimated savings vs. your current system");
  });

  it("a gas furnace → 96% AFUE furnace saves about $80–$149 a year at the utility's 2024 rate", () => {
    // 700 therms × $0.98 = $686 today; 583 therms at 96% AFUE = $572.
    const profile = savingsProfile(gasFurnaceUpgrade());
    expect(profile.range).toEqual({ low: 80, high: 149 });
    expect(profile.footnote).toBe(
      "* Estimate. Based on Front Range Gas Cooperative (demo) utility energy rates from EIA (bundled snapshot), 2024. " +
        "Energy prices have risen ≈12% since then, so your actual rates — and savings — are likely higher. " +
        "Add a recent bill for an exact figure.",
    );
  });

  it("solar covers the new heat-pump load, so savings rise to the whole propane bill", () => {
    // 7.2 kW × 1,450 kWh/kW = 10,440 kWh ≥ the heat pump's 6,222 kWh, so all of it is offset.
    const profile = savingsProfile(propaneToHeatPump({ solar: { present: true, sizeKwDc: 7.2 } }));
    expect(profile.solarOffset?.kwhPerYear).toBe(6222);
    expect(profile.solarOffset?.value).toEqual({ low: 662, high: 1230 });
    expect(profile.range).toEqual({ low: 1580, high: 2934 });
    expect(profile.assumptions.find((assumption) => assumption.label === "Solar offset")?.value).toMatch(/7\.2 kW/);
  });

  it("a small array offsets only its own production", () => {
    // 2 kW × 1,450 = 2,900 kWh × $0.152 = $440.80 of the heat pump's load.
    const profile = savingsProfile(propaneToHeatPump({ solar: { present: true, sizeKwDc: 2 } }));
    expect(profile.solarOffset?.kwhPerYear).toBe(2900);
    expect(profile.range).toEqual({ low: 1226, high: 2277 });
  });

  it("solar does not change a gas-for-gas upgrade, and its electric rate is not footnoted", () => {
    const profile = savingsProfile(gasFurnaceUpgrade({ solar: { present: true, sizeKwDc: 7.2 } }));
    expect(profile.solarOffset?.kwhPerYear).toBe(0);
    expect(profile.range).toEqual({ low: 80, high: 149 });
    expect(profile.footnote?.split("\n")).toHaveLength(1);
  });

  it("the basis footnote dates every rate used: propane and electricity", () => {
    const lines = savingsProfile(propaneToHeatPump()).footnote?.split("\n") ?? [];
    expect(lines).toEqual([
      "* Estimate. Based on Rocky Mountain region energy rates from EIA (bundled snapshot), 2025-03. Energy prices have risen ≈4% since then, so your actual rates — and savings — are likely higher. Add a recent bill for an exact figure.",
      "* Estimate. Based on Colorado state energy rates from EIA (bundled snapshot), 2025-10. Energy prices have risen ≈3% since then, so your actual rates — and savings — are likely higher. Add a recent bill for an exact figure.",
    ]);
  });

  it("a winter bill replaces the default rates, narrows the band and removes the asterisk", () => {
    // Seed parsebill example: 1,180 kWh for $154.20 and 92 gal of propane for $285.20 ($3.10/gal).
    const bills: BillMonth[] = [
      { fuel: "electric", periodMonth: "2026-01", usage: 1180, unit: "kWh", cost: 154.2 },
      { fuel: "propane", periodMonth: "2026-01", usage: 92, unit: "gal", cost: 285.2 },
    ];
    const profile = savingsProfile(propaneToHeatPump({ bills }));
    expect(profile.tier).toBe("better");
    expect(profile.tierLabel).toBe("Based on sample bills");
    expect(profile.range).toEqual({ low: 1325, high: 1792 });
    expect(profile.footnote).toBeUndefined();
    expect(profile.assumptions.map((assumption) => assumption.value).join(" ")).toMatch(
      /\$3\.100\/gal propane from your bills/,
    );
  });

  it("a full year of gas bills measures heating use above the lowest month and earns the tightest band", () => {
    const usage = [120, 100, 80, 50, 30, 20, 20, 20, 25, 50, 90, 115]; // 720 therms; 480 above the 20-therm baseload
    const bills = usage.map((therms, index) => gasBill(`2025-${String(index + 1).padStart(2, "0")}`, therms));
    const profile = savingsProfile(gasFurnaceUpgrade({ bills }));
    // 480 therms at 80% → 400 therms at 96%: 80 therms × $1.10 = $88 ± 7%.
    expect(profile.tier).toBe("best");
    expect(profile.tierLabel).toBe("Based on a full year of bills");
    expect(profile.range).toEqual({ low: 82, high: 94 });
    expect(profile.footnote).toBeUndefined();
  });

  it("an unknown home size still gets a rough number, and says what it assumed", () => {
    const profile = savingsProfile(gasFurnaceUpgrade({ heatingBtu: null }));
    expect(profile.range.low).toBeGreaterThan(0);
    expect(profile.assumptions[0]?.value).toMatch(/home size unknown/);
  });

  it("shows every figure as a range with its assumptions visible", () => {
    const profile = savingsProfile(propaneToHeatPump({ solar: { present: true, sizeKwDc: 4 } }));
    expect(profile.assumptions.map((assumption) => assumption.label)).toEqual([
      "Heating usage",
      "Baseline system",
      "Proposed system",
      "Fuel rate (propane)",
      "Fuel rate (electricity)",
      "Solar offset",
      "Confidence",
      "Scope",
    ]);
    for (const range of [profile.range, profile.annualCost.baseline, profile.annualCost.proposed]) {
      expect(range.low).toBeLessThan(range.high);
    }
  });

  it.each([
    { name: "basis", input: propaneToHeatPump() },
    { name: "with solar", input: propaneToHeatPump({ solar: { present: true, sizeKwDc: 7.2 } }) },
    { name: "with bills", input: gasFurnaceUpgrade({ bills: [gasBill("2026-01", 140)] }) },
    {
      name: "vs. repair",
      input: propaneToHeatPump({ baseline: "repair", repairEstimate: 2500, netInstallCost: 12000 }),
    },
  ])("never calls an estimate guaranteed ($name)", ({ input }) => {
    expect(JSON.stringify(savingsProfile(input))).not.toMatch(/guarantee/i);
  });
});

describe("comparison baseline", () => {
  it.each([
    { hasRepairEstimate: false, proposedTier: "good", baselines: ["current"] },
    { hasRepairEstimate: true, proposedTier: "good", baselines: ["current", "repair"] },
    { hasRepairEstimate: false, proposedTier: "better", baselines: ["current", "good_tier"] },
    { hasRepairEstimate: true, proposedTier: "best", baselines: ["current", "repair", "good_tier"] },
  ] as const)(
    "repair estimate $hasRepairEstimate, $proposedTier tier offers $baselines",
    ({ hasRepairEstimate, proposedTier, baselines }) => {
      expect(availableBaselines({ hasRepairEstimate, proposedTier }).map((option) => option.baseline)).toEqual(
        baselines,
      );
    },
  );

  it("the Better heat pump vs. a Good-tier heat pump shows the upgrade's own savings and payback", () => {
    // Good 8.1 HSPF2 uses 6,914 kWh; Better 9 HSPF2 uses 6,222 kWh: 691 kWh × $0.152 = $105.
    const profile = savingsProfile(
      propaneToHeatPump({ baseline: "good_tier", netInstallCost: 14000, goodTierNetInstallCost: 13000 }),
    );
    expect(profile.baselineLabel).toBe("estimated savings vs. a basic replacement (Good tier)");
    expect(profile.range).toEqual({ low: 74, high: 137 });
    expect(profile.paybackYears).toEqual({ low: 7.3, high: 13.5 });
  });

  it("vs. repairing, the repair money the customer would spend anyway shortens the payback", () => {
    const current = savingsProfile(propaneToHeatPump({ netInstallCost: 12000, repairEstimate: 2500 }));
    const repair = savingsProfile(
      propaneToHeatPump({ baseline: "repair", netInstallCost: 12000, repairEstimate: 2500 }),
    );
    expect(current.paybackYears).toEqual({ low: 7, high: 13.1 });
    expect(repair.baselineLabel).toBe("estimated savings vs. repairing your current system");
    expect(repair.range).toEqual(current.range);
    expect(repair.paybackYears).toEqual({ low: 5.6, high: 10.3 });
  });

  it("no price known means no payback figure", () => {
    expect(savingsProfile(propaneToHeatPump()).paybackYears).toBeNull();
  });

  it.each([
    { baseline: "repair", input: propaneToHeatPump({ baseline: "repair" }) },
    {
      baseline: "good_tier",
      input: propaneToHeatPump({ baseline: "good_tier", proposed: { category: "heat_pump", tier: "good" } }),
    },
  ] as const)("the $baseline baseline cannot be picked when it does not apply", ({ input }) => {
    expect(() => savingsProfile(input)).toThrow(SavingsInputError);
  });
});

describe("confidence tiers and the rate-vintage asterisk", () => {
  it.each([
    { months: 0, tier: "basis" },
    { months: 1, tier: "better" },
    { months: 2, tier: "better" },
    { months: 11, tier: "better" },
    { months: 12, tier: "best" },
  ])("$months months of bills → $tier", ({ months, tier }) => {
    expect(confidenceTierFor(months)).toBe(tier);
  });

  it("a 2024 utility rate viewed in 2026 reads prices up ≈10% (seed example: 5.2%/yr)", () => {
    const electric = ratesFor({ state: "CO", electricUtility: "Demo Valley Power & Light" }).electric;
    expect(rateVintageFootnote(electric, today)).toBe(
      "* Estimate. Based on Demo Valley Power & Light utility energy rates from EIA (bundled snapshot), 2024. " +
        "Energy prices have risen ≈10% since then, so your actual rates — and savings — are likely higher. " +
        "Add a recent bill for an exact figure.",
    );
  });

  it("a rate whose prices fell does not claim they rose", () => {
    const vintage = { level: "state", area: "Colorado", source: "EIA", asOf: "2025-06", trendPctPerYear: -2 } as const;
    expect(rateVintageFootnote(vintage, today)).toMatch(/have not risen measurably/);
  });

  it("a heat pump's COP is its HSPF2 over 3.412", () => {
    expect(copFromHspf2(9)).toBeCloseTo(2.638, 3);
  });
});
