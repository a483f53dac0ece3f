// imports.stage_batch: stores a CSV export as received (RawImportBatch) with its manifest, row records and merge
// candidates. Low risk: staging raw evidence changes no customer record; customers change only through later approvals.
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  artifactId,
  customersForDedupe,
  findBatchByChecksum,
  insertBatch,
  insertImportRows,
} from "../../store/repos/office-imports.ts";
import { defineTool } from "../kernel/index.ts";
import type { DedupeRecord } from "./dedupe.ts";
import { currentImportProgress } from "./progress.ts";
import { BatchSummarySchema, ColumnOverrideSchema, IMPORT_ROLES, SourceProfileSchema } from "./schemas.ts";
import { type BatchSummary, mapColumns, stageBatch } from "./stage.ts";

/** SHA-256 of the text as received: the same file again is recognized and creates nothing new. */
export function checksumOf(csv: string): string {
  return createHash("sha256").update(csv, "utf8").digest("hex");
}

export const stageBatchTool = defineTool({
  name: "imports.stage_batch",
  title: "Stage a customer import",
  description:
    "Stage a CSV customer export (ServiceTitan-, Jobber-, Housecall Pro-style or any spreadsheet): the file is kept " +
    "exactly as received, every column is mapped, ignored or left unresolved, each row is normalized and checked for " +
    "duplicates against existing customers and the rest of the file. Low-risk proposal: it changes no customer record. " +
    "The same file again (same checksum) is recognized and nothing new is created. Customers are only created or " +
    "merged later, by imports.commit_clean_rows, imports.merge_row and imports.keep_row_separate.",
  effect: "write",
  risk: "low",
  roles: IMPORT_ROLES,
  input: z
    .object({
      filename: z.string().trim().min(1).max(200),
      csv: z.string().min(1, "the file is empty").max(200_000_000),
      profile: SourceProfileSchema.optional(),
      overrides: z.record(z.string(), ColumnOverrideSchema).optional(),
      mimeType: z.string().max(100).optional(),
    })
    .strict(),
  output: BatchSummarySchema.extend({
    reused: z.boolean(),
    profile: SourceProfileSchema,
    checksum: z.string(),
  }),
  example: {
    filename: "customers.csv",
    csv: "Full Name,Phone #,E-mail\nAna Rivera,(303) 555-0142,ana.rivera@example.com\n",
  },
  async preview(input, ctx) {
    const checksum = checksumOf(input.csv);
    const prior = await findBatchByChecksum(ctx.db, ctx.tenantId, checksum);
    const { parsed, manifest } = mapColumns(input.csv, input.profile, input.overrides ?? {});
    const rows = parsed.rows.length;
    const unresolved = manifest.unmapped_columns.map((c) => c.column);
    const summary = prior
      ? `"${input.filename}" was already imported as ${prior.id} (same checksum); staging creates nothing new.`
      : `Stage "${input.filename}": ${rows} row(s), profile ${manifest.source_profile}; ` +
        `${manifest.column_mappings.length} column(s) mapped, ${manifest.ignored_columns.length} ignored, ` +
        `${unresolved.length} unresolved${unresolved.length > 0 ? ` (${unresolved.join(", ")})` : ""}. ` +
        "No customer record changes until rows are approved.";
    return {
      summary,
      changes: [
        { entity: "import_batch", id: prior?.id ?? null, field: "rows", before: null, after: rows },
        { entity: "import_batch", id: prior?.id ?? null, field: "checksum", before: null, after: checksum },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const checksum = checksumOf(input.csv);
    const prior = await findBatchByChecksum(ctx.db, ctx.tenantId, checksum);
    if (prior) {
      const summary = prior.summary as unknown as BatchSummary;
      const profile = SourceProfileSchema.parse(prior.sourceSystem);
      return { ...summary, reused: true, profile, checksum };
    }
    const batchId = artifactId("imp");
    const existing: DedupeRecord[] = (await customersForDedupe(ctx.db, ctx.tenantId)).map((c) => ({
      ref: { customerId: c.id },
      name: c.name,
      phones: c.phone ? [c.phone] : [],
      emails: c.email ? [c.email] : [],
      street: c.street,
      unit: c.unit,
      zip: c.zip,
    }));
    const listener = currentImportProgress();
    const staged = stageBatch(input.csv, {
      batchId,
      ...(input.profile ? { profile: input.profile } : {}),
      ...(input.overrides ? { overrides: input.overrides } : {}),
      existing,
      ...(listener ? { onProgress: listener } : {}),
    });
    const now = ctx.now.toISOString();
    await insertBatch(ctx.db, ctx.tenantId, {
      id: batchId,
      sourceSystem: staged.manifest.source_profile,
      uploadedFilename: input.filename,
      mimeType: input.mimeType ?? "text/csv",
      storageRef: `import_batches/${batchId}/raw_text`,
      checksum,
      rowCount: staged.rows.length,
      uploadedBy: ctx.actor.id,
      rawText: input.csv,
      manifest: {
        manifest_id: `${batchId}:manifest`,
        batch_id: batchId,
        headers: staged.headers,
        detected_profile: staged.detected,
        ...staged.manifest,
      },
      summary: staged.summary,
      status: "staged",
      createdAt: now,
      version: 1,
    });
    await insertImportRows(
      ctx.db,
      ctx.tenantId,
      staged.rows.map((row) => ({
        batchId,
        rowNumber: row.rowNumber,
        raw: row.raw,
        projection: row.projection as unknown as Record<string, unknown>,
        errors: row.errors,
        mergeCandidates: row.mergeCandidates,
        confidence: row.confidence,
        status: row.status,
        proposalId: null,
        customerId: null,
      })),
    );
    return { ...staged.summary, reused: false, profile: staged.manifest.source_profile, checksum };
  },
});
