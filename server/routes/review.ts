// The review queue's two routes: GET /api/review.json (pending proposals grouped by the trigger that raised them, with
// reasoning, confidence, evidence and the diff) and POST /api/proposals/bulk-decide (several low-risk proposals at
// once, each one decided by kernel.decide on its own and reported by id). Nothing here grants a right.
import { Hono } from "hono";
import { z } from "zod";
import { type Actor, type Proposal, ProposalViewSchema } from "../../contracts/index.ts";
import { getTrigger } from "../../store/repos/ops.ts";
import { getTenant } from "../../store/repos/tenants.ts";
import { effectiveValue, settingOf } from "../../tools/governance/capabilities.ts";
import { proposalView, redactForRole, whyActorMayNotDecide } from "../../tools/kernel/index.ts";
import { TRIGGER_LABELS, TRIGGER_TYPES, type TriggerType } from "../../tools/ops/thresholds.ts";
import type { ApiEnv } from "../auth.ts";
import { readJsonBody, refuse } from "../http.ts";
import type { Office } from "../office.ts";
import { scanTenant } from "../../tools/ops/index.ts";
import { ScanRunSchema } from "../payloads.ts";

const ReviewItemSchema = ProposalViewSchema.extend({
  channel: z.string(),
  createdAt: z.string(),
  reasoning: z.string().nullable(),
  confidence: z.number().nullable(),
  evidenceRefs: z.array(z.string()),
  triggerId: z.string().nullable(),
  triggerType: z.string().nullable(),
  /** The kernel's approval policy for this person (the same answer as /api/proposals/{id}/can-decide). */
  mayDecide: z.boolean(),
  reason: z.string().nullable(),
  /** The tool input, for Edit; only for a person who may decide. */
  input: z.unknown().optional(),
});

export const ReviewQueueSchema = z.object({
  pending: z.number(),
  groups: z.array(
    z.object({
      /** trigger:<type>, governance or people */
      key: z.string(),
      kind: z.enum(["trigger", "governance", "people"]),
      label: z.string(),
      count: z.number(),
      proposals: z.array(ReviewItemSchema),
    }),
  ),
});
type ReviewItem = z.infer<typeof ReviewItemSchema>;
type ReviewGroup = z.infer<typeof ReviewQueueSchema>["groups"][number];

const PROPOSAL_ID = /^P-\d{1,12}$/;

export const BulkDecideBodySchema = z
  .object({
    ids: z
      .array(z.string().regex(PROPOSAL_ID, "proposal ids look like P-12"))
      .min(1, "name at least one proposal")
      .max(100, "at most 100 proposals at once"),
    decision: z.enum(["approve", "reject"]).default("approve"),
    notes: z.string().max(2000, "notes are limited to 2000 characters").optional(),
  })
  .strict();

export const BulkDecideResultSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  /** How many ids the kernel accepted (approved and applied, or rejected) and how many it refused. */
  done: z.number(),
  refused: z.number(),
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["ok", "proposed", "refused", "stopped"]),
      proposalStatus: z.string().nullable(),
      failure: z.object({ class: z.string(), reason: z.string() }).optional(),
    }),
  ),
});

/** Only low-risk proposals may be decided in bulk: medium and high risk each deserve their own look. */
const BULK_RISK = "low";

async function reviewItem(office: Office, viewer: Actor, readOnly: boolean, p: Proposal): Promise<ReviewItem> {
  const tool = office.kernel.registry.get(p.tool);
  const view = redactForRole(proposalView(p), viewer.role, tool?.sensitive);
  const trigger = p.triggerId ? await getTrigger(office.store.db, p.tenantId, p.triggerId) : null;
  const reason = readOnly ? "A read-only session cannot approve or reject." : whyActorMayNotDecide(p, viewer);
  return {
    ...view,
    channel: p.channel,
    createdAt: p.createdAt,
    reasoning: p.reasoning,
    confidence: p.confidence,
    evidenceRefs: p.evidenceRefs,
    triggerId: p.triggerId,
    triggerType: trigger?.type ?? null,
    mayDecide: reason === null,
    reason,
    ...(reason === null ? { input: p.input } : {}),
  };
}

/**
 * A governance draft's preview lists only the new values; the review shows each beside the value the business
 * runs with now (its stored setting, else the built-in default), so the founder sees the change as a diff.
 */
function withCurrentSettings(item: ReviewItem, config: Record<string, unknown>): ReviewItem {
  const changes = item.preview.changes.map((change) => {
    const setting = change.id ? settingOf(change.id, change.field) : undefined;
    return setting ? { ...change, before: effectiveValue(config, setting) } : change;
  });
  return { ...item, preview: { ...item.preview, changes } };
}

function groupOf(item: ReviewItem): { key: string; kind: ReviewGroup["kind"]; label: string } {
  if (item.triggerType) {
    const label = TRIGGER_LABELS[item.triggerType as TriggerType] ?? item.triggerType;
    return { key: `trigger:${item.triggerType}`, kind: "trigger", label };
  }
  if (item.tool.startsWith("governance.")) {
    return { key: "governance", kind: "governance", label: "Governed changes waiting on the founder" };
  }
  return { key: "people", kind: "people", label: "Asked by people" };
}

/** Trigger groups in pipeline order, then governed changes, then what people asked for. */
function groupRank(key: string): number {
  const t = TRIGGER_TYPES.indexOf(key.replace(/^trigger:/, "") as TriggerType);
  if (t >= 0) return t;
  return key.startsWith("trigger:") ? TRIGGER_TYPES.length : key === "governance" ? 100 : 101;
}

export function reviewRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/review.json", async (c) => {
    if (Object.keys(c.req.queries()).length > 0) {
      return refuse(c, "invalid_input", "This route takes no query parameters.");
    }
    const { tenantId, actor, mode } = c.get("grant");
    const pending = await office.kernel.listProposals(tenantId, ["pending"]);
    const config = (await getTenant(office.store.db, tenantId))?.config ?? {};
    const groups = new Map<string, ReviewGroup>();
    for (const p of pending) {
      let item = await reviewItem(office, actor, mode === "read_only", p);
      if (item.tool === "governance.activate_contract") item = withCurrentSettings(item, config);
      const { key, kind, label } = groupOf(item);
      const group = groups.get(key) ?? { key, kind, label, count: 0, proposals: [] };
      group.proposals.push(item);
      group.count++;
      groups.set(key, group);
    }
    const sorted = [...groups.values()].sort((a, b) => groupRank(a.key) - groupRank(b.key));
    return c.json({ pending: pending.length, groups: sorted });
  });

  routes.post("/proposals/bulk-decide", async (c) => {
    const body = await readJsonBody(c, undefined);
    if (!body.ok) return refuse(c, "invalid_input", body.reason);
    const parsed = BulkDecideBodySchema.safeParse(body.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
      return refuse(c, "invalid_input", `Send { "ids": ["P-1", …], "decision": "approve" }: ${issues}.`);
    }
    const { tenantId, actor, mode } = c.get("grant");
    const { decision, notes } = parsed.data;
    const results: z.infer<typeof BulkDecideResultSchema>["results"] = [];
    // One id at a time, each through kernel.decide: the policy, the health and the stale check hold for every one.
    for (const id of new Set(parsed.data.ids)) {
      const proposal = await office.kernel.getProposal(tenantId, id);
      if (proposal && proposal.risk !== BULK_RISK) {
        results.push({
          id,
          status: "refused",
          proposalStatus: proposal.status,
          failure: {
            class: "forbidden",
            reason: `${id} is ${proposal.risk} risk; only low-risk proposals are decided in bulk. Open it on its own.`,
          },
        });
        continue;
      }
      const result = await office.kernel.decide(tenantId, id, decision, actor, "api", notes, mode);
      results.push({
        id,
        status: result.status,
        proposalStatus: result.proposal?.status ?? null,
        ...(result.status === "refused"
          ? { failure: { class: result.failure.class, reason: result.failure.reason } }
          : {}),
      });
    }
    const refused = results.filter((r) => r.status === "refused").length;
    return c.json({ decision, done: results.length - refused, refused, results });
  });

  // "Scan now": the same scan the scheduler runs, for the token's business. It changes no record; new triggers
  // become pending suggestions. Whichever instance gets it, a scan already running elsewhere makes it a no-op.
  routes.post("/triggers/run", async (c) => {
    const { tenantId, actor, mode } = c.get("grant");
    if (mode === "read_only" || !SCAN_ROLES.has(actor.role)) {
      return refuse(c, "forbidden", `A ${actor.role} may not start a trigger scan; the founder or the office can.`);
    }
    const report = await scanTenant(office.kernel, tenantId);
    return c.json(ScanRunSchema.parse(report));
  });

  return routes;
}

const SCAN_ROLES: ReadonlySet<string> = new Set(["founder", "office"]);
