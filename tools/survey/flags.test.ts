// Field Engineer §08 flags: per-system warnings and whole-home scope items.
import { describe, expect, it } from "vitest";
import { flagHome, flagSystem, type HomeConditions } from "./flags.ts";

function home(overrides: Partial<HomeConditions> = {}): HomeConditions {
  return {
    heatPumpRecommended: false,
    panel: "200A",
    hasOpenBreakerSpaces: true,
    ductwork: "good",
    lineSet: "reuse",
    concerns: [],
    ...overrides,
  };
}

describe("flagSystem", () => {
  it.each([
    { ageYears: 20, codes: ["end_of_life"] },
    { ageYears: 15, codes: ["end_of_life"] },
    { ageYears: 14, codes: ["aging"] },
    { ageYears: 12, codes: ["aging"] },
    { ageYears: 11, codes: [] },
    { ageYears: null, codes: [] },
  ])("an AC aged $ageYears years is flagged $codes", ({ ageYears, codes }) => {
    const flags = flagSystem({ type: "ac", fuel: "electric", ageYears, condition: "good" });
    expect(flags.map((flag) => flag.code)).toEqual(codes);
  });

  it("a failed system is flagged whatever its age", () => {
    const flags = flagSystem({ type: "ac", fuel: "electric", ageYears: 4, condition: "failed" });
    expect(flags.map((flag) => flag.code)).toEqual(["failed"]);
  });

  it.each([
    { type: "furnace", fuel: "natural_gas", candidate: true },
    { type: "furnace", fuel: "propane", candidate: true },
    { type: "furnace", fuel: "oil", candidate: false },
    { type: "boiler", fuel: "natural_gas", candidate: false },
    { type: "heat_pump", fuel: "electric", candidate: false },
  ] as const)("a $fuel $type is a heat-pump candidate: $candidate", ({ type, fuel, candidate }) => {
    const codes = flagSystem({ type, fuel, ageYears: 8, condition: "good" }).map((flag) => flag.code);
    expect(codes.includes("heat_pump_candidate")).toBe(candidate);
  });

  it("an 18-year-old gas furnace is end-of-life and a heat-pump candidate", () => {
    const flags = flagSystem({ type: "furnace", fuel: "natural_gas", ageYears: 18, condition: "fair" });
    expect(flags.map((flag) => flag.code)).toEqual(["end_of_life", "heat_pump_candidate"]);
  });
});

describe("flagHome", () => {
  it.each([
    { panel: "100A", hasOpenBreakerSpaces: true, upgrade: true },
    { panel: "125A", hasOpenBreakerSpaces: true, upgrade: true },
    { panel: "150A", hasOpenBreakerSpaces: true, upgrade: false },
    { panel: "200A", hasOpenBreakerSpaces: true, upgrade: false },
    { panel: "200A+", hasOpenBreakerSpaces: true, upgrade: false },
    { panel: "200A", hasOpenBreakerSpaces: false, upgrade: true },
    { panel: "150A", hasOpenBreakerSpaces: false, upgrade: true },
  ] as const)(
    "a heat pump with a $panel panel (open spaces: $hasOpenBreakerSpaces) needs a panel upgrade: $upgrade",
    ({ panel, hasOpenBreakerSpaces, upgrade }) => {
      const codes = flagHome(home({ heatPumpRecommended: true, panel, hasOpenBreakerSpaces })).map((flag) => flag.code);
      expect(codes.includes("panel_upgrade")).toBe(upgrade);
    },
  );

  it("a small panel without a heat-pump recommendation raises no panel flag", () => {
    const codes = flagHome(home({ panel: "100A", hasOpenBreakerSpaces: false })).map((flag) => flag.code);
    expect(codes).toEqual(["maintenance_agreement"]);
  });

  it("a heat pump with an unrecorded panel prompts the rep to check it", () => {
    const codes = flagHome(home({ heatPumpRecommended: true, panel: null })).map((flag) => flag.code);
    expect(codes).toContain("panel_unknown");
  });

  it.each([
    { ductwork: "poor", scoped: true },
    { ductwork: "fair", scoped: true },
    { ductwork: "good", scoped: false },
    { ductwork: null, scoped: false },
  ] as const)("$ductwork ductwork becomes a scope item: $scoped", ({ ductwork, scoped }) => {
    const codes = flagHome(home({ ductwork })).map((flag) => flag.code);
    expect(codes.includes("ductwork_replacement")).toBe(scoped);
  });

  it("a line set marked replace becomes a new-line-set scope item", () => {
    const flags = flagHome(home({ lineSet: "replace" }));
    expect(flags.find((flag) => flag.code === "new_line_set")?.addOn).toBe("new_line_set");
  });

  it.each([
    { concerns: ["humidity"], codes: ["iaq_opportunity", "maintenance_agreement"] },
    { concerns: ["dust"], codes: ["iaq_opportunity", "maintenance_agreement"] },
    { concerns: ["hot_cold_rooms"], codes: ["zoning_opportunity", "maintenance_agreement"] },
    { concerns: ["uneven_temperatures"], codes: ["zoning_opportunity", "maintenance_agreement"] },
    {
      concerns: ["humidity", "uneven_temperatures"],
      codes: ["iaq_opportunity", "zoning_opportunity", "maintenance_agreement"],
    },
    { concerns: ["noise"], codes: ["maintenance_agreement"] },
  ] as const)("homeowner concerns $concerns open $codes", ({ concerns, codes }) => {
    expect(flagHome(home({ concerns })).map((flag) => flag.code)).toEqual(codes);
  });

  it("the maintenance-agreement prompt always appears, even with nothing else to flag", () => {
    expect(flagHome(home())).toEqual([
      { code: "maintenance_agreement", kind: "prompt", message: "Offer a maintenance agreement.", addOn: null },
    ]);
  });

  it("every scope item names its preset add-on", () => {
    const flags = flagHome(
      home({
        heatPumpRecommended: true,
        panel: "100A",
        ductwork: "poor",
        lineSet: "replace",
        concerns: ["dust", "hot_cold_rooms"],
      }),
    );
    expect(flags.map((flag) => flag.addOn)).toEqual([
      "panel_upgrade",
      "ductwork_replacement",
      "new_line_set",
      "iaq",
      "zoning",
      null,
    ]);
  });
});
