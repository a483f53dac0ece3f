// GET /api/openapi.json: the generated OpenAPI 3.1 document. Public: it describes routes and tools, not tenant data.
import { Hono } from "hono";
import type { Office } from "../office.ts";
import { buildOpenApi } from "../openapi.ts";

export function openApiRoutes(office: Office): Hono {
  const routes = new Hono();
  const document = buildOpenApi(office.kernel.registry);
  routes.get("/openapi.json", (c) => c.json(document));
  return routes;
}
