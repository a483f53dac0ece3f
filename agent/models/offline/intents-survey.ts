// The survey and pricing packs' offline intents: a salesperson walking a home by voice — start the survey, the home's
// facts, sizing, tiers, savings, utilities, the proposal, financing and price questions. Answers come only from tool
// results; the kernel strips cost for a salesperson and nothing here asks for it.
import { cleanName, resolveCustomer } from "./find-customer.ts";
import {
  callsNewestFirst,
  type IntentContext,
  type IntentStep,
  notOffered,
  type OfflineIntent,
  resultsOf,
  type ToolOutcome,
} from "./intent.ts";
import { normalize } from "./normalize.ts";
import { isCrmWrite } from "./intents-repair.ts";
import { outcomeSentence, proposalSentence } from "./say.ts";
import { arr, rec, str } from "./say-field.ts";
import {
  sayFinancing,
  sayItems,
  sayProposal,
  sayRecommendation,
  saySavings,
  saySizing,
  sayUtilities,
} from "./say-survey.ts";

// --- what a salesperson says about a home ---------------------------------------------------------------------------

type SystemType = "furnace" | "ac" | "heat_pump" | "boiler" | "water_heater" | "minisplit";
type Fuel = "natural_gas" | "propane" | "electric" | "oil";
type Goal =
  | "lowest_upfront_cost"
  | "best_value"
  | "lower_bills"
  | "comfort"
  | "reliability"
  | "environment"
  | "direct_replacement"
  | "best_available";

export interface SpokenSystem {
  type: SystemType;
  fuel: Fuel | null;
  ageYears: number | null;
  tonnage: number | null;
  refrigerant: string | null;
  condition: "good" | "fair" | "poor" | "failed" | null;
}

export interface HomeFacts {
  sqft: number | null;
  yearBuilt: number | null;
  systems: SpokenSystem[];
  panel: "100A" | "125A" | "150A" | "200A" | "200A+" | null;
  goals: Goal[];
  concerns: Array<"humidity" | "dust" | "hot_cold_rooms" | "noise">;
  ductwork: "good" | "fair" | "poor" | null;
}

/** The words with thousands separators joined first ("1,840" → 1840), then the usual voice normalization. */
export function homeText(raw: string): string {
  const text = raw
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/%/g, " percent")
    .replace(/\ba hundred\b/gi, "one hundred");
  return normalize(text).text.replace(/\b(\d{1,2}) hundred\b/g, (_, n: string) => String(Number(n) * 100));
}

const SYSTEM_WORDS =
  /\b(?:(\d(?:\.5)?) ?ton )?(?:(propane|lp|natural gas|gas|oil|electric) )?(furnace|boiler|heat pump|mini ?split|ductless|central air|air conditioner|a c|ac|condenser|water heater)\b/g;
const SYSTEM_TYPE: Readonly<Record<string, SystemType>> = {
  furnace: "furnace",
  boiler: "boiler",
  "heat pump": "heat_pump",
  "mini split": "minisplit",
  minisplit: "minisplit",
  ductless: "minisplit",
  "central air": "ac",
  "air conditioner": "ac",
  "a c": "ac",
  ac: "ac",
  condenser: "ac",
  "water heater": "water_heater",
};
const FUEL: Readonly<Record<string, Fuel>> = {
  propane: "propane",
  lp: "propane",
  "natural gas": "natural_gas",
  gas: "natural_gas",
  oil: "oil",
  electric: "electric",
};
const GOALS: ReadonlyArray<[RegExp, Goal]> = [
  [
    /\b(?:lower|lowest|cut|reduce|save on|smaller|cheaper) (?:their |the |her |his |energy |utility |heating |monthly )*bills?\b|\blower bills\b|\bsave (?:money|on energy)\b|\bcheaper to run\b|\befficien\w*\b/,
    "lower_bills",
  ],
  [/\bcomfort\w*\b|\beven temp\w*\b|\bhot and cold\b/, "comfort"],
  [/\breliab\w*\b|\bdependab\w*\b|\bpeace of mind\b|\bnever breaks?\b/, "reliability"],
  [
    /\b(?:cheapest|lowest (?:upfront|up front|price|cost)|tight budget|on a budget|least expensive|low upfront)\b/,
    "lowest_upfront_cost",
  ],
  [/\bbest value\b|\bbang for (?:the|their) buck\b/, "best_value"],
  [/\b(?:green|environment\w*|carbon|electrif\w*|go electric|get off gas)\b/, "environment"],
  [/\b(?:like for like|same thing|direct replacement|just replace)\b/, "direct_replacement"],
  [/\b(?:top of the line|best (?:there is|available|money can buy))\b/, "best_available"],
];
const CONCERNS: ReadonlyArray<[RegExp, HomeFacts["concerns"][number]]> = [
  [/\bhumid\w*\b|\bmuggy\b|\bdamp\b/, "humidity"],
  [/\bdust\w*\b|\ballerg\w*\b/, "dust"],
  [
    /\bhot (?:and|or) cold rooms?\b|\b(?:upstairs|bedroom|rooms?) (?:is |are |gets? )?(?:too )?(?:hot|cold)\b/,
    "hot_cold_rooms",
  ],
  [/\bnois\w*\b|\bloud\b|\bquiet\w*\b/, "noise"],
];

/** Reads the home facts out of a salesperson's words; pure, so it is table-tested. */
export function parseHomeFacts(raw: string): HomeFacts {
  const text = homeText(raw);
  const sqft = text.match(/\b(\d{3,5}) ?(?:square feet|square foot|sq ft|sqft|sf|square|feet)\b/);
  const built =
    text.match(/\bbuilt (?:in |around |about )?(?:the year )?(\d{4})\b/) ??
    text.match(/\b(\d{4}) (?:build|built|construction|home|house)\b/) ??
    text.match(/\byear built (?:is )?(\d{4})\b/) ??
    text.match(/\b(?:house|home|place) (?:from|in|circa|of) ((?:18|19|20)\d{2})\b/);
  const systems: SpokenSystem[] = [];
  const mentions = [...text.matchAll(SYSTEM_WORDS)];
  for (const [i, m] of mentions.entries()) {
    const type = SYSTEM_TYPE[(m[3] ?? "").replace(/\s+/g, " ")];
    if (!type) continue;
    const at = (m.index ?? 0) + m[0].length;
    // A system's own words run until the next system is named.
    const after = text.slice(at, Math.min(at + 60, mentions[i + 1]?.index ?? text.length));
    const before = text.slice(Math.max(0, (m.index ?? 0) - 25), m.index ?? 0);
    const age =
      after.match(/^\s*(?:is |that is |about |around )?(\d{1,2}) ?(?:years?|yrs?)(?: old)?\b/) ??
      before.match(/\b(\d{1,2}) ?(?:years?|yrs?) old $/);
    const tonnage =
      m[1] ??
      before.match(/\b(\d(?:\.5)?) ?tons? (?:r ?\d+[ab]? )?$/)?.[1] ??
      after.match(/^\s*(?:\d{1,2} (?:years?|yrs?) old )?(\d(?:\.5)?) ?tons?\b/)?.[1];
    const refrigerant =
      before.match(/\br ?(22|410a?|454b?|32) $/) ?? after.match(/^\s*(?:on |with |uses )?r ?(22|410a?|454b?|32)\b/);
    const condition = after.match(
      /^[^,]{0,30}?\b(failed|dead|not working|broken|poor|rough|fair|good shape|works fine)\b/,
    );
    const fuel = m[2]
      ? (FUEL[m[2]] ?? null)
      : type === "ac" || type === "heat_pump" || type === "minisplit"
        ? "electric"
        : null;
    systems.push({
      type,
      fuel,
      ageYears: age?.[1] ? Number(age[1]) : null,
      tonnage: tonnage ? Number(tonnage) : null,
      refrigerant: refrigerant?.[1] ? `R-${refrigerant[1].toUpperCase()}` : null,
      condition: condition?.[1]
        ? /failed|dead|not working|broken/.test(condition[1])
          ? "failed"
          : /poor|rough/.test(condition[1])
            ? "poor"
            : condition[1] === "fair"
              ? "fair"
              : "good"
        : null,
    });
  }
  const amps = text.match(
    /\b(\d{3}) ?(?:amps?|a)(?: electrical)? (?:panel|service|main)\b|\b(?:panel|service) (?:is )?(\d{3}) ?(?:amps?|a)\b/,
  );
  const ampValue = Number(amps?.[1] ?? amps?.[2] ?? 0);
  const panel =
    ampValue === 0
      ? null
      : ampValue > 200
        ? "200A+"
        : ampValue >= 200
          ? "200A"
          : ampValue >= 150
            ? "150A"
            : ampValue >= 125
              ? "125A"
              : "100A";
  const goalHits = GOALS.flatMap(([pattern, goal]) => {
    const at = text.search(pattern);
    return at >= 0 ? [{ goal, at }] : [];
  }).sort((a, b) => a.at - b.at);
  const ducts = text.match(
    /\bduct(?:s|work)? (?:are |is |look |looks |in )?(good|fair|poor|bad|leaky|rough|ok|okay)\b/,
  );
  return {
    sqft: sqft?.[1] ? Number(sqft[1]) : null,
    yearBuilt: built?.[1] ? Number(built[1]) : null,
    systems,
    panel,
    goals: goalHits.map((g) => g.goal),
    concerns: CONCERNS.filter(([pattern]) => pattern.test(text)).map(([, c]) => c),
    ductwork: ducts?.[1] ? (/good|ok|okay/.test(ducts[1]) ? "good" : ducts[1] === "fair" ? "fair" : "poor") : null,
  };
}

function hasSurveyFacts(f: HomeFacts): boolean {
  return f.systems.length > 0 || f.panel !== null || f.goals.length > 0 || f.concerns.length > 0 || f.ductwork !== null;
}

const HEATING_FUEL: Readonly<Record<string, string>> = {
  natural_gas: "natural_gas",
  propane: "propane",
  oil: "oil",
};

/** The update_survey patch for the facts, merged with what the survey already holds (lists are replaced on save). */
export function surveyPatch(facts: HomeFacts, current: unknown): Record<string, unknown> {
  const data = rec(current);
  const patch: Record<string, unknown> = {};
  const property: Record<string, unknown> = {};
  if (facts.sqft !== null) property.sqft = facts.sqft;
  if (facts.yearBuilt !== null) property.yearBuilt = facts.yearBuilt;
  if (Object.keys(property).length > 0) patch.property = property;
  if (facts.systems.length > 0) {
    const said = new Set(facts.systems.map((s) => s.type));
    const kept = arr(data.systems).filter((s) => !said.has(str(rec(s).type) as SystemType));
    patch.systems = [
      ...kept,
      ...facts.systems.map((s) =>
        Object.fromEntries(Object.entries(s).filter(([key, value]) => key === "type" || value !== null)),
      ),
    ];
    const heater = facts.systems.find((s) => s.type === "furnace" || s.type === "boiler");
    const heatingFuel = heater?.fuel
      ? (HEATING_FUEL[heater.fuel] ?? (heater.fuel === "electric" ? "electric_resistance" : null))
      : facts.systems.some((s) => s.type === "heat_pump")
        ? "heat_pump"
        : null;
    if (heatingFuel) patch.energy = { heatingFuel };
  }
  const site: Record<string, unknown> = {};
  if (facts.panel) site.panel = facts.panel;
  if (facts.ductwork) site.ductwork = facts.ductwork;
  if (Object.keys(site).length > 0) patch.site = site;
  if (facts.goals.length > 0) {
    const had = arr(data.goals).filter((g): g is string => typeof g === "string");
    patch.goals = [...new Set([...had, ...facts.goals])];
    patch.primaryGoal = facts.goals[0];
  }
  if (facts.concerns.length > 0) {
    const had = arr(rec(data.needs).concerns).filter((c): c is string => typeof c === "string");
    patch.needs = { concerns: [...new Set([...had, ...facts.concerns])] };
  }
  return patch;
}

// --- what this conversation is on -----------------------------------------------------------------------------------

type InHand = { kind: "id"; id: string } | { kind: "pending"; proposalId: string } | { kind: "none" };

/** The survey this conversation is on: the newest survey a call named or a start_survey opened. */
export function surveyInHand(ctx: IntentContext): InHand {
  for (const call of callsNewestFirst(ctx)) {
    const proposal = call.result.proposal;
    if (proposal?.tool === "survey.start_survey") {
      if (proposal.status === "pending") return { kind: "pending", proposalId: proposal.id };
      const id = str(rec(proposal.result).id);
      if (proposal.status === "applied" && id) return { kind: "id", id };
    }
    const id = str(call.input.surveyId);
    if (id) return { kind: "id", id };
  }
  return { kind: "none" };
}

/** The sales proposal this conversation is on: one it showed, or the one its create_proposal made. */
function salesProposalInHand(ctx: IntentContext): InHand {
  for (const call of callsNewestFirst(ctx)) {
    const proposal = call.result.proposal;
    if (proposal?.tool === "survey.create_proposal") {
      if (proposal.status === "pending") return { kind: "pending", proposalId: proposal.id };
      const id = str(rec(proposal.result).proposalId);
      if (proposal.status === "applied" && id) return { kind: "id", id };
    }
    const id = str(call.input.proposalId);
    if (id && call.tool.startsWith("survey.")) return { kind: "id", id };
  }
  return { kind: "none" };
}

function customerInHand(ctx: IntentContext): string | null {
  for (const call of callsNewestFirst(ctx)) {
    const id = str(call.input.customerId);
    if (id) return id;
  }
  return null;
}

function noSurvey(found: InHand, what: string): IntentStep {
  if (found.kind === "pending") {
    return { say: `The survey isn't open yet: ${found.proposalId} is waiting. Say "yes approve that", then ${what}.` };
  }
  return {
    say: `No survey is open in this conversation. Say "new survey for <customer>" to start one, then ${what}.`,
  };
}

function once(ctx: IntentContext, tool: string): ToolOutcome | undefined {
  return resultsOf(ctx, tool)[0];
}

function isQuestion(text: string): boolean {
  return /^(?:how|what|which|whats|is|are|can|could|would|should|do|does)\b/.test(text);
}

// --- intents --------------------------------------------------------------------------------------------------------

const START =
  /\b(?:new|start(?: a| the)?(?: new)?|open(?: a)?(?: new)?|begin(?: a)?|do(?: a)?) (?:home |site |sales )?(?:survey|walk ?through)\b(?: (?:for|at|with|on) (?:the )?(.+?))?(?= \d| (?:built|square|sq)\b|$)/;

const startSurvey: OfflineIntent = {
  name: "survey.start_survey",
  help: `start a survey for a customer — "new survey for rivera"`,
  match(u) {
    const m = u.text.match(START);
    if (!m || isCrmWrite(u)) return null;
    const named = m[1]
      ? cleanName(
          m[1]
            .replace(/\b(?:house|home|place|residence|property)\b/g, "")
            .trim()
            .split(" "),
        )
      : "";
    const facts = parseHomeFacts(u.raw);
    return (ctx) => {
      const tool = "survey.start_survey";
      if (!ctx.offers(tool)) return notOffered(ctx, "start surveys");
      let customerId = customerInHand(ctx);
      if (named) {
        const found = resolveCustomer(ctx, [{ query: named, value: null }]);
        if ("step" in found) return found.step;
        customerId = found.customer.id;
      }
      if (!customerId) return { say: `Which customer? Say "new survey for <name>".` };
      const got = once(ctx, "crm.get_customer");
      if (!got) return { calls: [{ tool: "crm.get_customer", input: { customerId } }] };
      if (got.result.status !== "ok") return { say: outcomeSentence(got.result) };
      const customer = rec(got.result.data);
      const property = rec(arr(customer.properties)[0]);
      const propertyId = str(property.id);
      if (!propertyId) {
        return {
          say: `${str(rec(customer.customer).name) ?? str(customer.name) ?? "That customer"} has no property on record, so I can't start the survey offline. Add the property in the office first.`,
        };
      }
      const done = once(ctx, tool);
      if (!done) {
        const spokenBasics = facts.sqft !== null || facts.yearBuilt !== null;
        const input = spokenBasics
          ? {
              customerId,
              property: {
                street: str(property.street) ?? "",
                city: str(property.city) ?? "",
                state: str(property.state) ?? "",
                zip: str(property.zip) ?? "",
                sqft: facts.sqft ?? property.sqft ?? null,
                yearBuilt: facts.yearBuilt ?? property.yearBuilt ?? null,
              },
            }
          : { customerId, propertyId };
        return { calls: [{ tool, input }] };
      }
      const later = hasSurveyFacts(facts)
        ? " The systems, panel and goals you said go in once it's open: say them again after approving."
        : ` Once it's open, tell me the home: e.g. "1840 square feet built 2006 propane furnace 17 years old 100 amp panel".`;
      return { say: `${outcomeSentence(done.result)}${done.result.status === "proposed" ? later : ""}` };
    };
  },
};

const CONFIRM_UTILITY =
  /^(?:(?:ok|yes|yeah|so|please|go ahead and|lets|let us) )*(?:confirm|confirmed|it is|they are|they have|we have|use|pick|select|set)\b.*\b(?:power|electric|light|gas|energy|utility|utilities|cooperative|co op|suggested|suggestion|those|both)\b/;
const GENERIC_UTILITY_WORDS = new Set(["demo", "the", "and", "of", "company", "co", "inc", "llc", "utility", "other"]);

function tokensOf(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 1 && !GENERIC_UTILITY_WORDS.has(w));
}

/** The pick-list entry the words name best (distinctive words in common), or null when none or a tie. */
export function pickUtility(words: string, pickList: readonly string[]): string | null {
  const said = new Set(tokensOf(words));
  const scored = pickList
    .filter((p) => p !== "Other…")
    .map((p) => ({ p, score: tokensOf(p).filter((t) => said.has(t) && t !== "power" && t !== "gas").length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return null;
  if (scored.length > 1 && scored[0]?.score === scored[1]?.score) return null;
  return scored[0]?.p ?? null;
}

const confirmUtility: OfflineIntent = {
  name: "survey.confirm_utility",
  help: `confirm the utilities from the pick list — "confirm demo valley power and front range gas"`,
  match(u) {
    if (!CONFIRM_UTILITY.test(u.text) || isCrmWrite(u)) return null;
    const useSuggested = /\b(?:suggested|suggestion|those|both|them|that is right|they are right)\b/.test(u.text);
    return (ctx) => {
      const survey = surveyInHand(ctx);
      if (survey.kind !== "id") return noSurvey(survey, "confirm the utilities");
      if (!ctx.offers("survey.confirm_utility")) return notOffered(ctx, "confirm utilities");
      const suggested = once(ctx, "survey.suggest_utility");
      if (!suggested) return { calls: [{ tool: "survey.suggest_utility", input: { surveyId: survey.id } }] };
      if (suggested.result.status !== "ok") return { say: outcomeSentence(suggested.result) };
      const data = rec(suggested.result.data);
      const picks = (kind: "electric" | "gas") =>
        arr(rec(data[kind]).pickList).filter((p): p is string => typeof p === "string");
      const choose = (kind: "electric" | "gas") =>
        pickUtility(u.text, picks(kind)) ?? (useSuggested ? str(rec(data[kind]).name) : null);
      const electric = choose("electric");
      const gas = choose("gas");
      if (!electric || !gas) {
        const missing = [
          !electric ? `electric (${picks("electric").join(" / ")})` : "",
          !gas ? `gas (${picks("gas").join(" / ")})` : "",
        ]
          .filter(Boolean)
          .join(" and ");
        return { say: `I couldn't tell which ${missing} you meant. Say the names from the list.` };
      }
      const done = once(ctx, "survey.confirm_utility");
      if (!done) {
        return {
          calls: [
            {
              tool: "survey.confirm_utility",
              input: { surveyId: survey.id, electric: { choice: electric }, gas: { choice: gas } },
            },
          ],
        };
      }
      return { say: outcomeSentence(done.result) };
    };
  },
};

const whichUtility: OfflineIntent = {
  name: "survey.suggest_utility",
  help: `the suggested utilities to confirm — "which utility is it"`,
  match(u) {
    const asked =
      /\b(?:which|what|who is|whos) (?:is )?(?:the )?(?:utility|utilities|power company|gas company|electric company|electric provider|gas provider|providers?)\b|\butility (?:suggest\w*|look ?up)\b|\bsuggest (?:the )?utilit\w*|\bwho (?:do they|does it) (?:get|buy) (?:power|gas|electric\w*) from\b/.test(
        u.text,
      );
    if (!asked) return null;
    return (ctx) => {
      const survey = surveyInHand(ctx);
      if (survey.kind !== "id") return noSurvey(survey, "ask which utility it is");
      if (!ctx.offers("survey.suggest_utility")) return notOffered(ctx, "suggest utilities");
      const done = once(ctx, "survey.suggest_utility");
      if (!done) return { calls: [{ tool: "survey.suggest_utility", input: { surveyId: survey.id } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayUtilities(done.result.data) };
    };
  },
};

const MAKE_PROPOSAL =
  /\b(?:make|build|create|write(?: up)?|put together|generate|draft|do|run|price|send) (?:up )?(?:the |a |them a |our )?(?:(?:good|better|best) (?:tier )?)?(?:proposal|quote|bid)\b|\bproposal (?:at|for|with|on) (?:the )?(?:good|better|best)\b/;

const createProposal: OfflineIntent = {
  name: "survey.create_proposal",
  help: `make the customer proposal — "make the proposal better tier"`,
  match(u) {
    if (!MAKE_PROPOSAL.test(u.text) || isCrmWrite(u)) return null;
    const tier = u.text.match(/\b(good|better|best)\b/)?.[1];
    return (ctx) => {
      const tool = "survey.create_proposal";
      const survey = surveyInHand(ctx);
      if (survey.kind !== "id") return noSurvey(survey, "make the proposal");
      if (!ctx.offers(tool)) return notOffered(ctx, "make proposals");
      const done = once(ctx, tool);
      if (!done) return { calls: [{ tool, input: { surveyId: survey.id, ...(tier ? { tier } : {}) } }] };
      if (done.result.status === "refused" && done.result.failure?.class === "gate_required") {
        return {
          say:
            `I can't make the proposal yet: ${done.result.failure.reason}\n` +
            `A person has to confirm the customer's electric and gas utilities first — ask "which utility is it", ` +
            `check with the customer, then say "confirm <electric> and <gas>".`,
        };
      }
      if (done.result.status === "proposed" && done.result.proposal) {
        return {
          say: `${proposalSentence(done.result.proposal)}\nOnce it's approved, say "show the proposal".`,
        };
      }
      return { say: outcomeSentence(done.result) };
    };
  },
};

const SHOW_PROPOSAL =
  /\b(?:show|see|pull up|bring up|open|read|view|get|check)(?: me)? (?:the |my |our |that |their )?(?:customer )?(?:proposal|quote)\b|\b(?:proposal|quote) (?:status|details|summary)\b|\bwhere is (?:the|my) (?:proposal|quote)\b|\bhow does the (?:proposal|quote) look\b/;

const showProposal: OfflineIntent = {
  name: "survey.get_proposal",
  help: `the proposal as you may see it — "show the proposal"`,
  match(u) {
    if (!SHOW_PROPOSAL.test(u.text)) return null;
    return (ctx) => {
      const found = salesProposalInHand(ctx);
      if (found.kind === "pending") {
        return {
          say: `The proposal is still waiting for approval (${found.proposalId}); office or the founder approves it. Say "show the proposal" again after.`,
        };
      }
      if (found.kind === "none") {
        return {
          say: `No proposal in this conversation yet. Say "make the proposal better tier" once the survey is done.`,
        };
      }
      if (!ctx.offers("survey.get_proposal")) return notOffered(ctx, "show proposals");
      const done = once(ctx, "survey.get_proposal");
      if (!done) return { calls: [{ tool: "survey.get_proposal", input: { proposalId: found.id } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayProposal(done.result.data) };
    };
  },
};

/** "finance 10000 at 6 percent 10 years" → amount and up to two APR/term options; pure. */
export function parseFinancing(raw: string): {
  amount: number | null;
  options: Array<{ apr: number; termYears: number }>;
} {
  const text = homeText(raw)
    .replace(/\b(\d+) point (\d+)\b/g, "$1.$2")
    .replace(/\b(\d+(?:\.\d+)?) ?(?:k|grand)\b/g, (_, n: string) => String(Number(n) * 1000));
  const aprs = [...text.matchAll(/\b(\d+(?:\.\d+)?) ?(?:percent|%|apr)\b|\b(zero|0) (?:percent|interest)\b/g)].map(
    (m) => Number(m[1] ?? 0),
  );
  const terms = [...text.matchAll(/\b(\d+) ?(years?|yrs?|months?)\b/g)].map((m) =>
    (m[2] ?? "").startsWith("m") ? Number(m[1]) / 12 : Number(m[1]),
  );
  const amount = [...text.matchAll(/\b(\d{3,7}(?:\.\d+)?)\b(?! ?(?:percent|%|apr|years?|yrs?|months?))/g)]
    .map((m) => Number(m[1]))
    .find((n) => n >= 100);
  const options = aprs.slice(0, 2).flatMap((apr, i) => {
    const termYears = terms[i] ?? terms[0];
    return termYears ? [{ apr, termYears }] : [];
  });
  return { amount: amount ?? null, options };
}

const financing: OfflineIntent = {
  name: "pricing.financing_estimate",
  help: `estimated monthly payments — "finance ten thousand at six percent ten years"`,
  match(u) {
    if (!/\b(?:financ\w*|monthly payments?|a month|per month|payments? would be|amortiz\w*)\b/.test(u.text))
      return null;
    const parsed = parseFinancing(u.raw);
    return (ctx) => {
      const tool = "pricing.financing_estimate";
      if (!ctx.offers(tool)) return notOffered(ctx, "estimate financing");
      if (parsed.amount === null || parsed.options.length === 0) {
        return { say: `Say the amount, rate and term, e.g. "finance ten thousand at six percent ten years".` };
      }
      const done = once(ctx, tool);
      if (!done) return { calls: [{ tool, input: { amount: parsed.amount, options: parsed.options } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayFinancing(done.result.data) };
    };
  },
};

const PRICE_CATEGORIES: ReadonlyArray<[RegExp, string]> = [
  [/\bfurnaces?\b/, "equipment_furnace"],
  [/\bboilers?\b/, "equipment_boiler"],
  [/\bheat pumps?\b|\bmini ?splits?\b/, "equipment_heat_pump"],
  [/\bwater heaters?\b/, "equipment_water_heater"],
  [/\b(?:ac|a c|air conditioners?|condensers?|central air)\b/, "equipment_ac"],
  [/\bline ?sets?\b/, "line_set"],
  [/\bpermits?\b/, "permit"],
  [/\b(?:panel|electrical|circuit)\b/, "electrical"],
  [/\b(?:dehumidifier|air cleaner|iaq|air quality)\b/, "iaq"],
  [/\bzon\w*\b/, "zoning"],
];

/** The price book search the words ask for: a category and the distinguishing number or word, if any. */
export function priceQuery(raw: string): { category: string | null; query: string | null } {
  const text = homeText(raw);
  const category = PRICE_CATEGORIES.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  const number = text.match(/\b(\d{2}) ?(?:percent|%|seer2?|afue|efficiency)?\b/)?.[1];
  const word = text.match(/\b(modulating|two stage|single stage|inverter|cold climate|condensing|power vent)\b/)?.[1];
  return { category, query: number ?? word ?? null };
}

const priceLookup: OfflineIntent = {
  name: "pricing.list_items",
  help: `what we sell something for — "what's a 96 percent furnace cost"`,
  match(u) {
    const asked =
      /\b(?:how much|what (?:is|does|do|would)|price|prices|pricing|sell for|go for|run us|charge)\b/.test(u.text) &&
      /\b(?:cost|price|prices|pricing|run|go for|sell for|charge|how much)\b/.test(u.text);
    const q = priceQuery(u.raw);
    if (!asked || q.category === null) return null;
    return (ctx) => {
      const tool = "pricing.list_items";
      if (!ctx.offers(tool)) return notOffered(ctx, "look up prices");
      const tries = resultsOf(ctx, tool);
      const first = tries[0];
      if (!first) {
        return { calls: [{ tool, input: { category: q.category, ...(q.query ? { query: q.query } : {}) } }] };
      }
      if (first.result.status !== "ok") return { say: outcomeSentence(first.result) };
      const count = arr(rec(first.result.data).items).length;
      if (count === 0 && q.query && tries.length === 1) return { calls: [{ tool, input: { category: q.category } }] };
      const last = tries.at(-1) ?? first;
      const note = count === 0 && tries.length > 1 ? `Nothing matched "${q.query}"; here is the whole category.\n` : "";
      return { say: `${note}${sayItems(last.result.data)}` };
    };
  },
};

const savings: OfflineIntent = {
  name: "survey.savings_profile",
  help: `estimated savings, in ranges — "what would they save with a heat pump"`,
  match(u) {
    if (!/\b(?:save|savings|saving|pay ?back|payback|worth it on (?:their|the) bills)\b/.test(u.text) || isCrmWrite(u))
      return null;
    const tier = u.text.match(/\b(good|better|best)\b/)?.[1];
    const askedHeatPump = /\bheat pumps?\b/.test(u.text);
    return (ctx) => {
      const tool = "survey.savings_profile";
      const survey = surveyInHand(ctx);
      if (survey.kind !== "id") return noSurvey(survey, "ask what they'd save");
      if (!ctx.offers(tool)) return notOffered(ctx, "estimate savings");
      const done = once(ctx, tool);
      if (!done) return { calls: [{ tool, input: { surveyId: survey.id, ...(tier ? { proposedTier: tier } : {}) } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: saySavings(done.result.data, askedHeatPump) };
    };
  },
};

const recommend: OfflineIntent = {
  name: "survey.recommend",
  help: `Good/Better/Best and the flags — "what do you recommend"`,
  match(u) {
    const asked =
      /\b(?:recommend\w*|good better best|what (?:should|would|do) (?:we|i|you) (?:put in|install|propose|sell|offer|quote)|what (?:are )?(?:the )?(?:tiers|options)|(?:any )?flags)\b/.test(
        u.text,
      );
    if (!asked || isCrmWrite(u)) return null;
    return (ctx) => {
      const survey = surveyInHand(ctx);
      if (survey.kind !== "id") return noSurvey(survey, "ask what I recommend");
      if (!ctx.offers("survey.recommend")) return notOffered(ctx, "recommend tiers");
      const done = once(ctx, "survey.recommend");
      if (!done) return { calls: [{ tool: "survey.recommend", input: { surveyId: survey.id } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayRecommendation(done.result.data) };
    };
  },
};

const SIZE_QUESTION =
  /\b(?:how big|what size|size (?:the|this|a|it|for)|sizing|how many tons|what tonnage|tonnage for|load calc\w*)\b/;

const homeFacts: OfflineIntent = {
  name: "survey.home_facts",
  help: `the home's facts and a sizing cross-check — "1,840 square feet built 2006 propane furnace 17 years old 100 amp panel customer wants lower bills"`,
  match(u) {
    if (isCrmWrite(u)) return null;
    const text = homeText(u.raw);
    const facts = parseHomeFacts(u.raw);
    const sizing = facts.sqft !== null || (facts.yearBuilt !== null && SIZE_QUESTION.test(text));
    const kinds = [
      facts.yearBuilt !== null,
      facts.systems.some((s) => s.ageYears !== null),
      facts.panel !== null,
      facts.goals.length > 0,
    ].filter(Boolean).length;
    if (!sizing && !SIZE_QUESTION.test(text) && kinds < 2) return null;
    const question = isQuestion(text);
    return (ctx) => {
      const lines: string[] = [];
      const survey = surveyInHand(ctx);
      const wantsWrite =
        !question && survey.kind === "id" && (hasSurveyFacts(facts) || facts.sqft !== null || facts.yearBuilt !== null);
      const installed = facts.systems.find((s) => s.tonnage !== null)?.tonnage ?? null;
      const sized = once(ctx, "survey.size_home");
      const current = once(ctx, "survey.get_survey");
      const calls = [];
      if (!sized && (facts.sqft !== null || facts.yearBuilt !== null) && ctx.offers("survey.size_home")) {
        calls.push({
          tool: "survey.size_home",
          input: { sqft: facts.sqft, yearBuilt: facts.yearBuilt, ...(installed ? { installedTons: installed } : {}) },
        });
      }
      if (wantsWrite && survey.kind === "id" && !current && ctx.offers("survey.get_survey")) {
        calls.push({ tool: "survey.get_survey", input: { surveyId: survey.id } });
      }
      if (calls.length > 0) return { calls };
      if (sized)
        lines.push(sized.result.status === "ok" ? saySizing(sized.result.data) : outcomeSentence(sized.result));
      if (wantsWrite && survey.kind === "id") {
        if (!ctx.offers("survey.update_survey")) return notOffered(ctx, "update surveys");
        const updated = once(ctx, "survey.update_survey");
        if (!updated) {
          if (current && current.result.status !== "ok") return { say: outcomeSentence(current.result) };
          const view = rec(current?.result.data);
          const version = typeof view.version === "number" ? { basisVersion: view.version } : {};
          const patch = surveyPatch(facts, view.data);
          return { calls: [{ tool: "survey.update_survey", input: { surveyId: survey.id, patch, ...version } }] };
        }
        lines.push(outcomeSentence(updated.result));
        if (updated.result.status === "proposed")
          lines.push(`Once it's saved, ask "what do you recommend" for the tiers.`);
      } else if (!question && hasSurveyFacts(facts)) {
        lines.push(
          survey.kind === "pending"
            ? `The survey isn't open yet (${survey.proposalId} is waiting), so I haven't recorded the systems, panel or goals: approve it, then say them again.`
            : `No survey is open in this conversation, so I haven't recorded the systems, panel or goals. Say "new survey for <customer>" first.`,
        );
      }
      if (lines.length === 0) {
        return {
          say: `Tell me the square footage and the year built, e.g. "two thousand square feet built nineteen seventy five".`,
        };
      }
      return { say: lines.join("\n") };
    };
  },
};

const showSurvey: OfflineIntent = {
  name: "survey.get_survey",
  help: `where the survey stands — "show the survey"`,
  match(u) {
    if (!/\b(?:show|review|read back|pull up|where are we on|check)(?: me)? (?:the |this |my )?survey\b/.test(u.text))
      return null;
    return (ctx) => {
      const survey = surveyInHand(ctx);
      if (survey.kind !== "id") return noSurvey(survey, "ask for the survey");
      if (!ctx.offers("survey.get_survey")) return notOffered(ctx, "show surveys");
      const done = once(ctx, "survey.get_survey");
      if (!done) return { calls: [{ tool: "survey.get_survey", input: { surveyId: survey.id } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      const view = rec(done.result.data);
      const data = rec(view.data);
      const property = rec(data.property);
      const systems = arr(data.systems)
        .map((s) => rec(s))
        .map(
          (s) =>
            `${str(s.fuel) ? `${str(s.fuel)?.replaceAll("_", " ")} ` : ""}${str(s.type)?.replaceAll("_", " ")}${typeof s.ageYears === "number" ? `, ${s.ageYears} years` : ""}`,
        );
      return {
        say: [
          `Survey ${str(view.id)} at ${str(property.street) ?? "?"}, ${str(property.city) ?? ""} — ${str(view.status) ?? ""}.`,
          `${typeof property.sqft === "number" ? `${property.sqft} sq ft` : "sq ft unknown"}, built ${typeof property.yearBuilt === "number" ? property.yearBuilt : "unknown"}.`,
          `Systems: ${systems.join("; ") || "none recorded"}.`,
          `Panel: ${str(rec(data.site).panel) ?? "not recorded"}. Goals: ${arr(data.goals).join(", ") || "none"}.`,
          view.utilityConfirmed === true ? "Utilities confirmed." : "Utilities not confirmed yet.",
        ].join(" "),
      };
    };
  },
};

/** Priority: explicit verbs (start, confirm, make, show) before questions, and the broad home-facts reader last. */
export const surveyIntents: readonly OfflineIntent[] = [
  startSurvey,
  confirmUtility,
  whichUtility,
  createProposal,
  showProposal,
  showSurvey,
  financing,
  priceLookup,
  savings,
  recommend,
  homeFacts,
];
