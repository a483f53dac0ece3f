// Field Engineer §08 sizing heuristic: seed numbers, limits, and when the office must verify.
import { describe, expect, it } from "vitest";
import { sizeHome } from "./sizing.ts";

describe("sizeHome", () => {
  it.each([
    // sqft, yearBuilt, tons, heating low, heating high — 2000/500 = 4 × 1.15 = 4.6 → 4.5 is the seed's example.
    { sqft: 2000, yearBuilt: 1975, tons: 4.5, low: 70_000, high: 90_000 },
    { sqft: 1840, yearBuilt: 2006, tons: 3.5, low: 64_000, high: 83_000 },
    { sqft: 2400, yearBuilt: 2015, tons: 4.5, low: 84_000, high: 108_000 },
    { sqft: 2000, yearBuilt: 1980, tons: 4, low: 70_000, high: 90_000 },
    { sqft: 2000, yearBuilt: 2010, tons: 4, low: 70_000, high: 90_000 },
    { sqft: 2000, yearBuilt: 2011, tons: 3.5, low: 70_000, high: 90_000 },
    { sqft: 2000, yearBuilt: null, tons: 4, low: 70_000, high: 90_000 },
  ])("a $sqft sq ft home built $yearBuilt sizes to $tons tons", ({ sqft, yearBuilt, tons, low, high }) => {
    expect(sizeHome({ sqft, yearBuilt })).toEqual({
      coolingTons: tons,
      heatingBtu: { low, high },
      verifySizing: false,
      reasons: [],
    });
  });

  it.each([
    { sqft: 600, yearBuilt: 1995, tons: 1.5 },
    { sqft: 3500, yearBuilt: 1960, tons: 5 },
    { sqft: 9000, yearBuilt: 2020, tons: 5 },
  ])("a $sqft sq ft home stays within the 1.5–5 ton limits ($tons tons)", ({ sqft, yearBuilt, tons }) => {
    expect(sizeHome({ sqft, yearBuilt }).coolingTons).toBe(tons);
  });

  it.each([
    { installedTons: 3, verify: true },
    { installedTons: 3.5, verify: true },
    { installedTons: 4, verify: false },
    { installedTons: 4.5, verify: false },
    { installedTons: 5, verify: false },
    { installedTons: 5.5, verify: true },
  ])(
    "an installed $installedTons-ton unit against a 4.5-ton estimate: verify = $verify",
    ({ installedTons, verify }) => {
      const sizing = sizeHome({ sqft: 2000, yearBuilt: 1975, installedTons });
      expect(sizing.coolingTons).toBe(4.5);
      expect(sizing.verifySizing).toBe(verify);
      expect(sizing.reasons.length > 0).toBe(verify);
    },
  );

  it("names both tonnages when the installed unit disagrees with the estimate", () => {
    expect(sizeHome({ sqft: 2000, yearBuilt: 1975, installedTons: 3 }).reasons).toEqual([
      "Installed 3 tons and the 4.5-ton estimate differ by 1.5 tons.",
    ]);
  });

  it.each([
    { sqft: null, reason: /missing/ },
    { sqft: undefined, reason: /missing/ },
    { sqft: Number.NaN, reason: /not a usable number/ },
    { sqft: Number.POSITIVE_INFINITY, reason: /not a usable number/ },
    { sqft: 0, reason: /not a usable number/ },
    { sqft: -1200, reason: /not a usable number/ },
  ])("with square footage $sqft there is no number, only a verify flag", ({ sqft, reason }) => {
    const sizing = sizeHome({ sqft, yearBuilt: 1990, installedTons: 3 });
    expect(sizing.coolingTons).toBeNull();
    expect(sizing.heatingBtu).toBeNull();
    expect(sizing.verifySizing).toBe(true);
    expect(sizing.reasons.join(" ")).toMatch(reason);
  });

  it.each([
    { sqft: 250, reason: /unusually small/ },
    { sqft: 12_000, reason: /unusually large/ },
  ])("suspect square footage ($sqft) is flagged for the office", ({ sqft, reason }) => {
    const sizing = sizeHome({ sqft, yearBuilt: 1990 });
    expect(sizing.verifySizing).toBe(true);
    expect(sizing.reasons.join(" ")).toMatch(reason);
  });

  it("an unreadable installed tonnage or year built is flagged, not trusted", () => {
    const sizing = sizeHome({ sqft: 2000, yearBuilt: 19750, installedTons: Number.NaN });
    expect(sizing.coolingTons).toBe(4);
    expect(sizing.verifySizing).toBe(true);
    expect(sizing.reasons).toHaveLength(2);
  });
});
