// A Bolt receiver for web-standard Request/Response, so Hono can mount Slack at /slack/events on the one server.
// Signature verified on the raw body with Bolt's own verifySlackRequest (and the 5-minute window) before any parsing.
import { parse as parseQuery } from "node:querystring";
import {
  type App,
  isValidSlackRequest,
  type Logger,
  type Receiver,
  type ReceiverEvent,
  ReceiverMultipleAckError,
} from "@slack/bolt";

export interface FetchReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Largest accepted body (default 1 MiB); Slack's payloads are far smaller. */
  maxBodyBytes?: number;
  /** For tests of the timestamp window; defaults to Date.now. */
  nowMs?: () => number;
}

const FIVE_MINUTES_SECONDS = 5 * 60;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(status: number, body = ""): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Slack bodies: JSON for events, form-encoded for commands, form-encoded `payload=` JSON for interactions. */
function parseBody(raw: string, contentType: string): JsonObject | null {
  try {
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      const form = parseQuery(raw);
      if (typeof form.payload === "string") {
        const payload: unknown = JSON.parse(form.payload);
        return isObject(payload) ? payload : null;
      }
      const flat: JsonObject = {};
      for (const [key, value] of Object.entries(form)) flat[key] = Array.isArray(value) ? value[0] : value;
      return flat;
    }
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export class FetchReceiver implements Receiver {
  #app: App | null = null;
  readonly #signingSecret: string;
  readonly #logger: Logger;
  readonly #maxBodyBytes: number;
  readonly #nowMs: () => number;
  /** Work still running after its ack (a turn, a decision): awaited by idle() and stop(). */
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: FetchReceiverOptions) {
    if (!options.signingSecret) throw new Error("The Slack signing secret is empty; set SLACK_SIGNING_SECRET.");
    this.#signingSecret = options.signingSecret;
    this.#logger = options.logger;
    this.#maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    this.#nowMs = options.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves when every delivery taken so far has finished its work (tests and shutdown wait on this). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Verifies and answers one Slack delivery; the response goes out as soon as the listener acks. */
  async handle(request: Request): Promise<Response> {
    if (request.method !== "POST") return text(405);
    const app = this.#app;
    if (!app) return text(503);
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > this.#maxBodyBytes) return text(413);
    const raw = await request.text();
    if (Buffer.byteLength(raw) > this.#maxBodyBytes) return text(413);

    const signature = request.headers.get("x-slack-signature") ?? "";
    const timestamp = Number(request.headers.get("x-slack-request-timestamp") ?? Number.NaN);
    if (!this.#isAuthentic(raw, signature, timestamp)) {
      // Never log the signature or the body: only that a delivery was refused.
      this.#logger.warn("Refused a Slack delivery: bad signature or a timestamp outside the 5-minute window.");
      return text(401);
    }

    const body = parseBody(raw, request.headers.get("content-type") ?? "");
    if (!body) return text(400);
    if (body.ssl_check !== undefined) return text(200);
    if (body.type === "url_verification") return Response.json({ challenge: body.challenge });

    const retryNum = Number(request.headers.get("x-slack-retry-num") ?? Number.NaN);
    const retryReason = request.headers.get("x-slack-retry-reason");
    return this.#dispatch(app, body, Number.isInteger(retryNum) ? retryNum : undefined, retryReason ?? undefined);
  }

  #isAuthentic(raw: string, signature: string, timestamp: number): boolean {
    if (!signature || !Number.isFinite(timestamp)) return false;
    const nowSeconds = Math.floor(this.#nowMs() / 1000);
    // Bolt refuses stale timestamps; a timestamp from the future is refused here too (the window is both ways).
    if (timestamp - nowSeconds > FIVE_MINUTES_SECONDS) return false;
    return isValidSlackRequest({
      signingSecret: this.#signingSecret,
      body: raw,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: this.#nowMs(),
      logger: this.#logger,
    });
  }

  #dispatch(app: App, body: JsonObject, retryNum?: number, retryReason?: string): Promise<Response> {
    return new Promise<Response>((resolve) => {
      let acked = false;
      const event: ReceiverEvent = {
        body,
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          if (response === undefined || response === null || response === "") resolve(text(200));
          else if (typeof response === "string") resolve(text(200, response));
          else resolve(Response.json(response));
        },
        ...(retryNum !== undefined ? { retryNum } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
      };
      const work = app
        .processEvent(event)
        .then(() => {
          // Nothing acked: no listener matched this delivery.
          if (!acked) resolve(text(404));
        })
        .catch((error: unknown) => {
          this.#logger.error(`A Slack listener failed: ${error instanceof Error ? error.message : "unknown error"}`);
          if (!acked) resolve(text(500));
        })
        .finally(() => {
          this.#inFlight.delete(work);
        });
      this.#inFlight.add(work);
    });
  }
}
