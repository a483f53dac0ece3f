// GET /operator-manual: the printable operator manual. No auth: it carries no tenant data.
import { Hono } from "hono";
import type { Office } from "../office.ts";
import { renderOperatorManual } from "../operator-manual.ts";

export function manualRoutes(office: Office): Hono {
  const routes = new Hono();
  const page = renderOperatorManual(office.kernel.registry);
  routes.get("/operator-manual", (c) => {
    c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    c.header("x-content-type-options", "nosniff");
    return c.html(page);
  });
  return routes;
}
