// Pricing through the kernel: the price book per role, estimates, price edits and imports, and the discount floor.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectStatus } from "./helpers.ts";
import { makeSalesOffice, proposeAndApply, type SalesOffice } from "./survey-office.ts";

let office: SalesOffice;
beforeEach(async () => {
  office = await makeSalesOffice();
});
afterEach(() => office.close());

const COST_KEYS = /"(vendorCost|vendorCostCents|margin|marginPct|markupPct|floorPrice)"/;

/** A confirmed survey with a draft proposal on it, created by sales-1 and approved by office-1. */
async function draftProposal(): Promise<{ proposalId: string; listPrice: number; floorPrice: number }> {
  const customerId = await office.firstId("demo", "customers");
  const started = expectStatus(
    await proposeAndApply(office, "sales-1", "survey.start_survey", {
      customerId,
      property: {
        street: "9 Cedar Demo Way",
        city: "Brighton",
        state: "CO",
        zip: "80601",
        sqft: 1840,
        yearBuilt: 2006,
      },
    }),
    "ok",
  );
  const surveyId = (started.data as { id: string }).id;
  expectStatus(
    await proposeAndApply(office, "sales-1", "survey.update_survey", {
      surveyId,
      patch: {
        systems: [{ type: "furnace", fuel: "propane", ageYears: 17 }],
        site: { access: "easy", panel: "100A", hasOpenBreakerSpaces: true, lineSet: "unknown" },
        goals: ["lower_bills"],
        primaryGoal: "lower_bills",
        plan: { systems: ["heat_pump"] },
      },
    }),
    "ok",
  );
  expectStatus(
    await proposeAndApply(office, "sales-1", "survey.confirm_utility", {
      surveyId,
      electric: { choice: "Demo Valley Power & Light" },
      gas: { choice: "Other…", otherName: "No gas service" },
    }),
    "ok",
  );
  const created = expectStatus(
    await proposeAndApply(office, "sales-1", "survey.create_proposal", { surveyId }, "office-1"),
    "ok",
  );
  const proposalId = (created.data as { proposalId: string }).proposalId;
  const view = expectStatus(await office.call("founder", "survey.get_proposal", { proposalId }), "ok").data as {
    proposal: { listPrice: number; internal: { floorPrice: number } };
  };
  return { proposalId, listPrice: view.proposal.listPrice, floorPrice: view.proposal.internal.floorPrice };
}

describe("the price book by role", () => {
  it("a salesperson lists sell prices without cost or margin; the sales manager sees both", async () => {
    const rep = expectStatus(
      await office.call("sales-1", "pricing.list_items", { category: "equipment_furnace" }),
      "ok",
    );
    const repText = JSON.stringify(rep);
    expect(repText).not.toMatch(COST_KEYS);
    const items = (rep.data as { items: { sku: string; sellPrice: number }[] }).items;
    expect(items.map((i) => i.sku)).toEqual(["EQ-FUR-80", "EQ-FUR-96", "EQ-FUR-98M"]);
    // 40% equipment markup on a $1,850 vendor cost.
    expect(items.find((i) => i.sku === "EQ-FUR-96")?.sellPrice).toBe(2590);
    expect(repText).not.toContain("1850");

    const manager = expectStatus(
      await office.call("sales-manager-1", "pricing.list_items", { query: "EQ-FUR-96" }),
      "ok",
    );
    expect((manager.data as { items: unknown[] }).items[0]).toMatchObject({
      sku: "EQ-FUR-96",
      vendorCost: 1850,
      margin: 740,
      sellPrice: 2590,
    });

    const tech = expectStatus(await office.call("tech-1", "pricing.list_items", {}), "ok");
    expect(JSON.stringify(tech)).not.toMatch(COST_KEYS);
  });

  it("the estimate follows the seed's contract and hides cost from the salesperson", async () => {
    const input = {
      system: "furnace",
      tier: "better",
      property: { sqft: 2000, yearBuilt: 1975, region: "CO" },
      site: { access: "moderate", equipmentLocation: "basement", ductwork: "fair", lineSet: "unknown" },
      existing: { fuel: "natural_gas", refrigerant: null, ageYears: 18 },
      special: [],
    };
    const rep = expectStatus(await office.call("sales-1", "pricing.estimate", input), "ok");
    const data = rep.data as {
      breakdown: Record<string, number>;
      range: { low: number; high: number };
      allInPrice: number;
    };
    expect(Object.keys(data.breakdown).sort()).toEqual(
      ["equipment", "hazardous", "labor", "lineSet", "materials", "permit", "tearOutDisposal"].sort(),
    );
    expect(data.breakdown.hazardous).toBeGreaterThan(0); // pre-1980 asbestos allowance
    expect(data.range.low).toBeLessThan(data.allInPrice);
    expect(JSON.stringify(rep)).not.toMatch(COST_KEYS);
    const manager = expectStatus(await office.call("sales-manager-1", "pricing.estimate", input), "ok");
    expect(JSON.stringify(manager)).toMatch(/"vendorCost"/);
  });
});

describe("price book changes", () => {
  it("an item edit is a medium-risk proposal with a before/after diff that office approves", async () => {
    const list = expectStatus(await office.call("founder", "pricing.list_items", { query: "LS-NEW" }), "ok");
    const item = (list.data as { items: { id: string; version: number }[] }).items[0] as {
      id: string;
      version: number;
    };
    const proposed = expectStatus(
      await office.call("sales-manager-1", "pricing.update_item", { itemId: item.id, patch: { vendorCost: 260 } }),
      "proposed",
    );
    expect(proposed.proposal.risk).toBe("medium");
    expect(proposed.proposal.preview.changes[0]).toMatchObject({ field: "vendorCost", before: 240, after: 260 });
    const applied = expectStatus(await office.decide("office-1", proposed.proposal.id, "approve"), "ok");
    expect(applied.data).toMatchObject({ vendorCost: 260, version: item.version + 1 });
    expect(
      expectStatus(
        await office.call("sales-1", "pricing.update_item", { itemId: item.id, patch: { vendorCost: 1 } }),
        "refused",
      ).failure.class,
    ).toBe("forbidden");
  });

  it("a CSV price list upserts items, tolerates $ and commas, and lists every bad row", async () => {
    const csv = [
      "SKU,Description,Vendor,Vendor Cost,Category",
      'EQ-FUR-96,"96% AFUE two-stage gas furnace, ultra-low-NOx","Summit Supply (demo)","$1,905.00",equipment_furnace',
      "TSTAT-S,Smart thermostat,Summit Supply (demo),$189,materials",
      "BAD-1,Mystery part,Summit Supply (demo),call for price,materials",
      "BAD-2,Wrong category,Summit Supply (demo),$10,spaceships",
    ].join("\n");
    const proposed = expectStatus(await office.call("office-1", "pricing.import_prices", { csv }), "proposed");
    expect(proposed.proposal.preview.summary).toMatch(/1 new, 1 updated, 2 row/);
    const applied = expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok");
    const result = applied.data as {
      inserted: string[];
      updated: string[];
      errors: { line: number; reason: string }[];
    };
    expect(result.inserted).toEqual(["TSTAT-S"]);
    expect(result.updated).toEqual(["EQ-FUR-96"]);
    expect(result.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(result.errors[0]?.reason).toMatch(/not an amount/);
    const item = expectStatus(await office.call("founder", "pricing.list_items", { query: "EQ-FUR-96" }), "ok");
    expect((item.data as { items: { vendorCost: number }[] }).items[0]?.vendorCost).toBe(1905);
  });
});

describe("discount floor", () => {
  it("a discount within the floor is a low-risk proposal the rep applies, and commission falls with it", async () => {
    const { proposalId, listPrice } = await draftProposal();
    const before = expectStatus(await office.call("sales-1", "survey.get_proposal", { proposalId }), "ok").data as {
      proposal: { internal: { commission: number } };
    };
    const proposed = expectStatus(
      await office.call("sales-1", "pricing.set_discount", { proposalId, discount: 250 }),
      "proposed",
    );
    expect(proposed.proposal.risk).toBe("low");
    expect(JSON.stringify(proposed)).not.toMatch(COST_KEYS);
    const applied = expectStatus(await office.decide("sales-1", proposed.proposal.id, "approve"), "ok");
    const data = applied.data as { sellPrice: number; commission: number };
    expect(data.sellPrice).toBeCloseTo(listPrice - 250, 2);
    expect(data.commission).toBeLessThan(before.proposal.internal.commission);
  });

  it("below the floor a salesperson is refused, and the exception is a high-risk proposal only the founder approves", async () => {
    const { proposalId, listPrice, floorPrice } = await draftProposal();
    const tooMuch = Math.ceil(listPrice - floorPrice) + 500;
    const refused = expectStatus(
      await office.call("sales-1", "pricing.set_discount", { proposalId, discount: tooMuch }),
      "refused",
    );
    expect(refused.failure.class).toBe("forbidden");
    expect(refused.failure.reason).toMatch(/floor/);
    expect(refused.failure.reason).toMatch(/pricing\.discount_below_floor/);
    expect(refused.failure.reason).not.toMatch(/cost|margin/i);

    const asked = expectStatus(
      await office.call("sales-1", "pricing.discount_below_floor", {
        proposalId,
        discount: tooMuch,
        reason: "Match a competing bid for a repeat customer",
      }),
      "proposed",
    );
    expect(asked.proposal.risk).toBe("high");
    expect(JSON.stringify(asked)).not.toMatch(COST_KEYS);
    const id = asked.proposal.id;
    expect(expectStatus(await office.decide("sales-1", id, "approve"), "refused").failure.class).toBe("forbidden");
    expect(expectStatus(await office.decide("office-1", id, "approve"), "refused").failure.class).toBe("forbidden");
    expect(expectStatus(await office.decide("sales-manager-1", id, "approve"), "refused").failure.class).toBe(
      "forbidden",
    );
    const applied = expectStatus(await office.decide("founder", id, "approve"), "ok");
    expect(applied.data).toMatchObject({ belowFloorException: true });
    expect((applied.data as { sellPrice: number }).sellPrice).toBeLessThan(floorPrice);
  });
});
