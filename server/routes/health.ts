// GET /healthz: store status and each tenant's health switches, for monitors. No auth and no customer data.
import { Hono } from "hono";
import { getTenant, listTenantIds, toBusinessProfile } from "../../store/repos/tenants.ts";
import type { Office } from "../office.ts";

export function healthRoutes(office: Office): Hono {
  const routes = new Hono();
  routes.get("/healthz", async (c) => {
    const store = office.store.status();
    const tenants = [];
    for (const id of await listTenantIds(office.store.db)) {
      const row = await getTenant(office.store.db, id);
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
    return c.json({ ok: store.ok, store, tenants }, store.ok ? 200 : 503);
  });
  return routes;
}
