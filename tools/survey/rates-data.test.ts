// Field Engineer §06 `rates`: a bundled snapshot where every rate carries its vintage.
import { describe, expect, it } from "vitest";
import { BUNDLED_RATE_STATES, BUNDLED_RATES_SOURCE, ratesFor } from "./rates-data.ts";

describe("ratesFor", () => {
  it("bundles Colorado and at least five other states", () => {
    expect(BUNDLED_RATE_STATES).toContain("CO");
    expect(BUNDLED_RATE_STATES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(BUNDLED_RATE_STATES)("every %s rate says where it is from, when, and how fast prices move", (state) => {
    const rates = ratesFor({ state });
    for (const rate of [rates.electric, rates.gas, rates.propane, rates.oil]) {
      expect(rate.source).toBe(BUNDLED_RATES_SOURCE);
      expect(rate.asOf).toMatch(/^\d{4}(-\d{2})?$/);
      expect(rate.trendPctPerYear).toBeGreaterThan(0);
      expect(["state", "region"]).toContain(rate.level);
    }
    expect(rates.electric.pricePerKwh).toBeGreaterThan(0.08);
    expect(rates.electric.pricePerKwh).toBeLessThan(0.3);
    expect(rates.gas.pricePerTherm).toBeGreaterThan(0.6);
    expect(rates.propane.pricePerGal).toBeGreaterThan(1.5);
    expect(rates.oil.pricePerGal).toBeGreaterThan(2.5);
  });

  it("Colorado reads state-level electricity and gas, and regional propane", () => {
    const rates = ratesFor({ state: "co" });
    expect(rates.electric).toMatchObject({ pricePerKwh: 0.152, level: "state", area: "Colorado", asOf: "2025-10" });
    expect(rates.gas).toMatchObject({ pricePerTherm: 1.12, level: "state" });
    expect(rates.propane).toMatchObject({
      pricePerGal: 2.95,
      level: "region",
      area: "Rocky Mountain",
      asOf: "2025-03",
    });
  });

  it("a confirmed utility with its own figure uses the utility-level rate (seed: $0.141/kWh, 2024, +5.2%/yr)", () => {
    const rates = ratesFor({ state: "CO", electricUtility: "Demo Valley Power & Light" });
    expect(rates.electric).toMatchObject({ pricePerKwh: 0.141, level: "utility", asOf: "2024", trendPctPerYear: 5.2 });
    expect(rates.gas.level).toBe("state");
  });

  it("a state outside the snapshot falls back to national averages, still dated", () => {
    const rates = ratesFor({ state: "VT" });
    expect(rates.electric.level).toBe("national");
    expect(rates.electric.asOf).toBe("2025-10");
    expect(rates.propane.level).toBe("national");
  });
});
