// Imports end to end through the kernel: staging (raw batch, manifest, rows, merge candidates) changes no customer,
// planted duplicates are found (precision and recall printed), a re-import creates nothing, approvals apply the delta.
import { describe, expect, it } from "vitest";
import {
  type ExistingCustomer,
  type ExportProfile,
  type GeneratedExport,
  generateExport,
} from "../fixtures/imports/generate-csv.ts";
import { customersForDedupe } from "../store/repos/office-imports.ts";
import { allTools } from "../tools/index.ts";
import { importsTools } from "../tools/imports/index.ts";
import type { BatchSummary } from "../tools/imports/stage.ts";
import { humanCall, Kernel, Registry } from "../tools/kernel/index.ts";
import { expectStatus, makeOffice as makeDemoOffice, type TestOffice } from "./helpers.ts";

/** The demo office with the imports pack registered (the lead wires importsTools into tools/index.ts). */
async function makeOffice(): Promise<TestOffice> {
  const office = await makeDemoOffice();
  const missing = importsTools.filter((t) => !allTools.some((a) => a.name === t.name));
  if (missing.length === 0) return office;
  const kernel = new Kernel({
    store: office.store,
    registry: new Registry([...allTools, ...missing]),
    clock: () => office.clock.now,
  });
  return {
    ...office,
    kernel,
    async call(actorId, tool, input, opts = {}) {
      const who = await office.actor(opts.tenantId ?? "demo", actorId);
      const ctx = humanCall(kernel, who, opts.channel ?? "cli", opts.mode ?? "propose_actions");
      if (opts.idempotencyKey) ctx.idempotencyKey = opts.idempotencyKey;
      return kernel.execute(tool, input, ctx);
    },
    async decide(actorId, proposalId, decision, tenantId = "demo") {
      return kernel.decide(tenantId, proposalId, decision, await office.actor(tenantId, actorId), "cli");
    },
  };
}

/**
 * Demo's customers as the import's dedupe sees them (customersForDedupe: each with its first property), with that
 * property's city, so a planted duplicate of an existing customer copies the address the dedupe compares against.
 */
async function existingCustomers(office: TestOffice): Promise<ExistingCustomer[]> {
  const seen = await office.scoped("demo", () => customersForDedupe(office.store.db, "demo"));
  const cities = new Map(
    (
      await office.rows<{ customerId: string; street: string | null; zip: string | null; city: string | null }>(
        "demo",
        `SELECT customer_id AS "customerId", street, zip, city FROM properties WHERE tenant_id = 'demo'`,
      )
    ).map((p) => [`${p.customerId}|${p.street}|${p.zip}`, p.city]),
  );
  return seen
    .map(({ id, name, phone, email, street, zip }) => ({
      id,
      name,
      phone,
      email,
      street,
      city: cities.get(`${id}|${street}|${zip}`) ?? null,
      zip,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function count(office: TestOffice, sql: string, ...params: unknown[]): Promise<number> {
  const [row] = await office.rows<{ n: number }>("demo", sql, ...params);
  return row?.n ?? 0;
}

async function customerVersion(office: TestOffice, customerId: string): Promise<number> {
  const [row] = await office.rows<{ version: number }>(
    "demo",
    "SELECT version FROM customers WHERE tenant_id = 'demo' AND id = ?",
    customerId,
  );
  if (!row) throw new Error(`no customer ${customerId}`);
  return row.version;
}

async function customersFingerprint(office: TestOffice): Promise<string> {
  const rows = await office.rows<Record<string, unknown>>(
    "demo",
    "SELECT id, version, name, phone, email FROM customers WHERE tenant_id = 'demo' ORDER BY id",
  );
  const properties = { n: await count(office, "SELECT count(*) AS n FROM properties WHERE tenant_id = 'demo'") };
  return `${rows.length}:${properties.n}:${JSON.stringify(rows).length}:${rows.map((r) => `${r["id"]}@${r["version"]}`).join(",")}`;
}

async function stage(office: TestOffice, filename: string, csv: string, profile?: ExportProfile) {
  const proposed = expectStatus(
    await office.call("office-1", "imports.stage_batch", { filename, csv, ...(profile ? { profile } : {}) }),
    "proposed",
  );
  const applied = expectStatus(await office.decide("office-1", proposed.proposal.id, "approve"), "ok");
  return applied.data as BatchSummary & { reused: boolean; profile: string };
}

/** Precision and recall of the merge candidates against the planted duplicate pairs. */
function scoreDedupe(summary: BatchSummary, generated: GeneratedExport) {
  const pairKey = (row: number, other: { row?: number; customerId?: string }) =>
    other.customerId !== undefined
      ? `r${row}|c${other.customerId}`
      : `r${Math.min(row, other.row ?? 0)}|r${Math.max(row, other.row ?? 0)}`;
  const predicted = new Set<string>();
  for (const c of summary.mergeCandidates) {
    for (const m of c.matches) predicted.add("customerId" in m ? pairKey(c.row, m) : pairKey(c.row, m));
  }
  const planted = new Set(
    generated.planted.map((p) =>
      p.customerId !== undefined
        ? pairKey(p.row, { customerId: p.customerId })
        : pairKey(p.row, { row: p.otherRow ?? 0 }),
    ),
  );
  const hits = [...planted].filter((k) => predicted.has(k)).length;
  const missed = generated.planted.filter(
    (p) =>
      !predicted.has(
        p.customerId !== undefined
          ? pairKey(p.row, { customerId: p.customerId })
          : pairKey(p.row, { row: p.otherRow ?? 0 }),
      ),
  );
  return {
    precision: predicted.size === 0 ? 1 : hits / predicted.size,
    recall: planted.size === 0 ? 1 : hits / planted.size,
    planted: planted.size,
    predicted: predicted.size,
    missed,
    extra: [...predicted].filter((k) => !planted.has(k)),
  };
}

describe("an export in a format the office has not seen", () => {
  it("maps through the generic profile, leaves Gate Code unresolved and never pairs two people who share a phone", async () => {
    const office = await makeOffice();
    const demoPhone = ((await existingCustomers(office)).find((c) => c.phone)?.phone ?? "") as string;
    const csv = [
      '"Full Name","Phone #","E-mail","Street Address","Zip Code","Gate Code"',
      '"Ana Rivera","(201) 555-0142","ana.rivera@example.com","12 Quarry Bend Road","80412","#4417"',
      '"Ben Okafor","201.555.0142","ben.okafor@example.org","980 Foxglove Run Ln","80567",""',
      '"RIVERA, ANA","2015550142","","12 Quarry Bend Rd","80412","#4417"',
      `"Zelda Quimby","${demoPhone}","zelda.q@example.net","77 Thistle Gate Ct","80731",""`,
    ].join("\n");
    const before = await customersFingerprint(office);
    const summary = await stage(office, "unseen.csv", csv);
    expect(summary.profile).toBe("generic");
    expect(summary.rows).toBe(4);
    expect(summary.columns.mapped.sort()).toEqual(["E-mail", "Full Name", "Phone #", "Street Address", "Zip Code"]);
    expect(summary.columns.unresolved).toEqual(["Gate Code"]);
    expect(summary.columns.ignored).toEqual([]);
    // Row 3 is Ana again (name order, case, phone style, street abbreviation); Ben shares her phone but is not her.
    expect(
      summary.mergeCandidates.map((c) => [c.row, c.matches.map((m) => ("row" in m ? m.row : m.customerId))]),
    ).toEqual([
      [1, [3]],
      [3, [1]],
    ]);
    expect(await customersFingerprint(office)).toBe(before);
    office.close();
  });
});

const BIG = Number(process.env["IMPORT_TEST_ROWS"] ?? 10_000);
const PROFILE_SIZES: Array<[ExportProfile, number]> = [
  ["servicetitan", BIG],
  ["jobber", BIG],
  ["housecall_pro", BIG],
  ["generic", BIG],
];

describe("large exports in each source profile's format", () => {
  it.each(PROFILE_SIZES)(
    "%s: %i rows, every column accounted for, planted duplicates proposed, nothing lost, no customer changed",
    async (profile, rows) => {
      const office = await makeOffice();
      const generated = generateExport({
        profile,
        rows,
        seed: 7,
        existing: await existingCustomers(office),
        plantExisting: 60,
        plantInFile: Math.round(rows / 100),
        broken: 12,
      });
      const before = await customersFingerprint(office);
      const started = performance.now();
      const summary = await stage(office, `${profile}-export.csv`, generated.csv, profile);
      const seconds = (performance.now() - started) / 1000;

      // Every column is mapped, ignored or unresolved; the unknown ones are unresolved, never guessed.
      const accounted = [...summary.columns.mapped, ...summary.columns.ignored, ...summary.columns.unresolved];
      expect(accounted.sort()).toEqual([...generated.headers].sort());
      expect(summary.columns.unresolved).toEqual(generated.unknownColumns);
      for (const column of generated.ignoredColumns) expect(summary.columns.ignored).toContain(column);

      // Zero rows lost: every data row is stored; every broken row is listed with its reason.
      expect(summary.rows).toBe(rows);
      const stored = await count(
        office,
        "SELECT count(*) AS n FROM import_rows WHERE tenant_id = 'demo' AND batch_id = ?",
        summary.batchId,
      );
      expect(stored).toBe(rows);
      const errorRows = new Set(summary.rowErrors.map((e) => e.row));
      for (const row of generated.brokenRows) expect(errorRows.has(row)).toBe(true);

      const score = scoreDedupe(summary, generated);
      console.log(
        `[imports] ${profile}: ${rows} rows staged in ${seconds.toFixed(1)} s; planted duplicates ${score.planted} ` +
          `(${generated.planted.filter((p) => p.customerId).length} of existing customers, ` +
          `${generated.planted.filter((p) => p.otherRow).length} inside the file); proposed pairs ${score.predicted}; ` +
          `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}; row errors ${summary.rowErrors.length}`,
      );
      if (score.missed.length > 0) console.log("[imports] missed:", JSON.stringify(score.missed.slice(0, 5)));
      if (score.extra.length > 0) console.log("[imports] extra:", JSON.stringify(score.extra.slice(0, 5)));
      expect(score.precision).toBeGreaterThanOrEqual(0.95);
      expect(score.recall).toBeGreaterThanOrEqual(0.95);

      // No change to customer records before approval.
      expect(await customersFingerprint(office)).toBe(before);

      // The same file again is recognized: nothing new is created, the earlier batch is the answer.
      const batches = await count(office, "SELECT count(*) AS n FROM import_batches WHERE tenant_id = 'demo'");
      const again = await stage(office, `${profile}-export-again.csv`, generated.csv, profile);
      expect(again.reused).toBe(true);
      expect(again.batchId).toBe(summary.batchId);
      expect(await count(office, "SELECT count(*) AS n FROM import_batches WHERE tenant_id = 'demo'")).toBe(batches);
      expect(await count(office, "SELECT count(*) AS n FROM import_rows WHERE tenant_id = 'demo'")).toBe(rows);
      expect(await customersFingerprint(office)).toBe(before);
      office.close();
    },
    120_000,
  );
});

describe("approving an import", () => {
  it("bulk-approves clean rows, merges and keeps separate one row at a time, and skips a row", async () => {
    const office = await makeOffice();
    const generated = generateExport({
      profile: "servicetitan",
      rows: 200,
      seed: 11,
      existing: await existingCustomers(office),
      plantExisting: 5,
      plantInFile: 5,
      broken: 3,
    });
    const summary = await stage(office, "small.csv", generated.csv, "servicetitan");
    const customersBefore = await count(office, "SELECT count(*) AS n FROM customers WHERE tenant_id = 'demo'");

    // A salesperson may not stage or approve imports at all.
    expect(
      expectStatus(await office.call("sales-1", "imports.commit_clean_rows", { batchId: summary.batchId }), "refused")
        .failure.class,
    ).toBe("forbidden");

    const bulk = expectStatus(
      await office.call("sales-manager-1", "imports.commit_clean_rows", { batchId: summary.batchId }),
      "proposed",
    );
    expect(bulk.proposal.risk).toBe("medium");
    // Medium risk: a sales manager cannot approve it, office can.
    expect(
      expectStatus(await office.decide("sales-manager-1", bulk.proposal.id, "approve"), "refused").failure.class,
    ).toBe("forbidden");
    const applied = expectStatus(await office.decide("office-1", bulk.proposal.id, "approve"), "ok");
    const result = applied.data as { created: number };
    const reviewRows = summary.mergeCandidates.length + new Set(summary.rowErrors.map((e) => e.row)).size;
    expect(result.created).toBeGreaterThanOrEqual(200 - reviewRows);
    const customersAfter = await count(office, "SELECT count(*) AS n FROM customers WHERE tenant_id = 'demo'");
    expect(customersAfter).toBe(customersBefore + result.created);

    // One planted duplicate of an existing customer: its own merge decision.
    const dup = generated.planted.find((p) => p.customerId) as { row: number; customerId: string };
    const versionBefore = await customerVersion(office, dup.customerId);
    const merge = expectStatus(
      await office.call("office-1", "imports.merge_row", {
        batchId: summary.batchId,
        row: dup.row,
        into: { customerId: dup.customerId },
      }),
      "proposed",
    );
    expect(merge.proposal.preview.summary).toContain("Merge row");
    const merged = expectStatus(await office.decide("founder", merge.proposal.id, "approve"), "ok");
    expect((merged.data as { customerId: string }).customerId).toBe(dup.customerId);
    const versionAfter = await customerVersion(office, dup.customerId);
    expect(versionAfter).toBeGreaterThanOrEqual(versionBefore);
    // Deciding the same row twice is refused: each row is decided once.
    const twice = expectStatus(
      await office.call("office-1", "imports.skip_row", { batchId: summary.batchId, row: dup.row, reason: "again" }),
      "refused",
    );
    expect(twice.failure.class).toBe("duplicate_or_conflict");

    // An in-file pair: merge the later row into the earlier row's (new) customer.
    const pair = generated.planted.find((p) => p.otherRow) as { row: number; otherRow: number };
    const inFile = expectStatus(
      await office.call("office-1", "imports.merge_row", {
        batchId: summary.batchId,
        row: pair.row,
        into: { row: pair.otherRow },
      }),
      "proposed",
    );
    const inFileApplied = expectStatus(await office.decide("office-1", inFile.proposal.id, "approve"), "ok");
    expect((inFileApplied.data as { createdFromRow: number }).createdFromRow).toBe(pair.otherRow);

    // A candidate judged to be a different person is kept as its own customer (medium risk: office decides).
    const separate = summary.mergeCandidates.find(
      (c) => c.row !== dup.row && c.row !== pair.row && c.row !== pair.otherRow,
    );
    if (separate) {
      const keep = expectStatus(
        await office.call("office-1", "imports.keep_row_separate", {
          batchId: summary.batchId,
          row: separate.row,
          reason: "Different household",
        }),
        "proposed",
      );
      expect(expectStatus(await office.decide("office-1", keep.proposal.id, "approve"), "ok").data).toMatchObject({
        row: separate.row,
      });
    }

    // A broken row is skipped (low risk: the requester approves it).
    const broken = generated.brokenRows[0] as number;
    const skip = expectStatus(
      await office.call("office-1", "imports.skip_row", { batchId: summary.batchId, row: broken, reason: "bad data" }),
      "proposed",
    );
    expectStatus(await office.decide("office-1", skip.proposal.id, "approve"), "ok");

    const status = expectStatus(
      await office.call("office-1", "imports.batch_summary", { batchId: summary.batchId }),
      "ok",
    ).data as { rowStatus: Record<string, number> };
    expect(status.rowStatus["merged"]).toBe(2);
    expect(status.rowStatus["skipped"]).toBe(1);
    expect(Object.values(status.rowStatus).reduce((a, b) => a + b, 0)).toBe(200);

    // The merged customer shows the source system's id as an account link.
    const timeline = expectStatus(
      await office.call("office-1", "crm.customer_timeline", { customerId: dup.customerId }),
      "ok",
    ).data as { accountLinks: Array<{ system: string; ref: string }> };
    expect(timeline.accountLinks.some((l) => l.system === "servicetitan" && /^SE-\d+$/.test(l.ref))).toBe(true);
    office.close();
  });
});
