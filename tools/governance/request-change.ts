// governance.request_change: files a change to how the office runs ("chase quotes after 5 days not 7"). Charter
// steps 1–4: receipt, validator, eligibility, draft contract. Changes no setting: the founder approves a contract.
import { z } from "zod";
import { getTenant, type TenantRow } from "../../store/repos/tenants.ts";
import { defineTool } from "../kernel/index.ts";
import { fileIssue } from "./engine.ts";

const ChangeSchema = z.object({ capability: z.string().min(1), field: z.string().min(1), value: z.unknown() });

export const requestChangeTool = defineTool({
  name: "governance.request_change",
  title: "Request a change to how the office runs",
  description:
    "File a request to change an office setting, in plain words (e.g. 'chase quotes after 5 days not 7', 'quiet " +
    "hours 9pm to 8am', 'deposit 50%') or as named settings. The workflow records the request, validates it, checks " +
    "eligibility and, if eligible, drafts a contract the founder must approve. It changes no setting by itself. " +
    "Filing is applied at once under the listed rule file_change_request.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  autoApply: {
    rule: "file_change_request",
    why: "Filing a change request records it and drafts a contract; no setting changes until the founder approves.",
  },
  input: z.object({
    request: z.string().trim().min(3, "say what should change").max(2000),
    source: z.enum(["crm_feedback", "support_ticket", "ops_alert"]).default("crm_feedback"),
    changes: z.array(ChangeSchema).max(20).optional(),
  }),
  output: z.object({
    issueId: z.string(),
    status: z.enum(["ELIGIBLE", "INELIGIBLE"]),
    validation: z.record(z.string(), z.unknown()),
    eligibility: z.record(z.string(), z.unknown()),
    contractId: z.string().nullable(),
    reviewProposalId: z.string().nullable(),
    summary: z.string(),
  }),
  example: { request: "Chase quotes after 5 days, not 7." },
  async preview(input) {
    return {
      summary: `File change request: "${input.request}" (validated and checked for eligibility; the founder approves any contract)`,
      changes: [{ entity: "gov_issue", id: null, field: "request", before: null, after: input.request }],
      basis: [],
    };
  },
  async run(input, ctx) {
    const tenant = (await getTenant(ctx.db, ctx.tenantId)) as TenantRow;
    const filed = await fileIssue(ctx.db, tenant, ctx.actor, ctx.now, {
      text: input.request,
      source: input.source,
      channel: ctx.channel,
      ...(input.changes ? { changes: input.changes.map((c) => ({ ...c, value: c.value })) } : {}),
    });
    return {
      ...filed,
      validation: { ...filed.validation },
      eligibility: { ...filed.eligibility },
    };
  },
});
