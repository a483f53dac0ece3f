// Starts the Hono app on a Node HTTP server (@hono/node-server). Defaults: PORT 8787, HOST 127.0.0.1.
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import type { Office } from "./office.ts";
import type { SlackApp } from "./slack/index.ts";

export interface StartServerOptions {
  office: Office;
  /** 0 picks a free port. Defaults to $PORT or 8787. */
  port?: number;
  /** Defaults to $HOST or 127.0.0.1 (local only). */
  host?: string;
  slack?: SlackApp | null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function portFrom(value: string | undefined): number {
  const port = Number(value);
  return value !== undefined && Number.isInteger(port) && port >= 0 && port < 65536 ? port : 8787;
}

export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? process.env.HOST ?? "127.0.0.1";
  const port = options.port ?? portFrom(process.env.PORT);
  const app = createApp(options.office, { slack: options.slack ?? null });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
    server.once("error", reject);
  });
}
