// crm.dismiss_intake: close an intake item that needs no records (spam, wrong number, duplicate). Low risk.
import { z } from "zod";
import { IntakeItemSchema } from "../../contracts/index.ts";
import { getIntakeItem, setIntakeStatus } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";

export const dismissIntakeTool = defineTool({
  name: "crm.dismiss_intake",
  title: "Dismiss an intake item",
  description:
    "Close an intake item that should not become records (spam, wrong number, a duplicate of work already logged), " +
    "with the reason. Low-risk proposal; it creates and changes no customer. The item keeps its raw evidence.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager"],
  input: z.object({ intakeItemId: z.string().min(1), reason: z.string().trim().min(1, "say why").max(500) }).strict(),
  output: IntakeItemSchema.extend({ dismissedReason: z.string() }),
  refs: { intakeItemId: "intake_item" },
  example: { intakeItemId: "itk_0000000000000000", reason: "Wrong number: caller wanted a pizza place" },
  async guard(input, ctx) {
    const item = await getIntakeItem(ctx.db, ctx.tenantId, input.intakeItemId);
    if (item && item.status !== "in_review") {
      return { refuse: failure("duplicate_or_conflict", `Intake item ${item.id} is already ${item.status}.`) };
    }
    return null;
  },
  async preview(input, ctx) {
    const item = await getIntakeItem(ctx.db, ctx.tenantId, input.intakeItemId);
    if (!item) throw new Error("intake item vanished between resolve and preview");
    return {
      summary: `Dismiss intake ${item.id} (${item.source}, "${item.rawText.slice(0, 80)}"): ${input.reason}`,
      changes: [{ entity: "intake_item", id: item.id, field: "status", before: item.status, after: "dismissed" }],
      basis: [{ entity: "intake_item", id: item.id, version: item.version }],
    };
  },
  async run(input, ctx) {
    await setIntakeStatus(ctx.db, ctx.tenantId, input.intakeItemId, "dismissed");
    const item = await getIntakeItem(ctx.db, ctx.tenantId, input.intakeItemId);
    if (!item) throw new Error("intake item vanished inside the apply transaction");
    const { version: _version, ...plain } = item;
    return { ...plain, dismissedReason: input.reason };
  },
});
