// Parser tables for the field packs' offline intents: which intent each voice-to-text utterance reaches (fillers,
// numbers as words, no punctuation), and the pure readers for home facts, financing, prices, equipment and utilities.
import { describe, expect, it } from "vitest";
import { matchIntent } from "../agent/models/offline/intent.ts";
import { equipmentFrom } from "../agent/models/offline/intents-repair.ts";
import { offlineIntents } from "../agent/models/offline/intents.ts";
import {
  parseFinancing,
  parseHomeFacts,
  pickUtility,
  priceQuery,
  surveyPatch,
} from "../agent/models/offline/intents-survey.ts";
import { normalize } from "../agent/models/offline/normalize.ts";

const ROUTES: ReadonlyArray<[string, string]> = [
  // survey and pricing — a salesperson
  [
    "1,840 square feet built 2006 propane furnace 17 years old 100 amp panel customer wants lower bills",
    "survey.home_facts",
  ],
  ["ok so eighteen forty square feet built two thousand six propane furnace seventeen years old", "survey.home_facts"],
  ["how big a system for two thousand square feet built nineteen seventy five", "survey.home_facts"],
  ["uh what size unit for twenty two hundred square feet", "survey.home_facts"],
  ["house is built 1968 gas furnace 22 years old ac is 18 years old they want comfort", "survey.home_facts"],
  ["new survey for rivera", "survey.start_survey"],
  ["ok so um start a survey for the rivera house", "survey.start_survey"],
  ["what would they save with a heat pump", "survey.savings_profile"],
  ["whats the payback on the best tier", "survey.savings_profile"],
  ["which utility is it", "survey.suggest_utility"],
  ["uh who is the power company out here", "survey.suggest_utility"],
  ["confirm demo valley power and front range gas", "survey.confirm_utility"],
  ["yeah confirm the suggested ones", "survey.confirm_utility"],
  ["make the proposal better tier", "survey.create_proposal"],
  ["ok put together a best quote", "survey.create_proposal"],
  ["show the proposal", "survey.get_proposal"],
  ["uh pull up the quote", "survey.get_proposal"],
  ["finance ten thousand at six percent ten years", "pricing.financing_estimate"],
  ["what would fifteen grand be a month at seven point nine percent for twelve years", "pricing.financing_estimate"],
  ["what's a 96 percent furnace cost", "pricing.list_items"],
  ["how much is a seventeen seer heat pump", "pricing.list_items"],
  ["what do you recommend", "survey.recommend"],
  ["so what are the good better best options", "survey.recommend"],
  ["show me the survey", "survey.get_survey"],
  // repair — a technician
  ["ok so the furnace is short cycling uh flame sensor looks dirty reading point two micro amps", "repair.call_talk"],
  ["got a no heat call gas furnace eighty percent", "repair.call_talk"],
  ["twenty four volts at r and w", "repair.call_talk"],
  ["yeah burners light", "repair.call_talk"],
  ["igniter reads sixty two ohms", "repair.call_talk"],
  ["nope inducer doesn't run", "repair.call_talk"],
  ["next step", "repair.next_step"],
  ["uh what do i check now", "repair.next_step"],
  ["ok whats next", "repair.next_step"],
  ["what's wrong with it", "repair.diagnose"],
  ["so what's the diagnosis", "repair.diagnose"],
  ["smells like gas in here", "repair.hazard"],
  ["the co detector's going off", "repair.hazard"],
  ["water on the floor around the unit and it's still powered", "repair.hazard"],
  ["i'm escalating", "repair.escalate"],
  ["escalate it gas smell at the meter", "repair.escalate"],
  ["close it out", "repair.close_job"],
  ["ok close it out heat's back ran three cycles", "repair.close_job"],
  ["acknowledge the cracked heat exchanger stop", "repair.acknowledge_stop"],
  ["what are my gates", "repair.get_tech_profile"],
  ["um what am i certified for", "repair.get_tech_profile"],
  ["repair or replace it's nineteen years old repair is four hundred", "repair.repair_vs_replace"],
  // inventory
  ["do i have a 45/5 capacitor on my truck", "inventory.search_parts"],
  ["uh do we have a forty five five cap", "inventory.search_parts"],
  ["got any flame sensors on the truck", "inventory.search_parts"],
  ["reserve one for this job", "inventory.reserve_part"],
  ["set aside two igniters for this call", "inventory.reserve_part"],
  ["how many flame sensors in the warehouse", "inventory.stock_levels"],
  ["how many forty five five caps on my truck", "inventory.stock_levels"],
  // the crm pack keeps its own words
  ["add a note to rivera: furnace is short cycling", "crm.add_note"],
  ["remind me to call back rivera about the heat pump quote tomorrow at 10", "crm.create_task"],
  ["show me the dashboard", "crm.dashboard"],
];

describe("which intent an utterance reaches", () => {
  it.each(ROUTES)("%s → %s", (said, intent) => {
    expect(matchIntent(offlineIntents, normalize(said))?.intent.name).toBe(intent);
  });

  it("covers the brief's utterances and at least 20 more variants", () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(45);
  });
});

describe("home facts from a salesperson's words", () => {
  it("reads the brief's walkthrough", () => {
    const facts = parseHomeFacts(
      "1,840 square feet, built 2006, propane furnace 17 years old, 100 amp panel, customer wants lower bills",
    );
    expect(facts).toMatchObject({
      sqft: 1840,
      yearBuilt: 2006,
      systems: [{ type: "furnace", fuel: "propane", ageYears: 17 }],
      panel: "100A",
      goals: ["lower_bills"],
    });
  });

  it.each([
    ["two thousand square feet built nineteen seventy five", { sqft: 2000, yearBuilt: 1975 }],
    ["eighteen forty square feet built twenty oh six", { sqft: 1840, yearBuilt: 2006 }],
    ["twenty two hundred sq ft 1992 build", { sqft: 2200, yearBuilt: 1992 }],
    ["what size ac for a 1500 sq ft house from 1992", { sqft: 1500, yearBuilt: 1992 }],
    ["a hundred amp panel", { panel: "100A" }],
    ["two hundred amp service", { panel: "200A" }],
    ["they want it quiet and the upstairs is hot", { concerns: ["hot_cold_rooms", "noise"] }],
    ["ducts look poor", { ductwork: "poor" }],
  ] as const)("%s", (said, expected) => {
    expect(parseHomeFacts(said)).toMatchObject(expected);
  });

  it("reads several systems with their own ages, tonnage and refrigerant", () => {
    const facts = parseHomeFacts("gas furnace 22 years old and a 3 ton r22 ac 18 years old");
    expect(facts.systems).toEqual([
      { type: "furnace", fuel: "natural_gas", ageYears: 22, tonnage: null, refrigerant: null, condition: null },
      { type: "ac", fuel: "electric", ageYears: 18, tonnage: 3, refrigerant: "R-22", condition: null },
    ]);
  });

  it("merges systems and goals into what the survey already holds (lists are replaced on save)", () => {
    const patch = surveyPatch(parseHomeFacts("propane furnace 17 years old wants comfort"), {
      systems: [{ type: "ac", fuel: "electric", ageYears: 12 }],
      goals: ["lower_bills"],
    });
    expect(patch).toMatchObject({
      systems: [{ type: "ac" }, { type: "furnace", fuel: "propane", ageYears: 17 }],
      goals: ["lower_bills", "comfort"],
      primaryGoal: "comfort",
      energy: { heatingFuel: "propane" },
    });
  });
});

describe("the other pure readers", () => {
  it.each([
    ["finance ten thousand at six percent ten years", { amount: 10000, options: [{ apr: 6, termYears: 10 }] }],
    [
      "fifteen grand at seven point nine percent for twelve years",
      { amount: 15000, options: [{ apr: 7.9, termYears: 12 }] },
    ],
    [
      "$12,500 at 0% for 60 months or 8 percent 10 years",
      {
        amount: 12500,
        options: [
          { apr: 0, termYears: 5 },
          { apr: 8, termYears: 10 },
        ],
      },
    ],
  ] as const)("financing: %s", (said, expected) => {
    expect(parseFinancing(said)).toEqual(expected);
  });

  it.each([
    ["what's a 96 percent furnace cost", { category: "equipment_furnace", query: "96" }],
    ["how much is a seventeen seer heat pump", { category: "equipment_heat_pump", query: "17" }],
    ["price on a modulating furnace", { category: "equipment_furnace", query: "modulating" }],
    ["what does a panel upgrade run", { category: "electrical", query: null }],
  ] as const)("price question: %s", (said, expected) => {
    expect(priceQuery(said)).toEqual(expected);
  });

  it.each([
    ["no heat gas furnace eighty percent", "Gas furnace, 80%"],
    ["propane furnace short cycling", "Propane furnace"],
    ["heat pump not heating", "Heat pump"],
    ["no hot water", "Water heater"],
    ["house is hot ac blowing warm", "AC"],
  ] as const)("equipment: %s → %s", (said, expected) => {
    expect(equipmentFrom(normalize(said).text)).toBe(expected);
  });

  const ELECTRIC = ["Demo Valley Power & Light", "Foothills Rural Electric (demo)", "Other…"];
  const GAS = ["Front Range Gas Cooperative (demo)", "Prairie Sky Gas Company (demo)", "Other…"];
  it.each([
    [
      "confirm demo valley power and front range gas",
      "Demo Valley Power & Light",
      "Front Range Gas Cooperative (demo)",
    ],
    ["its foothills rural and prairie sky", "Foothills Rural Electric (demo)", "Prairie Sky Gas Company (demo)"],
    ["confirm power and gas", null, null],
  ] as const)("utility pick: %s", (said, electric, gas) => {
    expect(pickUtility(said, ELECTRIC)).toBe(electric);
    expect(pickUtility(said, GAS)).toBe(gas);
  });
});
