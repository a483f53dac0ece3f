// The office's Slack app (@slack/bolt v4): DMs, mentions, thread replies and `/office` run agent turns; proposal
// buttons are decided by the kernel. HTTP events arrive through FetchReceiver (mounted in Hono); Socket Mode otherwise.
import { App, type Logger, LogLevel, webApi } from "@slack/bolt";
import { type Agent, createAgent, type PrimaryModel } from "../../agent/index.ts";
import type { Office } from "../office.ts";
import { registerListeners } from "./listeners.ts";
import { FetchReceiver } from "./receiver.ts";
import type { SlackDeps } from "./turns.ts";

export interface SlackOptions {
  /** Verifies HTTP deliveries; required unless appToken (Socket Mode) is given. */
  signingSecret?: string;
  botToken: string;
  /** A Socket Mode app-level token (xapp-…): when set, the app connects out instead of receiving HTTP. */
  appToken?: string;
  /** The Web API base (default https://slack.com/api/); tests point it at a fake on loopback. */
  slackApiUrl?: string;
  /** The tenant this workspace belongs to (default $SLACK_TENANT or "demo"). */
  tenantId?: string;
  /** The agent's model: undefined chooses from the environment, null answers with the offline assistant. */
  primary?: PrimaryModel | null;
  /** Where `/office` answers: in the channel (cards others can approve, default) or only to the asker. */
  slashReply?: "in_channel" | "ephemeral";
  /** A channel id ($SLACK_APPROVALS_CHANNEL) that also gets DM cards the asker cannot decide alone. */
  approvalsChannel?: string;
  logger?: Logger;
  logLevel?: LogLevel;
}

export interface SlackApp {
  app: App;
  /** The HTTP receiver (null in Socket Mode). */
  receiver: FetchReceiver | null;
  mode: "http" | "socket";
  /** The web-standard handler for POST /slack/events (null in Socket Mode). */
  handle: ((request: Request) => Promise<Response>) | null;
  /** Connects Socket Mode; a no-op in HTTP mode (the server is already listening). */
  start(): Promise<void>;
  /** Waits for work already acked, then disconnects. */
  stop(): Promise<void>;
  /** Resolves when every acked delivery has finished posting (tests, shutdown). */
  idle(): Promise<void>;
}

/** Settings from the environment, or null when Slack is not configured (then `office serve` runs without it). */
export function slackOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SlackOptions | null {
  const botToken = env.SLACK_BOT_TOKEN;
  if (!botToken) return null;
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) return null;
  return {
    botToken,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
    ...(env.SLACK_APPROVALS_CHANNEL ? { approvalsChannel: env.SLACK_APPROVALS_CHANNEL } : {}),
    tenantId: env.SLACK_TENANT ?? "demo",
  };
}

function quietLogger(level: LogLevel): Logger {
  const prefix = "[slack]";
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let current = level;
  const on = (l: LogLevel) => order.indexOf(l) >= order.indexOf(current);
  return {
    debug: (...m: unknown[]) => (on(LogLevel.DEBUG) ? console.debug(prefix, ...m) : undefined),
    info: (...m: unknown[]) => (on(LogLevel.INFO) ? console.info(prefix, ...m) : undefined),
    warn: (...m: unknown[]) => (on(LogLevel.WARN) ? console.warn(prefix, ...m) : undefined),
    error: (...m: unknown[]) => (on(LogLevel.ERROR) ? console.error(prefix, ...m) : undefined),
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => undefined,
  };
}

/** Bolt's authorize: the one bot token, and the bot's own ids (for ignoreSelf) from auth.test, cached once it works. */
function botAuthorizer(web: webApi.WebClient, botToken: string) {
  let identity: Promise<{ botUserId?: string; botId?: string }> | null = null;
  return async () => {
    identity ??= web.auth.test().then((r) => ({
      ...(r.user_id ? { botUserId: r.user_id } : {}),
      ...(r.bot_id ? { botId: r.bot_id } : {}),
    }));
    try {
      return { botToken, ...(await identity) };
    } catch (error) {
      identity = null; // try again on the next delivery
      throw error;
    }
  };
}

/** Builds the Slack app for one office. HTTP mode needs the signing secret; Socket Mode needs the app token. */
export function createSlackApp(office: Office, options: SlackOptions): SlackApp {
  const logLevel = options.logLevel ?? LogLevel.WARN;
  const logger = options.logger ?? quietLogger(logLevel);
  const tenantId = options.tenantId ?? process.env.SLACK_TENANT ?? "demo";
  const clientOptions: webApi.WebClientOptions = {
    logger,
    retryConfig: { retries: 3 },
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
  };
  const web = new webApi.WebClient(options.botToken, clientOptions);
  const agent: Agent = createAgent({
    store: office.store,
    kernel: office.kernel,
    ...(options.primary !== undefined ? { primary: options.primary } : {}),
  });
  const deps: SlackDeps = {
    office,
    agent,
    tenantId,
    web,
    logger,
    ...(options.approvalsChannel ? { approvalsChannel: options.approvalsChannel } : {}),
  };
  const authorize = botAuthorizer(web, options.botToken);

  if (options.appToken) {
    const app = new App({ appToken: options.appToken, socketMode: true, authorize, clientOptions, logger, logLevel });
    registerListeners(app, deps, options.slashReply ?? "in_channel");
    return {
      app,
      receiver: null,
      mode: "socket",
      handle: null,
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
      idle: async () => {},
    };
  }

  if (!options.signingSecret) throw new Error("Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN).");
  const receiver = new FetchReceiver({ signingSecret: options.signingSecret, logger });
  const app = new App({ receiver, authorize, clientOptions, logger, logLevel });
  registerListeners(app, deps, options.slashReply ?? "in_channel");
  return {
    app,
    receiver,
    mode: "http",
    handle: (request) => receiver.handle(request),
    start: async () => {},
    stop: () => receiver.stop(),
    idle: () => receiver.idle(),
  };
}

/** The web-standard handler the server mounts at POST /slack/events. */
export function slackRequestHandler(office: Office, options: SlackOptions): (request: Request) => Promise<Response> {
  const slack = createSlackApp(office, { ...options, appToken: undefined });
  const handle = slack.handle;
  if (!handle) throw new Error("Slack over HTTP could not be set up.");
  return handle;
}
