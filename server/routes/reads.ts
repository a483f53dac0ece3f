// GET /api/*.json: the seed's read API. Each route runs its crm read tool through the kernel as the token's actor
// and returns the tool's data; a refusal is returned unchanged with its mapped status.
import { Hono } from "hono";
import { humanCall } from "../../tools/kernel/index.ts";
import type { ApiEnv } from "../auth.ts";
import { readNumberQuery, refuse, renderResult } from "../http.ts";
import type { Office } from "../office.ts";
import { READ_ROUTES } from "../read-routes.ts";

export function readRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  for (const route of READ_ROUTES) {
    routes.get(route.path, async (c) => {
      const query = readNumberQuery(c, route.query);
      if (!query.ok) return refuse(c, "invalid_input", query.reason);
      const { actor, mode } = c.get("grant");
      const result = await office.kernel.execute(route.tool, query.value, humanCall(office.kernel, actor, "api", mode));
      return result.status === "ok" ? c.json(result.data as object) : renderResult(c, result);
    });
  }
  return routes;
}
