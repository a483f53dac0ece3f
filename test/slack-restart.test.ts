// Restarting between proposal and approval loses nothing in Slack: the card's button, pressed after the office and
// the app were closed and reopened on the same store, still applies the proposal; the thread's session continues.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { buttonRequest, dmEvent, eventEnvelope, eventRequest } from "./fixtures-slack/deliveries.ts";
import { notesWith, plainCustomer, proposalStatus } from "./fixtures-slack/demo.ts";
import { type FakeSlack, startFakeSlack } from "./fixtures-slack/fake-slack.ts";
import { openSlackRig, postedCards, tsOfPost } from "./fixtures-slack/rig.ts";

let dir: string;
let fake: FakeSlack;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "slack-restart-"));
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

it("a Slack Approve pressed after a restart still applies the proposal", async () => {
  const path = join(dir, "office.db");
  const first = await openSlackRig({ path, fake });
  const customer = await plainCustomer(first.office);
  const event = dmEvent("U0SALES1", `add a note to ${customer.name}: gate code 4411`);
  await first.deliver(eventRequest(eventEnvelope(event)));
  const card = postedCards(fake)[0]!;
  expect(await proposalStatus(first.office, card.proposalId)).toBe("pending");
  await first.closeApp();

  const second = await openSlackRig({ path, fake });
  expect(second.office.seeded).toBe(false);
  fake.clear();
  const response = await second.deliver(
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
  expect(await proposalStatus(second.office, card.proposalId)).toBe("applied");
  expect(await notesWith(second.office, "gate code 4411")).toBe(1);
  expect(fake.postedTexts()[0]).toMatch(new RegExp(`^Applied ${card.proposalId}`));

  // The same thread after the restart: "approve that" finds nothing pending, "what's waiting" still answers.
  fake.clear();
  await second.deliver(eventRequest(eventEnvelope(dmEvent("U0SALES1", "approve that", { threadTs: event.ts }))));
  expect(fake.postedTexts()[0]).toMatch(/no pending proposal from this conversation/);
  await second.closeApp();
});
