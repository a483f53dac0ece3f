// The Hono app: REST over the tool kernel (reads, tools, proposals), health, the operator manual and the OpenAPI doc.
// Channels render the kernel's results; nothing here checks a role or touches the store for writes.
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { type ApiEnv, bearerAuth } from "./auth.ts";
import { type ChatRouteOptions, chatRoutes } from "./routes/chat.ts";
import { sessionCookieAuth, webRoutes } from "./routes/web.ts";
import type { SlackApp } from "./slack/index.ts";
import { refusal } from "./http.ts";
import type { Office } from "./office.ts";
import { healthRoutes } from "./routes/health.ts";
import { manualRoutes } from "./routes/manual.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { importRoutes } from "./routes/imports.ts";
import { proposalRoutes } from "./routes/proposals.ts";
import { reviewRoutes } from "./routes/review.ts";
import { readRoutes } from "./routes/reads.ts";
import { toolRoutes } from "./routes/tools.ts";
import { fieldRoutes } from "./routes/field.ts";
import { pwaRoutes } from "./routes/pwa.ts";
import { publicRoutes } from "./routes/public.ts";
import { mcpHttpHandler } from "../mcp/index.ts";

export interface AppOptions {
  /** The Slack app when SLACK_* is configured; its events arrive at /slack/events. */
  slack?: SlackApp | null;
  /** Where unexpected errors are logged (with their reference); defaults to stderr. */
  log?: (message: string, detail: Record<string, unknown>) => void;
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** The web chat's model (default: Claude when ANTHROPIC_API_KEY is set, else offline); the evals pass a hostile one. */
  chat?: ChatRouteOptions;
}

/** /api paths that need no token: they describe the API, never a tenant's data. */
const PUBLIC_API_PATHS: ReadonlySet<string> = new Set(["/api/openapi.json"]);

export function createApp(office: Office, options: AppOptions = {}): Hono<ApiEnv> {
  const log = options.log ?? ((message, detail) => console.error(`[server] ${message}`, detail));
  const app = new Hono<ApiEnv>();

  // Customer exports are large (a 10,000-row CSV is ~1.5 MB); every other body is small.
  const importLimit = bodyLimit({
    maxSize: 64 * 1024 * 1024,
    onError: (c) => c.json(refusal("invalid_input", "The import file is too large; split it below 64 MiB."), 413),
  });
  const defaultLimit = bodyLimit({
    maxSize: options.maxBodyBytes ?? 1024 * 1024,
    onError: (c) => c.json(refusal("invalid_input", "The request body is too large; send less than 1 MiB."), 413),
  });
  app.use("/api/*", (c, next) => (c.req.path === "/api/imports" ? importLimit(c, next) : defaultLimit(c, next)));
  // The web app's session cookie stands in for a bearer token; an explicit Authorization header wins.
  app.use("/api/*", sessionCookieAuth());
  app.use("/api/*", bearerAuth(office, PUBLIC_API_PATHS));

  app.route("/", healthRoutes(office));
  app.route("/", manualRoutes(office));
  app.route("/api", openApiRoutes(office));
  app.route("/api", readRoutes(office));
  app.route("/api/tools", toolRoutes(office));
  app.route("/api", proposalRoutes(office));
  app.route("/api", reviewRoutes(office));
  app.route("/api", importRoutes(office));
  app.route("/api", chatRoutes(office, options.chat));
  app.route("/", webRoutes(office));
  // The installable field app: service worker, offline bundle, icons; the field snapshot and the offline replay.
  app.route("/", pwaRoutes());
  app.route("/api", fieldRoutes(office));
  // Slack events: the receiver verifies Slack's signature on the raw body; no bearer token, no /api body limit.
  const slackHandle = options.slack?.handle;
  if (slackHandle) app.post("/slack/events", (c) => slackHandle(c.req.raw));
  // The public triage page has no token: it runs only `public` tools as the public actor, with its own limits.
  app.route("/", publicRoutes(office));
  // MCP over Streamable HTTP: bearer token and Origin are checked by the handler; the token decides actor and mode.
  const mcp = mcpHttpHandler(office);
  app.all("/mcp", (c) => mcp(c.req.raw));

  app.notFound((c) =>
    c.json(
      refusal(
        "not_found",
        `There is no ${c.req.method} ${c.req.path.slice(0, 200)}; the routes are listed in /api/openapi.json.`,
      ),
      404,
    ),
  );

  // Bugs and broken infrastructure: a reference to find the log line, never a stack trace (STYLE "Errors").
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(refusal("invalid_input", error.message || "The request could not be read."), error.status);
    }
    const reference = randomUUID().slice(0, 8);
    log(`unexpected error on ${c.req.method} ${c.req.path} (reference ${reference})`, {
      name: error.name,
      message: error.message,
      code: (error as { code?: unknown }).code,
    });
    return c.json(
      refusal(
        "adapter_unavailable",
        `Something went wrong inside the office and nothing was changed; reference ${reference}.`,
      ),
      500,
    );
  });

  return app;
}
