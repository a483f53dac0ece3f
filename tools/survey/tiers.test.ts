// Field Engineer §08 Good / Better / Best reference table.
import { describe, expect, it } from "vitest";
import { categoryForEquipment, TIER_TABLE, tiersFor } from "./tiers.ts";

describe("tiersFor", () => {
  it.each([
    { category: "cooling", labels: ["14.3 SEER2 single-stage", "16 SEER2 two-stage", "18+ SEER2 inverter"] },
    { category: "furnace_boiler", labels: ["80% AFUE", "96% AFUE", "98% AFUE modulating"] },
    {
      category: "heat_pump",
      labels: ["15 SEER2 / 8.1 HSPF2", "17 SEER2 / 9 HSPF2", "19+ SEER2 / 10+ HSPF2 cold-climate"],
    },
  ] as const)("$category shows the seed's three tiers in Good → Better → Best order", ({ category, labels }) => {
    const tiers = tiersFor(category);
    expect(tiers.map((tier) => tier.label)).toEqual(labels);
    expect(tiers.map((tier) => tier.level)).toEqual(["good", "better", "best"]);
  });

  it.each([
    { category: "cooling", field: "seer2", values: [14.3, 16, 18] },
    { category: "furnace_boiler", field: "afue", values: [0.8, 0.96, 0.98] },
    { category: "heat_pump", field: "seer2", values: [15, 17, 19] },
    { category: "heat_pump", field: "hspf2", values: [8.1, 9, 10] },
  ] as const)("$category carries numeric $field for the savings math", ({ category, field, values }) => {
    expect(tiersFor(category).map((tier) => tier[field])).toEqual(values);
  });

  it("only the best heat pump is cold-climate", () => {
    expect(TIER_TABLE.heat_pump.best.coldClimate).toBe(true);
    expect(TIER_TABLE.heat_pump.better.coldClimate).toBe(false);
  });

  it.each([
    { type: "ac", category: "cooling" },
    { type: "furnace", category: "furnace_boiler" },
    { type: "boiler", category: "furnace_boiler" },
    { type: "heat_pump", category: "heat_pump" },
    { type: "minisplit", category: "heat_pump" },
    { type: "water_heater", category: null },
  ] as const)("installed $type is replaced from the $category row", ({ type, category }) => {
    expect(categoryForEquipment(type)).toBe(category);
  });
});
