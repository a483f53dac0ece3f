// crm.record_signal: a signal bundle score (lead health, deal health, account risk) for a customer. Every score points
// back to evidence refs or is an explicit operator input; otherwise it is refused as audit_gap. Low risk.
import { z } from "zod";
import { AI_CHANNELS } from "../../contracts/index.ts";
import { insertSignal } from "../../store/repos/office-imports.ts";
import { defineTool, failure, type ToolContext } from "../kernel/index.ts";
import { checkSignalBundle, checkSignal, type OperatorInput } from "./transcripts.ts";

const InputSchema = z
  .object({
    customerId: z.string().min(1),
    scoreType: z.enum(["lead_health", "deal_health", "account_risk", "engagement"]),
    value: z.number().min(0).max(100),
    timeWindow: z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) }).strict(),
    sourceRef: z.string().trim().min(1).max(300),
    evidenceRefs: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
    /** The person entering the score states it themself (only on a human channel). */
    operatorInput: z
      .object({ note: z.string().trim().min(1).max(500) })
      .strict()
      .optional(),
  })
  .strict();
type Input = z.infer<typeof InputSchema>;

/** Operator input counts only when a person on a human channel enters it; a model cannot claim to be an operator. */
function operatorOf(input: Input, ctx: ToolContext): OperatorInput | null {
  if (!input.operatorInput) return null;
  if (AI_CHANNELS.includes(ctx.channel) || ctx.actor.role === "ai_client" || ctx.actor.role === "system") return null;
  return { operatorId: ctx.actor.id, note: input.operatorInput.note };
}

export const recordSignalTool = defineTool({
  name: "crm.record_signal",
  title: "Record a customer signal score",
  description:
    "Record a 0–100 score (lead_health, deal_health, account_risk, engagement) for a customer over a time window, " +
    "with the evidence refs it was computed from (interactions, quotes, transcripts) or an explicit operator note from " +
    "the person entering it. A score with neither is refused as audit_gap. Low-risk proposal.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson"],
  input: InputSchema,
  output: z.object({
    id: z.string(),
    customerId: z.string(),
    scoreType: z.string(),
    value: z.number(),
    timeWindow: z.object({ start: z.string(), end: z.string() }),
    basis: z.enum(["evidence", "operator_input", "evidence_and_operator_input"]),
    evidenceRefs: z.array(z.string()),
    operatorInput: z.string().nullable(),
  }),
  refs: { customerId: "customer" },
  example: {
    customerId: "cus_0000000000000000",
    scoreType: "deal_health",
    value: 35,
    timeWindow: { start: "2026-11-01T00:00:00Z", end: "2026-11-23T00:00:00Z" },
    sourceRef: "weekly-review",
    evidenceRefs: ["quote:sent 21 days ago, no reply"],
  },
  async guard(input, ctx) {
    const problems = checkSignalBundle(
      {
        signal_id: "new",
        client_ref: input.customerId,
        source_ref: input.sourceRef,
        score_type: input.scoreType,
        value: input.value,
        time_window: input.timeWindow,
        supporting_evidence_refs: input.evidenceRefs ?? [],
        operator_input: operatorOf(input, ctx),
      },
      { min: 0, max: 100 },
    );
    if (problems.length === 0) return null;
    const check = checkSignal({
      value: input.value,
      evidenceRefs: input.evidenceRefs ?? [],
      operatorInput: operatorOf(input, ctx),
    });
    const cls = check.status === "refused" ? check.failure.class : "invalid_input";
    return { refuse: failure(cls, `The ${input.scoreType} score cannot be recorded: ${problems.join("; ")}.`) };
  },
  async preview(input, ctx) {
    const operator = operatorOf(input, ctx);
    return {
      summary:
        `Record ${input.scoreType} ${input.value} for ${input.customerId} (${input.timeWindow.start} – ${input.timeWindow.end}), ` +
        `based on ${(input.evidenceRefs ?? []).length} evidence ref(s)${operator ? ` and operator note by ${operator.operatorId}` : ""}`,
      changes: [{ entity: "signal", id: null, field: input.scoreType, before: null, after: input.value }],
      basis: [],
    };
  },
  async run(input, ctx) {
    const operator = operatorOf(input, ctx);
    const evidenceRefs = (input.evidenceRefs ?? []).filter((r) => r.trim() !== "");
    const operatorText = operator ? `${operator.operatorId}: ${operator.note ?? ""}` : null;
    const timeWindow = {
      start: new Date(input.timeWindow.start).toISOString(),
      end: new Date(input.timeWindow.end).toISOString(),
    };
    const id = await insertSignal(ctx.db, ctx.tenantId, {
      clientRef: input.customerId,
      sourceRef: input.sourceRef,
      scoreType: input.scoreType,
      value: input.value,
      timeWindow: JSON.stringify(timeWindow),
      evidenceRefs,
      operatorInput: operatorText,
      createdAt: ctx.now.toISOString(),
    });
    const basis = evidenceRefs.length > 0 ? (operator ? "evidence_and_operator_input" : "evidence") : "operator_input";
    return {
      id,
      customerId: input.customerId,
      scoreType: input.scoreType,
      value: input.value,
      timeWindow,
      basis: basis as "evidence" | "operator_input" | "evidence_and_operator_input",
      evidenceRefs,
      operatorInput: operatorText,
    };
  },
});
