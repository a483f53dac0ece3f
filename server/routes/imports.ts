// POST /api/imports: stages a CSV export through the kernel (imports.stage_batch) as the token's person, who approves
// the low-risk staging in the same request (one tap), and answers with the batch summary. Mount at /api.
import { Hono } from "hono";
import { z } from "zod";
import { humanCall } from "../../tools/kernel/index.ts";
import type { ApiEnv } from "../auth.ts";
import { readJsonBody, refuse, renderResult } from "../http.ts";
import type { Office } from "../office.ts";

const JsonBodySchema = z
  .object({
    filename: z.string().trim().min(1).max(200),
    profile: z.enum(["servicetitan", "jobber", "housecall_pro", "generic"]).optional(),
    csv: z.string().min(1),
  })
  .strict();

export function importRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post("/imports", async (c) => {
    const grant = c.get("grant");
    const type = c.req.header("content-type") ?? "";
    let input: Record<string, unknown>;
    if (/^text\/(csv|plain)/i.test(type)) {
      const csv = await c.req.text();
      if (csv.trim() === "") return refuse(c, "invalid_input", "The CSV body is empty.");
      const filename = c.req.query("filename") ?? "upload.csv";
      const profile = c.req.query("profile");
      input = { filename, csv, ...(profile ? { profile } : {}) };
    } else {
      const body = await readJsonBody(c, null);
      if (!body.ok) return refuse(c, "invalid_input", body.reason);
      const parsed = JsonBodySchema.safeParse(body.value);
      if (!parsed.success) {
        return refuse(
          c,
          "invalid_input",
          'Send text/csv, or JSON { "filename", "profile"?, "csv" }: ' +
            parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        );
      }
      input = { ...parsed.data };
    }
    const ctx = humanCall(office.kernel, grant.actor, "api", grant.mode);
    const proposed = await office.kernel.execute("imports.stage_batch", input, ctx);
    if (proposed.status !== "proposed") return renderResult(c, proposed);
    // Low risk and asked by this person: the kernel re-checks that they may approve it themself.
    const applied = await office.kernel.decide(grant.tenantId, proposed.proposal.id, "approve", grant.actor, "api");
    if (applied.status !== "ok") return renderResult(c, applied);
    return c.json({ status: "ok", data: applied.data, proposal: applied.proposal }, 201);
  });

  return routes;
}
