// `office rates show` and `office rates refresh` end to end: the real bin/office.mjs on a fresh store. A bad file is
// reported line by line and changes nothing; a good one waits for approval, then savings carry its vintage.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "..", "bin", "office.mjs");
const DATA_DIR = mkdtempSync(join(tmpdir(), "office-rates-"));

function office(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATA_DIR, OFFICE_DEBUG: "" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json<T>(run: { stdout: string; stderr: string; code: number | null }): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout was not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

function query<T>(sql: string): T {
  const db = new Database(join(DATA_DIR, "office.db"), { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

function file(name: string, text: string): string {
  const path = join(DATA_DIR, name);
  writeFileSync(path, text);
  return path;
}

interface RatesView {
  snapshotId: string;
  origin: "bundled" | "installed";
  installed: { by: string; proposalId: string | null } | null;
  rows: Array<{ state: string; fuel: string; price: number; asOf: string; source: string }>;
}

const HEADER = "state,fuel,price,trend_pct_per_year,source,as_of,area";
const GOOD_CSV = [
  HEADER,
  "US,electric,0.181,4.0,EIA Electric Power Monthly,2026-09,",
  "US,gas,1.62,5.0,EIA Natural Gas Monthly,2026-09,",
  "US,propane,2.90,3.0,EIA Heating Oil and Propane Update,2026-03,",
  "US,oil,3.80,2.0,EIA Heating Oil and Propane Update,2026-03,",
  "CO,electric,0.161,4.6,EIA Electric Power Monthly,2026-09,",
  '"CO",gas,1.40,7.5,"EIA Natural Gas Monthly, September",2026-09,',
  "CO,propane,3.05,3.0,EIA Heating Oil and Propane Update,2026-03,Rocky Mountain",
  "CO,oil,3.90,2.0,EIA Heating Oil and Propane Update,2026-03,Rocky Mountain",
  "",
].join("\n");

afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

describe("office rates", { timeout: 120_000 }, () => {
  it("shows the bundled snapshot with each rate's source, vintage and trend", () => {
    const run = office("rates", "show", "--state", "co", "--json");
    expect(run.code).toBe(0);
    const view = json<RatesView>(run);
    expect(view.origin).toBe("bundled");
    expect(view.rows.find((r) => r.fuel === "gas")).toMatchObject({
      state: "CO",
      price: 1.12,
      asOf: "2025-10",
      source: "EIA (bundled snapshot)",
    });
    const text = office("rates", "show", "--state", "CO");
    expect(text.stdout).toMatch(/the bundled snapshot/);
    expect(text.stdout).toMatch(
      /CO\s+gas\s+\$1\.12\/therm\s+state\s+Colorado\s+EIA \(bundled snapshot\)\s+2025-10\s+\+6%\/yr/,
    );
  });

  it("reports every bad row of a file by its line, exits 3 and stages nothing", () => {
    const bad = file(
      "bad.csv",
      [
        HEADER,
        "US,electric,0.181,4.0,EIA,2026-09,",
        "US,gas,162,5.0,EIA,2026-09,",
        "US,propane,2.90,3.0,EIA,2026-3,",
        "US,oil,3.80,2.0,,2026-03,",
        "CO,firewood,3.90,2.0,EIA,2026-03,",
      ].join("\n"),
    );
    const before = query<{ n: number }>("SELECT count(*) AS n FROM proposals").n;
    const run = office("rates", "refresh", "--from", bad);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/bad\.csv has 4 problems; nothing was changed/);
    expect(run.stdout).toMatch(/line 3 \(price\): \$162\/therm is not a plausible residential gas price/);
    expect(run.stdout).toMatch(/line 4 \(asOf\):/);
    expect(run.stdout).toMatch(/line 5 \(source\):/);
    expect(run.stdout).toMatch(/line 6 \(fuel\): Use electric, gas, propane or oil/);

    const asJson = json<{ status: string; failure: { class: string; issues: Array<{ line: number }> } }>(
      office("rates", "refresh", "--from", bad, "--json"),
    );
    expect(asJson.status).toBe("refused");
    expect(asJson.failure.class).toBe("invalid_input");
    expect(asJson.failure.issues.map((i) => i.line)).toEqual([3, 4, 5, 6]);
    expect(query<{ n: number }>("SELECT count(*) AS n FROM proposals").n).toBe(before);
    expect(json<RatesView>(office("rates", "show", "--json")).origin).toBe("bundled");
  });

  it("a good file waits for approval; once approved, savings profiles carry the new rate and its as-of date", () => {
    const staged = office("rates", "refresh", "--from", file("rates.csv", GOOD_CSV));
    expect(staged.code).toBe(0);
    const proposalId = /Proposed (P-\d+) \(medium risk\)/.exec(staged.stdout)?.[1];
    expect(proposalId).toBeDefined();
    expect(staged.stdout).toMatch(
      /CO gas: \$1\.12\/therm .* → \$1\.4\/therm \(state Colorado, EIA Natural Gas Monthly, September, as of 2026-09/,
    );
    expect(json<RatesView>(office("rates", "show", "--json")).origin).toBe("bundled");

    // A salesperson cannot approve a medium-risk change; the founder can.
    expect(office("approve", String(proposalId), "--actor", "sales-1").code).toBe(3);
    expect(office("approve", String(proposalId), "--actor", "founder").code).toBe(0);

    const view = json<RatesView>(office("rates", "show", "--state", "CO", "--json"));
    expect(view.origin).toBe("installed");
    expect(view.installed).toMatchObject({ by: "office-1", proposalId });
    expect(view.rows.find((r) => r.fuel === "gas")).toMatchObject({ price: 1.4, asOf: "2026-09" });

    const surveyId = query<{ id: string }>("SELECT id FROM surveys WHERE tenant_id = 'demo' LIMIT 1").id;
    const profile = json<{ status: string; data: { footnote: string; assumptions: Array<{ value: string }> } }>(
      office("call", "survey.savings_profile", "--actor", "sales-1", "--input", JSON.stringify({ surveyId })),
    );
    expect(profile.status).toBe("ok");
    expect(profile.data.footnote).toMatch(/EIA Natural Gas Monthly, September, 2026-09/);
    expect(JSON.stringify(profile.data.assumptions)).toContain("$1.400/therm");
  });

  it("what `rates show --json` prints is a file `rates refresh` accepts", () => {
    const shown = office("rates", "show", "--json");
    const path = file("current.json", shown.stdout);
    const run = office("rates", "refresh", "--from", path, "--json");
    expect(run.code).toBe(0);
    const result = json<{ status: string; proposal: { preview: { changes: unknown[] } } }>(run);
    expect(result.status).toBe("proposed");
    expect(result.proposal.preview.changes).toEqual([]);
  });
});
