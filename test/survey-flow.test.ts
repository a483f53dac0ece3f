// A sales survey end to end through the kernel: the seed's numbers, the utility gate on every channel, a priced
// proposal, role-filtered views, the customer document and acceptance.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectStatus } from "./helpers.ts";
import { makeSalesOffice, proposeAndApply, type SalesOffice } from "./survey-office.ts";

let office: SalesOffice;
beforeEach(async () => {
  office = await makeSalesOffice();
});
afterEach(() => office.close());

async function firstCustomer(): Promise<string> {
  return office.firstId("demo", "customers");
}

/** Starts and fills a survey as sales-1: 2,000 sq ft, built 1975, gas furnace and R-22 AC, both 18 years old. */
async function filledSurvey(): Promise<string> {
  const customerId = await firstCustomer();
  const started = expectStatus(
    await proposeAndApply(office, "sales-1", "survey.start_survey", {
      customerId,
      property: {
        street: "77 Aspen Demo Ct",
        city: "Brighton",
        state: "CO",
        zip: "80601",
        sqft: 2000,
        yearBuilt: 1975,
      },
    }),
    "ok",
  );
  const surveyId = (started.data as { id: string }).id;
  expectStatus(
    await proposeAndApply(office, "sales-1", "survey.update_survey", {
      surveyId,
      basisVersion: 1,
      patch: {
        systems: [
          { type: "furnace", fuel: "natural_gas", ageYears: 18, condition: "fair" },
          { type: "ac", fuel: "electric", ageYears: 18, tonnage: 4, refrigerant: "R-22", condition: "poor" },
        ],
        site: { access: "moderate", ductwork: "good", lineSet: "replace", panel: "200A", hasOpenBreakerSpaces: true },
        needs: { concerns: ["humidity"] },
        goals: ["lower_bills", "comfort"],
        primaryGoal: "lower_bills",
        energy: { heatingFuel: "natural_gas" },
      },
    }),
    "ok",
  );
  return surveyId;
}

async function confirmUtilities(surveyId: string): Promise<void> {
  expectStatus(
    await proposeAndApply(office, "sales-1", "survey.confirm_utility", {
      surveyId,
      electric: { choice: "Demo Valley Power & Light" },
      gas: { choice: "Front Range Gas Cooperative (demo)" },
    }),
    "ok",
  );
}

async function createProposal(surveyId: string, input: Record<string, unknown> = {}): Promise<string> {
  const applied = expectStatus(
    await proposeAndApply(office, "sales-1", "survey.create_proposal", { surveyId, ...input }, "office-1"),
    "ok",
  );
  return (applied.data as { proposalId: string }).proposalId;
}

describe("the seed's numbers through the tools", () => {
  it("2,000 sq ft built 1975 sizes to 4.5 tons and a 70,000–90,000 BTU heating band", async () => {
    const result = expectStatus(
      await office.call("sales-1", "survey.size_home", { sqft: 2000, yearBuilt: 1975 }),
      "ok",
    );
    expect(result.data).toEqual({
      coolingTons: 4.5,
      heatingBtu: { low: 70000, high: 90000 },
      verifySizing: false,
      reasons: [],
    });
  });

  it("a 1+ ton disagreement with the installed unit asks the office to verify sizing", async () => {
    const result = expectStatus(
      await office.call("sales-1", "survey.size_home", { sqft: 2000, yearBuilt: 1975, installedTons: 3 }),
      "ok",
    );
    expect(result.data).toMatchObject({ coolingTons: 4.5, verifySizing: true });
  });

  it("missing square footage gives no confident number", async () => {
    const result = expectStatus(
      await office.call("sales-1", "survey.size_home", { sqft: null, yearBuilt: 2006 }),
      "ok",
    );
    expect(result.data).toMatchObject({ coolingTons: null, heatingBtu: null, verifySizing: true });
  });

  it("$10,000 at 6% over 10 years is an estimated $111.02 a month, subject to credit approval", async () => {
    const result = expectStatus(
      await office.call("sales-1", "pricing.financing_estimate", {
        amount: 10000,
        options: [{ termYears: 10, apr: 6 }],
      }),
      "ok",
    );
    expect(result.data).toMatchObject({
      options: [{ monthlyPayment: 111.02 }],
      disclaimer: "Estimated — subject to credit approval",
    });
  });

  it("a proposal splits 60% deposit at acceptance and 40% balance at completion", async () => {
    const surveyId = await filledSurvey();
    await confirmUtilities(surveyId);
    const proposalId = await createProposal(surveyId);
    const view = expectStatus(await office.call("office-1", "survey.get_proposal", { proposalId }), "ok");
    const p = (view.data as { proposal: unknown }).proposal as {
      sellPrice: number;
      deposit: { pct: number; amount: number; dueAt: string };
      balance: { pct: number; amount: number; dueAt: string };
      netOutOfPocket: number;
      rebatesEstimated: number;
      financing: { termYears: number; apr: number; monthlyPayment: number }[];
      status: string;
    };
    expect(p.deposit).toMatchObject({ pct: 60, dueAt: "acceptance" });
    expect(p.balance).toMatchObject({ pct: 40, dueAt: "completion" });
    expect(p.deposit.amount).toBeCloseTo(p.sellPrice * 0.6, 2);
    expect(p.deposit.amount + p.balance.amount).toBeCloseTo(p.sellPrice, 2);
    expect(p.netOutOfPocket).toBeCloseTo(p.sellPrice - p.rebatesEstimated, 2);
    expect(p.financing.length).toBeLessThanOrEqual(2);
    // 10 years at 6%: payment = P·r / (1 − (1 + r)^−120), r = 0.005 → 0.0111021 × P.
    const tenYear = p.financing.find((f) => f.termYears === 10 && f.apr === 6);
    expect(tenYear?.monthlyPayment).toBeCloseTo(p.sellPrice * 0.01110205, 1);
  });
});

describe("a whole survey ends in a priced proposal", () => {
  it("recommends all three tiers with the goal's lead tier, flags and a dated savings range", async () => {
    const surveyId = await filledSurvey();
    const rec = expectStatus(await office.call("sales-1", "survey.recommend", { surveyId }), "ok").data as {
      tiers: { level: string; isLead: boolean }[];
      systemFlags: { code: string }[];
      homeFlags: { code: string }[];
      framing: { leadTier: string };
    };
    expect(rec.tiers.map((t) => t.level)).toEqual(["good", "better", "best"]);
    expect(rec.tiers.find((t) => t.isLead)?.level).toBe("better");
    expect(rec.systemFlags.map((f) => f.code)).toContain("end_of_life");
    expect(rec.homeFlags.map((f) => f.code)).toEqual(
      expect.arrayContaining(["new_line_set", "iaq_opportunity", "maintenance_agreement"]),
    );

    const savings = expectStatus(await office.call("sales-1", "survey.savings_profile", { surveyId }), "ok").data as {
      tier: string;
      range: { low: number; high: number };
      assumptions: unknown[];
      footnote: string | null;
    };
    expect(savings.tier).toBe("basis");
    expect(savings.range.low).toBeLessThan(savings.range.high);
    expect(savings.assumptions.length).toBeGreaterThan(3);
    expect(savings.footnote).toMatch(/^\* Estimate\. Based on .* rates from .*, \d{4}/);
    expect(JSON.stringify(savings)).not.toMatch(/guarantee/i);
  });

  it("suggests utilities from the bundled list, confirms from the list only, and stamps who confirmed", async () => {
    const surveyId = await filledSurvey();
    const suggestion = expectStatus(await office.call("sales-1", "survey.suggest_utility", { surveyId }), "ok")
      .data as {
      source: string;
      webSearch: string;
      electric: { name: string; pickList: string[] };
      confirmed: boolean;
    };
    expect(suggestion.source).toBe("bundled demo reference list");
    expect(suggestion.webSearch).toMatch(/no web search/i);
    expect(suggestion.confirmed).toBe(false);
    expect(suggestion.electric.pickList).toContain("Other…");

    const freeText = await office.call("sales-1", "survey.confirm_utility", {
      surveyId,
      electric: { choice: "Some Power Co" },
      gas: { choice: "Other…", otherName: "Anything I type" },
    });
    expect(expectStatus(freeText, "refused").failure.class).toBe("invalid_input");

    expectStatus(
      await proposeAndApply(office, "sales-1", "survey.confirm_utility", {
        surveyId,
        electric: { choice: "Other…", otherName: "Foothills Rural Electric (demo)" },
        gas: { choice: "Front Range Gas Cooperative (demo)" },
      }),
      "ok",
    );
    const survey = expectStatus(await office.call("sales-1", "survey.get_survey", { surveyId }), "ok").data as {
      data: {
        utility: { detected: { electric: { name: string } }; chosen: { electric: string }; confirmedBy: string };
      };
    };
    expect(survey.data.utility).toMatchObject({
      detected: { electric: { name: "Demo Valley Power & Light" } },
      chosen: { electric: "Foothills Rural Electric (demo)" },
      confirmedBy: "sales-1",
    });
  });

  it("creates a draft proposal with G/B/B prices, rebates to be verified and financing, then accepts it", async () => {
    const surveyId = await filledSurvey();
    await confirmUtilities(surveyId);
    const proposed = expectStatus(await office.call("sales-1", "survey.create_proposal", { surveyId }), "proposed");
    expect(proposed.proposal.risk).toBe("medium");
    const applied = expectStatus(await office.decide("office-1", proposed.proposal.id, "approve"), "ok");
    const created = applied.data as { proposalId: string; status: string; tier: string; financingDisclaimer: string };
    expect(created).toMatchObject({
      status: "draft",
      tier: "better",
      financingDisclaimer: "Estimated — subject to credit approval",
    });

    const view = expectStatus(
      await office.call("sales-1", "survey.get_proposal", { proposalId: created.proposalId }),
      "ok",
    ).data as { proposal: { columns: { level: string; sellPrice: number }[]; rebates: { amountLabel: string }[] } };
    const prices = view.proposal.columns.map((c) => c.sellPrice);
    expect(prices[0]).toBeLessThan(prices[1] as number);
    expect(prices[1]).toBeLessThan(prices[2] as number);
    expect(view.proposal.rebates.length).toBeGreaterThan(0);
    expect(view.proposal.rebates.every((r) => r.amountLabel.includes("to be verified"))).toBe(true);

    const accepted = expectStatus(
      await proposeAndApply(
        office,
        "sales-1",
        "survey.accept_proposal",
        { proposalId: created.proposalId, signatureName: "Pat Demo" },
        "office-1",
      ),
      "ok",
    );
    expect(accepted.data).toMatchObject({
      status: "ready_to_install",
      signature: { name: "Pat Demo" },
      handoff: { googleCalendar: false, quickBooks: false },
    });
  });
});

describe("utility confirmation gate", () => {
  it("create_proposal is refused gate_required before confirm_utility, on the CLI, the API and MCP", async () => {
    const surveyId = await filledSurvey();
    const cli = await office.call("sales-1", "survey.create_proposal", { surveyId });
    expect(expectStatus(cli, "refused").failure.class).toBe("gate_required");
    expect(expectStatus(cli, "refused").failure.reason).toMatch(/confirm the utility first/i);

    const api = await office.call("sales-manager-1", "survey.create_proposal", { surveyId }, { channel: "api" });
    expect(expectStatus(api, "refused").failure.class).toBe("gate_required");

    const aiClient = await office.actor("demo", "ai-client");
    const mcp = await office.sales.execute(
      "survey.create_proposal",
      { surveyId },
      {
        tenantId: "demo",
        actor: aiClient,
        mode: "propose_actions",
        channel: "mcp",
        requestedAt: office.clock.now.toISOString(),
        idempotencyKey: "mcp-create-1",
        evidenceRefs: [`survey:${surveyId}`],
        reasoning: "The survey looks complete.",
        confidence: 0.9,
      },
    );
    expect(expectStatus(mcp, "refused").failure.class).toBe("gate_required");

    const [pending] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM proposals WHERE tenant_id = ? AND tool = 'survey.create_proposal'",
      "demo",
    );
    expect(pending?.n).toBe(0);
  });

  it("a proposal approved before the address changed cannot apply once the confirmation is cleared", async () => {
    const surveyId = await filledSurvey();
    await confirmUtilities(surveyId);
    const proposed = expectStatus(await office.call("sales-1", "survey.create_proposal", { surveyId }), "proposed");
    expectStatus(
      await proposeAndApply(office, "sales-1", "survey.update_survey", {
        surveyId,
        patch: { property: { zip: "81501" } },
      }),
      "ok",
    );
    const decided = await office.decide("office-1", proposed.proposal.id, "approve");
    expect(expectStatus(decided, "refused").failure.class).toBe("gate_required");
  });
});

describe("cost visibility", () => {
  function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) for (const v of value) keysDeep(v, into);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        into.add(k);
        keysDeep(v, into);
      }
    }
    return into;
  }

  it("the salesperson's proposal view has no cost or margin, the sales manager's does", async () => {
    const surveyId = await filledSurvey();
    await confirmUtilities(surveyId);
    const proposalId = await createProposal(surveyId);
    const rep = expectStatus(await office.call("sales-1", "survey.get_proposal", { proposalId }), "ok");
    const repKeys = keysDeep(rep);
    for (const key of ["vendorCost", "margin", "marginPct", "floorPrice"]) expect(repKeys.has(key), key).toBe(false);
    expect(repKeys.has("commission")).toBe(true);

    const manager = expectStatus(await office.call("sales-manager-1", "survey.get_proposal", { proposalId }), "ok");
    const managerKeys = keysDeep(manager);
    for (const key of ["vendorCost", "margin", "commission", "floorPrice"])
      expect(managerKeys.has(key), key).toBe(true);
  });

  it("the customer document never contains cost, margin or commission, for any role", async () => {
    const surveyId = await filledSurvey();
    await confirmUtilities(surveyId);
    const proposalId = await createProposal(surveyId);
    const internal = (
      expectStatus(await office.call("founder", "survey.get_proposal", { proposalId }), "ok").data as {
        proposal: { internal: { vendorCost: number; margin: number; floorPrice: number; commission: number } };
      }
    ).proposal.internal;
    const figures = [internal.vendorCost, internal.margin, internal.commission, internal.floorPrice].flatMap((n) => [
      n.toFixed(2),
      n.toLocaleString("en-US", { maximumFractionDigits: 2 }),
      Math.round(n).toLocaleString("en-US"),
    ]);
    for (const actor of ["sales-1", "sales-manager-1", "office-1", "founder"]) {
      const doc = expectStatus(await office.call(actor, "survey.proposal_document", { proposalId }), "ok").data as {
        html: string;
      };
      expect(doc.html).toMatch(/@page/);
      expect(doc.html).toMatch(/Net out-of-pocket/);
      expect(doc.html).toMatch(/Estimated — subject to credit approval/);
      expect(doc.html).toMatch(/to be verified/);
      expect(doc.html, actor).not.toMatch(/\b(costs?|margins?|commissions?|vendor)\b/i);
      for (const figure of figures) expect(doc.html, `${actor} ${figure}`).not.toContain(figure);
    }
  });
});

describe("photo actions offline", () => {
  it.each([
    ["survey.read_nameplate", /type the brand, model, serial and age/i],
    ["survey.identify_equipment", /enter each system's type/i],
    ["survey.parse_bill", /type each month's usage and cost/i],
  ])("%s refuses without an API key and offers manual entry", async (tool, manual) => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const result = await office.call("sales-1", tool, {
        images: [{ base64: "iVBORw0KGgo=", mediaType: "image/png" }],
      });
      const refused = expectStatus(result, "refused");
      expect(refused.failure.class).toBe("adapter_unavailable");
      expect(refused.failure.reason).toMatch(/Claude API key/);
      expect(refused.failure.reason).toMatch(manual);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it("a full-size photo is refused: only thumbnails are kept on the survey", async () => {
    const surveyId = await filledSurvey();
    const result = await office.call("sales-1", "survey.update_survey", {
      surveyId,
      patch: {
        addPhotos: [
          {
            category: "electrical_panel",
            label: "Main panel",
            mediaType: "image/jpeg",
            thumbnailBase64: "A".repeat(600_000),
          },
        ],
      },
    });
    const refused = expectStatus(result, "refused");
    expect(refused.failure.class).toBe("invalid_input");
    expect(refused.failure.reason).toMatch(/thumbnail/i);
  });
});
