// A Slack rig for tests and the bench: an office on the demo data with its Slack users linked, the Slack app pointed
// at a fake Web API, and helpers to deliver signed requests and wait until the app has finished posting.
import { type Logger, LogLevel } from "@slack/bolt";
import { createSlackApp, linkDemoSlackUsers, type SlackApp, type SlackOptions } from "../../server/slack/index.ts";
import { makeOffice, type TestOffice } from "../helpers.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "./deliveries.ts";
import { type FakeSlack, type RecordedCall, startFakeSlack } from "./fake-slack.ts";

export interface SlackRig {
  office: TestOffice;
  slack: SlackApp;
  fake: FakeSlack;
  /** Every line the app logged (kept, not printed), to check that no secret is ever logged. */
  logs: string[];
  /** Delivers one request and waits for the app's work after the ack; returns the HTTP response. */
  deliver(request: Request): Promise<Response>;
  /** Closes the app and the office, waiting for both (the fake Slack stays up, for a restart). */
  closeApp(): Promise<void>;
}

/** A logger that keeps lines instead of printing them. */
export function collectingLogger(lines: string[]): Logger {
  const keep =
    (level: string) =>
    (...message: unknown[]) => {
      lines.push(`${level} ${message.map(String).join(" ")}`);
    };
  return {
    debug: keep("debug"),
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}

export async function openSlackRig(
  options: { path?: string; fake?: FakeSlack; slack?: Partial<SlackOptions> } = {},
): Promise<SlackRig> {
  const fake = options.fake ?? (await startFakeSlack());
  const office = await makeOffice(options.path ? { path: options.path } : {});
  await linkDemoSlackUsers(office.store);
  const logs: string[] = [];
  const slack = createSlackApp(office, {
    logger: collectingLogger(logs),
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    slackApiUrl: fake.url,
    tenantId: "demo",
    primary: null,
    ...options.slack,
  });
  const handle = slack.handle;
  if (!handle) throw new Error("expected HTTP mode");
  return {
    office,
    slack,
    fake,
    logs,
    async deliver(request) {
      const response = await handle(request);
      await slack.idle();
      return response;
    },
    async closeApp() {
      await slack.stop();
      await office.shutdown();
    },
  };
}

/** The blocks of a posted message, or []. */
export function blocksOf(call: RecordedCall): Record<string, unknown>[] {
  const blocks = call.args.blocks;
  return Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : [];
}

/** Posted proposal cards: messages with an actions block holding Approve / Reject buttons. */
export function postedCards(fake: FakeSlack): { call: RecordedCall; proposalId: string; buttons: unknown[] }[] {
  const cards = [];
  for (const call of fake.callsOf("chat.postMessage").concat(fake.callsOf("chat.postEphemeral"))) {
    const actions = blocksOf(call).find((b) => b.type === "actions");
    if (!actions) continue;
    const buttons = (actions.elements as { value?: string }[]) ?? [];
    cards.push({ call, proposalId: buttons[0]?.value ?? "", buttons });
  }
  return cards;
}

/** The ts the fake answered for a posted message. */
export function tsOfPost(call: RecordedCall): string {
  return String(call.response.ts ?? call.response.message_ts ?? "");
}
