// imports.commit_clean_rows: the bulk ClientGraphDelta for rows with no merge candidates and no errors. Medium risk:
// office or the founder approves; each created customer gets its property, contact points and a note of the rest.
import { z } from "zod";
import { nameKey } from "../../store/keys.ts";
import {
  customersByContact,
  listImportRows,
  setBatchStatus,
  setImportRowOutcome,
} from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";
import { createCustomerFromRow, formatPhone, projectionOf } from "./graph-delta.ts";
import { BatchIdSchema, IMPORT_ROLES, RowNumberSchema } from "./schemas.ts";

export const commitCleanRowsTool = defineTool({
  name: "imports.commit_clean_rows",
  title: "Approve the clean rows of an import",
  description:
    "Create customers (with property and contact points) from every staged row of a batch that has no merge " +
    "candidates and no errors, or from the listed rows among them. Medium-risk proposal: office or the founder " +
    "approves. Rows with merge candidates or errors are never included; each of those is its own decision.",
  effect: "write",
  risk: "medium",
  roles: IMPORT_ROLES,
  input: z
    .object({
      batchId: BatchIdSchema,
      rows: z.array(RowNumberSchema).min(1).max(200_000).optional(),
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    created: z.number().int(),
    propertiesCreated: z.number().int(),
    heldForReview: z.array(z.object({ row: z.number().int(), reason: z.string() })),
    rows: z.array(z.object({ row: z.number().int(), customerId: z.string() })),
  }),
  refs: { batchId: "import_batch" },
  example: { batchId: "imp_0000000000000000" },
  async guard(input, ctx) {
    const clean = await listImportRows(ctx.db, ctx.tenantId, input.batchId, {
      statuses: ["pending"],
      ...(input.rows ? { rowNumbers: input.rows } : {}),
      limit: 1,
    });
    if (clean.length > 0) return null;
    return {
      refuse: failure(
        "invalid_input",
        "No clean rows are waiting in this batch (rows with merge candidates or errors need their own decision).",
      ),
    };
  },
  async preview(input, ctx) {
    const rows = await listImportRows(ctx.db, ctx.tenantId, input.batchId, {
      statuses: ["pending"],
      ...(input.rows ? { rowNumbers: input.rows } : {}),
    });
    const sample = rows.slice(0, 5).map((r) => {
      const p = projectionOf(r);
      const phone = p.contactPoints.find((c) => c.kind === "phone");
      return `row ${r.rowNumber}: ${p.customer.name}${phone ? `, ${formatPhone(phone.value)}` : ""}`;
    });
    return {
      summary:
        `Create ${rows.length} customer(s) from the clean rows of ${input.batchId}` +
        (sample.length > 0 ? ` (${sample.join("; ")}${rows.length > sample.length ? "; …" : ""})` : ""),
      changes: rows.slice(0, 20).map((r) => ({
        entity: "customer",
        id: null,
        field: "name",
        before: null,
        after: projectionOf(r).customer.name,
      })),
      basis: [],
    };
  },
  async run(input, ctx) {
    const now = ctx.now.toISOString();
    const rows = await listImportRows(ctx.db, ctx.tenantId, input.batchId, {
      statuses: ["pending"],
      ...(input.rows ? { rowNumbers: input.rows } : {}),
    });
    const created: Array<{ row: number; customerId: string }> = [];
    const heldForReview: Array<{ row: number; reason: string }> = [];
    let propertiesCreated = 0;
    for (const row of rows) {
      const p = projectionOf(row);
      // A customer with the same name and a shared phone or email may have been added since staging: hold the row.
      const phone = p.contactPoints.find((c) => c.kind === "phone")?.value ?? null;
      const email = p.contactPoints.find((c) => c.kind === "email")?.value ?? null;
      const since = (await customersByContact(ctx.db, ctx.tenantId, { phone, email })).find(
        (c) => nameKey(c.name) === nameKey(p.customer.name ?? ""),
      );
      if (since) {
        heldForReview.push({ row: row.rowNumber, reason: `matches customer ${since.id} added since staging` });
        await setImportRowOutcome(ctx.db, ctx.tenantId, input.batchId, row.rowNumber, {
          status: "review",
          customerId: null,
          proposalId: ctx.proposalId ?? null,
        });
        continue;
      }
      const result = await createCustomerFromRow(
        { db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.actor.id, now, batchId: input.batchId },
        row,
      );
      if (result.propertyId) propertiesCreated += 1;
      await setImportRowOutcome(ctx.db, ctx.tenantId, input.batchId, row.rowNumber, {
        status: "applied",
        customerId: result.customerId,
        proposalId: ctx.proposalId ?? null,
      });
      created.push({ row: row.rowNumber, customerId: result.customerId });
    }
    await setBatchStatus(ctx.db, ctx.tenantId, input.batchId, "in_review");
    return { batchId: input.batchId, created: created.length, propertiesCreated, heldForReview, rows: created };
  },
});
