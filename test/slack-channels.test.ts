// Where Slack turns come from: mentions in channels, replies in the office's threads, `/office`, and DM cards shared
// to the approvals channel. Plus the adversarial cases: "approve P-n" from an unmapped user or a tech changes nothing.
import { afterEach, describe, expect, it } from "vitest";
import {
  buttonRequest,
  channelReplyEvent,
  dmEvent,
  eventEnvelope,
  eventRequest,
  mentionEvent,
  slashRequest,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from "./fixtures-slack/deliveries.ts";
import { notesWith, plainCustomer, proposalStatus } from "./fixtures-slack/demo.ts";
import { blocksOf, openSlackRig, postedCards, type SlackRig, tsOfPost } from "./fixtures-slack/rig.ts";
import { expectStatus } from "./helpers.ts";

let rig: SlackRig;
afterEach(async () => {
  // No line the app logged may carry the bot token or the signing secret.
  for (const line of rig.logs) {
    expect(line).not.toContain(TEST_BOT_TOKEN);
    expect(line).not.toContain(TEST_SIGNING_SECRET);
  }
  await rig.closeApp();
  await rig.fake.close();
});

async function send(event: Record<string, unknown>): Promise<void> {
  expect((await rig.deliver(eventRequest(eventEnvelope(event)))).status).toBe(200);
}

/** A high-risk outbound draft asked by the salesperson (the founder alone may approve it). */
async function highRiskProposal(): Promise<string> {
  const [customer] = await rig.office.rows<{ id: string }>(
    "demo",
    "SELECT id FROM customers WHERE tenant_id = 'demo' AND opted_out = '[]' ORDER BY id LIMIT 1",
  );
  const customerId = customer?.id ?? "";
  const body = "Hi, this is the office following up on the water heater estimate. Happy to answer any questions.";
  const result = await rig.office.call("sales-1", "crm.draft_outbound", { customerId, channel: "email", body });
  const proposed = expectStatus(result, "proposed");
  expect(proposed.proposal.risk).toBe("high");
  return proposed.proposal.id;
}

describe("turns from channels", () => {
  it("a mention in a channel answers in a thread under the mention, without the bot's name in the question", async () => {
    rig = await openSlackRig();
    const event = mentionEvent("U0FOUNDER", "show me the dashboard");
    await send(event);
    const replies = rig.fake.callsOf("chat.postMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.args).toMatchObject({ channel: "C0OFFICE", thread_ts: event.ts });
    expect(String(replies[0]!.args.text)).toContain("Pending approvals:");
    const [asked] = await rig.office.rows<{ content: string }>(
      "demo",
      "SELECT content FROM agent_messages WHERE tenant_id = 'demo' AND role = 'user' ORDER BY created_at LIMIT 1",
    );
    expect(JSON.parse(asked?.content ?? "{}").text).toBe("show me the dashboard");
  });

  it("a reply in the office's thread continues the conversation; a reply in some other thread is ignored", async () => {
    rig = await openSlackRig();
    const customer = await plainCustomer(rig.office);
    const mention = mentionEvent("U0SALES1", `add a note to ${customer.name}: prefers morning visits`);
    await send(mention);
    const card = postedCards(rig.fake)[0]!;
    expect(card.call.args.thread_ts).toBe(mention.ts);

    rig.fake.clear();
    await send(channelReplyEvent("U0SALES1", "approve that", "C0OFFICE", mention.ts));
    // Low risk: the requester may approve their own with one tap, in chat as with the button.
    expect(rig.fake.postedTexts()[0]).toMatch(new RegExp(`Approved and applied ${card.proposalId}`));
    expect(await notesWith(rig.office, "prefers morning visits")).toBe(1);

    rig.fake.clear();
    await send(channelReplyEvent("U0SALES1", "show me the dashboard", "C0OFFICE", "1600000000.000001"));
    expect(rig.fake.postedTexts()).toEqual([]);
  });

  it("an email Slack auto-linked in a DM is read as the plain address", async () => {
    rig = await openSlackRig();
    const customer = await plainCustomer(rig.office);
    const linked = "<mailto:vargas.new@example.com|vargas.new@example.com>";
    await send(dmEvent("U0OFFICE", `change ${customer.name}'s email to ${linked}`));
    const card = postedCards(rig.fake)[0];
    expect(card, "a card for the email change").toBeDefined();
    expect(JSON.stringify(blocksOf(card!.call))).toContain("→ vargas.new@example.com");
  });

  it("/office runs the same turn, opening a thread in the channel with the answer and the card", async () => {
    rig = await openSlackRig();
    const customer = await plainCustomer(rig.office);
    const response = await rig.deliver(slashRequest("U0SALES1", `add a note to ${customer.name}: bring ladder`));
    expect(response.status).toBe(200);
    const posts = rig.fake.callsOf("chat.postMessage");
    expect(String(posts[0]!.args.text)).toMatch(/^<@U0SALES1> asked: add a note to/);
    const threadTs = String(posts[0]!.response.ts);
    expect(posts.slice(1).every((p) => p.args.thread_ts === threadTs)).toBe(true);
    expect(postedCards(rig.fake)).toHaveLength(1);
  });

  it("/office from an unmapped user is refused only to them (ephemeral)", async () => {
    rig = await openSlackRig();
    await rig.deliver(slashRequest("U0STRANGER", "show me the dashboard"));
    expect(rig.fake.callsOf("chat.postMessage")).toEqual([]);
    const ephemeral = rig.fake.callsOf("chat.postEphemeral");
    expect(ephemeral.map((c) => c.args)).toEqual([
      expect.objectContaining({ user: "U0STRANGER", text: expect.stringContaining("I don't know you yet") }),
    ]);
  });

  it("/office in ephemeral mode answers only the asker", async () => {
    rig = await openSlackRig({ slack: { slashReply: "ephemeral" } });
    await rig.deliver(slashRequest("U0FOUNDER", "show me the dashboard"));
    expect(rig.fake.callsOf("chat.postMessage")).toEqual([]);
    expect(rig.fake.callsOf("chat.postEphemeral").map((c) => c.args.user)).toEqual(["U0FOUNDER"]);
  });

  it("a DM card the asker cannot approve alone is also posted to the approvals channel, where the founder applies it", async () => {
    rig = await openSlackRig({ slack: { approvalsChannel: "C0APPROVALS" } });
    const customer = await plainCustomer(rig.office);
    await send(dmEvent("U0SALES1", `change ${customer.name}'s phone to 303 555 0177`));
    const cards = postedCards(rig.fake);
    expect(cards.map((c) => c.call.args.channel)).toEqual(["D0U0SALES1", "C0APPROVALS"]);
    const shared = cards[1]!;
    rig.fake.clear();
    await rig.deliver(
      buttonRequest({
        user: "U0FOUNDER",
        proposalId: shared.proposalId,
        decision: "approve",
        channel: "C0APPROVALS",
        messageTs: tsOfPost(shared.call),
      }),
    );
    expect(await proposalStatus(rig.office, shared.proposalId)).toBe("applied");
    expect(rig.fake.callsOf("chat.postMessage")[0]!.args).toMatchObject({
      channel: "C0APPROVALS",
      thread_ts: tsOfPost(shared.call),
    });

    // A low-risk note the salesperson may approve themself stays in their DM.
    rig.fake.clear();
    await send(dmEvent("U0SALES1", `add a note to ${customer.name}: side door`));
    expect(postedCards(rig.fake).map((c) => c.call.args.channel)).toEqual(["D0U0SALES1"]);
  });
});

describe("adversarial approvals through Slack", () => {
  it("'approve P-n' typed by an unmapped user does nothing", async () => {
    rig = await openSlackRig();
    const id = await highRiskProposal();
    await send(dmEvent("U0STRANGER", `approve ${id}`));
    expect(rig.fake.postedTexts()).toEqual(["I don't know you yet — ask the office to link your Slack account."]);
    expect(await proposalStatus(rig.office, id)).toBe("pending");
  });

  it("'approve P-n' typed by a tech on a high-risk proposal is refused by the kernel and changes nothing", async () => {
    rig = await openSlackRig();
    const id = await highRiskProposal();
    await send(dmEvent("U0TECH1", `approve ${id}`));
    expect(rig.fake.postedTexts()[0]).toMatch(new RegExp(`couldn't approve ${id} \\(forbidden\\)`));
    expect(await proposalStatus(rig.office, id)).toBe("pending");
  });

  it("the tech's, the requester's and an unmapped user's buttons on a high-risk proposal are all refused", async () => {
    rig = await openSlackRig();
    const id = await highRiskProposal();
    for (const user of ["U0TECH1", "U0SALES1", "U0STRANGER"]) {
      rig.fake.clear();
      const click = { user, proposalId: id, decision: "approve" as const, channel: "C0OFFICE", messageTs: "1.000001" };
      expect((await rig.deliver(buttonRequest(click))).status).toBe(200);
      expect(rig.fake.postedTexts()).toEqual([expect.stringMatching(/^Refused: /)]);
      expect(await proposalStatus(rig.office, id)).toBe("pending");
    }
    // The founder may: the kernel, not the button, made every one of these calls.
    rig.fake.clear();
    const click = { user: "U0FOUNDER", proposalId: id, decision: "approve" as const, channel: "C0OFFICE" };
    await rig.deliver(buttonRequest({ ...click, messageTs: "1.000001" }));
    expect(await proposalStatus(rig.office, id)).toBe("applied");
  });

  it("a button whose value is not a proposal id decides nothing", async () => {
    rig = await openSlackRig();
    const id = await highRiskProposal();
    for (const value of [`${id} approved`, JSON.stringify({ proposalId: id, approved: true }), "P-*"]) {
      rig.fake.clear();
      const click = {
        user: "U0FOUNDER",
        proposalId: value,
        decision: "approve" as const,
        channel: "C0",
        messageTs: "1.1",
      };
      await rig.deliver(buttonRequest(click));
      expect(rig.fake.postedTexts()).toEqual([expect.stringMatching(/^Refused: that button does not name a proposal/)]);
    }
    expect(await proposalStatus(rig.office, id)).toBe("pending");
  });
});
