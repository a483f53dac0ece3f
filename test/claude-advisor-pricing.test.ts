// Pricing's Claude actions through kernel.execute with recorded Anthropic responses: an invoice photo read
// (parseprices) that becomes a medium-risk price book proposal through the CSV import path, and estimate gap research.
import { afterEach, describe, expect, it } from "vitest";
import { expectStatus, type TestOffice } from "./helpers.ts";
import { makeAdvisedOffice, PHOTO, recordedAdvisor, searchedReply, textReply } from "./claude-advisor-office.ts";

let office: TestOffice | undefined;
afterEach(() => office?.close());

async function open(replies: Parameters<typeof recordedAdvisor>[0]) {
  const recorded = recordedAdvisor(replies);
  office = await makeAdvisedOffice(recorded.advisor);
  return { office, ...recorded };
}

const INVOICE = {
  invoiceNumber: "INV-778812",
  shipTo: "Trade Office OS Demo, 12 Warehouse Demo Rd",
  items: [
    {
      description: "96% AFUE two-stage gas furnace, 80k BTU",
      sku: "EQ-FUR-96",
      vendorCost: 1987.45,
      vendor: "Summit Supply (demo)",
      category: "equipment_furnace",
      unit: "each",
    },
    {
      description: 'Condensate pump, 1/30 HP, "mini"',
      sku: "MAT-CPUMP-01",
      vendorCost: 64.3,
      vendor: null,
      category: "materials",
      unit: null,
    },
    {
      description: "Freight-damaged coil (credit)",
      sku: null,
      vendorCost: null,
      vendor: null,
      category: null,
      unit: null,
    },
  ],
};

describe("pricing.parse_prices (invoice photo → price book proposal)", () => {
  it("office reads the invoice, proposes it through the CSV import at medium risk, and a salesperson never sees cost", async () => {
    const { office: o, requests, advisor } = await open([textReply(JSON.stringify(INVOICE))]);
    const read = expectStatus(
      await o.call("office-1", "pricing.parse_prices", { images: [PHOTO], vendor: "Summit Supply (demo)" }),
      "ok",
    ).data as {
      items: { sku: string | null; vendor: string | null; vendorCost: number | null; unit: string }[];
      importCsv: string;
      next: string;
    };
    expect(read.items).toHaveLength(3);
    expect(read.items[1]).toMatchObject({ sku: "MAT-CPUMP-01", vendor: "Summit Supply (demo)", unit: "each" });
    expect(JSON.stringify(read)).not.toContain("INV-778812"); // invoice numbers and addresses are not kept
    expect(read.importCsv).toContain('"1987.45"');
    expect(read.next).toMatch(/pricing\.import_prices/);
    expect(requests).toHaveLength(1);

    // The read changed nothing; the CSV import path makes the proposal, and office or the founder must approve.
    const proposed = expectStatus(
      await o.call("office-1", "pricing.import_prices", { csv: read.importCsv }),
      "proposed",
    );
    expect(proposed.proposal.risk).toBe("medium");
    expect(proposed.proposal.preview.summary).toMatch(/1 new, 1 updated, 1 row\(s\) that cannot be read/);

    // A salesperson may not read invoices (the model is not even asked) and sees no cost on the proposal.
    const forbidden = expectStatus(await o.call("sales-1", "pricing.parse_prices", { images: [PHOTO] }), "refused");
    expect(forbidden.failure.class).toBe("forbidden");
    expect(requests).toHaveLength(1);
    const seen = JSON.stringify(await o.kernel.listProposalsFor(await o.actor("demo", "sales-1")));
    expect(seen).toContain(proposed.proposal.id);
    for (const cost of ["1987.45", "64.3", "vendorCost"]) expect(seen).not.toContain(cost);
    expect(expectStatus(await o.decide("sales-1", proposed.proposal.id, "approve"), "refused").failure.class).toBe(
      "forbidden",
    );

    const applied = expectStatus(await o.decide("office-1", proposed.proposal.id, "approve"), "ok");
    expect(applied.data).toMatchObject({ inserted: ["MAT-CPUMP-01"], updated: ["EQ-FUR-96"] });
    const [cents] = await o.rows<{ c: number }>(
      "demo",
      "SELECT vendor_cost_cents AS c FROM price_book_items WHERE tenant_id = 'demo' AND sku = 'EQ-FUR-96'",
    );
    expect(cents?.c).toBe(198745);
    expect(advisor.stats()).toMatchObject({ calls: 1, succeeded: 1 });
  });

  it("offline it refuses and points to the CSV import; a malformed read is refused with a note", async () => {
    office = await makeAdvisedOffice(null);
    const offline = expectStatus(await office.call("office-1", "pricing.parse_prices", { images: [PHOTO] }), "refused");
    expect(offline.failure.reason).toMatch(/needs a Claude API key.*pricing\.import_prices/);
    await office.close();

    const { office: o } = await open([textReply(JSON.stringify({ items: [{ description: "x", vendorCost: -5 }] }))]);
    const refused = expectStatus(await o.call("office-1", "pricing.parse_prices", { images: [PHOTO] }), "refused");
    expect(refused.failure.reason).toMatch(/did not match what was asked/);
    expect(refused.failure.reason).toMatch(/CSV price list/);
    expect(o.kernel.advisor?.stats().fallbacks).toBe(1);
  });
});

describe("pricing.estimate: Claude research fills only the gaps", () => {
  const INPUT = {
    system: "furnace",
    tier: "best",
    property: { sqft: 2000, yearBuilt: 1975, region: "CO" },
    site: { access: "moderate", equipmentLocation: "basement", ductwork: "fair", lineSet: "unknown" },
    existing: { fuel: "natural_gas", refrigerant: null, ageYears: 18 },
    special: [],
  };

  async function dropFromPriceBook(o: TestOffice, sku: string) {
    await o.exec("demo", "DELETE FROM price_book_items WHERE tenant_id = 'demo' AND sku = ?", sku);
  }

  it("a complete price book answers alone: no model call", async () => {
    const { office: o, requests } = await open([textReply("{}")]);
    const data = expectStatus(await o.call("office-1", "pricing.estimate", INPUT), "ok").data as {
      researched: unknown[];
      source: string;
    };
    expect(data.researched).toEqual([]);
    expect(data.source).toMatch(/no web research/);
    expect(requests).toHaveLength(0);
  });

  it("a missing item is researched, named, and the estimate is rough; the salesperson sees no cost", async () => {
    const research = {
      items: [
        { sku: "EQ-FUR-98M", vendorCost: 2480, sourceUrl: "https://example.org/furnace-98" },
        { sku: "EQ-NOT-ASKED", vendorCost: 1, sourceUrl: null },
      ],
    };
    const { office: o, requests } = await open([
      searchedReply(
        "98% AFUE modulating furnace distributor price",
        ["https://example.org/p"],
        JSON.stringify(research),
      ),
    ]);
    await dropFromPriceBook(o, "EQ-FUR-98M");
    const data = expectStatus(await o.call("office-1", "pricing.estimate", INPUT), "ok").data as {
      confidence: string;
      researched: { sku: string; sourceUrl: string | null }[];
      source: string;
      assumptions: string[];
      vendorCost: number;
    };
    expect(data.confidence).toBe("rough");
    expect(data.researched).toEqual([
      expect.objectContaining({ sku: "EQ-FUR-98M", sourceUrl: "https://example.org/furnace-98" }),
    ]);
    expect(data.source).toMatch(/Claude web research filled only the items the price book lacks \(EQ-FUR-98M\)/);
    expect(data.assumptions.join(" ")).toMatch(/EQ-FUR-98M .* not in the price book/);
    expect(data.vendorCost).toBeGreaterThan(2480);
    // Only the missing item was asked about, with no customer in the request.
    const asked = JSON.stringify(requests[0]);
    expect(asked).toContain("EQ-FUR-98M");
    expect(asked).not.toContain("EQ-FUR-96");

    const sales = expectStatus(await o.call("sales-1", "pricing.estimate", INPUT), "ok");
    const seen = JSON.stringify(sales);
    expect(seen).not.toContain("vendorCost");
    expect(seen).not.toContain("2480");
    // The price book itself is not changed by research.
    for (const tenantId of ["demo", "acme"]) {
      const rows = await o.rows(tenantId, "SELECT 1 AS found FROM price_book_items WHERE sku = 'EQ-FUR-98M'");
      expect(rows, tenantId).toEqual([]);
    }
  });

  it("without research (offline, or research that misses the item) the gap is refused, saying what is missing", async () => {
    office = await makeAdvisedOffice(null);
    await dropFromPriceBook(office, "EQ-FUR-98M");
    const offline = expectStatus(await office.call("office-1", "pricing.estimate", INPUT), "refused");
    expect(offline.failure.class).toBe("not_found");
    expect(offline.failure.reason).toMatch(/no item for EQ-FUR-98M/);
    await office.close();

    const { office: o } = await open([textReply(JSON.stringify({ items: [] }))]);
    await dropFromPriceBook(o, "EQ-FUR-98M");
    const missed = expectStatus(await o.call("office-1", "pricing.estimate", INPUT), "refused");
    expect(missed.failure.reason).toMatch(/no item for EQ-FUR-98M.*did not find them either/);
  });
});
