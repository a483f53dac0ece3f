// Slack end to end against a fake Web API on loopback: a salesperson's DM becomes a proposal card, the founder's
// button applies it, a salesperson's button on a medium-risk change is refused and nothing changes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonRequest, dmEvent, eventEnvelope, eventRequest } from "./fixtures-slack/deliveries.ts";
import { customerPhone, notesWith, plainCustomer, proposalStatus } from "./fixtures-slack/demo.ts";
import { blocksOf, openSlackRig, postedCards, type SlackRig, tsOfPost } from "./fixtures-slack/rig.ts";

let rig: SlackRig;

beforeEach(async () => {
  rig = await openSlackRig();
});
afterEach(async () => {
  await rig.closeApp();
  await rig.fake.close();
});

async function dm(user: string, text: string, threadTs?: string) {
  const event = dmEvent(user, text, threadTs ? { threadTs } : {});
  const response = await rig.deliver(eventRequest(eventEnvelope(event)));
  expect(response.status).toBe(200);
  return event;
}

describe("Slack approvals", () => {
  it("a salesperson's DM 'add a note' posts a card; the founder's Approve applies it and says so in the thread", async () => {
    const customer = await plainCustomer(rig.office);
    const event = await dm("U0SALES1", `add a note to ${customer.name}: left voicemail`);

    const cards = postedCards(rig.fake);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(card.call.args.channel).toBe(event.channel);
    expect(card.call.args.thread_ts).toBe(event.ts);
    expect(card.proposalId).toMatch(/^P-\d+$/);
    // Buttons carry only the proposal id.
    expect(card.buttons.map((b) => (b as { value: string }).value)).toEqual([card.proposalId, card.proposalId]);
    const cardText = JSON.stringify(blocksOf(card.call));
    expect(cardText).toContain("left voicemail");
    expect(cardText).toContain("note.body");
    expect(cardText).toContain("low risk");
    expect(cardText).toContain("who may approve");
    expect(await notesWith(rig.office, "left voicemail")).toBe(0);

    rig.fake.clear();
    const started = Date.now();
    const response = await rig.deliver(
      buttonRequest({
        user: "U0FOUNDER",
        proposalId: card.proposalId,
        decision: "approve",
        channel: event.channel,
        messageTs: tsOfPost(card.call),
        threadTs: event.ts,
      }),
    );
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await proposalStatus(rig.office, card.proposalId)).toBe("applied");
    expect(await notesWith(rig.office, "left voicemail")).toBe(1);
    const replies = rig.fake.callsOf("chat.postMessage");
    expect(replies.map((c) => c.args.text)).toEqual([
      expect.stringMatching(new RegExp(`^Applied ${card.proposalId} — .*left voicemail.*Approved by Dana Whitlow`)),
    ]);
    expect(replies[0]!.args.thread_ts).toBe(event.ts);
    // The card itself loses its buttons once decided.
    const updates = rig.fake.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    expect(blocksOf(updates[0]!).some((b) => b.type === "actions")).toBe(false);
  });

  it("a salesperson pressing Approve on a medium-risk change gets a refusal in the thread and nothing changes", async () => {
    const customer = await plainCustomer(rig.office);
    const before = await customerPhone(rig.office, customer.id);
    const event = await dm("U0SALES1", `change ${customer.name}'s phone to 303 555 0188`);
    const card = postedCards(rig.fake)[0];
    expect(card, "a card for the phone change").toBeDefined();
    expect(JSON.stringify(blocksOf(card!.call))).toContain("medium risk");

    rig.fake.clear();
    const click = {
      proposalId: card!.proposalId,
      decision: "approve" as const,
      channel: event.channel,
      messageTs: tsOfPost(card!.call),
      threadTs: event.ts,
    };
    const response = await rig.deliver(buttonRequest({ ...click, user: "U0SALES1" }));
    expect(response.status).toBe(200);
    expect(rig.fake.postedTexts()).toEqual([expect.stringMatching(/^Refused: .*office\/admin or the founder/)]);
    expect(rig.fake.callsOf("chat.update")).toHaveLength(0);
    expect(await proposalStatus(rig.office, card!.proposalId)).toBe("pending");
    expect(await customerPhone(rig.office, customer.id)).toBe(before);

    // The office manager may: the same button, pressed by them, applies it.
    rig.fake.clear();
    await rig.deliver(buttonRequest({ ...click, user: "U0OFFICE" }));
    expect(await proposalStatus(rig.office, card!.proposalId)).toBe("applied");
    expect(await customerPhone(rig.office, customer.id)).not.toBe(before);
    expect(rig.fake.postedTexts()[0]).toMatch(new RegExp(`^Applied ${card!.proposalId}`));
  });

  it("Reject from the founder rejects the proposal and changes nothing", async () => {
    const customer = await plainCustomer(rig.office);
    const event = await dm("U0SALES1", `add a note to ${customer.name}: wants a callback friday`);
    const card = postedCards(rig.fake)[0]!;
    rig.fake.clear();
    await rig.deliver(
      buttonRequest({
        user: "U0FOUNDER",
        proposalId: card.proposalId,
        decision: "reject",
        channel: event.channel,
        messageTs: tsOfPost(card.call),
        threadTs: event.ts,
      }),
    );
    expect(await proposalStatus(rig.office, card.proposalId)).toBe("rejected");
    expect(await notesWith(rig.office, "wants a callback friday")).toBe(0);
    expect(rig.fake.postedTexts()[0]).toMatch(new RegExp(`^Rejected ${card.proposalId} .*Nothing was changed`));
  });

  it("an unmapped Slack user gets a clear refusal and no turn runs", async () => {
    const sessions = async () =>
      (
        await rig.office.rows<{ n: number }>(
          "demo",
          "SELECT count(*) AS n FROM agent_sessions WHERE tenant_id = 'demo'",
        )
      )[0]?.n;
    const sessionsBefore = await sessions();
    await dm("U0STRANGER", "show me the dashboard");
    expect(rig.fake.postedTexts()).toEqual(["I don't know you yet — ask the office to link your Slack account."]);
    expect(await sessions()).toBe(sessionsBefore);
  });
});
