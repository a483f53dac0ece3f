// imports.review_rows: staged rows with their raw values beside the projection, errors and merge candidates shown side
// by side with the records they match (duplicate_or_conflict: show both, a person decides). Read only.
import { z } from "zod";
import { getCustomer } from "../../store/repos/customers.ts";
import { getImportRow, listImportRows } from "../../store/repos/office-imports.ts";
import { defineTool } from "../kernel/index.ts";
import { projectionOf } from "./graph-delta.ts";
import { BatchIdSchema, IMPORT_ROLES, SummaryMatchSchema } from "./schemas.ts";

const RowStatusSchema = z.enum(["pending", "review", "applied", "merged", "skipped"]);

const RecordSideSchema = z.object({
  name: z.string().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  address: z.string().nullable(),
});

export const reviewRowsTool = defineTool({
  name: "imports.review_rows",
  title: "Review staged import rows",
  description:
    "Rows of a staged import, by status (default: rows that need review). Each row shows the raw values as received, " +
    "its normalized projection, its errors and its merge candidates side by side with the existing customer or other " +
    "row they match, so a person can decide with imports.merge_row, imports.keep_row_separate or imports.skip_row. Read only.",
  effect: "read",
  risk: "low",
  roles: IMPORT_ROLES,
  input: z
    .object({
      batchId: BatchIdSchema,
      status: RowStatusSchema.optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        status: z.string(),
        raw: z.record(z.string(), z.string()),
        record: RecordSideSchema,
        errors: z.array(z.string()),
        confidence: z.number(),
        customerId: z.string().nullable(),
        candidates: z.array(z.object({ match: SummaryMatchSchema, record: RecordSideSchema.nullable() })),
      }),
    ),
  }),
  refs: { batchId: "import_batch" },
  example: { batchId: "imp_0000000000000000", status: "review", limit: 20 },
  async run(input, ctx) {
    const rows = await listImportRows(ctx.db, ctx.tenantId, input.batchId, {
      statuses: [input.status ?? "review"],
      offset: input.offset ?? 0,
      limit: input.limit ?? 50,
    });
    const out = [];
    for (const row of rows) {
      const p = projectionOf(row);
      const candidates = [];
      for (const match of row.mergeCandidates as z.infer<typeof SummaryMatchSchema>[]) {
        let record: z.infer<typeof RecordSideSchema> | null = null;
        if ("customerId" in match) {
          const c = await getCustomer(ctx.db, ctx.tenantId, match.customerId);
          if (c)
            record = {
              name: c.name,
              phones: c.phone ? [c.phone] : [],
              emails: c.email ? [c.email] : [],
              address: null,
            };
        } else {
          const other = await getImportRow(ctx.db, ctx.tenantId, input.batchId, match.row);
          if (other) record = sideOf(projectionOf(other));
        }
        candidates.push({ match, record });
      }
      out.push({
        row: row.rowNumber,
        status: row.status,
        raw: row.raw,
        record: sideOf(p),
        errors: row.errors,
        confidence: row.confidence,
        customerId: row.customerId,
        candidates,
      });
    }
    return { batchId: input.batchId, rows: out };
  },
});

function sideOf(p: ReturnType<typeof projectionOf>): z.infer<typeof RecordSideSchema> {
  const a = p.property;
  return {
    name: p.customer.name,
    phones: p.contactPoints.filter((c) => c.kind === "phone").map((c) => c.value),
    emails: p.contactPoints.filter((c) => c.kind === "email").map((c) => c.value),
    address: a ? [a.street, a.unit, a.city, a.state, a.zip].filter(Boolean).join(", ") : null,
  };
}
