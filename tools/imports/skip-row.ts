// imports.skip_row: leave one staged row out of the customer records (its raw row stays in the batch as evidence).
// Low risk: nothing in the customer records changes.
import { z } from "zod";
import { setImportRowOutcome } from "../../store/repos/office-imports.ts";
import { defineTool } from "../kernel/index.ts";
import { openRow } from "./row-decision.ts";
import { BatchIdSchema, IMPORT_ROLES, RowNumberSchema } from "./schemas.ts";

export const skipRowTool = defineTool({
  name: "imports.skip_row",
  title: "Skip an import row",
  description:
    "Leave one staged import row out: it creates no customer and merges into none. The raw row stays in the batch " +
    "as received. Low-risk proposal; the requester may approve it themself.",
  effect: "write",
  risk: "low",
  roles: IMPORT_ROLES,
  input: z
    .object({ batchId: BatchIdSchema, row: RowNumberSchema, reason: z.string().trim().min(1, "say why").max(500) })
    .strict(),
  output: z.object({ batchId: z.string(), row: z.number().int(), status: z.literal("skipped"), reason: z.string() }),
  refs: { batchId: "import_batch" },
  example: { batchId: "imp_0000000000000000", row: 1, reason: "Test row typed into the export by the old office" },
  async guard(input, ctx) {
    const opened = await openRow(ctx, input.batchId, input.row);
    return "verdict" in opened ? opened.verdict : null;
  },
  async preview(input) {
    return {
      summary: `Skip row ${input.row} of ${input.batchId}: ${input.reason}`,
      changes: [
        {
          entity: "import_row",
          id: `${input.batchId}#${input.row}`,
          field: "status",
          before: "review",
          after: "skipped",
        },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    await setImportRowOutcome(ctx.db, ctx.tenantId, input.batchId, input.row, {
      status: "skipped",
      customerId: null,
      proposalId: ctx.proposalId ?? null,
    });
    return { batchId: input.batchId, row: input.row, status: "skipped" as const, reason: input.reason };
  },
});
