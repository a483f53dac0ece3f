// What Slack shows: hard stops posted first and loudly, cards that never leak cost into a channel, escaped text, and
// the founder's daily digest of pending proposals grouped by tool and trigger.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TurnResult } from "../agent/index.ts";
import type { ProposalView } from "../contracts/index.ts";
import { webApi } from "@slack/bolt";
import { postDailyDigest, proposalCard } from "../server/slack/index.ts";
import { forAudience, postTurnResult, type SlackDeps, unescapeSlack } from "../server/slack/turns.ts";
import { TEST_BOT_TOKEN } from "./fixtures-slack/deliveries.ts";
import { notesWith, plainCustomer } from "./fixtures-slack/demo.ts";
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

function deps(): SlackDeps {
  return {
    office: rig.office,
    agent: {
      openSession: () => Promise.reject(new Error("unused")),
      runTurn: () => Promise.reject(new Error("unused")),
    },
    tenantId: "demo",
    web,
    logger: collectingLogger([]),
  };
}

function turn(calls: TurnResult["calls"], text: string): TurnResult {
  return { text, calls, answeredBy: "offline", sessionId: "s", userMessageId: "u", assistantMessageId: "a" };
}

const pricingView: ProposalView = {
  id: "P-77",
  tool: "pricing.update_item",
  status: "pending",
  risk: "medium",
  approver: { roles: ["founder", "office"], requesterMayApprove: true, rule: "office/admin or the founder" },
  preview: {
    summary: "Update the 50-gal water heater",
    changes: [
      { entity: "price_item", id: "pi_1", field: "vendorCost", before: 61000, after: 64000 },
      { entity: "price_item", id: "pi_1", field: "sellPrice", before: 129900, after: 134900 },
    ],
    basis: [],
  },
  requestedBy: "office-1",
  expiresAt: "2026-11-30T16:00:00.000Z",
  version: 1,
  supersedes: null,
};

describe("cards", () => {
  it("a hard stop is posted before the answer, as a header block that says stop", async () => {
    const stop = {
      stopId: "gas_leak",
      type: "universal" as const,
      message: "Gas odor reported.",
      action: "Stop, ventilate, shut gas, escalate — no override",
      clearedBy: { gates: [] },
    };
    const place = { channel: "D0U0TECH1", threadTs: "1.1", direct: true };
    await postTurnResult(deps(), place, turn([{ tool: "repair.next_step", input: {}, status: "stopped", stop }], "x"));
    const posts = rig.fake.callsOf("chat.postMessage");
    expect(posts).toHaveLength(2);
    expect(String(posts[0]!.args.text)).toMatch(/^HARD STOP: Gas odor reported\. Stop, ventilate/);
    expect(blocksOf(posts[0]!)[0]).toMatchObject({ type: "header" });
    expect(JSON.stringify(blocksOf(posts[0]!))).toContain("Universal stop: no override.");
    expect(posts[1]!.args.text).toBe("x");
  });

  it("a card in a channel never shows cost; the same card in the asker's DM keeps what the kernel gave them", () => {
    const inChannel = JSON.stringify(proposalCard(forAudience(rig.office, pricingView, false)));
    expect(inChannel).not.toContain("vendorCost");
    expect(inChannel).not.toContain("61000");
    expect(inChannel).toContain("sellPrice");
    expect(JSON.stringify(proposalCard(forAudience(rig.office, pricingView, true)))).toContain("vendorCost");
  });

  it("record text cannot ping a channel or forge a link: <, > and & are escaped", () => {
    const view = { ...pricingView, preview: { ...pricingView.preview, summary: "<!channel> <http://x|click> & co" } };
    const card = JSON.stringify(proposalCard(view));
    expect(card).not.toContain("<!channel>");
    expect(card).toContain("&lt;!channel&gt;");
  });
});

describe("incoming text", () => {
  it.each([
    [
      "change rivera's email to <mailto:mike@example.com|mike@example.com>",
      "change rivera's email to mike@example.com",
    ],
    ["call <tel:3035550188|303 555 0188> back", "call 303 555 0188 back"],
    ["see <https://example.com/job/1>", "see https://example.com/job/1"],
    ["tom &amp; jerry &lt;3", "tom & jerry <3"],
    ["<@U0BOT> hi <#C0OFFICE|office>", "<@U0BOT> hi <#C0OFFICE|office>"],
  ])("Slack's markup %j reads as the words typed", (raw, plain) => {
    expect(unescapeSlack(raw)).toBe(plain);
  });
});

describe("daily digest", () => {
  it("lists every pending proposal, grouped by tool, for the founder", async () => {
    const customer = await plainCustomer(rig.office);
    expectStatus(await rig.office.call("sales-1", "crm.add_note", { customerId: customer.id, body: "a" }), "proposed");
    expectStatus(await rig.office.call("sales-1", "crm.add_note", { customerId: customer.id, body: "b" }), "proposed");
    const patch = { customerId: customer.id, patch: { phone: "303 555 0166" } };
    expectStatus(await rig.office.call("sales-1", "crm.update_customer", patch), "proposed");
    const pending = await rig.office.kernel.listProposals("demo", ["pending"]);

    const result = await postDailyDigest(rig.office, web, "D0FOUNDER", { tenantId: "demo" });
    expect(result.pending).toBe(pending.length);
    const post = rig.fake.callsOf("chat.postMessage")[0]!;
    expect(post.args.channel).toBe("D0FOUNDER");
    expect(String(post.args.text)).toContain(`${pending.length} proposals are waiting`);
    const blocks = JSON.stringify(blocksOf(post));
    for (const p of pending) expect(blocks).toContain(`*${p.id}*`);
    expect(blocks).toMatch(/\*crm\.add_note\* \(\d+\)/);
    expect(blocks).toContain("*crm.update_customer* (");
    expect(await notesWith(rig.office, "a")).toBe(0); // the digest lists; it never decides
  });

  it("says so when nothing is waiting", async () => {
    for (const p of await rig.office.kernel.listProposals("demo", ["pending"])) {
      await rig.office.decide("founder", p.id, "reject");
    }
    const result = await postDailyDigest(rig.office, web, "D0FOUNDER", { tenantId: "demo" });
    expect(result).toMatchObject({ pending: 0, groups: 0 });
    expect(rig.fake.postedTexts()).toEqual(["Daily digest: nothing is waiting for approval."]);
  });
});
