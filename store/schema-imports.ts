// Drizzle tables for imports (Contracts blueprint §5: RawImportBatch, ImportRowRecord, mapping manifest) and
// interaction artifacts (TranscriptBundle, QdSignalBundle). Raw evidence is kept beside its projection.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** RawImportBatch: the file exactly as received, immutable after upload; the checksum recognizes a re-import. */
export const importBatches = sqliteTable(
  "import_batches",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    sourceSystem: text("source_system").notNull(),
    uploadedFilename: text("uploaded_filename").notNull(),
    mimeType: text("mime_type").notNull(),
    storageRef: text("storage_ref").notNull(),
    checksum: text("checksum").notNull(),
    rowCount: integer("row_count").notNull(),
    uploadedBy: text("uploaded_by").notNull(),
    rawText: text("raw_text").notNull(),
    manifest: text("manifest", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status").notNull(),
    createdAt: text("created_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("import_batches_tenant_checksum").on(t.tenantId, t.checksum)],
);

/** ImportRowRecord: the raw row beside its normalized projection; row errors are kept, never dropped. */
export const importRows = sqliteTable(
  "import_rows",
  {
    tenantId: text("tenant_id").notNull(),
    batchId: text("batch_id").notNull(),
    rowNumber: integer("row_number").notNull(),
    raw: text("raw", { mode: "json" }).$type<Record<string, string>>().notNull(),
    projection: text("projection", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    errors: text("errors", { mode: "json" }).$type<string[]>().notNull(),
    mergeCandidates: text("merge_candidates", { mode: "json" }).$type<unknown[]>().notNull(),
    confidence: real("confidence").notNull(),
    status: text("status").notNull(),
    proposalId: text("proposal_id"),
    customerId: text("customer_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.batchId, t.rowNumber] }),
    index("import_rows_status").on(t.tenantId, t.batchId, t.status),
  ],
);

/** TranscriptBundle: speaker segments and timing are fields, not comments. */
export const transcripts = sqliteTable(
  "transcripts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    interactionId: text("interaction_id").notNull(),
    mediaRef: text("media_ref").notNull(),
    language: text("language").notNull(),
    segments: text("segments", { mode: "json" })
      .$type<{ speaker: string; startMs: number; endMs: number; text: string }[]>()
      .notNull(),
    text: text("text").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("transcripts_tenant_interaction").on(t.tenantId, t.interactionId)],
);

/** QdSignalBundle: every score points back to evidence refs or an explicit operator input. */
export const signals = sqliteTable(
  "signals",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    clientRef: text("client_ref").notNull(),
    sourceRef: text("source_ref").notNull(),
    scoreType: text("score_type").notNull(),
    value: real("value").notNull(),
    timeWindow: text("time_window").notNull(),
    evidenceRefs: text("evidence_refs", { mode: "json" }).$type<string[]>().notNull(),
    operatorInput: text("operator_input"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("signals_tenant_client").on(t.tenantId, t.clientRef)],
);
