// A whole sales survey by chat with the offline model, voice-to-text style, as sales-1: start, home facts, tiers,
// savings, the utility gate (refused, then confirmed), the proposal approved by the founder in another session, and
// a salesperson's answers and proposal view that never carry cost or margin.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentDeps, type AgentSession, openSession, runTurn, type TurnCall } from "../agent/index.ts";
import { DEMO_PRICE_BOOK } from "../fixtures/price-book.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
let deps: AgentDeps;

beforeEach(async () => {
  office = await makeOffice();
  deps = { store: office.store, kernel: office.kernel, primary: null };
});
afterEach(() => office.close());

function session(actorId: string): Promise<AgentSession> {
  return openSession(deps, { tenantId: "demo", actorId, channel: "web", mode: "propose_actions" });
}

function callOf(calls: TurnCall[], tool: string): TurnCall {
  const found = calls.find((c) => c.tool === tool);
  if (!found) throw new Error(`no ${tool} call in ${JSON.stringify(calls.map((c) => c.tool))}`);
  return found;
}

/** A demo customer with a Colorado property and a name no one else shares, said the way a rep says it. */
async function customerWithHome(): Promise<{ id: string; name: string }> {
  const rows = await office.rows<{ id: string; name: string }>(
    "demo",
    "SELECT c.id, c.name FROM customers c JOIN properties p ON p.customer_id = c.id AND p.tenant_id = c.tenant_id " +
      "WHERE c.tenant_id = 'demo' AND p.state = 'CO' AND c.name NOT LIKE '%&%' ORDER BY c.id",
  );
  const all = await office.rows<{ name: string }>("demo", "SELECT name FROM customers WHERE tenant_id = 'demo'");
  const hit = rows.find((r) => all.filter((a) => a.name.toLowerCase() === r.name.toLowerCase()).length === 1);
  if (!hit) throw new Error("no customer with a unique name and a Colorado property in the demo data");
  return hit;
}

const COST_WORDS = /vendor\s*cost|vendorCost|\bmargin|markup|floor\s*price|floorPrice|commission/i;

describe("a whole survey by chat as sales-1", () => {
  it("ends in a proposal the founder approves elsewhere; nothing the salesperson sees carries cost or margin", async () => {
    const customer = await customerWithHome();
    const rep = await session("sales-1");
    const answers: string[] = [];
    const say = async (words: string) => {
      const turn = await runTurn(deps, rep, words);
      answers.push(turn.text);
      return turn;
    };

    const started = await say(`uh new survey for ${customer.name.toLowerCase()}`);
    expect(callOf(started.calls, "survey.start_survey")).toMatchObject({
      status: "proposed",
      input: { customerId: customer.id },
    });
    const opened = await say("yes approve that");
    const surveyId = (callOf(opened.calls, "kernel.decide").data as { id: string }).id;
    expect(surveyId).toMatch(/^srv_/);

    const facts = await say(
      "ok so 1,840 square feet built 2006 propane furnace 17 years old 100 amp panel customer wants lower bills",
    );
    expect(callOf(facts.calls, "survey.size_home")).toMatchObject({
      status: "ok",
      input: { sqft: 1840, yearBuilt: 2006 },
    });
    const sized = callOf(facts.calls, "survey.size_home").data as { coolingTons: number };
    expect(facts.text).toContain(`about ${sized.coolingTons} tons`);
    const update = callOf(facts.calls, "survey.update_survey");
    expect(update.status).toBe("proposed");
    expect(update.input).toMatchObject({
      surveyId,
      patch: {
        property: { sqft: 1840, yearBuilt: 2006 },
        systems: [{ type: "furnace", fuel: "propane", ageYears: 17 }],
        site: { panel: "100A" },
        primaryGoal: "lower_bills",
        energy: { heatingFuel: "propane" },
      },
    });
    await say("yes approve that");

    const tiers = await say("so what do you recommend");
    expect(callOf(tiers.calls, "survey.recommend").status).toBe("ok");
    expect(tiers.text).toMatch(/Good \/ Better \/ Best/);

    const saved = await say("what would they save with a heat pump");
    const savings = callOf(saved.calls, "survey.savings_profile");
    expect(savings.status).toBe("ok");
    const range = (savings.data as { range: { low: number; high: number } }).range;
    expect(saved.text).toContain(`$${range.low.toLocaleString("en-US", { maximumFractionDigits: 0 })}`);

    // The utility gate: refused in plain words until a person confirms.
    const early = await say("make the proposal better tier");
    expect(callOf(early.calls, "survey.create_proposal")).toMatchObject({ status: "refused" });
    expect(early.text).toMatch(/^I can't make the proposal yet/);
    expect(early.text).toMatch(/which utility is it/);

    const which = await say("which utility is it");
    expect(callOf(which.calls, "survey.suggest_utility").status).toBe("ok");
    const confirm = await say("confirm demo valley power and front range gas");
    expect(callOf(confirm.calls, "survey.confirm_utility")).toMatchObject({
      status: "proposed",
      input: {
        surveyId,
        electric: { choice: "Demo Valley Power & Light" },
        gas: { choice: "Front Range Gas Cooperative (demo)" },
      },
    });
    await say("yes approve that");

    const made = await say("ok make the proposal better tier");
    const proposed = callOf(made.calls, "survey.create_proposal");
    expect(proposed).toMatchObject({ status: "proposed", input: { surveyId, tier: "better" } });
    const pid = proposed.proposal?.id ?? "";
    const waiting = await say("show the proposal");
    expect(waiting.calls).toHaveLength(0);
    expect(waiting.text).toContain(pid);

    // The founder approves in their own session.
    const founder = await session("founder");
    const approval = await runTurn(deps, founder, `approve ${pid}`);
    expect(callOf(approval.calls, "kernel.decide").status).toBe("ok");

    const shown = await say("show the proposal");
    const view = callOf(shown.calls, "survey.get_proposal");
    expect(view.status).toBe("ok");
    expect(JSON.stringify(view.data)).not.toMatch(/vendorCost|"margin|floorPrice/);
    const data = view.data as { proposal: { tier: string; netOutOfPocket: number } };
    expect(data.proposal.tier).toBe("better");
    expect(shown.text).toContain(
      `Net out-of-pocket $${Math.round(data.proposal.netOutOfPocket).toLocaleString("en-US")}`,
    );

    const financed = await say("finance ten thousand at six percent ten years");
    expect(callOf(financed.calls, "pricing.financing_estimate").input).toEqual({
      amount: 10000,
      options: [{ apr: 6, termYears: 10 }],
    });
    expect(financed.text).toContain("$111.02 a month");

    const priced = await say("what's a 96 percent furnace cost");
    const items = callOf(priced.calls, "pricing.list_items");
    const item = (items.data as { items: Array<{ sku: string; sellPrice: number }> }).items.find(
      (i) => i.sku === "EQ-FUR-96",
    );
    expect(item).toBeDefined();
    expect(JSON.stringify(items.data)).not.toMatch(/vendorCost|"margin/);
    const vendorDollars = DEMO_PRICE_BOOK.find((row) => row[0] === "EQ-FUR-96")?.[4] ?? 0;
    expect(priced.text).not.toContain(`$${vendorDollars.toLocaleString("en-US")}`);

    for (const text of answers) expect(text).not.toMatch(COST_WORDS);
  });

  it("'how big a system for two thousand square feet built nineteen seventy five' sizes to 4.5 tons, no survey needed", async () => {
    const rep = await session("sales-1");
    const turn = await runTurn(deps, rep, "how big a system for two thousand square feet built nineteen seventy five");
    expect(callOf(turn.calls, "survey.size_home")).toMatchObject({
      status: "ok",
      input: { sqft: 2000, yearBuilt: 1975 },
      data: { coolingTons: 4.5 },
    });
    expect(turn.text).toContain("about 4.5 tons");
    expect(turn.text).toContain("70,000–90,000 BTU");
  });
});
