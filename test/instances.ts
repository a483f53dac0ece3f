// Real `office serve` processes for scale-out tests and benchmarks: a free loopback port each, ready once /healthz
// answers. The caller's environment chooses the store (DATABASE_URL, DATABASE_SCHEMA, …).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "bin", "office.mjs");

export interface Instance {
  port: number;
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("port"))));
    });
  });
}

/**
 * The environment of a server instance on a PostgreSQL schema: scheduler off (tests and benches start scans
 * themselves), no Claude key (the offline model), plus `extra` (e.g. OFFICE_FAULT_KILL_AT).
 */
export function postgresInstanceEnv(
  db: { url: string; adminUrl: string; schema: string },
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: db.url,
    DATABASE_ADMIN_URL: db.adminUrl,
    DATABASE_SCHEMA: db.schema,
    OFFICE_SCHEDULER: "off",
    ANTHROPIC_API_KEY: "",
    ...extra,
  };
}

/** Starts one server process and waits (up to 90 s) until its /healthz answers 200. */
export async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "serve", "--port", String(port), "--host", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`instance on ${port} exited while starting:\n${output.join("")}`);
    }
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { port, child, output, exited };
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`instance on ${port} did not start:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
