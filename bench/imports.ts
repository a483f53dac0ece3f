// Import benchmark (issue: the CRM office): 100,000 rows staged through the kernel (raw batch, mapping, row records,
// dedupe against existing customers and within the file, merge candidates) vs plain parse-and-insert of the same file.
import { performance } from "node:perf_hooks";
import { generateExport } from "../fixtures/imports/generate-csv.ts";
import { openOffice } from "../server/office.ts";
import { parseCsv } from "../tools/imports/csv.ts";
import { rawAll, rawRun } from "../store/raw.ts";
import { getActor } from "../store/repos/tenants.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { fmt } from "./measure.ts";

export async function benchImports(log: (line: string) => void, rows = 100_000) {
  const office = await openOffice({ path: ":memory:" });
  try {
    const existing = (
      await rawAll<{ id: string; name: string; phone: string | null; email: string | null }>(
        office.store.db,
        "SELECT id, name, phone, email FROM customers WHERE tenant_id = 'demo'",
      )
    ).map((c) => ({ ...c, street: null, city: null, zip: null }));
    const file = generateExport({
      profile: "generic",
      rows,
      seed: 11,
      existing,
      plantExisting: 100,
      plantInFile: 400,
      broken: 10,
    });

    // Baseline: parse the same file and insert every row as-is in one transaction.
    const plainStart = performance.now();
    const parsed = parseCsv(file.csv);
    // One transaction (and so one connection, which a temporary table needs on PostgreSQL). Every insert is issued
    // before any is awaited: SQLite runs each as it is issued, so the baseline pays no per-row wait.
    await office.store.write(async (tx) => {
      await rawRun(tx, "CREATE TEMP TABLE plain_rows (row_number INTEGER, raw TEXT)");
      await Promise.all(
        parsed.rows.map((r) =>
          rawRun(tx, "INSERT INTO plain_rows VALUES (?, ?)", r.rowNumber, JSON.stringify(r.values)),
        ),
      );
    });
    const plainMs = performance.now() - plainStart;

    const actor = (await getActor(office.store.db, "demo", "office-1"))!;
    const stagedStart = performance.now();
    const proposed = await office.kernel.execute(
      "imports.stage_batch",
      { filename: "bench.csv", csv: file.csv },
      humanCall(office.kernel, actor, "cli"),
    );
    if (proposed.status !== "proposed") throw new Error(`staging refused: ${JSON.stringify(proposed).slice(0, 300)}`);
    const applied = await office.kernel.decide("demo", proposed.proposal.id, "approve", actor, "cli");
    if (applied.status !== "ok") throw new Error(`staging apply failed: ${JSON.stringify(applied).slice(0, 300)}`);
    const stagedMs = performance.now() - stagedStart;
    const ratio = plainMs / stagedMs;
    log(
      `import of ${rows.toLocaleString("en-US")} rows: staged with mapping, dedupe and merge candidates in ${fmt(stagedMs / 1000, 1)} s ` +
        `(${fmt(rows / (stagedMs / 1000), 0)} rows/s) vs plain parse-and-insert ${fmt(plainMs / 1000, 1)} s = ${fmt(ratio)} of its throughput (goal ≥ 0.25)`,
    );
    return { rows, stagedMs, plainMs, throughputRatio: ratio };
  } finally {
    office.close();
  }
}
