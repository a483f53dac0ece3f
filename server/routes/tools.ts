// POST /api/tools/:name: any registered tool, run through the kernel as the token's actor in the token's mode.
// Writes come back as proposals; this route never holds apply_allowed and never approves anything.
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { humanCall } from "../../tools/kernel/index.ts";
import type { ApiEnv } from "../auth.ts";
import { readJsonBody, refuse, renderResult } from "../http.ts";
import type { Office } from "../office.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function toolRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.post("/:name", async (c) => {
    const header = c.req.header("idempotency-key");
    if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
      return refuse(
        c,
        "invalid_input",
        "The Idempotency-Key header must be 1 to 200 visible characters with no spaces; leave it out to get a new one.",
      );
    }
    // An empty body is an empty input, so tools without arguments need no body.
    const body = await readJsonBody(c, {});
    if (!body.ok) return refuse(c, "invalid_input", body.reason);
    const { actor, mode } = c.get("grant");
    const ctx = humanCall(office.kernel, actor, "api", mode, header ?? randomUUID());
    return renderResult(c, await office.kernel.execute(c.req.param("name"), body.value, ctx));
  });
  return routes;
}
