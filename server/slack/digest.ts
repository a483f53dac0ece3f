// The founder's daily digest in Slack: what is waiting — pending suggestions grouped by the trigger that raised them,
// the other pending proposals by tool, governed changes waiting on the founder, escalations and open incidents.
// It lists and links; deciding stays with the cards, the review queue or "approve P-n" (the kernel decides).
import type { types, webApi } from "@slack/bolt";
import type { Actor, ProposalView } from "../../contracts/index.ts";
import { getTrigger } from "../../store/repos/ops.ts";
import { listActors } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import { humanCall } from "../../tools/kernel/index.ts";
import { TRIGGER_LABELS, TRIGGER_TYPES, type TriggerType } from "../../tools/ops/thresholds.ts";
import type { Office } from "../office.ts";
import { escapeMrkdwn } from "./cards.ts";

export interface DigestOptions {
  /** Defaults to $SLACK_TENANT or "demo". */
  tenantId?: string;
  /** Lines per group before "…and n more" (default 10). */
  perGroup?: number;
}

export interface DigestResult {
  pending: number;
  groups: number;
  /** Pending proposals a trigger raised. */
  suggestions: number;
  /** Governed changes (DRAFT) waiting on the founder's review. */
  drafts: number;
  escalated: number;
  incidents: number;
  ts: string | null;
}

interface DigestGroup {
  title: string;
  /** The trigger type, for suggestions; null for what people asked. */
  triggerType: string | null;
  proposals: ProposalView[];
}

interface ContractLine {
  id: string;
  status: string;
  version: number;
  riskLevel: string;
  reviewProposalId: string | null;
  proposedChanges: unknown[];
  auditVerdict: string | null;
  expiresAt: string;
}

interface IncidentLine {
  id: string;
  kind: string;
  summary: string;
  contractId: string | null;
  openedAt: string;
}

/** Slack allows 50 blocks a message; the review queue holds the rest. */
const MAX_GROUP_BLOCKS = 40;

function triggerLabel(type: string): string {
  return TRIGGER_LABELS[type as TriggerType] ?? type;
}

/**
 * Groups pending proposals: suggestions by the type of trigger that raised them (`triggerTypeOf`: proposal id →
 * trigger type), in pipeline order; the rest by tool. Larger groups first within each kind.
 */
export function groupForDigest(
  proposals: ProposalView[],
  triggerTypeOf: ReadonlyMap<string, string | null>,
): DigestGroup[] {
  const groups = new Map<string, DigestGroup>();
  for (const p of proposals) {
    const triggerType = triggerTypeOf.get(p.id) ?? null;
    const title = triggerType ? `Suggestions · ${triggerLabel(triggerType)}` : p.tool;
    const group = groups.get(title) ?? { title, triggerType, proposals: [] };
    group.proposals.push(p);
    groups.set(title, group);
  }
  const rank = (g: DigestGroup) => {
    if (!g.triggerType) return TRIGGER_TYPES.length + 1;
    const i = TRIGGER_TYPES.indexOf(g.triggerType as TriggerType);
    return i >= 0 ? i : TRIGGER_TYPES.length;
  };
  return [...groups.values()].sort(
    (a, b) => rank(a) - rank(b) || b.proposals.length - a.proposals.length || a.title.localeCompare(b.title),
  );
}

async function founderOf(office: Office, tenantId: string): Promise<Actor | null> {
  return (await listActors(office.store.db, tenantId)).find((a) => a.role === "founder") ?? null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "trigger_thresholds.quoteChaseDays: 7 → 5" for each change of a contract (its recorded before and after). */
function changeWords(changes: unknown[]): string {
  return changes
    .map((c) => {
      const { capability, field, before, after } = (c ?? {}) as Record<string, unknown>;
      return `${String(capability)}.${String(field)}: ${JSON.stringify(before ?? null)} → ${JSON.stringify(after ?? null)}`;
    })
    .join(", ");
}

/** Governed changes and incidents, read through the kernel as the founder (governance.list_contracts). */
async function governanceFor(
  office: Office,
  founder: Actor,
): Promise<{ drafts: ContractLine[]; escalated: ContractLine[]; incidents: IncidentLine[] }> {
  const result = await office.kernel.execute(
    "governance.list_contracts",
    {},
    humanCall(office.kernel, founder, "slack", "propose_actions"),
  );
  if (result.status !== "ok") return { drafts: [], escalated: [], incidents: [] };
  const data = result.data as { contracts: ContractLine[]; incidents: IncidentLine[] };
  return {
    drafts: data.contracts.filter((c) => c.status === "DRAFT"),
    escalated: data.contracts.filter((c) => c.status === "ESCALATED"),
    incidents: data.incidents,
  };
}

function section(text: string): types.KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } };
}

/** Posts the digest to a channel (the founder's DM or an approvals channel). */
export async function postDailyDigest(
  office: Office,
  client: webApi.WebClient,
  channelId: string,
  options: DigestOptions = {},
): Promise<DigestResult> {
  const tenantId = options.tenantId ?? process.env.SLACK_TENANT ?? "demo";
  // The digest is its own entry point (a scheduler or a command posts it, not a Slack delivery): it reads the tenant's
  // people, triggers and governance, so the whole digest runs in that tenant's scope.
  return withTenant(tenantId, () => digestInScope(office, client, channelId, tenantId, options.perGroup ?? 10));
}

async function digestInScope(
  office: Office,
  client: webApi.WebClient,
  channelId: string,
  tenantId: string,
  perGroup: number,
): Promise<DigestResult> {
  const founder = await founderOf(office, tenantId);
  // Seen as the founder (the digest's reader), so redaction follows the founder's role like any other view.
  const pending = founder ? await office.kernel.listProposalsFor(founder, ["pending"]) : [];
  const triggerTypeOf = new Map<string, string | null>();
  for (const p of await office.kernel.listProposals(tenantId, ["pending"])) {
    const trigger = p.triggerId ? await getTrigger(office.store.db, tenantId, p.triggerId) : null;
    triggerTypeOf.set(p.id, trigger?.type ?? null);
  }
  const groups = groupForDigest(pending, triggerTypeOf);
  const suggestionGroups = groups.filter((g) => g.triggerType !== null);
  const suggestions = suggestionGroups.reduce((n, g) => n + g.proposals.length, 0);
  const governance = founder ? await governanceFor(office, founder) : { drafts: [], escalated: [], incidents: [] };

  const waiting =
    pending.length === 0
      ? "nothing is waiting for approval"
      : `${pending.length} proposal${pending.length === 1 ? " is" : "s are"} waiting for approval`;
  const extras = [
    governance.drafts.length > 0
      ? `${plural(governance.drafts.length, "governed change awaits", "governed changes await")} your review`
      : null,
    governance.escalated.length > 0
      ? `${plural(governance.escalated.length, "change is", "changes are")} escalated to you`
      : null,
    governance.incidents.length > 0
      ? `${plural(governance.incidents.length, "incident is", "incidents are")} open`
      : null,
  ].filter((x): x is string => x !== null);
  const headline = `Daily digest: ${waiting}${extras.length > 0 ? `; ${extras.join("; ")}` : ""}.`;
  const blocks: types.KnownBlock[] = [section(`*${headline}*`)];

  if (suggestions > 0) {
    const counts = suggestionGroups.map(
      (g) => `• ${escapeMrkdwn(triggerLabel(g.triggerType as string))}: ${g.proposals.length}`,
    );
    blocks.push(section(`*Suggestions from the office's watcher* (${suggestions})\n${counts.join("\n")}`));
  }
  if (governance.drafts.length > 0) {
    const lines = governance.drafts.map(
      (c) =>
        `• ${c.id} v${c.version} (${escapeMrkdwn(c.riskLevel)} risk): ${escapeMrkdwn(changeWords(c.proposedChanges))}` +
        `${c.reviewProposalId ? ` — review *${c.reviewProposalId}*` : ""}, expires ${c.expiresAt.slice(0, 10)}`,
    );
    blocks.push(section(`*Governed changes waiting on you* (${governance.drafts.length})\n${lines.join("\n")}`));
  }
  if (governance.escalated.length > 0) {
    const lines = governance.escalated.map(
      (c) =>
        `• ${c.id}: audit ${escapeMrkdwn(c.auditVerdict ?? "not settled")}, ${escapeMrkdwn(changeWords(c.proposedChanges))}` +
        ` — keep it or roll it back (“roll back ${c.id}”)`,
    );
    blocks.push(section(`*Escalated to you* (${governance.escalated.length})\n${lines.join("\n")}`));
  }
  if (governance.incidents.length > 0) {
    const lines = governance.incidents.map(
      (i) =>
        `• ${i.id} (${escapeMrkdwn(i.kind)}, opened ${i.openedAt.slice(0, 10)}): ${escapeMrkdwn(i.summary)}` +
        `${i.contractId ? ` — contract ${i.contractId}` : ""}`,
    );
    blocks.push(section(`*Open incidents* (${governance.incidents.length})\n${lines.join("\n")}`));
  }

  for (const group of groups.slice(0, MAX_GROUP_BLOCKS)) {
    const lines = group.proposals
      .slice(0, perGroup)
      .map(
        (p) => `• *${p.id}* (${p.risk}) ${escapeMrkdwn(p.preview.summary)} — needs ${escapeMrkdwn(p.approver.rule)}`,
      );
    const more = group.proposals.length - perGroup;
    if (more > 0) lines.push(`…and ${more} more in the review queue.`);
    blocks.push(section(`*${escapeMrkdwn(group.title)}* (${group.proposals.length})\n${lines.join("\n")}`));
  }
  if (groups.length > MAX_GROUP_BLOCKS) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `…and ${groups.length - MAX_GROUP_BLOCKS} more groups in the review queue.` }],
    });
  }
  const posted = await client.chat.postMessage({ channel: channelId, text: headline, blocks });
  return {
    pending: pending.length,
    groups: groups.length,
    suggestions,
    drafts: governance.drafts.length,
    escalated: governance.escalated.length,
    incidents: governance.incidents.length,
    ts: posted.ts ?? null,
  };
}
