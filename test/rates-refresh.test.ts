// Refreshing the energy rates through the kernel (Field Engineer §06 `rates`, §08 asterisk): a new snapshot is a
// medium-risk proposal, and once office or the founder approves it the savings profile is priced on it and carries
// its vintage. Bad snapshots, stale proposals and other businesses stay untouched.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RateRow } from "../tools/survey/rates-data.ts";
import { expectStatus } from "./helpers.ts";
import { makeSalesOffice, type SalesOffice } from "./survey-office.ts";

let office: SalesOffice;
beforeEach(async () => {
  office = await makeSalesOffice();
});
afterEach(() => office.close());

const national = (fuel: RateRow["fuel"], price: number, asOf: string): RateRow => ({
  state: "US",
  fuel,
  price,
  trendPctPerYear: 4,
  source: "EIA monthly (refreshed)",
  asOf,
  level: "national",
  area: "United States",
});

/** A refreshed snapshot: Colorado gas at $1.40/therm as of 2026-09, plus the national rows every snapshot needs. */
function refreshedRows(coloradoGas = 1.4): RateRow[] {
  return [
    national("electric", 0.181, "2026-09"),
    national("gas", 1.62, "2026-09"),
    national("propane", 2.9, "2026-03"),
    national("oil", 3.8, "2026-03"),
    { ...national("electric", 0.161, "2026-09"), state: "CO", level: "state", area: "Colorado" },
    {
      ...national("gas", coloradoGas, "2026-09"),
      state: "CO",
      level: "state",
      area: "Colorado",
      trendPctPerYear: 7.5,
      source: "EIA Natural Gas Monthly",
    },
    { ...national("propane", 3.05, "2026-03"), state: "CO", level: "region", area: "Rocky Mountain" },
    { ...national("oil", 3.9, "2026-03"), state: "CO", level: "region", area: "Rocky Mountain" },
  ];
}

interface RatesView {
  snapshotId: string;
  origin: "bundled" | "installed";
  installed: { by: string; proposalId: string | null } | null;
  rows: RateRow[];
}

async function currentRates(tenantId = "demo", state?: string): Promise<RatesView> {
  const result = await office.call("office-1", "survey.get_rates", state ? { state } : {}, { tenantId });
  return expectStatus(result, "ok").data as RatesView;
}

/** The seeded sample survey: Brighton, CO, gas furnace at 80% AFUE, no utility confirmed yet (state rates). */
async function sampleSurveyId(): Promise<string> {
  const [row] = await office.rows<{ id: string }>("demo", "SELECT id FROM surveys WHERE tenant_id = 'demo' LIMIT 1");
  if (!row) throw new Error("the demo has no sample survey");
  return row.id;
}

/** Proposals stored for the business (the refreshes in these tests are all the demo's). */
async function proposalCount(): Promise<number> {
  const [row] = await office.rows<{ n: number }>(
    "demo",
    "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'demo'",
  );
  return row?.n ?? -1;
}

interface Savings {
  range: { low: number; high: number };
  assumptions: Array<{ label: string; value: string }>;
  footnote: string | null;
}

async function savings(): Promise<Savings> {
  const result = await office.call("sales-1", "survey.savings_profile", { surveyId: await sampleSurveyId() });
  return expectStatus(result, "ok").data as Savings;
}

async function proposeRefresh(actorId: string, rows: RateRow[], basedOn?: string) {
  const based = basedOn ?? (await currentRates()).snapshotId;
  return office.call(actorId, "survey.refresh_rates", { rows, basedOn: based, note: "September EIA figures" });
}

describe("survey.refresh_rates through the kernel", () => {
  it("nothing changes until office approves; then the savings profile is priced on the new rate and its vintage", async () => {
    const before = await savings();
    expect(before.footnote).toMatch(/EIA \(bundled snapshot\), 2025-10/);
    expect(JSON.stringify(before.assumptions)).toContain("$1.120/therm");

    const proposed = expectStatus(await proposeRefresh("office-1", refreshedRows()), "proposed");
    expect(proposed.proposal.risk).toBe("medium");
    expect(proposed.proposal.preview.changes).toContainEqual(
      expect.objectContaining({
        id: "CO gas",
        before: expect.stringContaining("$1.12/therm"),
        after: expect.stringContaining("$1.4/therm"),
      }),
    );
    // Pending: the salesperson's numbers are still the bundled ones.
    expect((await savings()).footnote).toMatch(/2025-10/);
    expect((await currentRates()).origin).toBe("bundled");

    expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok");

    const after = await savings();
    expect(JSON.stringify(after.assumptions)).toContain("$1.400/therm");
    expect(after.footnote).toMatch(/EIA Natural Gas Monthly, 2026-09/);
    expect(after.footnote).not.toMatch(/bundled/);
    // A dearer gas rate makes the current gas furnace cost more to run: the savings against it grow.
    expect(after.range.high).toBeGreaterThan(before.range.high);

    const rates = await currentRates("demo", "CO");
    expect(rates.origin).toBe("installed");
    expect(rates.installed).toMatchObject({ by: "office-1", proposalId: proposed.proposal.id });
    expect(rates.rows.find((r) => r.fuel === "gas")).toMatchObject({ price: 1.4, asOf: "2026-09" });
  });

  it("a salesperson may neither install rates nor approve someone else's refresh", async () => {
    const bySales = await proposeRefresh("sales-1", refreshedRows());
    expect(expectStatus(bySales, "refused").failure.class).toBe("forbidden");

    const proposed = expectStatus(await proposeRefresh("sales-manager-1", refreshedRows()), "proposed");
    const salesDecision = await office.decide("sales-1", proposed.proposal.id, "approve");
    expect(expectStatus(salesDecision, "refused").failure.class).toBe("forbidden");
    expect((await currentRates()).origin).toBe("bundled");
  });

  it("approving the same refresh twice installs it once", async () => {
    const proposed = expectStatus(await proposeRefresh("office-1", refreshedRows()), "proposed");
    const first = expectStatus(await office.decide("office-1", proposed.proposal.id, "approve"), "ok");
    const installedId = (first.data as { snapshotId: string }).snapshotId;
    const again = await office.decide("office-1", proposed.proposal.id, "approve");
    expect(again.status).not.toBe("proposed");
    expect((await currentRates()).snapshotId).toBe(installedId);
    const [applied] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'demo' AND tool = 'survey.refresh_rates' AND outcome = 'applied'",
    );
    expect(applied?.n).toBe(1);
  });

  it("a refresh prepared on rates that changed meanwhile is refused as a conflict and changes nothing", async () => {
    const bundled = (await currentRates()).snapshotId;
    const first = expectStatus(await proposeRefresh("office-1", refreshedRows(1.4), bundled), "proposed");
    const second = expectStatus(await proposeRefresh("office-1", refreshedRows(1.55), bundled), "proposed");
    expectStatus(await office.decide("founder", first.proposal.id, "approve"), "ok");

    const stale = await office.decide("founder", second.proposal.id, "approve");
    const refused = expectStatus(stale, "refused");
    expect(refused.failure.class).toBe("duplicate_or_conflict");
    expect((await currentRates("demo", "CO")).rows.find((r) => r.fuel === "gas")?.price).toBe(1.4);
  });

  it("a snapshot without national rows, with a future vintage or a price in cents is refused before any proposal", async () => {
    const proposalsBefore = await proposalCount();
    const noNational = refreshedRows().filter((r) => r.state !== "US");
    const future = refreshedRows().map((r) => (r.state === "CO" && r.fuel === "gas" ? { ...r, asOf: "2027-01" } : r));
    const cents = refreshedRows().map((r) => (r.state === "CO" && r.fuel === "electric" ? { ...r, price: 16.1 } : r));

    const refusedNoNational = expectStatus(await proposeRefresh("office-1", noNational), "refused");
    expect(refusedNoNational.failure.class).toBe("invalid_input");
    expect(refusedNoNational.failure.reason).toMatch(/national \(US\)/);

    const refusedFuture = expectStatus(await proposeRefresh("office-1", future), "refused");
    expect(refusedFuture.failure.issues).toContainEqual(
      expect.objectContaining({ path: "rows.5.asOf", message: expect.stringMatching(/future/) }),
    );

    const refusedCents = expectStatus(await proposeRefresh("office-1", cents), "refused");
    expect(refusedCents.failure.class).toBe("invalid_input");
    expect(JSON.stringify(refusedCents.failure)).toMatch(/dollars, not cents/);

    const proposalsAfter = await proposalCount();
    expect(proposalsAfter).toBe(proposalsBefore);
    expect((await currentRates()).origin).toBe("bundled");
  });

  it("one business's refreshed rates never reach another business", async () => {
    const proposed = expectStatus(await proposeRefresh("office-1", refreshedRows()), "proposed");
    expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok");
    const acme = await currentRates("acme", "CO");
    expect(acme.origin).toBe("bundled");
    expect(acme.rows.find((r) => r.fuel === "gas")?.asOf).toBe("2025-10");
  });
});
