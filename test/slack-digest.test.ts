// The founder's daily digest in Slack (fake Web API): what is waiting — suggestions counted by trigger type, governed
// changes waiting on the founder, escalated changes and open incidents — as the posted blocks' text. It decides nothing.
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postDailyDigest } from "../server/slack/index.ts";
import { getContract } from "../store/repos/governance.ts";
import { scanTenant } from "../tools/ops/scan.ts";
import { TRIGGER_LABELS, TRIGGER_TYPES } from "../tools/ops/thresholds.ts";
import { TEST_BOT_TOKEN } from "./fixtures-slack/deliveries.ts";
import { blocksOf, collectingLogger, openSlackRig, type SlackRig } from "./fixtures-slack/rig.ts";
import { expectStatus } from "./helpers.ts";

let rig: SlackRig;
let web: webApi.WebClient;
beforeEach(async () => {
  rig = await openSlackRig();
  web = new webApi.WebClient(TEST_BOT_TOKEN, { slackApiUrl: rig.fake.url, logger: collectingLogger([]) });
});
afterEach(async () => {
  await rig.closeApp();
  await rig.fake.close();
});

/** The text of every section block of the one posted digest. */
function postedSections(): string[] {
  const posts = rig.fake.callsOf("chat.postMessage");
  expect(posts).toHaveLength(1);
  return blocksOf(posts[0]!)
    .filter((b) => b.type === "section")
    .map((b) => String((b.text as { text: string }).text));
}

async function file(request: string): Promise<{ contractId: string; reviewProposalId: string }> {
  const result = expectStatus(await rig.office.call("office-1", "governance.request_change", { request }), "ok");
  return result.data as { contractId: string; reviewProposalId: string };
}

describe("the founder's daily digest", () => {
  it("counts the pending suggestions by trigger type and lists governed changes, escalations and incidents", async () => {
    const scan = await scanTenant(rig.office.kernel, "demo");
    const byType = new Map<string, number>();
    for (const e of scan.emitted) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    // A change whose health check fails: rolled back, with an open incident.
    const failing = await file("set the markup on equipment to 15%");
    expectStatus(await rig.office.decide("founder", failing.reviewProposalId, "approve"), "ok");
    // A change applied after its activation window: the audit is inconclusive and it is escalated to the founder.
    const late = await file("quiet hours from 9pm to 7am");
    await rig.office.exec(
      "demo",
      "UPDATE proposals SET status = 'approved', decided_at = ?, decided_by = 'founder' WHERE tenant_id = 'demo' AND id = ?",
      rig.office.clock.now.toISOString(),
      late.reviewProposalId,
    );
    rig.office.clock.advance(2 * 86_400_000);
    await rig.office.kernel.resumeApproved("demo");
    const contract = await rig.office.scoped("demo", () => getContract(rig.office.store.db, "demo", late.contractId));
    expect(contract?.status).toBe("ESCALATED");
    // A governed change waiting on the founder.
    const draft = await file("chase quotes after 5 days not 7");

    const pending = await rig.office.kernel.listProposals("demo", ["pending"]);
    const result = await postDailyDigest(rig.office, web, "D0FOUNDER", { tenantId: "demo" });
    expect(result).toMatchObject({
      pending: pending.length,
      suggestions: scan.suggestions.length,
      drafts: 1,
      escalated: 1,
      // The rollback's incident and the escalation's.
      incidents: 2,
    });

    const [headline, suggestions, drafts, escalated, incidents] = postedSections();
    expect(headline).toBe(
      `*Daily digest: ${pending.length} proposals are waiting for approval; 1 governed change awaits your review; ` +
        "1 change is escalated to you; 2 incidents are open.*",
    );
    expect(rig.fake.postedTexts()[0]).toBe(headline?.slice(1, -1));

    expect(suggestions?.split("\n")).toEqual([
      `*Suggestions from the office's watcher* (${scan.suggestions.length})`,
      ...TRIGGER_TYPES.filter((t) => byType.has(t)).map((t) => `• ${TRIGGER_LABELS[t]}: ${byType.get(t)}`),
    ]);
    expect(drafts).toContain("*Governed changes waiting on you* (1)");
    expect(drafts).toContain(`• ${draft.contractId} v1`);
    expect(drafts).toContain("trigger_thresholds.quoteChaseDays: 7 → 5");
    expect(drafts).toContain(`review *${draft.reviewProposalId}*`);
    expect(escalated).toContain("*Escalated to you* (1)");
    expect(escalated).toContain(`• ${late.contractId}: audit INCONCLUSIVE`);
    expect(escalated).toContain(`roll back ${late.contractId}`);
    const incidentLines = incidents?.split("\n") ?? [];
    expect(incidentLines[0]).toBe("*Open incidents* (2)");
    expect(incidentLines).toHaveLength(3);
    expect(incidentLines.slice(1)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^• inc_\\w+ \\(escalation, opened [\\d-]{10}\\): .+ — contract ${late.contractId}$`),
        ),
        expect.stringMatching(
          new RegExp(`^• inc_\\w+ \\(rollback, opened [\\d-]{10}\\): .+ — contract ${failing.contractId}$`),
        ),
      ]),
    );

    // Each trigger type then has its own group of suggestions, in pipeline order, before what people asked.
    const groupTitles = postedSections()
      .slice(5)
      .map((text) => text.split("\n")[0]);
    const suggestionTitles = TRIGGER_TYPES.filter((t) => byType.has(t)).map(
      (t) => `*Suggestions · ${TRIGGER_LABELS[t]}* (${byType.get(t)})`,
    );
    expect(groupTitles.slice(0, suggestionTitles.length)).toEqual(suggestionTitles);
    expect(groupTitles).toContain("*governance.activate_contract* (1)");
  });

  it("with nothing waiting, it says so in one line and lists no governance", async () => {
    for (const p of await rig.office.kernel.listProposals("demo", ["pending"])) {
      await rig.office.decide("founder", p.id, "reject");
    }
    const result = await postDailyDigest(rig.office, web, "D0FOUNDER", { tenantId: "demo" });
    expect(result).toMatchObject({ pending: 0, suggestions: 0, drafts: 0, escalated: 0, incidents: 0 });
    expect(postedSections()).toEqual(["*Daily digest: nothing is waiting for approval.*"]);
  });
});
