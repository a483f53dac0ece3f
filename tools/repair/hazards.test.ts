// Hazard screen tests (Field Engineer §10): code stops the job from the tech's own words; negation asks, never ignores.
import { describe, expect, it } from "vitest";
import type { HardStop as ContractHardStop } from "../../contracts/results.ts";
import { HAZARD_CORPUS } from "./hazard-corpus.ts";
import { buildStop, type HardStop, mergeStops, STOP_CATALOG, scanForHazards } from "./hazards.ts";

const stopIds = (text: string) =>
  scanForHazards(text)
    .stops.map((s) => s.stopId)
    .sort();

describe("hazard corpus", () => {
  it("holds at least 170 labelled phrasings", () => {
    expect(HAZARD_CORPUS.length).toBeGreaterThanOrEqual(170);
  });

  it("catches every true hazard (recall 100%) and stops rarely without cause (precision ≥ 90%)", () => {
    let hazardPhrases = 0;
    let hazardsCaught = 0;
    let predicted = 0;
    let predictedCorrect = 0;
    const misses: string[] = [];
    const falseStops: string[] = [];
    for (const phrase of HAZARD_CORPUS) {
      const found = new Set(scanForHazards(phrase.text).stops.map((s) => s.stopId));
      if (phrase.stops.length > 0) {
        hazardPhrases += 1;
        if (phrase.stops.every((id) => found.has(id))) hazardsCaught += 1;
        else misses.push(phrase.text);
      }
      for (const id of found) {
        predicted += 1;
        if ((phrase.stops as readonly string[]).includes(id)) predictedCorrect += 1;
        else falseStops.push(`${phrase.text} → ${id}`);
      }
    }
    const recall = hazardsCaught / hazardPhrases;
    const precision = predicted === 0 ? 1 : predictedCorrect / predicted;
    console.log(
      `hazard corpus: ${HAZARD_CORPUS.length} phrasings, ${hazardPhrases} hazards; recall ${(recall * 100).toFixed(1)}% ` +
        `(${hazardsCaught}/${hazardPhrases}), precision ${(precision * 100).toFixed(1)}% (${predictedCorrect}/${predicted})`,
    );
    expect(misses).toEqual([]);
    expect(recall).toBe(1);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(falseStops.length).toBeLessThanOrEqual(Math.floor(predicted * 0.1));
  });

  it.each(HAZARD_CORPUS.filter((p) => p.confirm !== undefined).map((p) => [p.text, p.confirm] as const))(
    "%s → confirm question: %s",
    (text, confirm) => {
      expect(scanForHazards(text).confirm.length > 0).toBe(confirm);
    },
  );
});

describe("universal and conditional stops from the tech's words", () => {
  const cases: Array<[string, string[]]> = [
    ["smells like gas in here", ["gas_leak"]],
    ["rotten egg smell", ["gas_leak"]],
    ["i smell gas by the meter", ["gas_leak"]],
    ["hissing at the gas line", ["gas_leak"]],
    ["bubbles on the leak test", ["gas_leak"]],
    ["the co detector's going off", ["co_alarm"]],
    ["carbon monoxide alarm chirping", ["co_alarm"]],
    ["co reading 200 ppm", ["co_alarm"]],
    ["water on the floor around the unit and it's still powered", ["water_energized"]],
    ["standing water under the water heater breaker still on", ["water_energized"]],
    ["there's a crack in the heat exchanger", ["cracked_heat_exchanger"]],
    ["flame rolling out", ["cracked_heat_exchanger"]],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(stopIds(text)).toEqual(expected);
  });

  it("a gas leak stops with the seed's action and no clearing gate", () => {
    const [stop] = scanForHazards("smells like gas in here").stops;
    expect(stop).toMatchObject({
      stopId: "gas_leak",
      type: "universal",
      action: "Stop, ventilate, shut gas, escalate — no override",
      clearedBy: { gates: [] },
    });
    expect(stop?.matched).toContain("gas");
  });

  it("a cracked heat exchanger is conditional and cleared only by G2", () => {
    expect(scanForHazards("heat exchanger cracked").stops[0]).toMatchObject({
      type: "conditional",
      clearedBy: { gates: ["G2"] },
    });
  });
});

describe("CO thresholds (documented: stop at 35 ppm in living space, confirm from 9 ppm)", () => {
  const cases: Array<{ text: string; stop: boolean; confirm: boolean }> = [
    { text: "co at 35 ppm in the hallway", stop: true, confirm: false },
    { text: "co at 34 ppm in the hallway", stop: false, confirm: true },
    { text: "co at 9 ppm in the hallway", stop: false, confirm: true },
    { text: "co at 8 ppm in the hallway", stop: false, confirm: false },
    { text: "co in the flue 120 ppm air free", stop: false, confirm: false },
    { text: "flue co 600 ppm air free on the analyzer", stop: false, confirm: true },
  ];
  it.each(cases)("$text", ({ text, stop, confirm }) => {
    const scan = scanForHazards(text);
    expect(scan.stops.some((s) => s.stopId === "co_alarm")).toBe(stop);
    expect(scan.confirm.length > 0).toBe(confirm);
  });

  it("readings passed from the trail stop the job too", () => {
    const scan = scanForHazards("checking the furnace", [{ value: 60, unit: "ppm", quantity: "carbon_monoxide" }]);
    expect(scan.stops.map((s) => s.stopId)).toEqual(["co_alarm"]);
    const odd = scanForHazards("flame sensor check", [{ value: 45, unit: "uA" }]);
    expect(odd.stops.map((s) => s.stopId)).toEqual(["readings_unreconciled"]);
  });
});

describe("negation and resolution ask instead of stopping or ignoring", () => {
  it("the CO battery story becomes a confirm question naming the tech's own analyzer", () => {
    const scan = scanForHazards("co alarm was unplugged battery, reads zero now");
    expect(scan.stops).toEqual([]);
    expect(scan.confirm).toContain(
      "You said the CO alarm was a battery issue and reads zero — confirm the air reads 0 ppm on your own analyzer before continuing?",
    );
  });

  it.each(["no gas smell", "doesn't smell like gas", "water was cleaned up and power is off"])(
    "%s → no stop, one question",
    (text) => {
      const scan = scanForHazards(text);
      expect(scan.stops).toEqual([]);
      expect(scan.confirm.length).toBeGreaterThan(0);
    },
  );

  it("a negated hazard beside a real one still stops", () => {
    expect(stopIds("no gas smell at the furnace but i do smell gas by the meter")).toEqual(["gas_leak"]);
    expect(stopIds("not heating and smells like gas")).toEqual(["gas_leak"]);
  });

  it("a hazard that comes back after the explanation still stops", () => {
    expect(stopIds("co alarm was the battery, replaced it and it's still going off")).toEqual(["co_alarm"]);
  });
});

describe("trade words that are not hazards", () => {
  it.each([
    "gas furnace",
    "replaced the gas valve",
    "gas line to the range",
    "checked the coil and the compressor",
    "co-worker brought the condenser fan motor",
    "water heater is 12 years old",
    "refrigerant leak at the evaporator coil",
    "gas pressure 3.5 inches water column",
  ])("%s", (text) => {
    expect(scanForHazards(text).stops).toEqual([]);
  });
});

describe("mergeStops", () => {
  const gas = buildStop("gas_leak", "smells like gas");
  const hx = buildStop("cracked_heat_exchanger", "crack in the hx");

  it("keeps every stop code found, whatever the model reports", () => {
    expect(mergeStops([gas, hx], []).map((s) => s.stopId)).toEqual(["gas_leak", "cracked_heat_exchanger"]);
  });

  it("adds a stop only the model saw", () => {
    const modelOnly: HardStop = {
      stopId: "flue_disconnected",
      type: "conditional",
      matched: "",
      message: "Flue pipe looks separated in the photo.",
      action: "Stop and escalate.",
      clearedBy: { gates: ["G2"] },
    };
    const merged = mergeStops([gas], [modelOnly]);
    expect(merged.map((s) => s.stopId)).toEqual(["gas_leak", "flue_disconnected"]);
  });

  it("a model re-labelling a universal stop as conditional leaves it universal with no clearing gates", () => {
    const downgraded: HardStop = {
      ...gas,
      type: "conditional",
      clearedBy: { gates: ["G1"] },
      action: "Tighten and go on.",
    };
    const [merged] = mergeStops([gas], [downgraded]);
    expect(merged).toMatchObject({ type: "universal", clearedBy: { gates: [] }, action: STOP_CATALOG.gas_leak.action });
  });

  it("a model reporting a known universal stop code did not detect is still universal", () => {
    const reported: HardStop = { ...buildStop("co_alarm", "photo"), type: "conditional" };
    expect(mergeStops([], [reported])[0]?.type).toBe("universal");
  });

  it("a model can make a conditional stop harder to clear, never easier", () => {
    const [merged] = mergeStops([hx], [{ ...hx, clearedBy: { gates: ["B1"] } }]);
    expect(merged?.clearedBy.gates).toEqual(["G2", "B1"]);
    const [notEasier] = mergeStops([hx], [{ ...hx, clearedBy: { gates: [] } }]);
    expect(notEasier?.clearedBy.gates).toEqual(["G2"]);
  });

  it("does not change the stops it was given", () => {
    const detected = [hx];
    mergeStops(detected, [{ ...hx, type: "universal", clearedBy: { gates: ["B1"] } }]);
    expect(hx).toMatchObject({ type: "conditional", clearedBy: { gates: ["G2"] } });
  });
});

describe("contract shape", () => {
  it("a stop is a contracts HardStop", () => {
    const stop: ContractHardStop = buildStop("water_energized", "standing water … breaker on");
    expect(stop.type).toBe("universal");
  });
});
