// The web channel mounted the way server/app.ts will mount it (cookie → bearer before /api auth, then the REST app,
// the chat and the web routes), plus a real HTTP server on 127.0.0.1 for the browser tests.
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../../server/app.ts";
import type { ApiEnv } from "../../server/auth.ts";
import { type Office, openOffice } from "../../server/office.ts";
import { chatRoutes } from "../../server/routes/chat.ts";
import { sessionCookieAuth, webRoutes } from "../../server/routes/web.ts";
import { createToken } from "../../store/repos/tenants.ts";
import { rawAll } from "../../store/raw.ts";
import { withTenant } from "../../store/scope.ts";
import { ON_POSTGRES, openTestPgStore } from "../pg.ts";

export function webTestApp(office: Office): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("/api/*", sessionCookieAuth());
  app.route("/", createApp(office, { log: () => {} }));
  app.route("/api", chatRoutes(office, { primary: null, log: () => {} }));
  app.route("/", webRoutes(office));
  return app;
}

/**
 * The office a browser test serves, on the real clock: a store file in `dir`, or on the "postgres" vitest project a
 * fresh PostgreSQL schema (dropped when the office closes).
 */
export async function openWebOffice(dir: string): Promise<Office> {
  return openOffice(ON_POSTGRES ? { store: await openTestPgStore() } : { path: join(dir, "office.db") });
}

/** Rows of a plain SQL query (`?` placeholders, portable SQL) read in the demo tenant's scope. */
export function demoRows<T>(office: Office, sql: string, ...params: unknown[]): Promise<T[]> {
  return withTenant("demo", () => rawAll<T>(office.store.db, sql, ...params));
}

/** A bearer token for a demo person, written in the demo tenant's scope through the store's writer. */
export function demoToken(
  office: Office,
  actorId: string,
  mode: "propose_actions" | "read_only" = "propose_actions",
): Promise<string> {
  return withTenant("demo", () =>
    office.store.write((tx) => createToken(tx, { tenantId: "demo", actorId, mode, now: office.kernel.now() })),
  );
}

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the app on 127.0.0.1 at a free port. */
export function startServer(app: Hono<ApiEnv>): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** A demo customer with a phone and a last name nobody else has, so the offline parser finds exactly one. */
export async function uniqueCustomer(
  office: Office,
): Promise<{ id: string; name: string; last: string; phone: string }> {
  const rows = await demoRows<{ id: string; name: string; phone: string }>(
    office,
    "SELECT id, name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id",
  );
  const lastOf = (name: string) => (name.split(" ").at(-1) ?? "").toLowerCase();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(lastOf(r.name), (counts.get(lastOf(r.name)) ?? 0) + 1);
  const hit = rows.find(
    (r) => counts.get(lastOf(r.name)) === 1 && /^[a-z]+$/.test(lastOf(r.name)) && !r.name.includes("&"),
  );
  if (!hit) throw new Error("no customer with a unique last name in the demo data");
  return { ...hit, last: lastOf(hit.name) };
}
