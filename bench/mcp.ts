// MCP over stdio (issue: channels): one read tool's round trip through `office mcp --token …` — the SDK client, the
// stdio pipe, the office's MCP server, the kernel, the store, the audit — against a bare SDK echo server over the same
// kind of pipe, both spawned and measured in this run, interleaved. Goal: ≤ 1.5x the bare round trip.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { openOffice } from "../server/office.ts";
import { createToken } from "../store/repos/tenants.ts";
import { fmt } from "./measure.ts";

const ROOT = resolve(import.meta.dirname, "..");

export interface McpFigures {
  officeP50Us: number;
  echoP50Us: number;
  officeP99Us: number;
  echoP99Us: number;
  ratio: number;
}

async function spawnClient(args: string[], env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "bench", version: "0.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args,
      cwd: ROOT,
      env: { ...getDefaultEnvironment(), ...env },
      stderr: "ignore",
    }),
  );
  return client;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function benchMcp(
  log: (line: string) => void,
  options: { rounds?: number; perRound?: number; tool?: string } = {},
): Promise<McpFigures> {
  const rounds = options.rounds ?? 10;
  const perRound = options.perRound ?? 100;
  const tool = options.tool ?? "crm.business_profile";
  const dir = mkdtempSync(join(tmpdir(), "office-bench-mcp-"));
  const clients: Client[] = [];
  try {
    const office = await openOffice({ path: join(dir, "office.db"), demoActivity: true });
    const token = await createToken(office.store.db, {
      tenantId: "demo",
      actorId: "office-1",
      mode: "read_only",
      now: office.kernel.now(),
      label: "bench-mcp",
    });
    office.close();

    const ours = await spawnClient(["bin/office.mjs", "mcp", "--token", token], { DATA_DIR: dir });
    clients.push(ours);
    const echo = await spawnClient(["--import", "tsx", "bench/mcp-echo-server.ts"], {});
    clients.push(echo);
    const callOurs = async () => {
      const result = await ours.callTool({ name: tool, arguments: {} });
      if (result.isError) throw new Error(`${tool} was refused over stdio`);
    };
    const callEcho = () => echo.callTool({ name: "echo", arguments: { text: "ping" } });

    const time = async (fn: () => Promise<unknown>, into: number[]) => {
      const start = performance.now();
      await fn();
      into.push((performance.now() - start) * 1000);
    };
    // Warm both processes' JITs first: the first few hundred calls of either are several times slower.
    const warm: number[] = [];
    for (let i = 0; i < 3 * perRound; i++) {
      await time(callEcho, warm);
      await time(callOurs, warm);
    }
    const oursUs: number[] = [];
    const echoUs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < perRound; i++) await time(callEcho, echoUs);
      for (let i = 0; i < perRound; i++) await time(callOurs, oursUs);
    }
    oursUs.sort((a, b) => a - b);
    echoUs.sort((a, b) => a - b);
    const figures = {
      officeP50Us: percentile(oursUs, 50),
      echoP50Us: percentile(echoUs, 50),
      officeP99Us: percentile(oursUs, 99),
      echoP99Us: percentile(echoUs, 99),
      ratio: percentile(oursUs, 50) / percentile(echoUs, 50),
    };
    log(
      `MCP stdio round trip, ${tool} vs a bare SDK echo tool (${rounds * perRound} calls each): ` +
        `p50 ${fmt(figures.officeP50Us / 1000, 3)} ms vs ${fmt(figures.echoP50Us / 1000, 3)} ms → ${fmt(figures.ratio)}x ` +
        `(p99 ${fmt(figures.officeP99Us / 1000, 3)} vs ${fmt(figures.echoP99Us / 1000, 3)} ms; goal ≤ 1.5x)`,
    );
    return figures;
  } finally {
    for (const client of clients) await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
