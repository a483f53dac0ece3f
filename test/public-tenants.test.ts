// The public support page per business (/support/<tenant>) on a host running several shops: each shop's page is its
// own, requests and the rate limit land in that shop, /support stays the default, and a business without a page
// answers exactly like a path that does not exist.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedFieldRepair } from "../fixtures/field-repair.ts";
import { createApp } from "../server/app.ts";
import { publicRoutes } from "../server/routes/public.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
beforeEach(async () => {
  office = await makeOffice();
});
afterEach(() => office.close());

/** Gives acme its public page: the public actor the field fixtures create for a business. */
async function openAcmePage(): Promise<void> {
  await seedFieldRepair(office.store, "acme", office.clock.now);
}

function post(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) {
  return (path: string, body: unknown, client = "client-a") =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-test-client": client },
      body: JSON.stringify(body),
    });
}

/** One number from a query read in `tenantId`'s scope (on PostgreSQL row-level security holds it there too). */
async function count(tenantId: string, sql: string, ...params: string[]): Promise<number> {
  const [row] = await office.rows<{ n: number }>(tenantId, sql, ...params);
  if (!row) throw new Error(`no count from ${sql}`);
  return row.n;
}

const REQUEST = {
  name: "Sam Example",
  phone: "(303) 555-0142",
  address: "18 Juniper Lane",
  description: "Furnace blowing cold air since this morning",
};

describe("/support/<tenant>", () => {
  it("serves each business its own page, which posts to its own actions; /support stays the default page", async () => {
    await openAcmePage();
    const app = createApp(office, { log: () => undefined });
    const acme = await app.request("/support/acme");
    expect(acme.status).toBe(200);
    const page = await acme.text();
    expect(page).toContain("Acme Comfort Demo Co.");
    expect(page).toContain('post("acme/triage"');
    expect(page).toContain('post("acme/request"');
    expect(page).not.toContain("Trade Office OS Demo");

    const fallback = await (await app.request("/support")).text();
    expect(fallback).toContain('post("support/triage"');
    expect(fallback).not.toContain("Acme Comfort Demo Co.");
  });

  it("a request on acme's page waits in acme's queue, becomes acme's intake item, and demo sees nothing", async () => {
    await openAcmePage();
    const send = post(createApp(office, { log: () => undefined }));
    const pendingBefore = await count("demo", "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'demo'");
    const res = await send("/support/acme/request", REQUEST);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true });

    const [proposal] = await office.rows<{ id: string }>(
      "acme",
      "SELECT id FROM proposals WHERE tenant_id = 'acme' AND tool = 'public.support_request'",
    );
    expect(proposal).toBeDefined();
    expect(await count("demo", "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'demo'")).toBe(pendingBefore);

    const applied = expectStatus(await office.decide("office-1", String(proposal?.id), "approve", "acme"), "ok");
    const intakeId = (applied.data as { intakeId: string }).intakeId;
    expect(
      await count("acme", "SELECT count(*) AS n FROM intake_items WHERE tenant_id = 'acme' AND id = ?", intakeId),
    ).toBe(1);
    expect(
      await count("demo", "SELECT count(*) AS n FROM intake_items WHERE tenant_id = 'demo' AND id = ?", intakeId),
    ).toBe(0);
  });

  it("counts the rate limit per business: acme's limit does not spend demo's", async () => {
    await openAcmePage();
    const routes = publicRoutes(office, { limit: 2, clientKey: (c) => c.req.header("x-test-client") ?? "anon" });
    const send = post(routes);
    const triage = { description: "no hot water since yesterday" };
    expect((await send("/support/acme/triage", triage)).status).toBe(200);
    expect((await send("/support/acme/triage", triage)).status).toBe(200);
    const third = await send("/support/acme/triage", triage);
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    // Same connection, the default business: its own allowance.
    expect((await send("/support/triage", triage)).status).toBe(200);
    expect(
      await count("acme", "SELECT coalesce(sum(count), 0) AS n FROM public_rate_limits WHERE tenant_id = 'acme'"),
    ).toBe(3);
    expect(
      await count("demo", "SELECT coalesce(sum(count), 0) AS n FROM public_rate_limits WHERE tenant_id = 'demo'"),
    ).toBe(1);
  });

  it("an emergency on a business's page gets the leave-and-call instruction first", async () => {
    await openAcmePage();
    const res = await post(createApp(office, { log: () => undefined }))("/support/acme/triage", {
      description: "the CO alarm is going off and we all have headaches",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ emergency: { kind: expect.any(String) }, possibleCauses: [] });
  });

  it("an unknown business, or one without a public page, is the app's plain 404 and leaves no trace", async () => {
    // acme exists but has no public page yet (no public actor); "nope" does not exist at all.
    const app = createApp(office, { log: () => undefined });
    const send = post(app);
    const unknownPath = await app.request("/no-such-page");
    const shape = (body: unknown, path: string) => JSON.stringify(body).replaceAll(path, "<path>");
    const unknownBody = shape(await unknownPath.json(), "/no-such-page");

    for (const path of ["/support/nope", "/support/acme", "/support/NOPE%2F..", "/support/triage"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(shape(await res.json(), new URL(path, "http://x").pathname), path).toBe(unknownBody);
    }
    for (const path of ["/support/nope/triage", "/support/acme/request"]) {
      const res = await send(path, REQUEST);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text).not.toMatch(/Acme Comfort|not set up|business/i);
    }
    for (const tenantId of ["nope", "acme"]) {
      expect(await count(tenantId, "SELECT count(*) AS n FROM public_rate_limits WHERE tenant_id = ?", tenantId)).toBe(
        0,
      );
    }
    expect(await count("acme", "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'acme'")).toBe(0);
  });
});
