// Slack deliveries as Slack sends them: Events API JSON, slash-command forms and block_actions `payload=` forms,
// signed with HMAC-SHA256 over `v0:<timestamp>:<raw body>`. Built by small factories, not copied blobs.
import { createHmac } from "node:crypto";
import { FAKE_TEAM } from "./fake-slack.ts";

export const TEST_SIGNING_SECRET = "test-signing-secret-not-real";
export const TEST_BOT_TOKEN = "xoxb-test-not-real";

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signedRequest(body: string, contentType: string, options: SignOptions = {}): Request {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return new Request("http://127.0.0.1/slack/events", {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signatureOf(options.secret ?? TEST_SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

let eventSeq = 0;
let tsSeq = 0;
/** A fresh Slack message ts. */
export function nextTs(): string {
  return `1710000000.${String(++tsSeq).padStart(6, "0")}`;
}

export interface EventEnvelope {
  eventId: string;
  json: string;
}

/** An Events API envelope around one event. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${++eventSeq}${Date.now()}`): EventEnvelope {
  const body = {
    token: "legacy-verification-token-unused",
    team_id: FAKE_TEAM,
    api_app_id: "A0OFFICE",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
  };
  return { eventId, json: JSON.stringify(body) };
}

export function dmEvent(
  user: string,
  text: string,
  options: { channel?: string; ts?: string; threadTs?: string } = {},
) {
  const ts = options.ts ?? nextTs();
  return {
    type: "message",
    channel: options.channel ?? `D0${user}`,
    channel_type: "im",
    user,
    text,
    ts,
    event_ts: ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

export function mentionEvent(user: string, text: string, options: { channel?: string; threadTs?: string } = {}) {
  const ts = nextTs();
  return {
    type: "app_mention",
    channel: options.channel ?? "C0OFFICE",
    user,
    text: `<@U0BOT> ${text}`,
    ts,
    event_ts: ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

export function channelReplyEvent(user: string, text: string, channel: string, threadTs: string) {
  const ts = nextTs();
  return { type: "message", channel, channel_type: "channel", user, text, ts, event_ts: ts, thread_ts: threadTs };
}

/** A signed Events API delivery (optionally a retry, with x-slack-retry-num). */
export function eventRequest(envelope: EventEnvelope, options: SignOptions & { retryNum?: number } = {}): Request {
  const headers = {
    ...options.headers,
    ...(options.retryNum ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "timeout" } : {}),
  };
  return signedRequest(envelope.json, "application/json", { ...options, headers });
}

export interface ButtonClick {
  user: string;
  proposalId: string;
  decision: "approve" | "reject";
  channel: string;
  messageTs: string;
  threadTs?: string;
}

/** A block_actions interaction for an Approve / Reject button, form-encoded as `payload=<json>`. */
export function buttonRequest(click: ButtonClick, options: SignOptions = {}): Request {
  const actionId = click.decision === "approve" ? "office_proposal_approve" : "office_proposal_reject";
  const payload = {
    type: "block_actions",
    team: { id: FAKE_TEAM, domain: "trade-office-demo" },
    user: { id: click.user, username: click.user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0OFFICE",
    token: "legacy-verification-token-unused",
    container: {
      type: "message",
      message_ts: click.messageTs,
      channel_id: click.channel,
      is_ephemeral: false,
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
    },
    trigger_id: "1.2.3",
    channel: { id: click.channel, name: "directmessage" },
    message: {
      type: "message",
      user: "U0BOT",
      ts: click.messageTs,
      text: `${click.proposalId} needs a decision`,
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
    },
    response_url: "http://127.0.0.1:9/unused",
    actions: [
      {
        type: "button",
        action_id: actionId,
        block_id: `proposal_${click.proposalId}`,
        text: { type: "plain_text", text: click.decision === "approve" ? "Approve" : "Reject" },
        value: click.proposalId,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedRequest(body, "application/x-www-form-urlencoded", options);
}

/** A `/office <text>` slash command, form-encoded. */
export function slashRequest(user: string, text: string, channel = "C0OFFICE", options: SignOptions = {}): Request {
  const body = new URLSearchParams({
    token: "legacy-verification-token-unused",
    team_id: FAKE_TEAM,
    team_domain: "trade-office-demo",
    channel_id: channel,
    channel_name: "office",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/office",
    text,
    api_app_id: "A0OFFICE",
    response_url: "http://127.0.0.1:9/unused",
    trigger_id: "1.2.3",
  }).toString();
  return signedRequest(body, "application/x-www-form-urlencoded", options);
}
