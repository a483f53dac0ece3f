// Field Engineer §06 `rebates`: a synthetic demo catalog whose amounts are always to be verified.
import { describe, expect, it } from "vitest";
import { rebatesFor } from "./rebates-data.ts";

const frontRange = { electric: "Demo Valley Power & Light", gas: "Front Range Gas Cooperative (demo)" };

describe("rebatesFor", () => {
  it("a Better heat pump in the Front Range finds federal, state and utility programs", () => {
    const found = rebatesFor({ state: "CO", utilities: frontRange, equipment: ["heat_pump"], tier: "better" });
    expect(found.programs.map((program) => program.level)).toEqual(["federal", "state", "utility"]);
    expect(found.estimatedTotal).toBe(4700);
  });

  it.each([
    { tier: "good", total: 2700 },
    { tier: "better", total: 4700 },
    { tier: "best", total: 4700 },
    { tier: null, total: 4700 },
  ] as const)("a $tier-tier heat pump qualifies for about $total", ({ tier, total }) => {
    expect(rebatesFor({ state: "CO", utilities: frontRange, equipment: ["heat_pump"], tier }).estimatedTotal).toBe(
      total,
    );
  });

  it("utility programs follow the confirmed utility", () => {
    const elsewhere = { electric: "High Prairie Electric Cooperative (demo)", gas: null };
    const names = rebatesFor({
      state: "CO",
      utilities: elsewhere,
      equipment: ["heat_pump"],
      tier: "better",
    }).programs.map((program) => program.utility);
    expect(names).toEqual([null, null, "High Prairie Electric Cooperative (demo)"]);
  });

  it("every amount is labeled an estimate to be verified", () => {
    const found = rebatesFor({
      state: "CO",
      utilities: frontRange,
      equipment: ["heat_pump", "furnace", "ac", "thermostat", "panel_upgrade"],
      tier: "best",
    });
    expect(found.programs.length).toBeGreaterThan(5);
    expect(found.verification).toBe("to be verified");
    for (const program of found.programs) {
      expect(program.verification).toBe("to be verified");
      expect(program.amountLabel).toMatch(/to be verified/);
      expect(program.source).toMatch(/not a real program/);
    }
  });

  it("outside the demo region there is nothing to offer", () => {
    expect(rebatesFor({ state: "UT", utilities: frontRange, equipment: ["heat_pump"] }).programs).toEqual([]);
  });
});
