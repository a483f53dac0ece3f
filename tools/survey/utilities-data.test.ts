// Field Engineer §06 `utility`: invented demo utilities, suggested for the confirmation gate.
import { describe, expect, it } from "vitest";
import {
  DEMO_ELECTRIC_UTILITIES,
  DEMO_GAS_UTILITIES,
  OTHER_UTILITY_CHOICE,
  utilityCandidatesFor,
  utilityPickList,
} from "./utilities-data.ts";

const REAL_COMPANY_NAMES = /xcel|black hills|united power|irea|atmos|public service|colorado natural gas/i;

describe("utilityCandidatesFor", () => {
  it.each([
    { zip: "80601", electric: "Demo Valley Power & Light", gas: "Front Range Gas Cooperative (demo)" },
    { zip: "80903", electric: "High Prairie Electric Cooperative (demo)", gas: "Prairie Sky Gas Company (demo)" },
    { zip: "81501", electric: "Western Slope Power District (demo)", gas: "Canyon Country Gas (demo)" },
  ])("a CO address in $zip suggests $electric and $gas", ({ zip, electric, gas }) => {
    const found = utilityCandidatesFor({ state: "CO", zip });
    expect(found.electric.name).toBe(electric);
    expect(found.gas.name).toBe(gas);
    expect(found.electric.alternatives).not.toContain(electric);
    expect(found.electric.alternatives.length).toBeGreaterThan(0);
  });

  it("an unknown ZIP returns no name at low confidence, with the whole list to pick from", () => {
    const found = utilityCandidatesFor({ state: "CO", zip: null });
    expect(found.electric).toMatchObject({ name: null, confidence: "low" });
    expect(found.gas.alternatives).toEqual([...DEMO_GAS_UTILITIES]);
  });

  it("a reference-list match is never high confidence: the rep still confirms", () => {
    expect(utilityCandidatesFor({ state: "CO", zip: "80601" }).electric.confidence).toBe("medium");
  });

  it("editing offers the suggestion, its alternatives and Other…", () => {
    const list = utilityPickList(utilityCandidatesFor({ state: "CO", zip: "80601" }).electric);
    expect(list[0]).toBe("Demo Valley Power & Light");
    expect(list.at(-1)).toBe(OTHER_UTILITY_CHOICE);
    expect(list).toHaveLength(DEMO_ELECTRIC_UTILITIES.length + 1);
  });

  it("no demo utility carries a real company's name", () => {
    for (const name of [...DEMO_ELECTRIC_UTILITIES, ...DEMO_GAS_UTILITIES]) {
      expect(name).not.toMatch(REAL_COMPANY_NAMES);
    }
  });
});
