// The public support page: emergencies first, nothing internal, payload caps, a database rate limit, and a request
// that becomes an intake item only after the office approves it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STAFF_ROLES } from "../contracts/index.ts";
import { listActors } from "../store/repos/tenants.ts";
import { publicRoutes } from "../server/routes/public.ts";
import { expectStatus } from "./helpers.ts";
import { makeRepairOffice, type RepairOffice } from "./repair-office.ts";

let office: RepairOffice;
beforeEach(async () => {
  office = await makeRepairOffice();
});
afterEach(() => office.close());

function app(limit = 10) {
  return publicRoutes(office, { limit, clientKey: (c) => c.req.header("x-test-client") ?? "anon" });
}

function post(path: string, body: unknown, client = "client-a") {
  return app().request(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-test-client": client },
    body: JSON.stringify(body),
  });
}

describe("public triage", () => {
  it("'I smell gas' gets the leave-and-call instruction before anything else", async () => {
    const result = expectStatus(
      await office.call(
        "public-web",
        "public.triage",
        { description: "I smell gas near the furnace and there's no heat" },
        { channel: "public" },
      ),
      "ok",
    );
    expect(result.data).toMatchObject({ emergency: { kind: "gas" }, possibleCauses: [] });
    expect((result.data as { headline: string }).headline).toMatch(/^Leave the home now.*call 911 or your gas utility/);
    const res = await post("/support/triage", { description: "I smell gas" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { emergency: { kind: string } }).emergency.kind).toBe("gas");
  });

  it("gives high-level causes with no parts, prices, staff or ids", async () => {
    const res = await post("/support/triage", { description: "furnace blowing cold air, house is at 58 degrees" });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).possibleCauses.length).toBeGreaterThan(0);
    const staff = (await office.scoped("demo", () => listActors(office.store.db, "demo"))).filter((a) =>
      STAFF_ROLES.includes(a.role),
    );
    for (const a of staff) {
      expect(text).not.toContain(a.name);
      expect(text).not.toContain(a.id);
    }
    expect(text).not.toMatch(/\$\d|\bsku\b|CAP-|FS-|igniter|flame sensor|capacitor|P-\d+|prt_|loc_|rjb_/i);
  });

  it("refuses oversize payloads (413) and malformed ones (400)", async () => {
    expect((await post("/support/triage", { description: "x".repeat(2001) })).status).toBe(413);
    const photo = { base64: "A".repeat(1_500_000), mediaType: "image/jpeg" };
    expect((await post("/support/triage", { description: "no heat", images: [photo] })).status).toBe(413);
    const small = { base64: "AAAA", mediaType: "image/png" };
    expect(
      (await post("/support/triage", { description: "no heat", images: [small, small, small, small] })).status,
    ).toBe(413);
    expect(
      (await app().request("/support/triage", { method: "POST", body: "not json", headers: { "x-test-client": "b" } }))
        .status,
    ).toBe(400);
    const kernel = expectStatus(
      await office.call("public-web", "public.triage", { description: "x".repeat(2001) }, { channel: "public" }),
      "refused",
    );
    expect(kernel.failure.class).toBe("invalid_input");
  });

  it("rate-limits each client in the database: the request after the limit gets 429", async () => {
    const limited = publicRoutes(office, { limit: 3, clientKey: (c) => c.req.header("x-test-client") ?? "anon" });
    const hit = (client: string) =>
      limited.request("/support/triage", {
        method: "POST",
        headers: { "x-test-client": client },
        body: JSON.stringify({ description: "no heat" }),
      });
    for (let i = 0; i < 3; i += 1) expect((await hit("busy")).status).toBe(200);
    const blocked = await hit("busy");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBeTruthy();
    expect((await hit("someone-else")).status).toBe(200);
    const rows = await office.rows<{ client_key: string; count: number }>(
      "demo",
      "SELECT client_key, count FROM public_rate_limits WHERE tenant_id = 'demo'",
    );
    expect(rows.some((r) => r.count === 4)).toBe(true);
    expect(rows.every((r) => r.client_key !== "busy")).toBe(true); // stored hashed, never the raw key
  });

  it("serves the support page with the emergency banner and no token", async () => {
    const res = await app().request("/support");
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/call 911 or your gas utility/);
  });
});

describe("public support request", () => {
  it("becomes a pending proposal for the office, and an intake item once office approves it", async () => {
    const res = await post("/support/request", {
      name: "Sam Example",
      phone: "(303) 555-0142",
      description: "Furnace blowing cold air since this morning",
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ received: true });
    expect(body).not.toMatch(/P-\d+|public-web|itk_/);
    const pending = await office.kernel.listProposals("demo", ["pending"]);
    const proposal = pending.find((p) => p.tool === "public.support_request");
    if (!proposal) throw new Error("expected a pending support request");
    expect(
      (await office.kernel.decide("demo", proposal.id, "approve", await office.actor("demo", "public-web"), "public"))
        .status,
    ).toBe("refused");
    const applied = expectStatus(await office.decide("office-1", proposal.id, "approve"), "ok");
    expect(applied.data).toMatchObject({ status: "in_review", missingFields: ["address"] });
    const [row] = await office.rows<{ source: string; raw_text: string; route_confidence: number }>(
      "demo",
      "SELECT source, raw_text, route_confidence FROM intake_items WHERE tenant_id = 'demo' AND id = ?",
      (applied.data as { intakeId: string }).intakeId,
    );
    if (!row) throw new Error("expected the intake item");
    expect(row).toMatchObject({ source: "public_triage", raw_text: "Furnace blowing cold air since this morning" });
    expect(row.route_confidence).toBeLessThan(1);
  });

  it("needs a way to reach the customer", async () => {
    const res = await post("/support/request", { name: "Sam Example", description: "no heat" });
    expect(res.status).toBe(400);
  });
});
