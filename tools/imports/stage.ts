// The staging pipeline of an import, in the blueprint's artifact order: CSV → mapping manifest → row records with
// projections → merge candidates → NormalizedEntityProposals → batch summary. Pure: no I/O; nothing is approved here.
import { type CsvRowError, parseCsv } from "./csv.ts";
import { type DedupeRecord, dedupeRecordFromProjection, findMergeCandidates, proposeEntities } from "./dedupe.ts";
import { projectRow, type RowProjection } from "./normalize.ts";
import {
  buildManifest,
  type ColumnOverride,
  detectProfile,
  type MappingManifest,
  type SourceProfileId,
} from "./profiles.ts";

export type SummaryMatch = { row: number; score: number } | { customerId: string; score: number };

/** The batch summary every channel prints (`office import --json`, POST /api/imports, imports.batch_summary). */
export type BatchSummary = {
  batchId: string;
  rows: number;
  columns: { mapped: string[]; ignored: string[]; unresolved: string[] };
  rowErrors: Array<{ row: number; reason: string }>;
  /** NormalizedEntityProposals made for the batch (customer, property and contact points per row). */
  proposals: number;
  mergeCandidates: Array<{ row: number; matches: SummaryMatch[] }>;
};

/** Row status: pending = clean (bulk approvable); review = merge candidates or errors, each needs its own decision. */
export type StagedRowStatus = "pending" | "review";

export type StagedRow = {
  rowNumber: number;
  raw: Record<string, string>;
  projection: RowProjection;
  errors: string[];
  mergeCandidates: SummaryMatch[];
  confidence: number;
  status: StagedRowStatus;
};

export type StagedBatch = {
  headers: string[];
  manifest: MappingManifest;
  detected: SourceProfileId;
  rows: StagedRow[];
  summary: BatchSummary;
  comparisons: number;
  skippedBlocks: Array<{ key: string; size: number }>;
};

export type StageOptions = {
  batchId: string;
  profile?: SourceProfileId;
  overrides?: Readonly<Record<string, ColumnOverride>>;
  /** Customers already on file (ref.customerId set); batch rows are deduped against them and among themselves. */
  existing?: readonly DedupeRecord[];
  /** Called every `progressEvery` rows of each phase, and once at the end of it. */
  onProgress?: (event: { phase: "mapped" | "deduped" | "proposed"; done: number; total: number }) => void;
  progressEvery?: number;
};

/** Headers, the chosen profile and the manifest, without touching rows (for a quick preview). */
export function mapColumns(
  text: string,
  profile?: SourceProfileId,
  overrides: Readonly<Record<string, ColumnOverride>> = {},
) {
  const parsed = parseCsv(text);
  const detected = detectProfile(parsed.headers).profile;
  const manifest = buildManifest(parsed.headers, profile ?? detected, overrides);
  return { parsed, detected, manifest };
}

function columnsOf(manifest: MappingManifest): BatchSummary["columns"] {
  return {
    mapped: manifest.column_mappings.map((m) => m.column),
    ignored: manifest.ignored_columns.map((c) => c.column),
    unresolved: manifest.unmapped_columns.map((c) => c.column),
  };
}

/** Runs the whole staging pipeline over one file's text. Every data row comes back, with its errors if any. */
export function stageBatch(text: string, options: StageOptions): StagedBatch {
  const every = options.progressEvery ?? 10_000;
  const progress = (phase: "mapped" | "deduped" | "proposed", done: number, total: number) => {
    if (options.onProgress && (done % every === 0 || done === total)) options.onProgress({ phase, done, total });
  };
  const { parsed, detected, manifest } = mapColumns(text, options.profile, options.overrides ?? {});
  const total = parsed.rows.length;
  const parseErrors = new Map<number, string[]>();
  for (const error of parsed.errors) {
    const list = parseErrors.get(error.row) ?? [];
    list.push(error.reason);
    parseErrors.set(error.row, list);
  }

  const projections: RowProjection[] = [];
  parsed.rows.forEach((row, index) => {
    projections.push(projectRow(row.values, manifest));
    progress("mapped", index + 1, total);
  });

  const records = parsed.rows.map((row, index) =>
    dedupeRecordFromProjection(row.rowNumber, projections[index] as RowProjection),
  );
  const dedupe = findMergeCandidates(records, { existing: options.existing ?? [] });
  progress("deduped", total, total);

  const rowErrors: BatchSummary["rowErrors"] = [];
  // A header-level error (row 0) is listed as such; it is not a data row.
  for (const error of parsed.errors.filter((e: CsvRowError) => e.row === 0)) rowErrors.push(error);
  const mergeCandidates: BatchSummary["mergeCandidates"] = [];
  const rows: StagedRow[] = [];
  let proposals = 0;
  parsed.rows.forEach((row, index) => {
    const projection = projections[index] as RowProjection;
    const matches = dedupe.byRecord[index]?.matches ?? [];
    // One match per customer or row: a customer with two properties on file is still one candidate.
    const seen = new Set<string>();
    const summaryMatches: SummaryMatch[] = [];
    for (const match of matches) {
      const key = match.ref.customerId !== undefined ? `c:${match.ref.customerId}` : `r:${match.ref.row}`;
      if (seen.has(key)) continue;
      seen.add(key);
      summaryMatches.push(
        match.ref.customerId !== undefined
          ? { customerId: match.ref.customerId, score: match.score }
          : { row: match.ref.row ?? 0, score: match.score },
      );
    }
    const errors = [
      ...(parseErrors.get(row.rowNumber) ?? []),
      ...projection.errors.map((e) => (e.column ? `${e.column}: ${e.reason}` : e.reason)),
    ];
    for (const reason of errors) rowErrors.push({ row: row.rowNumber, reason });
    if (summaryMatches.length > 0) mergeCandidates.push({ row: row.rowNumber, matches: summaryMatches });
    proposals += proposeEntities(options.batchId, row.rowNumber, projection, matches).length;
    const clean = errors.length === 0 && summaryMatches.length === 0 && projection.customer.name !== null;
    rows.push({
      rowNumber: row.rowNumber,
      raw: row.values,
      projection,
      errors,
      mergeCandidates: summaryMatches,
      confidence: projection.confidence,
      status: clean ? "pending" : "review",
    });
    progress("proposed", index + 1, total);
  });

  return {
    headers: parsed.headers,
    manifest,
    detected,
    rows,
    summary: {
      batchId: options.batchId,
      rows: total,
      columns: columnsOf(manifest),
      rowErrors,
      proposals,
      mergeCandidates,
    },
    comparisons: dedupe.comparisons,
    skippedBlocks: dedupe.skippedBlocks,
  };
}
