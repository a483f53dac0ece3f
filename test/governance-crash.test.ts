// Killing the process (SIGKILL, real child processes through the CLI) in the middle of the founder's apply — inside
// the governance job's transaction — or right after it committed loses nothing and applies nothing twice on restart.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "..", "bin", "office.mjs");

function office(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

function fileChange(dataDir: string, request: string) {
  const filed = office(dataDir, [
    "call",
    "governance.request_change",
    "--actor",
    "office-1",
    "--input",
    JSON.stringify({ request }),
  ]);
  expect(filed.status, filed.stderr).toBe(0);
  const data = JSON.parse(filed.stdout).data as { contractId: string; reviewProposalId: string };
  return data;
}

function show(dataDir: string, contractId: string) {
  const shown = office(dataDir, ["governance", "show", contractId, "--json"]);
  expect(shown.status, shown.stderr).toBe(0);
  return JSON.parse(shown.stdout) as { state: string; history: { step: string; to: string }[] };
}

describe("kill -9 during a governed change", () => {
  for (const point of ["job-step-1", "governance-after-commit"]) {
    it(`killed at ${point}: on restart the change applies exactly once and the workflow finishes`, () => {
      const dataDir = mkdtempSync(join(tmpdir(), "office-crash-"));
      const { contractId, reviewProposalId } = fileChange(dataDir, "chase quotes after 5 days not 7");
      const killed = office(dataDir, ["approve", reviewProposalId, "--actor", "founder"], {
        OFFICE_FAULT_KILL_AT: point,
      });
      expect(killed.signal).toBe("SIGKILL");

      // Restart: opening the office resumes the approved apply or the unfinished contract, once.
      const after = show(dataDir, contractId);
      expect(after.state).toBe("COMPLETED");
      const steps = after.history.map((h) => `${h.step}:${h.to}`);
      expect(steps.filter((s) => s === "6 activation:ACTIVE")).toHaveLength(1);
      expect(steps.filter((s) => s === "7 governance job:COMPLETED")).toHaveLength(1);
      expect(steps.filter((s) => s.startsWith("10 "))).toEqual(["10 rollout:COMPLETED"]);
      // A second restart changes nothing more.
      expect(show(dataDir, contractId).history).toHaveLength(after.history.length);
      const settings = office(dataDir, ["call", "governance.list_contracts", "--actor", "founder", "--input", "{}"]);
      const contracts = JSON.parse(settings.stdout).data.contracts as { id: string; status: string }[];
      expect(contracts.filter((c) => c.status === "COMPLETED")).toHaveLength(1);
      const audit = office(dataDir, ["audit", "verify", "--json"]);
      expect(JSON.parse(audit.stdout).ok).toBe(true);
    }, 120_000);
  }
});
