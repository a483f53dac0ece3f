// The survey's Claude actions through kernel.execute, with recorded Anthropic responses at the SDK boundary:
// nameplate, identify and parsebill photo reads, the utility suggestion behind the confirmation gate, and rebates.
import { afterEach, describe, expect, it } from "vitest";
import { expectStatus, type TestOffice } from "./helpers.ts";
import {
  makeAdvisedOffice,
  PHOTO,
  recordedAdvisor,
  searchedReply,
  textReply,
  wholeStore,
} from "./claude-advisor-office.ts";

let office: TestOffice | undefined;
afterEach(() => office?.close());

async function open(replies: Parameters<typeof recordedAdvisor>[0]) {
  const recorded = recordedAdvisor(replies);
  office = await makeAdvisedOffice(recorded.advisor);
  return { office, ...recorded };
}

async function applied(o: TestOffice, actorId: string, tool: string, input: unknown): Promise<unknown> {
  const proposed = expectStatus(await o.call(actorId, tool, input), "proposed");
  return expectStatus(await o.decide(actorId, proposed.proposal.id, "approve"), "ok").data;
}

/** A survey at 77 Aspen Demo Ct, Brighton CO 80601 with a gas furnace and an R-22 AC (as in survey-flow). */
async function filledSurvey(o: TestOffice): Promise<string> {
  const started = (await applied(o, "sales-1", "survey.start_survey", {
    customerId: await o.firstId("demo", "customers"),
    property: { street: "77 Aspen Demo Ct", city: "Brighton", state: "CO", zip: "80601", sqft: 2000, yearBuilt: 1975 },
  })) as { id: string };
  await applied(o, "sales-1", "survey.update_survey", {
    surveyId: started.id,
    basisVersion: 1,
    patch: {
      systems: [
        { type: "furnace", fuel: "natural_gas", ageYears: 18, condition: "fair" },
        { type: "ac", fuel: "electric", ageYears: 18, tonnage: 4, refrigerant: "R-22", condition: "poor" },
      ],
      site: { access: "moderate", ductwork: "good", lineSet: "replace", panel: "200A", hasOpenBreakerSpaces: true },
      goals: ["lower_bills"],
      primaryGoal: "lower_bills",
      energy: { heatingFuel: "natural_gas" },
    },
  });
  return started.id;
}

function messagesOf(request: Record<string, unknown>): { content: Record<string, unknown>[] }[] {
  return request.messages as { content: Record<string, unknown>[] }[];
}

describe("survey.read_nameplate with Claude", () => {
  it("returns the recorded read with the age flagged, sends the photo once and stores it nowhere", async () => {
    const answer = {
      brand: "Demo Air",
      model: "DA-48-HP",
      serial: "2207K12345",
      type: "heat_pump",
      tonnage: 4,
      ageEstimate: { years: 4, confidence: "medium" },
    };
    const {
      office: o,
      requests,
      advisor,
    } = await open([textReply(`Here is what the nameplate shows:\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``)]);
    const result = expectStatus(await o.call("sales-1", "survey.read_nameplate", { images: [PHOTO] }), "ok");
    expect(result.data).toMatchObject({ ...answer, ageEstimate: { years: 4, confidence: "medium", flagged: true } });
    expect((result.data as { source: string }).source).toMatch(/Read by Claude.*not stored/);

    expect(requests).toHaveLength(1);
    const image = messagesOf(requests[0] ?? {})[0]?.content.find((part) => part.type === "image");
    expect(image).toMatchObject({ source: { type: "base64", media_type: "image/jpeg", data: PHOTO.base64 } });
    expect(requests[0]?.tools).toBeUndefined(); // a nameplate read needs no web search

    await o.kernel.flushAudit();
    expect(await wholeStore(o)).not.toContain(PHOTO.base64.slice(0, 40));
    expect(advisor.stats()).toMatchObject({ calls: 1, succeeded: 1, fallbacks: 0 });
  });

  it("a garbled answer is refused with a visible note and the manual entry offer, and counted as a fallback", async () => {
    const { office: o } = await open([textReply("Sorry, the photo is too blurry to read anything useful.")]);
    const refused = expectStatus(await o.call("sales-1", "survey.read_nameplate", { images: [PHOTO] }), "refused");
    expect(refused.failure.class).toBe("adapter_unavailable");
    expect(refused.failure.reason).toMatch(/Claude could not be used for this \(its answer was not JSON\)/);
    expect(refused.failure.reason).toMatch(/type the brand, model, serial and age/i);
    expect(o.kernel.advisor?.stats()).toMatchObject({
      calls: 1,
      fallbacks: 1,
      byTask: { "survey.read_nameplate": { fallbacks: 1 } },
    });
  });

  it("an API error (a rejected key) is a fallback too; the key and the photo never appear in the reason", async () => {
    const { office: o, requests } = await open([401]);
    const refused = expectStatus(await o.call("sales-1", "survey.read_nameplate", { images: [PHOTO] }), "refused");
    expect(refused.failure.reason).toMatch(/the Claude API answered 401/);
    expect(refused.failure.reason).not.toContain("sk-ant");
    expect(refused.failure.reason).not.toContain(PHOTO.base64.slice(0, 40));
    expect(requests.length).toBeGreaterThanOrEqual(1);
  });
});

describe("survey.identify_equipment with Claude", () => {
  it("returns each unit from a recorded vision + web search answer, with the pages searched", async () => {
    const answer = {
      units: [
        { kind: "furnace", subtype: null, brand: "Demo Heat", ageEstimate: { years: 18, confidence: "high" } },
        { kind: "ac", subtype: "ac_condenser", brand: "Demo Air", ageEstimate: { years: 17, confidence: "medium" } },
      ],
      systemSummary: "An 80% gas furnace with a matching R-22 split AC, both near end of life.",
    };
    const { office: o, requests } = await open([
      searchedReply("Demo Heat serial date code", ["https://example.org/serial-decoder"], JSON.stringify(answer)),
    ]);
    const result = expectStatus(await o.call("tech-1", "survey.identify_equipment", { images: [PHOTO, PHOTO] }), "ok");
    expect(result.data).toMatchObject({ ...answer, sources: ["https://example.org/serial-decoder"] });
    const tools = requests[0]?.tools as { type: string; name: string }[];
    expect(tools).toEqual([expect.objectContaining({ type: "web_search_20250305", name: "web_search" })]);
    expect(messagesOf(requests[0] ?? {})[0]?.content.filter((p) => p.type === "image")).toHaveLength(2);
  });

  it("a unit kind outside the seed's list fails validation: nothing half-read is returned", async () => {
    const bad = {
      units: [{ kind: "toaster", subtype: null, brand: null, ageEstimate: { years: null, confidence: "low" } }],
      systemSummary: "?",
    };
    const { office: o } = await open([textReply(JSON.stringify(bad))]);
    const refused = expectStatus(await o.call("tech-1", "survey.identify_equipment", { images: [PHOTO] }), "refused");
    expect(refused.failure.reason).toMatch(/did not match what was asked: units\.0\.kind/);
    expect(refused.failure.reason).toMatch(/enter each system's type/i);
  });
});

describe("survey.parse_bill with Claude (usage and cost only)", () => {
  const ACCOUNT = "ACCT-4417-2290-88";
  const NAME = "Jordan Q. Billholder";
  const ADDRESS = "77 Aspen Demo Ct, Brighton";

  it("drops the account number, name and address the model returned: not in the output, the audit or the store", async () => {
    const answer = {
      accountNumber: ACCOUNT,
      customerName: NAME,
      serviceAddress: ADDRESS,
      bills: [
        { fuel: "electric", periodMonth: "2026-01", usage: 1180, unit: "kWh", cost: 154.2, accountNumber: ACCOUNT },
        {
          fuel: "natural_gas",
          periodMonth: "2026-01",
          usage: 112,
          unit: "therm",
          cost: 131.6,
          name: NAME,
          address: ADDRESS,
        },
      ],
    };
    const { office: o, requests } = await open([textReply(JSON.stringify(answer))]);
    const result = expectStatus(await o.call("sales-1", "survey.parse_bill", { images: [PHOTO] }), "ok");
    expect((result.data as { bills: unknown[] }).bills).toEqual([
      { fuel: "electric", periodMonth: "2026-01", usage: 1180, unit: "kWh", cost: 154.2 },
      { fuel: "natural_gas", periodMonth: "2026-01", usage: 112, unit: "therm", cost: 131.6 },
    ]);
    const output = JSON.stringify(result);
    for (const secret of [ACCOUNT, NAME, ADDRESS, "4417"]) expect(output).not.toContain(secret);

    // The instructions ask for usage and cost only, and say the identity fields are not wanted.
    const prompt = JSON.stringify(messagesOf(requests[0] ?? {}));
    expect(prompt).toMatch(/Do not return the account number/);

    await o.kernel.flushAudit();
    const audited = await o.rows(
      "demo",
      "SELECT * FROM audit_log WHERE tenant_id = 'demo' AND tool = 'survey.parse_bill'",
    );
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).toContain("[redacted]"); // the images
    const stored = await wholeStore(o);
    for (const secret of [ACCOUNT, NAME, PHOTO.base64.slice(0, 40)]) expect(stored).not.toContain(secret);
  });

  it("without an advisor it still refuses and offers manual entry (no key, nothing read)", async () => {
    office = await makeAdvisedOffice(null);
    const refused = expectStatus(await office.call("sales-1", "survey.parse_bill", { images: [PHOTO] }), "refused");
    expect(refused.failure.reason).toMatch(/needs a Claude API key, and none is set/);
    expect(refused.failure.reason).toMatch(/type each month's usage and cost/i);
  });
});

describe("survey.suggest_utility with Claude web search", () => {
  const found = {
    electric: {
      name: "Demo Valley Power and Light",
      confidence: "high",
      sourceUrl: "https://example.org/dvpl-territory",
    },
    gas: { name: "Front Range Gas Cooperative", confidence: "high", sourceUrl: null },
  };

  it("pre-fills a known provider with Claude's confidence and source, and the survey still cannot advance unconfirmed", async () => {
    const { office: o, requests } = await open([
      searchedReply("electric utility Brighton CO 80601", ["https://example.org/gas-map"], JSON.stringify(found)),
    ]);
    const surveyId = await filledSurvey(o);
    const suggestion = expectStatus(await o.call("sales-1", "survey.suggest_utility", { surveyId }), "ok").data as {
      electric: { name: string; confidence: string; sourceUrl: string; pickList: string[] };
      gas: { name: string; confidence: string; sourceUrl: string };
      source: string;
      confirmed: boolean;
      research: { electric: { name: string; onList: string } };
    };
    expect(suggestion.electric).toMatchObject({
      name: "Demo Valley Power & Light",
      confidence: "high",
      sourceUrl: "https://example.org/dvpl-territory",
    });
    expect(suggestion.gas).toMatchObject({
      name: "Front Range Gas Cooperative (demo)",
      confidence: "high",
      sourceUrl: "https://example.org/gas-map", // no URL in the answer: the page it searched
    });
    expect(suggestion.research.electric).toMatchObject({
      name: found.electric.name,
      onList: "Demo Valley Power & Light",
    });
    expect(suggestion.electric.pickList).toContain("Other…");
    expect(suggestion.source).toMatch(/Claude web search/);
    expect(suggestion.confirmed).toBe(false);
    // Only the city, state and ZIP leave the building: not the street.
    expect(JSON.stringify(requests[0])).toContain("80601");
    expect(JSON.stringify(requests[0])).not.toContain("Aspen Demo");

    // High confidence is still only a suggestion: the proposal is refused until a person confirms.
    const blocked = expectStatus(await o.call("sales-1", "survey.create_proposal", { surveyId }), "refused");
    expect(blocked.failure.class).toBe("gate_required");
    const survey = expectStatus(await o.call("sales-1", "survey.get_survey", { surveyId }), "ok").data as {
      utilityConfirmed: boolean;
    };
    expect(survey.utilityConfirmed).toBe(false);

    await applied(o, "sales-1", "survey.confirm_utility", {
      surveyId,
      electric: { choice: suggestion.electric.name },
      gas: { choice: suggestion.gas.name },
    });
    expect((await o.call("sales-1", "survey.create_proposal", { surveyId })).status).toBe("proposed");
  });

  it("a provider not on the office's list pre-fills nothing and says so; a failed search falls back to the bundled list", async () => {
    const offList = { electric: { name: "Some Real Utility Co", confidence: "high", sourceUrl: null }, gas: found.gas };
    const { office: o } = await open([textReply(JSON.stringify(offList)), textReply("no idea")]);
    const surveyId = await filledSurvey(o);
    const first = expectStatus(await o.call("sales-1", "survey.suggest_utility", { surveyId }), "ok").data as {
      electric: { name: string; confidence: string };
      webSearch: string;
    };
    expect(first.electric).toMatchObject({ name: "Demo Valley Power & Light", confidence: "medium" }); // bundled
    expect(first.webSearch).toMatch(/Not on the office's list: Some Real Utility Co/);

    const second = expectStatus(await o.call("sales-1", "survey.suggest_utility", { surveyId }), "ok").data as {
      source: string;
      webSearch: string;
      research: unknown;
    };
    expect(second.source).toBe("bundled demo reference list");
    expect(second.webSearch).toMatch(/did not give a usable answer.*not JSON/);
    expect(second.research).toBeNull();
    expect(o.kernel.advisor?.stats()).toMatchObject({ calls: 2, succeeded: 1, fallbacks: 1 });
  });
});

describe("survey.find_rebates", () => {
  it("with Claude: programs from web search, every amount to be verified, the proposal's numbers untouched", async () => {
    const answer = {
      programs: [
        {
          name: "Demo State Heat Pump Rebate",
          level: "state",
          amount: 1500,
          sourceUrl: "https://example.org/state-hp",
        },
        { name: "Demo Utility Furnace Rebate", level: "utility", amount: null, sourceUrl: null },
      ],
    };
    const { office: o, requests } = await open([
      searchedReply("Colorado heat pump rebate", ["https://example.org/rebates"], JSON.stringify(answer)),
    ]);
    const surveyId = await filledSurvey(o);
    const stored = () => o.rows("demo", "SELECT version, data FROM surveys WHERE id = ?", surveyId);
    const before = await stored();
    expect(before).toHaveLength(1);
    const found = expectStatus(await o.call("sales-1", "survey.find_rebates", { surveyId, tier: "best" }), "ok")
      .data as {
      programs: { amountLabel: string; verification: string; sourceUrl: string | null; source: string }[];
      estimatedTotal: number;
      source: string;
    };
    expect(found.programs).toHaveLength(2);
    for (const p of found.programs) {
      expect(p.verification).toBe("to be verified");
      expect(p.amountLabel).toMatch(/to be verified/);
      expect(p.source).toMatch(/Claude web search/);
    }
    expect(found.programs[1]?.sourceUrl).toBe("https://example.org/rebates");
    expect(found.estimatedTotal).toBe(1500);
    expect(requests[0]?.tools).toBeDefined();
    // A read: the survey and its stored rebate snapshot are unchanged.
    expect(await stored()).toEqual(before);
  });

  it("offline: the bundled demo catalog answers and says no web search was run", async () => {
    office = await makeAdvisedOffice(null);
    const surveyId = await filledSurvey(office);
    const found = expectStatus(await office.call("sales-1", "survey.find_rebates", { surveyId }), "ok").data as {
      source: string;
      webSearch: string;
      programs: { verification: string }[];
    };
    expect(found.source).toBe("Bundled demo rebate catalog");
    expect(found.webSearch).toMatch(/No web search was run/);
    expect(found.programs.every((p) => p.verification === "to be verified")).toBe(true);
  });
});
