// `office rates show` and `office rates refresh --from <file>`: the energy rates savings profiles are priced on.
// A refresh reads and checks the file here (every problem by line, nothing changed) and stages survey.refresh_rates
// through the kernel: a medium-risk proposal that office or the founder approves. This file decides nothing.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { Office } from "../../server/office.ts";
import { humanCall, type KernelResult } from "../../tools/kernel/index.ts";
import { RATE_UNITS, type RateRow } from "../../tools/survey/rates-data.ts";
import { type FileIssue, parseRatesFile } from "../../tools/survey/rates-snapshot.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, TENANT_OPTION, table, UsageError } from "../io.ts";
import { exitCodeOf, requireActor, resultView, withOffice } from "../office-session.ts";

const USAGE = `Usage:
  office rates show [--state XX] [--tenant demo] [--actor office-1] [--json]
  office rates refresh --from <rates.csv|rates.json> [--note T] [--tenant demo] [--actor office-1] [--json]

A rates file has one rate per row: state (two letters; US for the national fallback), fuel (electric, gas, propane,
oil), price (dollars per kWh, therm or gallon), trend_pct_per_year, source, as_of (YYYY or YYYY-MM), and optionally
level, area and utility. \`office rates show --json\` prints a file refresh accepts.`;

interface RatesView {
  snapshotId: string;
  origin: "bundled" | "installed";
  installed: { at: string; by: string; proposalId: string | null; note: string | null } | null;
  vintage: { newest: string; oldest: string; sources: string[] };
  rows: RateRow[];
}

function trendText(pct: number): string {
  return `${pct >= 0 ? "+" : ""}${pct}%/yr`;
}

function printRates(tenant: string, view: RatesView): void {
  const origin = view.installed
    ? `installed by ${view.installed.by} on ${view.installed.at.slice(0, 10)}` +
      (view.installed.proposalId ? ` (${view.installed.proposalId})` : "")
    : "the bundled snapshot";
  const span =
    view.vintage.oldest === view.vintage.newest
      ? view.vintage.newest
      : `${view.vintage.oldest} to ${view.vintage.newest}`;
  print(`Energy rates of ${tenant}: ${origin}.`);
  print(`Snapshot ${view.snapshotId}, as of ${span}; sources: ${view.vintage.sources.join("; ")}.`);
  print(
    table([
      ["STATE", "FUEL", "PRICE", "LEVEL", "AREA", "SOURCE", "AS OF", "TREND"],
      ...view.rows.map((r) => [
        r.state,
        r.fuel,
        `$${r.price}/${RATE_UNITS[r.fuel]}`,
        r.level,
        r.area,
        r.source,
        r.asOf,
        trendText(r.trendPctPerYear),
      ]),
    ]),
  );
  print("Every savings figure priced on these rates carries its as-of date; bills replace them when given.");
}

async function readRates(office: Office, tenant: string, actorId: string, state?: string) {
  const actor = await requireActor(office, tenant, actorId);
  const input = state ? { state } : {};
  const result = await office.kernel.execute("survey.get_rates", input, humanCall(office.kernel, actor, "cli"));
  return { actor, result };
}

async function showCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string", default: "office-1" },
        state: { type: "string" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
    }),
  );
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".\n${USAGE}`);
  if (values.state !== undefined && !/^[A-Za-z]{2}$/.test(values.state)) {
    throw new UsageError(`--state takes a two-letter state code, not "${values.state}".`);
  }
  return withOffice(async (office) => {
    const { result } = await readRates(office, values.tenant, values.actor, values.state?.toUpperCase());
    if (result.status !== "ok") {
      printJson(resultView(result));
      return exitCodeOf(result);
    }
    const view = result.data as RatesView;
    if (values.json) printJson(view);
    else printRates(values.tenant, view);
    return EXIT.ok;
  });
}

function printIssues(file: string, issues: readonly FileIssue[], json: boolean): void {
  const reason = `${file} has ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was changed.`;
  if (json) {
    printJson({ status: "refused", failure: { class: "invalid_input", reason, issues } });
    return;
  }
  print(`office rates refresh: ${reason}`);
  for (const issue of issues) {
    print(`  ${issue.line === null ? "file" : `line ${issue.line}`} (${issue.path}): ${issue.message}`);
  }
}

function printProposal(result: KernelResult): void {
  const proposal = result.proposal;
  if (!proposal) return;
  print(`Proposed ${proposal.id} (${proposal.risk} risk): ${proposal.preview.summary}`);
  for (const change of proposal.preview.changes) {
    print(`  ${change.id}: ${String(change.before)} → ${String(change.after)}`);
  }
  print(
    `Nothing changes until ${proposal.approver.rule} approves: office approve ${proposal.id} --actor <id>. ` +
      "Then `office rates show` lists the new rates.",
  );
}

async function refreshCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string", default: "office-1" },
        from: { type: "string" },
        note: { type: "string" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
    }),
  );
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".\n${USAGE}`);
  const file = values.from;
  if (!file) throw new UsageError(`Say which file holds the new rates: --from <rates.csv|rates.json>.\n${USAGE}`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return withOffice(async (office) => {
    const parsed = parseRatesFile(file, text, office.kernel.now());
    if (!parsed.ok) {
      printIssues(basename(file), parsed.issues, values.json);
      return EXIT.refused;
    }
    const current = await readRates(office, values.tenant, values.actor);
    if (current.result.status !== "ok") {
      printJson(resultView(current.result));
      return exitCodeOf(current.result);
    }
    const basedOn = (current.result.data as RatesView).snapshotId;
    const input = {
      rows: parsed.snapshot.rows,
      basedOn,
      note: values.note ?? `From ${basename(file)}`,
    };
    const result = await office.kernel.execute(
      "survey.refresh_rates",
      input,
      humanCall(office.kernel, current.actor, "cli"),
    );
    if (values.json || result.status !== "proposed") printJson(resultView(result));
    else printProposal(result);
    return exitCodeOf(result);
  });
}

/** `office rates <show|refresh>`. */
export const ratesCommand: Command = async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === "show") return showCommand(rest);
  if (sub === "refresh") return refreshCommand(rest);
  throw new UsageError(USAGE);
};
