// /api/proposals*: the review queue over REST. A decision is turned into kernel.decide with the token's actor and
// re-checked there (ARCHITECTURE §3.4); this file only carries the proposal id and the notes.
import { Hono } from "hono";
import type { z } from "zod";
import { type ProposalStatus, ProposalStatusSchema } from "../../contracts/index.ts";
import type { ApiEnv } from "../auth.ts";
import { isPlainObject, readJsonBody, refuse, renderResult } from "../http.ts";
import type { Office } from "../office.ts";
import { DecisionBodySchema, EditBodySchema } from "../payloads.ts";

const PROPOSAL_ID = /^P-\d{1,12}$/;

function plainIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

function badId(id: string): string {
  return `"${id.slice(0, 40)}" is not a proposal id; proposal ids look like P-12.`;
}

export function proposalRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/proposals.json", async (c) => {
    const unknown = Object.keys(c.req.queries()).filter((k) => k !== "status");
    if (unknown.length > 0) {
      return refuse(c, "invalid_input", `Unknown query parameter "${unknown[0]}": this route accepts only status.`);
    }
    const raw = c.req.query("status");
    let statuses: ProposalStatus[] | undefined;
    if (raw !== undefined) {
      statuses = [];
      for (const word of raw.split(",").map((s) => s.trim())) {
        const parsed = ProposalStatusSchema.safeParse(word);
        if (!parsed.success) {
          return refuse(
            c,
            "invalid_input",
            `"${word.slice(0, 40)}" is not a proposal status; use any of ${ProposalStatusSchema.options.join(", ")}.`,
          );
        }
        statuses.push(parsed.data);
      }
    }
    return c.json({ proposals: await office.kernel.listProposalsFor(c.get("grant").actor, statuses) });
  });

  routes.get("/proposals/:id", async (c) => {
    const id = c.req.param("id");
    if (!PROPOSAL_ID.test(id)) return refuse(c, "invalid_input", badId(id));
    const proposal = await office.kernel.getProposalFor(c.get("grant").actor, id);
    if (!proposal) return refuse(c, "not_found", `No proposal ${id} in this business.`);
    return c.json({ proposal });
  });

  for (const decision of ["approve", "reject"] as const) {
    routes.post(`/proposals/:id/${decision}`, async (c) => {
      const id = c.req.param("id");
      if (!PROPOSAL_ID.test(id)) return refuse(c, "invalid_input", badId(id));
      const body = await readJsonBody(c, {});
      if (!body.ok) return refuse(c, "invalid_input", body.reason);
      const parsed = DecisionBodySchema.safeParse(body.value);
      if (!parsed.success) {
        return refuse(c, "invalid_input", `The decision body is not valid: ${plainIssues(parsed.error)}.`);
      }
      const { tenantId, actor, mode } = c.get("grant");
      return renderResult(c, await office.kernel.decide(tenantId, id, decision, actor, "api", parsed.data.notes, mode));
    });
  }

  routes.post("/proposals/:id/edit", async (c) => {
    const id = c.req.param("id");
    if (!PROPOSAL_ID.test(id)) return refuse(c, "invalid_input", badId(id));
    const body = await readJsonBody(c, undefined);
    if (!body.ok) return refuse(c, "invalid_input", body.reason);
    const parsed = EditBodySchema.safeParse(body.value);
    if (!parsed.success || !isPlainObject(body.value) || !("input" in body.value)) {
      return refuse(c, "invalid_input", 'Send the new tool input, and nothing else, as JSON: { "input": { … } }.');
    }
    const { tenantId, actor, mode } = c.get("grant");
    return renderResult(c, await office.kernel.editProposal(tenantId, id, parsed.data.input, actor, "api", mode));
  });

  return routes;
}
