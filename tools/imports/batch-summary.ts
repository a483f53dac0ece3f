// imports.batch_summary: the summary of a staged import (columns, row errors, proposals, merge candidates) and where
// each row stands. Read only.
import { z } from "zod";
import { getBatch, importRowStatusCounts } from "../../store/repos/office-imports.ts";
import { defineTool } from "../kernel/index.ts";
import { BatchIdSchema, BatchSummarySchema, IMPORT_ROLES } from "./schemas.ts";

export const batchSummaryTool = defineTool({
  name: "imports.batch_summary",
  title: "Import batch summary",
  description:
    "The summary of one staged import: rows, which columns were mapped, ignored or left unresolved, every row error, " +
    "how many entity proposals were made, and each row's merge candidates (existing customers or other rows of the " +
    "file, with scores); plus how many rows are waiting, need review, were applied, merged or skipped. Read only.",
  effect: "read",
  risk: "low",
  roles: IMPORT_ROLES,
  input: z.object({ batchId: BatchIdSchema }).strict(),
  output: BatchSummarySchema.extend({
    filename: z.string(),
    profile: z.string(),
    checksum: z.string(),
    uploadedBy: z.string(),
    stagedAt: z.string(),
    rowStatus: z.object({
      pending: z.number().int(),
      review: z.number().int(),
      applied: z.number().int(),
      merged: z.number().int(),
      skipped: z.number().int(),
    }),
  }),
  refs: { batchId: "import_batch" },
  example: { batchId: "imp_0000000000000000" },
  async run(input, ctx) {
    const batch = await getBatch(ctx.db, ctx.tenantId, input.batchId);
    if (!batch) throw new Error("batch vanished between resolve and read");
    const counts = await importRowStatusCounts(ctx.db, ctx.tenantId, batch.id);
    const summary = BatchSummarySchema.parse(batch.summary);
    return {
      ...summary,
      filename: batch.uploadedFilename,
      profile: batch.sourceSystem,
      checksum: batch.checksum,
      uploadedBy: batch.uploadedBy,
      stagedAt: batch.createdAt,
      rowStatus: {
        pending: counts["pending"] ?? 0,
        review: counts["review"] ?? 0,
        applied: counts["applied"] ?? 0,
        merged: counts["merged"] ?? 0,
        skipped: counts["skipped"] ?? 0,
      },
    };
  },
});
