// One source, two places: the bundle the phone runs offline (/pwa/field-core.js, built by the server from the packs'
// pure modules) gives exactly the answers the server gives, on the seed's sizing and savings cases, the tiers, the
// flags, a whole survey recommendation and every phrasing of the hazard corpus. Run in headless Chromium.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Office } from "../server/office.ts";
import { getActor } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { HAZARD_CORPUS } from "../tools/repair/hazard-corpus.ts";
import { scanForHazards } from "../tools/repair/hazards.ts";
import { parseReadings } from "../tools/repair/readings.ts";
import { flagHome, flagSystem, type HomeConditions, type SurveyedSystem } from "../tools/survey/flags.ts";
import { ratesFor } from "../tools/survey/rates-data.ts";
import { recommend, type SurveyFacts } from "../tools/survey/recommendation.ts";
import { type BillMonth, climateZoneForState, type SavingsInput, savingsProfile } from "../tools/survey/savings.ts";
import { sizeHome } from "../tools/survey/sizing.ts";
import { categoryForEquipment, type EquipmentType, SYSTEM_CATEGORIES, tiersFor } from "../tools/survey/tiers.ts";
import { openWebOffice, type RunningServer, startServer, webTestApp } from "./fixtures-web/app.ts";
import { HAS_CHROMIUM, launchChromium, STEP_MS, warnIfNoChromium } from "./browser.ts";

warnIfNoChromium("server/browser parity");

const TODAY = "2026-06-15T12:00:00.000Z";
const FRONT_RANGE_GAS = "Front Range Gas Cooperative (demo)";

// Field Engineer §08 seed cases (tools/survey/sizing.test.ts): sq ft, year built, and the installed tonnage checks.
const SIZING_CASES = [
  { sqft: 2000, yearBuilt: 1975 },
  { sqft: 1840, yearBuilt: 2006 },
  { sqft: 2400, yearBuilt: 2015 },
  { sqft: 2000, yearBuilt: 1980 },
  { sqft: 2000, yearBuilt: 2011 },
  { sqft: 2000, yearBuilt: null },
  { sqft: 600, yearBuilt: 1995 },
  { sqft: 9000, yearBuilt: 2020 },
  { sqft: 2000, yearBuilt: 1975, installedTons: 3 },
  { sqft: 2000, yearBuilt: 1975, installedTons: 5.5 },
  { sqft: null, yearBuilt: 1990, installedTons: 3 },
  { sqft: 250, yearBuilt: 1990 },
  { sqft: 12_000, yearBuilt: 1990 },
  { sqft: 2000, yearBuilt: 19750 },
];

interface SavingsCase {
  name: string;
  state: string;
  gasUtility?: string;
  input: Omit<SavingsInput, "rates" | "today" | "climateZone">;
}

const heatingBtu = sizeHome({ sqft: 2000, yearBuilt: 1975 }).heatingBtu;
const winterBills: BillMonth[] = [
  { fuel: "electric", periodMonth: "2026-01", usage: 1180, unit: "kWh", cost: 154.2 },
  { fuel: "propane", periodMonth: "2026-01", usage: 92, unit: "gal", cost: 285.2 },
];
const yearOfGas: BillMonth[] = [120, 100, 80, 50, 30, 20, 20, 20, 25, 50, 90, 115].map((usage, index) => ({
  fuel: "natural_gas",
  periodMonth: `2025-${String(index + 1).padStart(2, "0")}`,
  usage,
  unit: "therm",
  cost: usage * 1.1,
}));
const propane = {
  current: { fuel: "propane" as const },
  proposed: { category: "heat_pump" as const, tier: "better" as const },
};
const gas = {
  current: { fuel: "natural_gas" as const, afue: 0.8 },
  proposed: { category: "furnace_boiler" as const, tier: "better" as const },
};

// tools/survey/savings.test.ts seed cases: propane → heat pump, gas furnace upgrade, solar, bills, unknown size.
const SAVINGS_CASES: SavingsCase[] = [
  { name: "propane furnace → Better heat pump", state: "CO", input: { heatingBtu, ...propane } },
  { name: "gas furnace → 96% AFUE", state: "CO", gasUtility: FRONT_RANGE_GAS, input: { heatingBtu, ...gas } },
  { name: "7.2 kW solar", state: "CO", input: { heatingBtu, ...propane, solar: { present: true, sizeKwDc: 7.2 } } },
  { name: "2 kW solar", state: "CO", input: { heatingBtu, ...propane, solar: { present: true, sizeKwDc: 2 } } },
  { name: "winter bills", state: "CO", input: { heatingBtu, ...propane, bills: winterBills } },
  {
    name: "a year of gas bills",
    state: "CO",
    gasUtility: FRONT_RANGE_GAS,
    input: { heatingBtu, ...gas, bills: yearOfGas },
  },
  { name: "home size unknown", state: "CO", gasUtility: FRONT_RANGE_GAS, input: { heatingBtu: null, ...gas } },
  { name: "Good tier baseline", state: "CO", input: { heatingBtu, ...propane, baseline: "good_tier" } },
  {
    name: "Minnesota oil → Best heat pump",
    state: "MN",
    input: { heatingBtu, current: { fuel: "oil" }, proposed: { category: "heat_pump", tier: "best" } },
  },
];

const SYSTEMS: SurveyedSystem[] = [
  { type: "furnace", fuel: "propane", ageYears: 17, condition: "fair" },
  { type: "furnace", fuel: "natural_gas", ageYears: 13, condition: "failed" },
  { type: "ac", fuel: "electric", ageYears: 5, condition: "good" },
  { type: "boiler", fuel: "oil", ageYears: null, condition: null },
];
const HOMES: HomeConditions[] = [
  {
    heatPumpRecommended: true,
    panel: "100A",
    hasOpenBreakerSpaces: false,
    ductwork: "poor",
    lineSet: "replace",
    concerns: ["humidity", "hot_cold_rooms"],
  },
  {
    heatPumpRecommended: false,
    panel: "200A",
    hasOpenBreakerSpaces: true,
    ductwork: "good",
    lineSet: "reuse",
    concerns: [],
  },
];
const EQUIPMENT: EquipmentType[] = ["furnace", "ac", "heat_pump", "boiler", "water_heater", "minisplit", "other"];

/** The seed's headline survey: a 2,000 sq ft 1975 home in Colorado with a 17-year-old propane furnace. */
const SURVEY: SurveyFacts = {
  property: { state: "CO", zip: "80301", sqft: 2000, yearBuilt: 1975 },
  systems: [
    { type: "furnace", fuel: "propane", ageYears: 17, condition: "fair", tonnage: null, refrigerant: null, afue: 0.8 },
  ],
  site: {
    access: "easy",
    equipmentLocation: "basement",
    ductwork: "fair",
    lineSet: "unknown",
    panel: "100A",
    hasOpenBreakerSpaces: false,
    special: ["finished_basement"],
  },
  needs: { concerns: ["hot_cold_rooms"] },
  goals: ["lower_bills"],
  primaryGoal: "lower_bills",
  goalContext: ["staying_long_term"],
  energy: { heatingFuel: "propane", solar: null, bills: { months: [] } },
  plan: { systems: null, addOns: null, baseline: "current", repairEstimate: null },
  utilities: null,
};

/** Every answer on the server side, from the very modules the tools import. */
function serverAnswers() {
  const today = new Date(TODAY);
  return {
    sizing: SIZING_CASES.map((c) => sizeHome(c)),
    tiers: SYSTEM_CATEGORIES.map((category) => tiersFor(category)),
    categories: EQUIPMENT.map((type) => categoryForEquipment(type)),
    systemFlags: SYSTEMS.map((s) => flagSystem(s)),
    homeFlags: HOMES.map((h) => flagHome(h)),
    savings: SAVINGS_CASES.map((c) =>
      savingsProfile({
        ...c.input,
        climateZone: climateZoneForState(c.state),
        rates: ratesFor({ state: c.state, ...(c.gasUtility ? { gasUtility: c.gasUtility } : {}) }),
        today,
      }),
    ),
    recommendation: recommend(SURVEY, today),
    hazards: HAZARD_CORPUS.map((p) => scanForHazards(p.text)),
    readings: HAZARD_CORPUS.map((p) => parseReadings(p.text)),
  };
}

/** The same, computed in the browser from /pwa/field-core.js (a string, so the runner leaves the import alone). */
function browserAnswers(page: Page): Promise<ReturnType<typeof serverAnswers>> {
  const inputs = { SIZING_CASES, SAVINGS_CASES, SYSTEMS, HOMES, EQUIPMENT, SURVEY, TODAY, CORPUS: HAZARD_CORPUS };
  return page.evaluate(`(async () => {
    const core = await import("/pwa/field-core.js");
    const { SIZING_CASES, SAVINGS_CASES, SYSTEMS, HOMES, EQUIPMENT, SURVEY, TODAY, CORPUS } = ${JSON.stringify(inputs)};
    const today = new Date(TODAY);
    const answers = {
      sizing: SIZING_CASES.map((c) => core.sizeHome(c)),
      tiers: ["cooling", "furnace_boiler", "heat_pump"].map((category) => core.tiersFor(category)),
      categories: EQUIPMENT.map((type) => core.categoryForEquipment(type)),
      systemFlags: SYSTEMS.map((s) => core.flagSystem(s)),
      homeFlags: HOMES.map((h) => core.flagHome(h)),
      savings: SAVINGS_CASES.map((c) =>
        core.savingsProfile({
          ...c.input,
          climateZone: core.climateZoneForState(c.state),
          rates: core.ratesFor({ state: c.state, ...(c.gasUtility ? { gasUtility: c.gasUtility } : {}) }),
          today,
        }),
      ),
      recommendation: core.recommend(SURVEY, today),
      hazards: CORPUS.map((p) => core.scanForHazards(p.text)),
      readings: CORPUS.map((p) => core.parseReadings(p.text)),
    };
    return JSON.parse(JSON.stringify(answers));
  })()`) as Promise<ReturnType<typeof serverAnswers>>;
}

let dir: string;
let office: Office;
let server: RunningServer;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "office-parity-"));
  office = await openWebOffice(dir);
  server = await startServer(webTestApp(office));
  if (HAS_CHROMIUM) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  office?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the phone and the server give the same answers", () => {
  const name =
    "sizing, tiers, flags, savings, a survey recommendation and the hazard screen are identical in Chromium and on the server";
  const run = async () => {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/login`);
      const onPhone = await browserAnswers(page);
      const onServer = JSON.parse(JSON.stringify(serverAnswers())) as ReturnType<typeof serverAnswers>;
      // Identical, answer for answer.
      for (const key of Object.keys(onServer) as (keyof typeof onServer)[]) {
        expect(onPhone[key], key).toEqual(onServer[key]);
      }
      // And they are the seed's numbers, not two copies of the same mistake.
      expect(onPhone.sizing[0]).toEqual({
        coolingTons: 4.5,
        heatingBtu: { low: 70_000, high: 90_000 },
        verifySizing: false,
        reasons: [],
      });
      expect(onPhone.sizing[8]?.reasons).toEqual(["Installed 3 tons and the 4.5-ton estimate differ by 1.5 tons."]);
      expect(onPhone.savings[0]?.range).toEqual({ low: 918, high: 1704 });
      expect(onPhone.savings[1]?.range).toEqual({ low: 80, high: 149 });
      expect(onPhone.savings[2]?.range).toEqual({ low: 1580, high: 2934 });
      expect(onPhone.savings[4]?.range).toEqual({ low: 1325, high: 1792 });
      expect(onPhone.savings[5]?.range).toEqual({ low: 82, high: 94 });
      expect(onPhone.recommendation.sizing.coolingTons).toBe(4.5);
      expect(onPhone.homeFlags[0]?.length).toBeGreaterThan(0);
      const gasPhrases = HAZARD_CORPUS.flatMap((p, i) => (p.stops.includes("gas_leak") ? [i] : []));
      expect(gasPhrases.length).toBeGreaterThan(5);
      for (const i of gasPhrases) {
        expect(
          onPhone.hazards[i]?.stops.map((s) => s.stopId),
          HAZARD_CORPUS[i]?.text,
        ).toContain("gas_leak");
      }

      // The server's own tool answers the same as the phone for the seed case.
      const tech = await withTenant("demo", () => getActor(office.store.db, "demo", "sales-1"));
      if (!tech) throw new Error("no sales-1");
      const tool = await office.kernel.execute(
        "survey.size_home",
        { sqft: 2000, yearBuilt: 1975 },
        humanCall(office.kernel, tech, "web"),
      );
      expect(tool).toEqual({ status: "ok", data: onPhone.sizing[0] });
    } finally {
      await page.close();
    }
  };
  if (HAS_CHROMIUM) it(name, { timeout: STEP_MS * 4 }, run);
  else it.skip(`${name} — SKIPPED: chromium missing`, run);

  it("the bundle holds only the packs' pure modules and is built in memory by the server", async () => {
    const response = await webTestApp(office).request("/pwa/field-core.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    const code = await response.text();
    expect(code).toMatch(/^\/\/ Built by the server from tools\/survey and tools\/repair/);
    for (const exported of ["sizeHome", "savingsProfile", "scanForHazards", "recommend", "tiersFor", "flagSystem"]) {
      expect(code).toMatch(new RegExp(`\\b${exported}\\b`));
    }
    // Nothing of the server side came along: no node: built-ins, no zod, no store, no kernel.
    expect(code).not.toMatch(/from\s*["']node:|require\(|drizzle|better-sqlite3|defineTool|\bzod\b/);
  });
});
