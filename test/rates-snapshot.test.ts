// Reading a rates file (Field Engineer §06 `rates`): every problem points at its line, a clean file becomes a snapshot
// whose every rate carries its vintage, and lookups fall back from utility to state to the national row.
import { describe, expect, it } from "vitest";
import { BUNDLED_RATES_SNAPSHOT, ratesFor } from "../tools/survey/rates-data.ts";
import { parseRatesCsv, parseRatesJson, snapshotId } from "../tools/survey/rates-snapshot.ts";

const TODAY = new Date("2026-11-23T16:00:00Z");
const HEADER = "state,fuel,price,trend_pct_per_year,source,as_of,area,utility";
const NATIONAL = [
  "US,electric,0.18,4,EIA,2026-09,,",
  "US,gas,1.6,5,EIA,2026-09,,",
  "US,propane,2.9,3,EIA,2026-03,,",
  "US,oil,3.8,2,EIA,2026-03,,",
];

describe("parseRatesCsv", () => {
  it("reads a clean file: levels and areas filled in, quoted sources kept whole", () => {
    const parsed = parseRatesCsv(
      [
        HEADER,
        ...NATIONAL,
        'UT,electric,0.13,4,"EIA, Electric Power Monthly",2026-09,,',
        "UT,gas,1.1,5,EIA,2026-09,,",
        "UT,propane,2.8,3,EIA,2026-03,Rocky Mountain,",
        "UT,oil,3.9,2,EIA,2026-03,Rocky Mountain,",
        "UT,electric,0.119,5,Utility tariff,2026,,Demo Valley Power & Light",
      ].join("\n"),
      TODAY,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const rows = parsed.snapshot.rows;
    expect(rows.find((r) => r.state === "UT" && r.fuel === "electric" && !r.utility)).toMatchObject({
      level: "state",
      area: "Utah",
      source: "EIA, Electric Power Monthly",
    });
    expect(rows.find((r) => r.state === "UT" && r.fuel === "propane")).toMatchObject({
      level: "region",
      area: "Rocky Mountain",
    });
    expect(rows.find((r) => r.utility)).toMatchObject({ level: "utility", area: "Demo Valley Power & Light" });
    expect(rows.find((r) => r.state === "US")).toMatchObject({ level: "national", area: "United States" });
  });

  it("names the line of each problem, counting blank lines, and changes nothing", () => {
    const parsed = parseRatesCsv(
      [HEADER, ...NATIONAL, "", "CO,electric,15.2,4,EIA,2026-09,,", "CO,electric,0.15,4,EIA,2026-09,,"].join("\n"),
      TODAY,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([
      expect.objectContaining({ line: 7, path: "price", message: expect.stringMatching(/dollars, not cents/) }),
    ]);
  });

  it("refuses a state given twice, a state missing fuels, a future vintage and a missing national row", () => {
    const duplicate = parseRatesCsv(
      [
        HEADER,
        ...NATIONAL,
        "CO,electric,0.15,4,EIA,2026-09,,",
        "CO,electric,0.16,4,EIA,2027-02,,",
        "CO,gas,1.1,5,EIA,2026-09,,",
      ].join("\n"),
      TODAY,
    );
    expect(duplicate.ok).toBe(false);
    if (duplicate.ok) return;
    expect(duplicate.issues.map((i) => [i.line, i.message])).toEqual([
      [6, "CO has no propane, oil rate; give all four fuels for a state, or none."],
      [7, "CO electric is given twice (also row 5)."],
      [7, "The vintage 2027-02 is in the future."],
    ]);

    const noNational = parseRatesCsv([HEADER, ...NATIONAL.slice(0, 3)].join("\n"), TODAY);
    expect(noNational.ok).toBe(false);
    if (noNational.ok) return;
    expect(noNational.issues).toEqual([expect.objectContaining({ line: null, message: expect.stringMatching(/oil/) })]);
  });

  it("refuses an unknown column and a line with the wrong number of values", () => {
    const unknown = parseRatesCsv(`${HEADER},colour\n`, TODAY);
    expect(!unknown.ok && unknown.issues[0]).toMatchObject({ line: 1, message: expect.stringMatching(/colour/) });
    const short = parseRatesCsv([HEADER, ...NATIONAL, "CO,gas,1.1"].join("\n"), TODAY);
    expect(!short.ok && short.issues[0]).toMatchObject({ line: 6, message: expect.stringMatching(/3 values/) });
  });
});

describe("parseRatesJson", () => {
  it("names the line each bad rate starts on, in a pretty-printed file", () => {
    const text = `{
  "snapshotId": "rates-x",
  "vintage": { "sources": ["EIA"] },
  "rows": [
    { "state": "US", "fuel": "electric", "price": 0.18, "trendPctPerYear": 4, "source": "EIA", "asOf": "2026-09" },
    { "state": "US", "fuel": "gas", "price": 1.6, "trendPctPerYear": 5, "source": "EIA", "asOf": "2026-09" },
    {
      "state": "US",
      "fuel": "propane",
      "price": "2.90",
      "trendPctPerYear": 3,
      "source": "EIA",
      "asOf": "2026-03"
    },
    { "state": "US", "fuel": "oil", "price": 3.8, "trendPctPerYear": 2, "source": "EIA", "asOf": "March" }
  ]
}`;
    const parsed = parseRatesJson(text, TODAY);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => [i.line, i.path])).toEqual([
      [7, "price"],
      [15, "asOf"],
    ]);
  });

  it("round-trips the bundled snapshot unchanged", () => {
    const parsed = parseRatesJson(JSON.stringify(BUNDLED_RATES_SNAPSHOT, null, 2), TODAY);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(snapshotId(parsed.snapshot)).toBe(snapshotId(BUNDLED_RATES_SNAPSHOT));
  });
});

describe("ratesFor over an installed snapshot", () => {
  const parsed = parseRatesCsv(
    [
      HEADER,
      ...NATIONAL,
      "CO,electric,0.16,4,EIA EPM,2026-09,,",
      "CO,gas,1.4,7.5,EIA NGM,2026-09,,",
      "CO,propane,3.05,3,EIA HOPU,2026-03,Rocky Mountain,",
      "CO,oil,3.9,2,EIA HOPU,2026-03,Rocky Mountain,",
    ].join("\n"),
    TODAY,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const snapshot = parsed.snapshot;

  it("prices a state it has with that state's dated rows", () => {
    expect(ratesFor({ state: "co" }, snapshot).gas).toMatchObject({
      pricePerTherm: 1.4,
      level: "state",
      source: "EIA NGM",
      asOf: "2026-09",
      trendPctPerYear: 7.5,
    });
  });

  it("falls back to the national row for a state it lacks, and to the state row for a utility it lacks", () => {
    expect(ratesFor({ state: "UT" }, snapshot).electric).toMatchObject({ pricePerKwh: 0.18, level: "national" });
    expect(ratesFor({ state: "CO", electricUtility: "Demo Valley Power & Light" }, snapshot).electric).toMatchObject({
      pricePerKwh: 0.16,
      level: "state",
    });
  });
});
