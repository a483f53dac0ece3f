// crm.transcript_to_intake: a call transcript becomes an intake item (with route confidence, missing fields and
// conflicts) plus the follow-ups it asks for, all in one low-risk proposal the approver sees in full.
import { z } from "zod";
import { IntakeItemSchema, TaskSchema } from "../../contracts/index.ts";
import { getCustomer, insertTask } from "../../store/repos/customers.ts";
import {
  customersByContact,
  getInteractionRecord,
  getTranscript,
  insertIntakeItem,
} from "../../store/repos/office-imports.ts";
import { defineTool, type ToolContext } from "../kernel/index.ts";
import { type Extraction, extractIntake } from "./intake-extract.ts";

const HOUR_MS = 3_600_000;

type Planned = {
  extraction: Extraction;
  transcriptText: string;
  customerId: string | null;
  receivedAt: string;
  conflicts: Array<{ customerId: string; reason: string }>;
  followUps: Array<{ kind: "callback" | "task"; title: string; dueAt: string }>;
  suggestedAction: string;
};

async function planFor(transcriptId: string, ctx: ToolContext): Promise<Planned | null> {
  const transcript = await getTranscript(ctx.db, ctx.tenantId, transcriptId);
  if (!transcript) return null;
  const interaction = await getInteractionRecord(ctx.db, ctx.tenantId, transcript.interactionId);
  const extraction = extractIntake(transcript.text);
  const x = extraction.extracted;
  const conflicts: Planned["conflicts"] = [];
  for (const c of await customersByContact(ctx.db, ctx.tenantId, { phone: x.phone, email: x.email })) {
    conflicts.push({
      customerId: c.id,
      reason: `${c.name} on file with the same ${x.phone && c.phone ? "phone" : "email"}`,
    });
  }
  const caller =
    x.name ??
    (interaction ? (await getCustomer(ctx.db, ctx.tenantId, interaction.customerId))?.name : null) ??
    "the caller";
  const followUps: Planned["followUps"] = [
    {
      kind: "callback",
      title: `Call back ${caller}${x.intent ? `: ${x.intent}` : ""}`.slice(0, 300),
      dueAt: new Date(ctx.now.getTime() + 2 * HOUR_MS).toISOString(),
    },
  ];
  if (extraction.wantsQuote) {
    followUps.push({
      kind: "task",
      title: `Prepare the estimate ${caller} asked for`.slice(0, 300),
      dueAt: new Date(ctx.now.getTime() + 24 * HOUR_MS).toISOString(),
    });
  }
  const suggestedAction =
    extraction.missingFields.length > 0
      ? `Call back to confirm ${extraction.missingFields.join(", ")} before creating records.`
      : conflicts.length > 0
        ? "Check the existing customer(s) with the same contact details, then convert into one of them or as new."
        : "Convert into a customer, property and lead.";
  return {
    extraction,
    transcriptText: transcript.text,
    customerId: interaction?.customerId ?? null,
    receivedAt: interaction?.occurredAt ?? transcript.createdAt,
    conflicts,
    followUps,
    suggestedAction,
  };
}

export const transcriptToIntakeTool = defineTool({
  name: "crm.transcript_to_intake",
  title: "Turn a call transcript into intake",
  description:
    "Read a call transcript and put the caller in the intake review queue: name, phone, email, address and what they " +
    "need, with a route confidence, the missing fields and any existing customers with the same contact details; and " +
    "propose the follow-ups the call asks for (a callback, an estimate to prepare). Low-risk proposal; it creates no " +
    "customer — a reviewer converts the intake item with crm.convert_intake.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech"],
  input: z.object({ transcriptId: z.string().min(1) }).strict(),
  output: z.object({ intakeItem: IntakeItemSchema, followUps: z.array(TaskSchema) }),
  refs: { transcriptId: "transcript" },
  example: { transcriptId: "trn_0000000000000000" },
  async preview(input, ctx) {
    const plan = await planFor(input.transcriptId, ctx);
    if (!plan) throw new Error("transcript vanished between resolve and preview");
    const x = plan.extraction.extracted;
    return {
      summary:
        `New intake item from transcript ${input.transcriptId}: ${x.name ?? "unknown caller"}` +
        `${x.intent ? `, "${x.intent}"` : ""} (route confidence ${plan.extraction.routeConfidence}` +
        `${plan.extraction.missingFields.length > 0 ? `, missing ${plan.extraction.missingFields.join(", ")}` : ""}); ` +
        `follow-ups: ${plan.followUps.map((f) => f.title).join("; ")}`,
      changes: [
        { entity: "intake_item", id: null, field: "extracted", before: null, after: x },
        ...plan.followUps.map((f) => ({ entity: "task", id: null, field: f.kind, before: null, after: f.title })),
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const plan = await planFor(input.transcriptId, ctx);
    if (!plan) throw new Error("transcript vanished inside the apply transaction");
    const item = {
      source: "call_transcript" as const,
      rawText: plan.transcriptText,
      receivedAt: plan.receivedAt,
      routeConfidence: plan.extraction.routeConfidence,
      status: "in_review" as const,
      extracted: plan.extraction.extracted,
      missingFields: plan.extraction.missingFields,
      conflicts: plan.conflicts,
      suggestedAction: plan.suggestedAction,
    };
    const id = await insertIntakeItem(ctx.db, ctx.tenantId, item);
    const followUps = [];
    for (const f of plan.followUps) {
      followUps.push(
        await insertTask(ctx.db, ctx.tenantId, {
          customerId: plan.customerId,
          kind: f.kind,
          title: f.title,
          dueAt: f.dueAt,
          ownerId: ctx.actor.id,
          createdAt: ctx.now.toISOString(),
        }),
      );
    }
    return { intakeItem: { id, ...item }, followUps };
  },
});
