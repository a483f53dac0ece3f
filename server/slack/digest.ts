// The founder's daily digest in Slack: every pending proposal, grouped by tool and by the trigger that raised it.
// It lists and links; deciding stays with the cards, the review queue or "approve P-n" (the kernel decides).
import type { types, webApi } from "@slack/bolt";
import type { Actor, ProposalView } from "../../contracts/index.ts";
import { listActors } from "../../store/repos/tenants.ts";
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
  ts: string | null;
}

interface DigestGroup {
  title: string;
  proposals: ProposalView[];
}

/** Groups pending proposals by tool, and trigger-raised ones by tool and trigger. */
export function groupForDigest(
  proposals: ProposalView[],
  triggerOf: ReadonlyMap<string, string | null>,
): DigestGroup[] {
  const groups = new Map<string, DigestGroup>();
  for (const p of proposals) {
    const trigger = triggerOf.get(p.id) ?? null;
    const title = trigger ? `${p.tool} · trigger ${trigger}` : p.tool;
    const group = groups.get(title) ?? { title, proposals: [] };
    group.proposals.push(p);
    groups.set(title, group);
  }
  return [...groups.values()].sort((a, b) => b.proposals.length - a.proposals.length || a.title.localeCompare(b.title));
}

async function founderOf(office: Office, tenantId: string): Promise<Actor | null> {
  return (await listActors(office.store.db, tenantId)).find((a) => a.role === "founder") ?? null;
}

/** Posts the digest to a channel (the founder's DM or an approvals channel). */
export async function postDailyDigest(
  office: Office,
  client: webApi.WebClient,
  channelId: string,
  options: DigestOptions = {},
): Promise<DigestResult> {
  const tenantId = options.tenantId ?? process.env.SLACK_TENANT ?? "demo";
  const perGroup = options.perGroup ?? 10;
  const founder = await founderOf(office, tenantId);
  // Seen as the founder (the digest's reader), so redaction follows the founder's role like any other view.
  const pending = founder ? await office.kernel.listProposalsFor(founder, ["pending"]) : [];
  const triggerOf = new Map(
    (await office.kernel.listProposals(tenantId, ["pending"])).map((p) => [p.id, p.triggerId] as const),
  );
  const groups = groupForDigest(pending, triggerOf);
  const headline =
    pending.length === 0
      ? "Daily digest: nothing is waiting for approval."
      : `Daily digest: ${pending.length} proposal${pending.length === 1 ? " is" : "s are"} waiting for approval.`;
  const blocks: types.KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `*${headline}*` } }];
  // Slack allows 50 blocks a message; the review queue holds the rest.
  for (const group of groups.slice(0, 45)) {
    const lines = group.proposals
      .slice(0, perGroup)
      .map(
        (p) => `• *${p.id}* (${p.risk}) ${escapeMrkdwn(p.preview.summary)} — needs ${escapeMrkdwn(p.approver.rule)}`,
      );
    const more = group.proposals.length - perGroup;
    if (more > 0) lines.push(`…and ${more} more in the review queue.`);
    const text = `*${escapeMrkdwn(group.title)}* (${group.proposals.length})\n${lines.join("\n")}`;
    blocks.push({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } });
  }
  if (groups.length > 45) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `…and ${groups.length - 45} more groups in the review queue.` }],
    });
  }
  const posted = await client.chat.postMessage({ channel: channelId, text: headline, blocks });
  return { pending: pending.length, groups: groups.length, ts: posted.ts ?? null };
}
