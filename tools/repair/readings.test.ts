// Voice-to-text readings: spoken numbers and units a technician dictates become values (Field Engineer §06 trail).
import { describe, expect, it } from "vitest";
import { isPlausibleReading, normalizeSpokenNumbers, normalizeUnit, parseReadings, wordsToNumber } from "./readings.ts";

describe("wordsToNumber", () => {
  const cases: Array<[string, number | null]> = [
    ["two thirty eight", 238],
    ["one eighteen", 118],
    ["two forty", 240],
    ["four sixty", 460],
    ["point two", 0.2],
    ["three point five", 3.5],
    ["zero point eight", 0.8],
    ["point oh five", 0.05],
    ["forty five", 45],
    ["a hundred", 100],
    ["two hundred and thirty", 230],
    ["fifteen hundred", 1500],
    ["two thousand five hundred", 2500],
    ["one oh five", 105],
    ["one and a half", 1.5],
    ["twenty-four", 24],
    ["uh two um forty", 240],
    ["furnace", null],
  ];
  it.each(cases)("%s → %s", (words, value) => {
    expect(wordsToNumber(words)).toBe(value);
  });
});

describe("normalizeSpokenNumbers", () => {
  const cases: Array<[string, string]> = [
    ["ok so uh the flame sensor reading point two micro amps", "ok so the flame sensor reading 0.2 micro amps"],
    ["forty five five capacitor", "45 5 capacitor"],
    ["co is at thirty five ppm", "co is at 35 ppm"],
    ["twenty four volts at R and W", "24 volts at r and w"],
    ["gas valve is fine, like, totally", "gas valve is fine, totally"],
  ];
  it.each(cases)("%s", (spoken, written) => {
    expect(normalizeSpokenNumbers(spoken)).toBe(written);
  });
});

describe("parseReadings from a tech's dictation", () => {
  const cases: Array<{ text: string; expected: Array<{ value: number; unit: string; quantity?: string }> }> = [
    {
      text: "ok so the furnace is short cycling uh flame sensor looks dirty reading point two micro amps",
      expected: [{ value: 0.2, unit: "µA", quantity: "flame_current" }],
    },
    { text: "two thirty eight volts", expected: [{ value: 238, unit: "V", quantity: "voltage" }] },
    { text: "one eighteen psi on the suction", expected: [{ value: 118, unit: "psi", quantity: "pressure" }] },
    { text: "0.2 microamps", expected: [{ value: 0.2, unit: "µA" }] },
    { text: "point 2 µA", expected: [{ value: 0.2, unit: "µA" }] },
    { text: "flame signal 1.8 uA", expected: [{ value: 1.8, unit: "µA" }] },
    { text: "only getting two micros", expected: [{ value: 2, unit: "µA" }] },
    {
      text: "forty five five capacitor",
      expected: [
        { value: 45, unit: "µF", quantity: "capacitance" },
        { value: 5, unit: "µF", quantity: "capacitance" },
      ],
    },
    {
      text: "45/5 mfd dual cap",
      expected: [
        { value: 45, unit: "µF" },
        { value: 5, unit: "µF" },
      ],
    },
    { text: "put in a 7.5 mfd fan cap", expected: [{ value: 7.5, unit: "µF" }] },
    {
      text: "three point five inches water column",
      expected: [{ value: 3.5, unit: "in_wc", quantity: "water_column" }],
    },
    { text: "3.5 in wc on the manifold", expected: [{ value: 3.5, unit: "in_wc" }] },
    { text: "manifold pressure three and a half inches", expected: [{ value: 3.5, unit: "in_wc" }] },
    { text: "ninety two degrees at the supply", expected: [{ value: 92, unit: "°F", quantity: "temperature" }] },
    { text: "120 ppm co", expected: [{ value: 120, unit: "ppm", quantity: "carbon_monoxide" }] },
    { text: "co is at thirty five ppm", expected: [{ value: 35, unit: "ppm", quantity: "carbon_monoxide" }] },
    {
      text: "carbon monoxide reading eighty in the kitchen",
      expected: [{ value: 80, unit: "ppm", quantity: "carbon_monoxide" }],
    },
    { text: "igniter reads forty five ohms", expected: [{ value: 45, unit: "Ω", quantity: "resistance" }] },
    { text: "thermistor ten k ohms", expected: [{ value: 10000, unit: "Ω" }] },
    { text: "compressor pulling twelve point five amps", expected: [{ value: 12.5, unit: "A", quantity: "current" }] },
    { text: "four sixty volts three phase", expected: [{ value: 460, unit: "V" }] },
    { text: "1,200 ppm co2 in the office", expected: [{ value: 1200, unit: "ppm", quantity: "carbon_dioxide" }] },
    { text: "co2 at 8.5 percent", expected: [] },
    { text: "r-410a unit, replaced the coil", expected: [] },
    { text: "co detector is 5 years old", expected: [] },
  ];
  it.each(cases)("$text", ({ text, expected }) => {
    const readings = parseReadings(text);
    expect(readings).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      expect(readings[i]).toMatchObject(want);
    });
  });

  it("tells a flue CO reading from the air people breathe", () => {
    expect(parseReadings("co in the flue 60 ppm air free")[0]).toMatchObject({ where: "flue" });
    expect(parseReadings("co 40 ppm in the living room")[0]).toMatchObject({ where: "ambient" });
  });
});

describe("units and plausibility", () => {
  it.each([
    ["uA", "µA"],
    ["volts", "V"],
    ["in wc", "in_wc"],
    ["mfd", "µF"],
    ["ohms", "Ω"],
    ["furlongs", null],
  ])("the unit %s reads as %s", (unit, canonical) => {
    expect(normalizeUnit(unit)).toBe(canonical);
  });
  it("a 45 µA flame signal is not plausible; 2 µA is", () => {
    expect(isPlausibleReading({ value: 45, unit: "µA" })).toBe(false);
    expect(isPlausibleReading({ value: 2, unit: "µA" })).toBe(true);
  });
});
