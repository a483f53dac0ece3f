// The web channel mounted the way server/app.ts will mount it (cookie → bearer before /api auth, then the REST app,
// the chat and the web routes), plus a real HTTP server on 127.0.0.1 for the browser tests.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../../server/app.ts";
import type { ApiEnv } from "../../server/auth.ts";
import type { Office } from "../../server/office.ts";
import { chatRoutes } from "../../server/routes/chat.ts";
import { sessionCookieAuth, webRoutes } from "../../server/routes/web.ts";

export function webTestApp(office: Office): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("/api/*", sessionCookieAuth());
  app.route("/", createApp(office, { log: () => {} }));
  app.route("/api", chatRoutes(office, { primary: null, log: () => {} }));
  app.route("/", webRoutes(office));
  return app;
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
export function uniqueCustomer(office: Office): { id: string; name: string; last: string; phone: string } {
  const rows = office.store.raw
    .prepare("SELECT id, name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id")
    .all() as { id: string; name: string; phone: string }[];
  const lastOf = (name: string) => (name.split(" ").at(-1) ?? "").toLowerCase();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(lastOf(r.name), (counts.get(lastOf(r.name)) ?? 0) + 1);
  const hit = rows.find(
    (r) => counts.get(lastOf(r.name)) === 1 && /^[a-z]+$/.test(lastOf(r.name)) && !r.name.includes("&"),
  );
  if (!hit) throw new Error("no customer with a unique last name in the demo data");
  return { ...hit, last: lastOf(hit.name) };
}
