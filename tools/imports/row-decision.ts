// What the per-row import tools share: loading a staged row and refusing one that was already decided.
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { failure } from "../kernel/index.ts";
import { getImportRow, type ImportRowRecord } from "../../store/repos/office-imports.ts";

const OPEN_STATUSES = new Set(["pending", "review"]);

/** The row, or a refusal: not in the batch (not_found) or already applied, merged or skipped (duplicate_or_conflict). */
export async function openRow(
  ctx: ToolContext,
  batchId: string,
  rowNumber: number,
): Promise<{ row: ImportRowRecord } | { verdict: NonNullable<GuardVerdict> }> {
  const row = await getImportRow(ctx.db, ctx.tenantId, batchId, rowNumber);
  if (!row) return { verdict: { refuse: failure("not_found", `Batch ${batchId} has no data row ${rowNumber}.`) } };
  if (!OPEN_STATUSES.has(row.status)) {
    return {
      verdict: {
        refuse: failure(
          "duplicate_or_conflict",
          `Row ${rowNumber} of ${batchId} was already ${row.status}${row.customerId ? ` (customer ${row.customerId})` : ""}; nothing more to decide.`,
        ),
      },
    };
  }
  return { row };
}
