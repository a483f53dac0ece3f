// imports.merge_row: one merge decision for one staged row — into an existing customer or into another row's customer.
// Medium risk (a merge of customers): office or the founder approves. Never automatic; each merge is its own proposal.
import { z } from "zod";
import { getCustomer } from "../../store/repos/customers.ts";
import { getImportRow, setImportRowOutcome } from "../../store/repos/office-imports.ts";
import { defineTool, failure, type ToolContext } from "../kernel/index.ts";
import { createCustomerFromRow, type DeltaContext, mergeRowIntoCustomer, projectionOf } from "./graph-delta.ts";
import { openRow } from "./row-decision.ts";
import { BatchIdSchema, IMPORT_ROLES, RowNumberSchema, type SummaryMatchSchema } from "./schemas.ts";

const InputSchema = z
  .object({
    batchId: BatchIdSchema,
    row: RowNumberSchema,
    into: z.union([z.object({ customerId: z.string().min(1) }).strict(), z.object({ row: RowNumberSchema }).strict()]),
  })
  .strict();
type Input = z.infer<typeof InputSchema>;

/** Where the merge lands: an existing customer, or the other row (its customer if it has one). */
async function target(input: Input, ctx: ToolContext) {
  if ("customerId" in input.into) return { kind: "customer" as const, customerId: input.into.customerId };
  return openRowOrDone(ctx, input.batchId, input.into.row);
}

async function openRowOrDone(ctx: ToolContext, batchId: string, rowNumber: number) {
  const opened = await openRow(ctx, batchId, rowNumber);
  if ("row" in opened) return { kind: "row" as const, row: opened.row };
  const decided = await getImportRow(ctx.db, ctx.tenantId, batchId, rowNumber);
  if (decided?.customerId) return { kind: "customer" as const, customerId: decided.customerId };
  return { kind: "refused" as const, verdict: opened.verdict };
}

export const mergeRowTool = defineTool({
  name: "imports.merge_row",
  title: "Merge an import row into a customer",
  description:
    "Decide one merge candidate: merge a staged import row into an existing customer (into.customerId) or into " +
    "another row of the same file (into.row; that row becomes the customer if it is not one yet). Empty phone and " +
    "email are filled, a new address becomes a property, everything else is kept as a note; nothing is overwritten. " +
    "Medium-risk proposal: office or the founder approves. Each merge is its own decision; nothing merges automatically.",
  effect: "write",
  risk: "medium",
  roles: IMPORT_ROLES,
  input: InputSchema,
  output: z.object({
    batchId: z.string(),
    row: z.number().int(),
    customerId: z.string(),
    createdFromRow: z.number().int().nullable(),
    filled: z.array(z.string()),
    propertyId: z.string().nullable(),
  }),
  refs: { batchId: "import_batch", "into.customerId": "customer" },
  example: { batchId: "imp_0000000000000000", row: 2, into: { customerId: "cus_0000000000000000" } },
  async guard(input, ctx) {
    const opened = await openRow(ctx, input.batchId, input.row);
    if ("verdict" in opened) return opened.verdict;
    if ("row" in input.into && input.into.row === input.row) {
      return { refuse: failure("invalid_input", "A row cannot be merged into itself.") };
    }
    const into = await target(input, ctx);
    if (into.kind === "refused") return into.verdict;
    if (into.kind === "row" && !projectionOf(into.row).customer.name) {
      return {
        refuse: failure(
          "intake_low_confidence",
          `Row ${into.row.rowNumber} has no name to become a customer; fix or skip it first.`,
        ),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const opened = await openRow(ctx, input.batchId, input.row);
    if (!("row" in opened)) throw new Error("row vanished between guard and preview");
    const p = projectionOf(opened.row);
    const candidates = opened.row.mergeCandidates as z.infer<typeof SummaryMatchSchema>[];
    const listed = candidates.some((m) =>
      "customerId" in input.into
        ? "customerId" in m && m.customerId === input.into.customerId
        : "row" in m && m.row === input.into.row,
    );
    const into = await target(input, ctx);
    const basis = [];
    let theirs = "";
    if (into.kind === "customer") {
      const c = await getCustomer(ctx.db, ctx.tenantId, into.customerId);
      if (c) {
        basis.push({ entity: "customer", id: c.id, version: c.version });
        theirs = `customer ${c.name} (${[c.phone, c.email].filter(Boolean).join(", ") || "no contact"})`;
      }
    } else if (into.kind === "row") {
      theirs = `row ${into.row.rowNumber} ${projectionOf(into.row).customer.name ?? "(no name)"}, created as a customer first`;
    }
    const mine = `row ${opened.row.rowNumber} ${p.customer.name ?? "(no name)"} (${p.contactPoints.map((c) => c.value).join(", ") || "no contact"})`;
    return {
      summary: `Merge ${mine} into ${theirs}${listed ? "" : " — not one of the row's dedupe candidates, check both records"}`,
      changes: [
        {
          entity: "import_row",
          id: `${input.batchId}#${input.row}`,
          field: "status",
          before: opened.row.status,
          after: "merged",
        },
        {
          entity: "customer",
          id: into.kind === "customer" ? into.customerId : null,
          field: "merge",
          before: theirs,
          after: mine,
        },
      ],
      basis,
    };
  },
  async run(input, ctx) {
    const delta: DeltaContext = {
      db: ctx.db,
      tenantId: ctx.tenantId,
      actorId: ctx.actor.id,
      now: ctx.now.toISOString(),
      batchId: input.batchId,
    };
    const opened = await openRow(ctx, input.batchId, input.row);
    if (!("row" in opened)) throw new Error("row decided inside the apply transaction");
    const into = await target(input, ctx);
    let customerId: string;
    let createdFromRow: number | null = null;
    if (into.kind === "customer") customerId = into.customerId;
    else if (into.kind === "row") {
      customerId = (await createCustomerFromRow(delta, into.row)).customerId;
      createdFromRow = into.row.rowNumber;
      await setImportRowOutcome(ctx.db, ctx.tenantId, input.batchId, into.row.rowNumber, {
        status: "applied",
        customerId,
        proposalId: ctx.proposalId ?? null,
      });
    } else throw new Error("merge target refused inside the apply transaction");
    const merged = await mergeRowIntoCustomer(delta, opened.row, customerId);
    await setImportRowOutcome(ctx.db, ctx.tenantId, input.batchId, input.row, {
      status: "merged",
      customerId,
      proposalId: ctx.proposalId ?? null,
    });
    return {
      batchId: input.batchId,
      row: input.row,
      customerId,
      createdFromRow,
      filled: merged.changed,
      propertyId: merged.propertyId,
    };
  },
});
