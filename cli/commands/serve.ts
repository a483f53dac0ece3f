// `office serve`: opens the office and runs the web app and API until SIGINT/SIGTERM, then closes server and store.
import { parseArgs } from "node:util";
import { openOffice } from "../../server/office.ts";
import { type Command, EXIT, parseOrExplain, print, UsageError, warn } from "../io.ts";

const SHUTDOWN_GRACE_MS = 5000;

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not "${text}".`);
  return port;
}

export const serveCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: { port: { type: "string" }, host: { type: "string" } },
      allowPositionals: true,
    }),
  );
  if (positionals.length > 0) throw new UsageError("Usage: office serve [--port N] [--host H]");
  const port = parsePort(values.port);
  // Loaded here so the other commands do not pay for the web stack.
  const { startServer } = await import("../../server/serve.ts");
  const office = await openOffice({ demoActivity: true });
  const { createSlackApp, linkDemoSlackUsers, slackOptionsFromEnv } = await import("../../server/slack/index.ts");
  const slackOptions = slackOptionsFromEnv();
  const slack = slackOptions ? createSlackApp(office, slackOptions) : null;
  if (slack && slackOptions?.tenantId === "demo") await linkDemoSlackUsers(office.store);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      office,
      slack,
      ...(port !== undefined ? { port } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
    });
  } catch (error) {
    office.close();
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") throw new UsageError(`Port ${port ?? "(default)"} is already in use; pick --port.`);
    throw error;
  }
  if (office.seeded) print(`New store at ${office.store.path}, loaded with the synthetic demo business.`);
  print(`Trade Office OS is running at ${server.url}`);
  const { createLoginLink } = await import("../../server/routes/web.ts");
  const link = await createLoginLink(office, { tenantId: "demo", actorId: "founder" });
  print(`Sign in to the web chat as the demo founder (one-time link, 15 minutes): ${server.url}${link.path}`);
  print("Get an API token:  npx office token create --tenant demo --actor founder");
  await slack?.start();
  if (slack)
    print(slack.mode === "socket" ? "Slack: Socket Mode connected." : `Slack events: ${server.url}/slack/events`);
  const { startScheduler, intervalFromEnv } = await import("../../server/scheduler.ts");
  // OFFICE_SCHEDULER=off: this instance only serves requests (e.g. all but one instance behind a load balancer;
  // leaving it on everywhere is safe too — a business's scan runs on one instance at a time).
  const scheduler = process.env.OFFICE_SCHEDULER === "off" ? null : startScheduler(office);
  print(
    scheduler
      ? `Trigger scans and health checks every ${Math.round(intervalFromEnv() / 60_000)} min (OFFICE_SCAN_INTERVAL_MS).`
      : "Scheduler off on this instance (OFFICE_SCHEDULER=off).",
  );
  print("Stop with Ctrl-C.");

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      warn(`\n${signal}: closing the server and the store…`);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        void slack?.stop().catch(() => undefined);
        scheduler?.stop();
        // Queued audit entries are written and the store (SQLite file or PostgreSQL pool) closed before exit.
        office
          .shutdown()
          .catch((error: unknown) => warn(`Store close: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => resolve(EXIT.ok));
      };
      const forced = setTimeout(() => {
        warn("Open connections did not close in time; closing the store and exiting.");
        finish();
        // Lingering keep-alive sockets would hold the process open.
        process.exit(EXIT.ok);
      }, SHUTDOWN_GRACE_MS);
      forced.unref();
      server
        .close()
        .catch((error: unknown) => warn(`Server close: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          clearTimeout(forced);
          finish();
        });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
};
