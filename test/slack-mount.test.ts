// How the server starts Slack: mounted in Hono at /slack/events (the raw body reaches the signature check intact),
// Socket Mode when an app token is set, and nothing at all when the environment has no Slack settings.
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackApp, slackOptionsFromEnv, slackRequestHandler } from "../server/slack/index.ts";
import { dmEvent, eventEnvelope, eventRequest, TEST_BOT_TOKEN } from "./fixtures-slack/deliveries.ts";
import { openSlackRig, type SlackRig } from "./fixtures-slack/rig.ts";

let rig: SlackRig | null = null;
afterEach(async () => {
  await rig?.closeApp();
  await rig?.fake.close();
  rig = null;
});

describe("mounting", () => {
  it("mounted in Hono, a signed DM is answered and a forged one is refused", async () => {
    rig = await openSlackRig();
    const handle = rig.slack.handle!;
    const app = new Hono();
    app.post("/slack/events", (c) => handle(c.req.raw));

    const signed = eventRequest(eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard")));
    expect((await app.request(signed)).status).toBe(200);
    await rig.slack.idle();
    expect(rig.fake.postedTexts()).toHaveLength(1);

    const forged = eventRequest(eventEnvelope(dmEvent("U0FOUNDER", "show me the dashboard")), { secret: "nope" });
    expect((await app.request(forged)).status).toBe(401);
  });

  it("slackRequestHandler gives the same web-standard handler", async () => {
    rig = await openSlackRig();
    const handle = slackRequestHandler(rig.office, {
      signingSecret: "another-secret",
      botToken: TEST_BOT_TOKEN,
      slackApiUrl: rig.fake.url,
      primary: null,
    });
    const wrongSecret = eventRequest(eventEnvelope(dmEvent("U0FOUNDER", "hi")));
    expect((await handle(wrongSecret)).status).toBe(401);
    expect((await handle(new Request("http://127.0.0.1/slack/events"))).status).toBe(405);
  });

  it("an app token selects Socket Mode (no HTTP handler); without a signing secret HTTP mode refuses to start", async () => {
    rig = await openSlackRig();
    const socket = createSlackApp(rig.office, { botToken: TEST_BOT_TOKEN, appToken: "xapp-test-not-real" });
    expect(socket.mode).toBe("socket");
    expect(socket.handle).toBeNull();
    expect(() => createSlackApp(rig!.office, { botToken: TEST_BOT_TOKEN })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it("settings come from the environment, or Slack stays off", () => {
    expect(slackOptionsFromEnv({})).toBeNull();
    expect(slackOptionsFromEnv({ SLACK_BOT_TOKEN: "xoxb-x" })).toBeNull();
    expect(slackOptionsFromEnv({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s" })).toMatchObject({
      botToken: "xoxb-x",
      signingSecret: "s",
      tenantId: "demo",
    });
    expect(
      slackOptionsFromEnv({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_APP_TOKEN: "xapp-y", SLACK_TENANT: "acme" }),
    ).toMatchObject({ appToken: "xapp-y", tenantId: "acme" });
  });
});
