// crm.intake_queue: the review queue (GET /api/intake.json): route confidence, evidence, gaps, conflicts, next action.
import { z } from "zod";
import { IntakeQueueSchema } from "../../contracts/index.ts";
import { intakeInReview } from "../../store/repos/office.ts";
import { defineTool } from "../kernel/index.ts";

export const intakeQueueTool = defineTool({
  name: "crm.intake_queue",
  title: "Intake review queue",
  description:
    "Missed calls, web forms, call transcripts and imports waiting for review, newest first, each with its route " +
    "confidence, the raw evidence, missing fields (identity, address, intent), conflicts with existing customers and " +
    "a suggested next action. Read only: turning an item into records is a separate proposal.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "ai_client"],
  input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
  output: IntakeQueueSchema,
  example: { limit: 20 },
  async run(input, ctx) {
    return intakeInReview(ctx.db, ctx.tenantId, input.limit ?? 50);
  },
});
