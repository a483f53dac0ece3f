// imports.keep_row_separate: a reviewer decides a staged row is its own customer despite its merge candidates or
// errors. Medium risk (creates a customer record): office or the founder approves.
import { z } from "zod";
import { setImportRowOutcome } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";
import { createCustomerFromRow, projectionOf } from "./graph-delta.ts";
import { openRow } from "./row-decision.ts";
import { BatchIdSchema, IMPORT_ROLES, RowNumberSchema } from "./schemas.ts";

export const keepRowSeparateTool = defineTool({
  name: "imports.keep_row_separate",
  title: "Keep an import row as its own customer",
  description:
    "Decide that a staged import row is a different person from its merge candidates (or that its row errors are " +
    "acceptable) and create it as a new customer with its property and contact points. Medium-risk proposal: office " +
    "or the founder approves. Use imports.merge_row instead when it is the same person.",
  effect: "write",
  risk: "medium",
  roles: IMPORT_ROLES,
  input: z
    .object({ batchId: BatchIdSchema, row: RowNumberSchema, reason: z.string().trim().max(500).optional() })
    .strict(),
  output: z.object({
    batchId: z.string(),
    row: z.number().int(),
    customerId: z.string(),
    propertyId: z.string().nullable(),
  }),
  refs: { batchId: "import_batch" },
  example: { batchId: "imp_0000000000000000", row: 1, reason: "Different person: same phone, different household" },
  async guard(input, ctx) {
    const opened = await openRow(ctx, input.batchId, input.row);
    if ("verdict" in opened) return opened.verdict;
    if (!projectionOf(opened.row).customer.name) {
      return {
        refuse: failure("intake_low_confidence", `Row ${input.row} has no customer name; skip it or fix the file.`),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const opened = await openRow(ctx, input.batchId, input.row);
    if (!("row" in opened)) throw new Error("row vanished between guard and preview");
    const p = projectionOf(opened.row);
    const candidates = (opened.row.mergeCandidates as unknown[]).length;
    return {
      summary:
        `Create row ${input.row} (${p.customer.name}) as a new customer` +
        (candidates > 0 ? `, not merged with its ${candidates} candidate(s)` : "") +
        (opened.row.errors.length > 0 ? `, despite: ${opened.row.errors.join("; ")}` : "") +
        (input.reason ? `. Reason: ${input.reason}` : ""),
      changes: [
        { entity: "customer", id: null, field: "name", before: null, after: p.customer.name },
        {
          entity: "import_row",
          id: `${input.batchId}#${input.row}`,
          field: "status",
          before: opened.row.status,
          after: "applied",
        },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const opened = await openRow(ctx, input.batchId, input.row);
    if (!("row" in opened)) throw new Error("row decided inside the apply transaction");
    const created = await createCustomerFromRow(
      { db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.actor.id, now: ctx.now.toISOString(), batchId: input.batchId },
      opened.row,
    );
    await setImportRowOutcome(ctx.db, ctx.tenantId, input.batchId, input.row, {
      status: "applied",
      customerId: created.customerId,
      proposalId: ctx.proposalId ?? null,
    });
    return { batchId: input.batchId, row: input.row, ...created };
  },
});
