// GET /healthz: store status (backend, migration count, PostgreSQL pool) and each tenant's health switches, for
// monitors and load balancers. No auth and no customer data.
import { Hono } from "hono";
import { getTenant, listTenantIds, toBusinessProfile } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import type { Office } from "../office.ts";

/** Which server process answered (several run behind one load balancer). */
const INSTANCE = { pid: process.pid, startedAt: new Date().toISOString() };

export function healthRoutes(office: Office): Hono {
  const routes = new Hono();
  routes.get("/healthz", async (c) => {
    const store = await office.store.status();
    const tenants = [];
    for (const id of await listTenantIds(office.store.db)) {
      const row = await withTenant(id, () => getTenant(office.store.db, id));
      if (!row) continue;
      const profile = toBusinessProfile(row);
      tenants.push({
        id,
        status: profile.status,
        adapterHealth: profile.adapterHealth,
        writesEnabled: profile.writesEnabled,
        sendsEnabled: false as const,
      });
    }
    return c.json({ ok: store.ok, instance: INSTANCE, store, tenants }, store.ok ? 200 : 503);
  });
  return routes;
}
