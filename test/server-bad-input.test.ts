// Bad input to every route answers 4xx with a plain-words reason: never a 5xx, never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/app.ts";
import { READ_ROUTES } from "../server/read-routes.ts";
import { createToken } from "../store/repos/tenants.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

interface Case {
  name: string;
  method: string;
  path: string;
  /** A raw body string (sent as JSON content). */
  body?: string;
  headers?: Record<string, string>;
  /** Send without the founder's token. */
  anonymous?: boolean;
  status: number;
}

const readCases: Case[] = READ_ROUTES.flatMap((route) => [
  { name: `${route.path} with an unknown parameter`, method: "GET", path: `/api${route.path}?bogus=1`, status: 400 },
  ...route.query.map((q) => ({
    name: `${route.path} with ${q}=abc`,
    method: "GET",
    path: `/api${route.path}?${q}=abc`,
    status: 400,
  })),
  ...route.query.map((q) => ({
    name: `${route.path} with ${q}=-1`,
    method: "GET",
    path: `/api${route.path}?${q}=-1`,
    status: 400,
  })),
  { name: `${route.path} without a token`, method: "GET", path: `/api${route.path}`, anonymous: true, status: 401 },
]);

const cases: Case[] = [
  ...readCases,
  { name: "customers with a fractional limit", method: "GET", path: "/api/customers.json?limit=1.5", status: 400 },
  { name: "customers with limit=0", method: "GET", path: "/api/customers.json?limit=0", status: 400 },
  { name: "customers with a huge limit", method: "GET", path: "/api/customers.json?limit=100000", status: 400 },
  { name: "customers with offset twice", method: "GET", path: "/api/customers.json?offset=1&offset=2", status: 400 },
  { name: "customers with an empty offset", method: "GET", path: "/api/customers.json?offset=", status: 400 },
  { name: "tool with malformed JSON", method: "POST", path: "/api/tools/crm.add_note", body: "{not json", status: 400 },
  {
    name: "tool with wrong types",
    method: "POST",
    path: "/api/tools/crm.add_note",
    body: '{"customerId": 5, "body": true}',
    status: 400,
  },
  { name: "tool with an array body", method: "POST", path: "/api/tools/crm.dashboard", body: "[1,2]", status: 400 },
  { name: "tool with a string body", method: "POST", path: "/api/tools/crm.dashboard", body: '"hello"', status: 400 },
  { name: "tool with null body", method: "POST", path: "/api/tools/crm.get_customer", body: "null", status: 400 },
  { name: "unknown tool", method: "POST", path: "/api/tools/crm.launch_rockets", body: "{}", status: 404 },
  { name: "tool name that is not a name", method: "POST", path: "/api/tools/..%2F..%2Fetc", body: "{}", status: 404 },
  {
    name: "tool input out of range",
    method: "POST",
    path: "/api/tools/crm.list_customers",
    body: '{"limit": 100000}',
    status: 400,
  },
  {
    name: "tool with an unknown field",
    method: "POST",
    path: "/api/tools/crm.dashboard",
    body: '{"surprise": true}',
    status: 400,
  },
  {
    name: "update with a bad email",
    method: "POST",
    path: "/api/tools/crm.update_customer",
    body: '{"customerId": "cus_x", "patch": {"email": "not-an-email"}}',
    status: 400,
  },
  {
    name: "update of a customer that does not exist",
    method: "POST",
    path: "/api/tools/crm.update_customer",
    body: '{"customerId": "cus_nope", "patch": {"status": "past"}}',
    status: 404,
  },
  {
    name: "tool with a blank idempotency key",
    method: "POST",
    path: "/api/tools/crm.dashboard",
    body: "{}",
    headers: { "idempotency-key": "has spaces in it" },
    status: 400,
  },
  {
    name: "tool with a huge body",
    method: "POST",
    path: "/api/tools/crm.add_note",
    body: JSON.stringify({ customerId: "cus_x", body: "x".repeat(2 * 1024 * 1024) }),
    status: 413,
  },
  { name: "proposals with a bad status", method: "GET", path: "/api/proposals.json?status=maybe", status: 400 },
  { name: "proposals with an unknown parameter", method: "GET", path: "/api/proposals.json?limit=1", status: 400 },
  { name: "proposal with a malformed id", method: "GET", path: "/api/proposals/nope", status: 400 },
  { name: "proposal that does not exist", method: "GET", path: "/api/proposals/P-999999", status: 404 },
  {
    name: "approve with malformed JSON",
    method: "POST",
    path: "/api/proposals/P-1/approve",
    body: "{oops",
    status: 400,
  },
  {
    name: "approve with notes of the wrong type",
    method: "POST",
    path: "/api/proposals/P-1/approve",
    body: '{"notes": 5}',
    status: 400,
  },
  {
    name: "reject with an unknown field",
    method: "POST",
    path: "/api/proposals/P-1/reject",
    body: '{"approved": true}',
    status: 400,
  },
  { name: "approve a malformed id", method: "POST", path: "/api/proposals/DROP%20TABLE/approve", status: 400 },
  {
    name: "approve a proposal that does not exist",
    method: "POST",
    path: "/api/proposals/P-999999/approve",
    status: 404,
  },
  { name: "edit without input", method: "POST", path: "/api/proposals/P-1/edit", body: "{}", status: 400 },
  { name: "edit with no body", method: "POST", path: "/api/proposals/P-1/edit", status: 400 },
  { name: "edit with malformed JSON", method: "POST", path: "/api/proposals/P-1/edit", body: "input=1", status: 400 },
  {
    name: "edit of a proposal that does not exist",
    method: "POST",
    path: "/api/proposals/P-999999/edit",
    body: '{"input": {}}',
    status: 404,
  },
  { name: "unknown API route", method: "GET", path: "/api/nowhere.json", status: 404 },
  { name: "unknown page", method: "GET", path: "/nowhere", status: 404 },
  { name: "wrong method on a read route", method: "DELETE", path: "/api/dashboard.json", status: 404 },
  { name: "GET on the tool route", method: "GET", path: "/api/tools/crm.dashboard", status: 404 },
  {
    name: "a Basic authorization header",
    method: "GET",
    path: "/api/dashboard.json",
    headers: { authorization: "Basic Zm91bmRlcg==" },
    anonymous: true,
    status: 401,
  },
  {
    name: "a bearer token with odd characters",
    method: "GET",
    path: "/api/dashboard.json",
    headers: { authorization: "Bearer <script>" },
    anonymous: true,
    status: 401,
  },
];

let office: TestOffice;
let founder: string;

beforeAll(async () => {
  office = await makeOffice();
  founder = await office.scoped("demo", () =>
    office.store.write((tx) =>
      createToken(tx, { tenantId: "demo", actorId: "founder", mode: "propose_actions", now: office.clock.now }),
    ),
  );
});
afterAll(() => office.close());

describe("bad input anywhere", () => {
  it.each(cases)("$name → $status with a plain reason", async (c) => {
    const app = createApp(office, { log: () => undefined });
    const headers: Record<string, string> = { ...c.headers };
    if (!c.anonymous) headers.authorization = `Bearer ${founder}`;
    if (c.body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(c.path, {
      method: c.method,
      headers,
      ...(c.body !== undefined ? { body: c.body } : {}),
    });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(c.status);
    const body = JSON.parse(text) as { status: string; failure?: { class: string; reason: string } };
    expect(body.status).toBe("refused");
    expect(body.failure?.reason.trim().length ?? 0).toBeGreaterThan(10);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(text).not.toMatch(/node_modules|ZodError|SyntaxError/);
  });
});
