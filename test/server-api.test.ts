// The REST channel end to end (app.request, no sockets): tokens, the seed's read API, proposals and approvals,
// tenant isolation, health, the operator manual and the OpenAPI document.
import { afterEach, describe, expect, it } from "vitest";
import { FAILURE_CLASSES } from "../contracts/index.ts";
import { createApp } from "../server/app.ts";
import { READ_ROUTES } from "../server/read-routes.ts";
import { createToken, setTenantHealth } from "../store/repos/tenants.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

type Body = Record<string, unknown> & {
  status?: string;
  data?: unknown;
  failure?: { class: string; reason: string };
  proposal?: { id: string; status: string; risk: string };
};

const opened: TestOffice[] = [];
afterEach(() => {
  for (const office of opened.splice(0)) office.close();
});

async function setup() {
  const office = await makeOffice();
  opened.push(office);
  const app = createApp(office, { log: () => undefined });
  const token = (actorId: string, mode: "read_only" | "propose_actions" = "propose_actions", tenantId = "demo") =>
    office.scoped(tenantId, () =>
      office.store.write((tx) => createToken(tx, { tenantId, actorId, mode, now: office.clock.now })),
    );
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Body; text: string }> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(path, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    let body: Body = {};
    try {
      body = JSON.parse(text) as Body;
    } catch {
      body = {};
    }
    return { status: res.status, body, text };
  };
  const customerName = async (customerId: string, tenantId = "demo"): Promise<string> => {
    const [row] = await office.rows<{ name: string }>(
      tenantId,
      "SELECT name FROM customers WHERE tenant_id = ? AND id = ?",
      tenantId,
      customerId,
    );
    if (!row) throw new Error(`no customer ${customerId} in ${tenantId}`);
    return row.name;
  };
  return { office, app, token, call, customerName };
}

describe("authentication", () => {
  it("refuses a request with no token, an unknown token, a malformed header or an expired token with 401", async () => {
    const { office, call, token } = await setup();
    const missing = await call("GET", "/api/dashboard.json");
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ status: "refused", failure: { class: "forbidden" } });
    expect(missing.body.failure?.reason).toMatch(/token/);

    expect((await call("GET", "/api/dashboard.json", { token: "tok_not-a-real-token" })).status).toBe(401);
    expect(
      (await call("GET", "/api/dashboard.json", { headers: { authorization: "Basic Zm91bmRlcjpwdw==" } })).status,
    ).toBe(401);

    const shortLived = await office.scoped("demo", () =>
      office.store.write((tx) =>
        createToken(tx, { tenantId: "demo", actorId: "founder", mode: "read_only", now: office.clock.now, ttlDays: 1 }),
      ),
    );
    expect((await call("GET", "/api/dashboard.json", { token: shortLived })).status).toBe(200);
    office.clock.advance(2 * 86_400_000);
    expect((await call("GET", "/api/dashboard.json", { token: shortLived })).status).toBe(401);
    expect((await call("GET", "/api/dashboard.json", { token: await token("founder") })).status).toBe(200);
  });
});

describe("the seed's read API", () => {
  it("returns each route's payload in its contract shape, read through the kernel as the token's actor", async () => {
    const { call, token } = await setup();
    const founder = await token("founder", "read_only");
    for (const route of READ_ROUTES) {
      const res = await call("GET", `/api${route.path}`, { token: founder });
      expect(res.status, `${route.path}: ${res.text.slice(0, 300)}`).toBe(200);
      expect(() => route.schema.parse(res.body), route.path).not.toThrow();
    }
  });

  it("runs a tool with no arguments from an empty POST body", async () => {
    const { app, token } = await setup();
    const res = await app.request("/api/tools/crm.business_profile", {
      method: "POST",
      headers: { authorization: `Bearer ${await token("tech-1")}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", data: { tenantId: "demo", sendsEnabled: false } });
  });

  it("pages customers with offset and limit", async () => {
    const { call, token } = await setup();
    const founder = await token("founder");
    const page = await call("GET", "/api/customers.json?offset=1&limit=2", { token: founder });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ offset: 1, limit: 2 });
    expect((page.body.customers as unknown[]).length).toBeLessThanOrEqual(2);
  });

  it("renders the kernel's role refusal: a salesperson gets 403 on the intake queue and the audit trail", async () => {
    const { call, token } = await setup();
    const sales = await token("sales-1");
    for (const path of ["/api/intake.json", "/api/audit.json"]) {
      const res = await call("GET", path, { token: sales });
      expect(res.status).toBe(403);
      expect(res.body.failure?.class).toBe("forbidden");
    }
  });
});

describe("writes become proposals that a person approves", () => {
  it("a salesperson's customer change is proposed, changes nothing, and applies once on the founder's approval", async () => {
    const { office, call, token } = await setup();
    const customerId = await office.firstId("demo", "customers");
    const sales = await token("sales-1");
    const founder = await token("founder");
    const read = async (who: string) =>
      (await call("POST", "/api/tools/crm.get_customer", { token: who, body: { customerId } })).body as {
        status: string;
        data: { customer: { phone: string | null; version: number } };
      };
    const before = await read(sales);
    expect(before.status).toBe("ok");

    const proposed = await call("POST", "/api/tools/crm.update_customer", {
      token: sales,
      body: { customerId, patch: { phone: "(720) 555-0111" } },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.status).toBe("proposed");
    const id = proposed.body.proposal?.id ?? "";
    expect(id).toMatch(/^P-\d+$/);
    expect((await read(sales)).data.customer.phone).toBe(before.data.customer.phone);

    const selfApproval = await call("POST", `/api/proposals/${id}/approve`, { token: sales });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.failure?.class).toBe("forbidden");

    const approved = await call("POST", `/api/proposals/${id}/approve`, {
      token: founder,
      body: { notes: "checked with the customer" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("ok");
    expect(approved.body.proposal?.status).toBe("applied");
    const after = await read(founder);
    expect(after.data.customer).toMatchObject({ phone: "(720) 555-0111", version: before.data.customer.version + 1 });

    const again = await call("POST", `/api/proposals/${id}/approve`, { token: founder });
    expect(again.body).toMatchObject({ status: "ok", proposal: { status: "applied" } });
    expect((await read(founder)).data.customer.version).toBe(after.data.customer.version);
    const [applications] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'demo' AND proposal_id = ? AND outcome = 'applied'",
      id,
    );
    expect(applications?.n).toBe(1);

    const shown = await call("GET", `/api/proposals/${id}`, { token: founder });
    expect(shown.body.proposal).toMatchObject({ id, status: "applied" });
  });

  it("the same Idempotency-Key proposes once", async () => {
    const { office, call, token } = await setup();
    const customerId = await office.firstId("demo", "customers");
    const sales = await token("sales-1");
    const send = () =>
      call("POST", "/api/tools/crm.update_customer", {
        token: sales,
        headers: { "idempotency-key": "phone-fix-1" },
        body: { customerId, patch: { phone: "(720) 555-0122" } },
      });
    const first = await send();
    const second = await send();
    expect(second.body.proposal?.id).toBe(first.body.proposal?.id);
  });

  it("lists proposals by status, rejects, and edits into a new version", async () => {
    const { office, call, token } = await setup();
    const customerId = await office.firstId("demo", "customers");
    const sales = await token("sales-1");
    const officeToken = await token("office-1");
    const propose = async (phone: string) =>
      (await call("POST", "/api/tools/crm.update_customer", { token: sales, body: { customerId, patch: { phone } } }))
        .body.proposal?.id ?? "";
    const first = await propose("(720) 555-0131");
    const second = await propose("(720) 555-0132");

    const pending = await call("GET", "/api/proposals.json?status=pending", { token: officeToken });
    const ids = (pending.body.proposals as { id: string; status: string }[]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([first, second]));

    const rejected = await call("POST", `/api/proposals/${first}/reject`, { token: officeToken, body: {} });
    expect(rejected.body).toMatchObject({ status: "ok", proposal: { id: first, status: "rejected" } });

    const edited = await call("POST", `/api/proposals/${second}/edit`, {
      token: sales,
      body: { input: { customerId, patch: { phone: "(720) 555-0133" } } },
    });
    expect(edited.body.status).toBe("proposed");
    expect(edited.body.proposal).toMatchObject({ status: "pending", version: 2, supersedes: second });
    const old = await call("GET", `/api/proposals/${second}`, { token: sales });
    expect(old.body.proposal?.status).toBe("superseded");

    const closed = await call("GET", "/api/proposals.json?status=rejected,superseded", { token: officeToken });
    expect((closed.body.proposals as { id: string }[]).map((p) => p.id).sort()).toEqual([first, second].sort());
  });

  it("a read-only token can read but its writes and decisions are refused 403 forbidden", async () => {
    const { office, call, token } = await setup();
    const customerId = await office.firstId("demo", "customers");
    const viewer = await token("founder", "read_only");
    const write = await call("POST", "/api/tools/crm.add_note", {
      token: viewer,
      body: { customerId, body: "Called back, left a message." },
    });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ status: "refused", failure: { class: "forbidden" } });

    const sales = await token("sales-1");
    const proposed = await call("POST", "/api/tools/crm.update_customer", {
      token: sales,
      body: { customerId, patch: { status: "inactive" } },
    });
    const id = proposed.body.proposal?.id ?? "";
    const decision = await call("POST", `/api/proposals/${id}/approve`, { token: viewer });
    expect(decision.status).toBe(403);
    expect(decision.body.failure?.class).toBe("forbidden");
    expect((await call("GET", `/api/proposals/${id}`, { token: viewer })).body.proposal?.status).toBe("pending");
  });
});

describe("tenant isolation", () => {
  it("an acme token asking for a demo customer or proposal gets 404 not_found, never the record", async () => {
    const { office, call, token, customerName } = await setup();
    const demoCustomer = await office.firstId("demo", "customers");
    const acme = await token("founder", "propose_actions", "acme");
    const res = await call("POST", "/api/tools/crm.get_customer", { token: acme, body: { customerId: demoCustomer } });
    expect(res.status).toBe(404);
    expect(res.body.failure?.class).toBe("not_found");
    expect(res.text).not.toContain(await customerName(demoCustomer));

    const sales = await token("sales-1");
    const proposed = await call("POST", "/api/tools/crm.update_customer", {
      token: sales,
      body: { customerId: demoCustomer, patch: { tags: ["vip"] } },
    });
    const id = proposed.body.proposal?.id ?? "";
    expect((await call("GET", `/api/proposals/${id}`, { token: acme })).status).toBe(404);
    const approve = await call("POST", `/api/proposals/${id}/approve`, { token: acme });
    expect(approve.status).toBe(404);
    const acmeList = await call("GET", "/api/proposals.json", { token: acme });
    expect((acmeList.body.proposals as { id: string }[]).map((p) => p.id)).not.toContain(id);
  });
});

describe("public pages", () => {
  it("/healthz reports store and tenant health with sends disabled and no customer names", async () => {
    const { office, call } = await setup();
    const res = await call("GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, store: { ok: true } });
    const tenants = res.body.tenants as { id: string; sendsEnabled: boolean }[];
    expect(tenants.map((t) => t.id)).toEqual(expect.arrayContaining(["demo", "acme"]));
    expect(tenants.every((t) => t.sendsEnabled === false)).toBe(true);
    // Every business's customers: each read in its own tenant's scope.
    const names: { name: string }[] = [];
    for (const t of tenants) {
      names.push(
        ...(await office.rows<{ name: string }>(t.id, "SELECT name FROM customers WHERE tenant_id = ?", t.id)),
      );
    }
    expect(names.length).toBeGreaterThan(0);
    for (const { name } of names) expect(res.text).not.toContain(name);
  });

  it("/operator-manual is printable HTML with every failure class, the roles, the stop rule and how to get a token", async () => {
    const { app } = await setup();
    const res = await app.request("/operator-manual");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const page = await res.text();
    for (const cls of FAILURE_CLASSES) expect(page).toContain(cls);
    for (const role of [
      "founder",
      "office",
      "sales_manager",
      "salesperson",
      "tech",
      "customer",
      "ai_client",
      "system",
    ]) {
      expect(page).toContain(`<code>${role}</code>`);
    }
    expect(page).toContain("sev0_stop means freeze, preserve evidence and notify the founder before repair");
    expect(page).toContain("npx office token create --tenant demo --actor founder");
    expect(page).toMatch(/Never auto-merge/);
    expect(page).toMatch(/Never auto-send/);
    expect(page).toContain("@media print");
  });

  it("/api/openapi.json documents every route the app serves and every tool's input schema", async () => {
    const { app, office } = await setup();
    const res = await app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      "x-tools": { name: string; inputSchema: { type?: string } }[];
    };
    expect(doc.openapi).toBe("3.1.0");
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({
        method: r.method.toLowerCase(),
        path: r.path.replace(/:(\w+)/g, "{$1}").replace(/\/\*$/, "/{path}"),
      }));
    expect(served.length).toBeGreaterThanOrEqual(READ_ROUTES.length + 7);
    for (const { method, path } of served) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc["x-tools"].map((t) => t.name).sort()).toEqual(
      office.kernel.registry
        .list()
        .map((t) => t.name)
        .sort(),
    );
    expect(doc["x-tools"].every((t) => t.inputSchema.type === "object")).toBe(true);
  });
});

describe("a frozen business", () => {
  it("under sev0_stop, reads still serve real data, writes are refused 503 adapter_unavailable, /healthz shows it", async () => {
    const { office, call, token } = await setup();
    const customerId = await office.firstId("demo", "customers");
    const founder = await token("founder");
    await office.scoped("demo", () => office.store.write((tx) => setTenantHealth(tx, "demo", { status: "sev0_stop" })));
    expect((await call("GET", "/api/dashboard.json", { token: founder })).status).toBe(200);
    const write = await call("POST", "/api/tools/crm.add_note", {
      token: founder,
      body: { customerId, body: "Hello" },
    });
    expect(write.status).toBe(503);
    expect(write.body.failure?.class).toBe("adapter_unavailable");
    const health = await call("GET", "/healthz");
    expect(health.body.tenants).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "demo", status: "sev0_stop", writesEnabled: false })]),
    );
  });
});

describe("errors", () => {
  it("a broken store gives a 500 refusal with a reference and no stack trace", async () => {
    const { office, app, token } = await setup();
    const founder = await token("founder");
    office.close();
    const res = await app.request("/api/dashboard.json", { headers: { authorization: `Bearer ${founder}` } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: "refused", failure: { class: "adapter_unavailable" } });
    expect(text).toMatch(/reference [0-9a-f]{8}/);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    opened.splice(opened.indexOf(office), 1);
  });
});
