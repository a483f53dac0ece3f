// `office import <file>`: stages a CSV export through the kernel (imports.stage_batch), approves the staging as the
// same person (low risk, one tap: it changes no customer record) and prints the batch summary. Progress goes to stderr.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { Office } from "../../server/office.ts";
import { humanCall } from "../../tools/kernel/index.ts";
import { withImportProgress } from "../../tools/imports/progress.ts";
import type { BatchSummary } from "../../tools/imports/stage.ts";
import { EXIT, parseOrExplain, print, printJson, TENANT_OPTION, UsageError, warn } from "../io.ts";
import { exitCodeOf, requireActor, resultView, withOffice } from "../office-session.ts";

const USAGE =
  "Usage: office import <file.csv> [--profile servicetitan|jobber|housecall_pro|generic] [--tenant demo] " +
  "[--actor office-1] [--json]";
const PROFILES = ["servicetitan", "jobber", "housecall_pro", "generic"] as const;
type Profile = (typeof PROFILES)[number];

function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

/** The exact shape `--json` prints (issue #5, "Interfaces that outside checks rely on"). */
function summaryJson(summary: BatchSummary): BatchSummary {
  return {
    batchId: summary.batchId,
    rows: summary.rows,
    columns: {
      mapped: summary.columns.mapped,
      ignored: summary.columns.ignored,
      unresolved: summary.columns.unresolved,
    },
    rowErrors: summary.rowErrors.map((e) => ({ row: e.row, reason: e.reason })),
    proposals: summary.proposals,
    mergeCandidates: summary.mergeCandidates.map((c) => ({
      row: c.row,
      matches: c.matches.map((m) =>
        "row" in m ? { row: m.row, score: m.score } : { customerId: m.customerId, score: m.score },
      ),
    })),
  };
}

function printSummary(summary: BatchSummary & { reused?: boolean; profile?: string }): void {
  print(`Batch ${summary.batchId}${summary.reused ? " (already imported: same file, nothing new created)" : ""}`);
  print(`  rows: ${summary.rows}   profile: ${summary.profile ?? "?"}   entity proposals: ${summary.proposals}`);
  print(`  mapped: ${summary.columns.mapped.join(", ") || "-"}`);
  print(`  ignored: ${summary.columns.ignored.join(", ") || "-"}`);
  print(`  unresolved: ${summary.columns.unresolved.join(", ") || "-"}`);
  print(`  row errors: ${summary.rowErrors.length}`);
  for (const e of summary.rowErrors.slice(0, 20)) print(`    row ${e.row}: ${e.reason}`);
  if (summary.rowErrors.length > 20) print(`    … ${summary.rowErrors.length - 20} more (--json lists all)`);
  print(`  rows with merge candidates: ${summary.mergeCandidates.length}`);
  for (const c of summary.mergeCandidates.slice(0, 20)) {
    const matches = c.matches.map((m) => ("row" in m ? `row ${m.row}` : m.customerId) + ` (${m.score})`).join(", ");
    print(`    row ${c.row} ↔ ${matches}`);
  }
  print(
    "Nothing changed in the customer records. Next: imports.commit_clean_rows, imports.merge_row, imports.skip_row.",
  );
}

async function stageAndApprove(office: Office, actorId: string, tenant: string, input: Record<string, unknown>) {
  const actor = await requireActor(office, tenant, actorId);
  const proposed = await office.kernel.execute("imports.stage_batch", input, humanCall(office.kernel, actor, "cli"));
  if (proposed.status !== "proposed") return proposed;
  // Staging is low risk and this person asked for it: they approve it themself (one tap), as on every channel.
  return withImportProgress(
    (event) => {
      if (event.done === event.total || event.done % 10_000 === 0) {
        warn(`office import: ${event.phase} ${event.done}/${event.total} rows`);
      }
    },
    () => office.kernel.decide(tenant, proposed.proposal.id, "approve", actor, "cli"),
  );
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string", default: "office-1" },
        profile: { type: "string" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
    }),
  );
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(`Say which file to import. ${USAGE}`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}". ${USAGE}`);
  if (values.profile !== undefined && !isProfile(values.profile)) {
    throw new UsageError(`Unknown profile "${values.profile}": use ${PROFILES.join(", ")}.`);
  }
  let csv: string;
  try {
    csv = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const input: Record<string, unknown> = { filename: basename(file), csv };
  if (values.profile) input["profile"] = values.profile;
  return withOffice(async (office) => {
    const result = await stageAndApprove(office, values.actor, values.tenant, input);
    if (result.status !== "ok") {
      printJson(resultView(result));
      return result.status === "proposed" ? EXIT.ok : exitCodeOf(result);
    }
    const summary = result.data as BatchSummary & { reused?: boolean; profile?: string };
    if (values.json) printJson(summaryJson(summary));
    else printSummary(summary);
    return EXIT.ok;
  });
}
