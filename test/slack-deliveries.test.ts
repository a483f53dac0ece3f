// Slack deliveries that must not run: a wrong signature, a stale or future timestamp, and a retried delivery
// (same event_id with x-slack-retry-num) — refused with 401 or acked without a second turn, even after a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buttonRequest,
  dmEvent,
  eventEnvelope,
  eventRequest,
  signedRequest,
  TEST_SIGNING_SECRET,
} from "./fixtures-slack/deliveries.ts";
import { proposalStatus } from "./fixtures-slack/demo.ts";
import { type FakeSlack, startFakeSlack } from "./fixtures-slack/fake-slack.ts";
import { openSlackRig, type SlackRig } from "./fixtures-slack/rig.ts";

async function count(rig: SlackRig, table: "agent_messages" | "agent_sessions" | "channel_events"): Promise<number> {
  const [row] = await rig.office.rows<{ n: number }>(
    "demo",
    `SELECT count(*) AS n FROM ${table} WHERE tenant_id = 'demo'`,
  );
  return row?.n ?? 0;
}

describe("signature and timestamp checks", () => {
  let rig: SlackRig;
  beforeEach(async () => {
    rig = await openSlackRig();
  });
  afterEach(async () => {
    await rig.closeApp();
    await rig.fake.close();
  });

  it("a delivery signed with the wrong secret gets 401 and runs no turn", async () => {
    const envelope = eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard"));
    const response = await rig.deliver(eventRequest(envelope, { secret: "not-the-signing-secret" }));
    expect(response.status).toBe(401);
    expect(rig.fake.calls.filter((c) => c.method.startsWith("chat."))).toEqual([]);
    expect(await count(rig, "agent_messages")).toBe(0);
    expect(await count(rig, "channel_events")).toBe(0);
  });

  it("a body changed after signing (same signature) gets 401", async () => {
    const envelope = eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard"));
    const good = eventRequest(envelope);
    const tampered = new Request(good.url, {
      method: "POST",
      headers: good.headers,
      body: envelope.json.replace("show me the dashboard", "approve P-1"),
    });
    expect((await rig.deliver(tampered)).status).toBe(401);
    expect(await count(rig, "agent_messages")).toBe(0);
  });

  it("a missing signature gets 401", async () => {
    const request = new Request("http://127.0.0.1/slack/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: eventEnvelope(dmEvent("U0FOUNDER", "hi")).json,
    });
    expect((await rig.deliver(request)).status).toBe(401);
  });

  it("a correctly signed delivery older than five minutes is refused (a replay)", async () => {
    const stale = Math.floor(Date.now() / 1000) - 5 * 60 - 10;
    const envelope = eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard"));
    expect((await rig.deliver(eventRequest(envelope, { timestamp: stale }))).status).toBe(401);
    expect(await count(rig, "agent_messages")).toBe(0);
    expect(rig.fake.postedTexts()).toEqual([]);
  });

  it("a correctly signed delivery dated more than five minutes ahead is refused", async () => {
    const future = Math.floor(Date.now() / 1000) + 5 * 60 + 10;
    const envelope = eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard"));
    expect((await rig.deliver(eventRequest(envelope, { timestamp: future }))).status).toBe(401);
  });

  it("a stale, signed button press decides nothing", async () => {
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    const press = buttonRequest(
      { user: "U0FOUNDER", proposalId: "P-1", decision: "approve", channel: "D0X", messageTs: "1.2" },
      { timestamp: stale },
    );
    expect((await rig.deliver(press)).status).toBe(401);
    expect(rig.fake.postedTexts()).toEqual([]);
  });

  it("Slack's url_verification handshake is answered only when signed", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "abc123", token: "unused" });
    const ok = await rig.deliver(signedRequest(body, "application/json"));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: "abc123" });
    const forged = await rig.deliver(signedRequest(body, "application/json", { secret: "wrong" }));
    expect(forged.status).toBe(401);
    expect(TEST_SIGNING_SECRET).not.toBe("wrong");
  });
});

describe("retried deliveries", () => {
  let dir: string;
  let fake: FakeSlack;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "slack-retry-"));
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the same event delivered twice (the second with x-slack-retry-num: 1) runs one turn and posts one reply", async () => {
    const rig = await openSlackRig({ path: join(dir, "office.db"), fake });
    const envelope = eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard"));
    expect((await rig.deliver(eventRequest(envelope))).status).toBe(200);
    const repliesAfterFirst = fake.postedTexts().length;
    const messagesAfterFirst = await count(rig, "agent_messages");
    expect(repliesAfterFirst).toBe(1);
    expect(messagesAfterFirst).toBe(2); // the question and the answer

    const retry = await rig.deliver(eventRequest(envelope, { retryNum: 1 }));
    expect(retry.status).toBe(200); // acked, so Slack stops retrying
    expect(fake.postedTexts()).toHaveLength(repliesAfterFirst);
    expect(await count(rig, "agent_messages")).toBe(messagesAfterFirst);

    // After a restart on the same store, a late retry still does not run the turn again.
    await rig.closeApp();
    const reopened = await openSlackRig({ path: join(dir, "office.db"), fake });
    expect((await reopened.deliver(eventRequest(envelope, { retryNum: 2 }))).status).toBe(200);
    expect(fake.postedTexts()).toHaveLength(repliesAfterFirst);
    expect(await count(reopened, "agent_messages")).toBe(messagesAfterFirst);
    await reopened.closeApp();
  });

  it("the app's own messages and edits echoed back as events run no turn", async () => {
    const rig = await openSlackRig({ path: join(dir, "office.db"), fake });
    const own = { ...dmEvent("U0BOT", "Applied P-1"), bot_id: "B0BOT" };
    const edit = { ...dmEvent("U0FOUNDER", "show me the dashboard"), subtype: "message_changed" };
    await rig.deliver(eventRequest(eventEnvelope(own)));
    await rig.deliver(eventRequest(eventEnvelope(edit)));
    expect(fake.postedTexts()).toEqual([]);
    expect(await count(rig, "agent_messages")).toBe(0);
    expect(await proposalStatus(rig.office, "P-1")).toBeNull();
    await rig.closeApp();
  });
});
