// crm.convert_intake: a reviewer turns an intake item into records (customer, property, lead, follow-up) through a
// medium-risk proposal. Low confidence stays in review; a conflict is shown side by side and never auto-merged.
import { z } from "zod";
import { AI_CHANNELS, type Customer, TaskKindSchema } from "../../contracts/index.ts";
import { getCustomer, insertCustomer, insertTask, propertiesOf } from "../../store/repos/customers.ts";
import {
  customersByContact,
  fillCustomerGaps,
  getIntakeItem,
  hasPropertyAt,
  insertInteraction,
  insertOpportunity,
  insertProperty,
  type NewInteraction,
  type StoredIntakeItem,
  setIntakeStatus,
} from "../../store/repos/office-imports.ts";
import { defineTool, failure, type GuardVerdict, type ToolContext } from "../kernel/index.ts";
import { type AddressParts, type IntakeMissing, parseAddressLine } from "./intake-extract.ts";

/** Route confidence below this keeps an item in review unless a person supplies identity, address and intent. */
export const LOW_CONFIDENCE = 0.5;
const DAY_MS = 86_400_000;

const PropertyInput = z
  .object({
    street: z.string().trim().min(1).max(200),
    unit: z.string().trim().max(40).optional(),
    city: z.string().trim().min(1).max(100),
    state: z.string().trim().min(2).max(40),
    zip: z.string().trim().min(3).max(12),
  })
  .strict();

const InputSchema = z
  .object({
    intakeItemId: z.string().min(1),
    mergeIntoCustomerId: z.string().min(1).optional(),
    confirmNewDespiteConflict: z.boolean().optional(),
    customer: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        phone: z.string().trim().min(7).max(40).optional(),
        email: z.string().trim().email().max(200).optional(),
      })
      .strict()
      .optional(),
    property: PropertyInput.optional(),
    intent: z.string().trim().min(1).max(500).optional(),
    opportunity: z
      .object({ title: z.string().trim().min(1).max(200).optional(), valueCents: z.number().int().min(0).optional() })
      .strict()
      .optional(),
    followUp: z
      .object({
        title: z.string().trim().min(1).max(300).optional(),
        dueAt: z.iso.datetime({ offset: true }).optional(),
        kind: TaskKindSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
type Input = z.infer<typeof InputSchema>;

type Plan = {
  item: StoredIntakeItem;
  merge: Customer | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  address: AddressParts | null;
  intent: string | null;
  /** Fields still unknown after the reviewer's input (for a low-confidence item: not supplied by the reviewer). */
  missing: IntakeMissing[];
  conflicts: Array<{ customer: Customer; reason: string }>;
};

async function plan(input: Input, ctx: ToolContext): Promise<Plan | null> {
  const item = await getIntakeItem(ctx.db, ctx.tenantId, input.intakeItemId);
  if (!item) return null;
  const merge = input.mergeIntoCustomerId ? await getCustomer(ctx.db, ctx.tenantId, input.mergeIntoCustomerId) : null;
  const mergeHasProperty = merge ? (await propertiesOf(ctx.db, ctx.tenantId, merge.id)).length > 0 : false;
  const x = item.extracted;
  const name = input.customer?.name ?? merge?.name ?? x.name;
  const phone = input.customer?.phone ?? x.phone;
  const email = input.customer?.email ?? x.email;
  const address = input.property
    ? { ...input.property, unit: input.property.unit ?? null }
    : x.address
      ? parseAddressLine(x.address)
      : null;
  const intent = input.intent ?? x.intent;
  // Seed taxonomy, intake_low_confidence: missing identity, address or intent keeps the item in review until a person
  // supplies it. For a low-confidence route, extracted values do not count: the reviewer must state them.
  const low = item.routeConfidence < LOW_CONFIDENCE;
  const given: Record<IntakeMissing, boolean> = {
    identity: Boolean(input.customer?.name || merge),
    address: Boolean(input.property || (merge && mergeHasProperty)),
    intent: Boolean(input.intent),
  };
  const known: Record<IntakeMissing, boolean> = {
    identity: Boolean(name),
    address: Boolean(address),
    intent: Boolean(intent),
  };
  const missing = (["identity", "address", "intent"] as const).filter((field) =>
    low || item.missingFields.includes(field) ? !given[field] : !known[field],
  );

  const conflicts = new Map<string, { customer: Customer; reason: string }>();
  for (const c of item.conflicts) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, c.customerId);
    if (customer) conflicts.set(customer.id, { customer, reason: c.reason });
  }
  for (const customer of await customersByContact(ctx.db, ctx.tenantId, { phone, email })) {
    if (!conflicts.has(customer.id)) {
      const same = phone && customer.phone?.replace(/\D/g, "").endsWith(phone.replace(/\D/g, "").slice(-10));
      conflicts.set(customer.id, { customer, reason: same ? "same phone number" : "same email address" });
    }
  }
  if (merge) conflicts.delete(merge.id);
  return { item, merge, name, phone, email, address, intent, missing, conflicts: [...conflicts.values()] };
}

function isMachine(ctx: ToolContext): boolean {
  return AI_CHANNELS.includes(ctx.channel) || ctx.actor.role === "ai_client" || ctx.actor.role === "system";
}

async function verdict(input: Input, ctx: ToolContext): Promise<GuardVerdict> {
  const p = await plan(input, ctx);
  if (!p) return { refuse: failure("not_found", `No intake item ${input.intakeItemId} in this business.`) };
  if (p.item.status !== "in_review") {
    return {
      refuse: failure(
        "duplicate_or_conflict",
        `Intake item ${p.item.id} is already ${p.item.status}; nothing to convert.`,
      ),
    };
  }
  if (isMachine(ctx) && p.item.routeConfidence < LOW_CONFIDENCE) {
    return {
      refuse: failure(
        "intake_low_confidence",
        `Intake item ${p.item.id} has route confidence ${p.item.routeConfidence}; a model, MCP client or trigger may ` +
          "never convert a low-confidence item. It stays in review for a person.",
        { details: { routeConfidence: p.item.routeConfidence, missingFields: p.item.missingFields } },
      ),
    };
  }
  if (p.missing.length > 0) {
    const low = p.item.routeConfidence < LOW_CONFIDENCE;
    return {
      refuse: failure(
        "intake_low_confidence",
        `Intake item ${p.item.id} stays in review: ${low ? `route confidence ${p.item.routeConfidence} is low and ` : ""}` +
          `${p.missing.join(", ")} ${p.missing.length === 1 ? "was" : "were"} not supplied by the reviewer. ` +
          "Ask the customer, then convert with customer (name), property and intent filled in.",
        { details: { routeConfidence: p.item.routeConfidence, missing: p.missing, extracted: p.item.extracted } },
      ),
    };
  }
  if (!p.merge && p.conflicts.length > 0 && input.confirmNewDespiteConflict !== true) {
    return {
      refuse: failure(
        "duplicate_or_conflict",
        `Intake item ${p.item.id} overlaps ${p.conflicts.length} existing customer(s) (` +
          p.conflicts.map((c) => `${c.customer.name}: ${c.reason}`).join("; ") +
          "). Decide: convert into one of them with mergeIntoCustomerId, or confirm a new customer with " +
          "confirmNewDespiteConflict: true. Nothing is merged automatically.",
        {
          details: {
            intake: { id: p.item.id, rawText: p.item.rawText, extracted: p.item.extracted, source: p.item.source },
            existing: p.conflicts.map((c) => ({ ...c.customer, reason: c.reason })),
          },
        },
      ),
    };
  }
  return null;
}

function interactionChannel(source: StoredIntakeItem["source"]): NewInteraction["channel"] | null {
  switch (source) {
    case "missed_call":
    case "call_transcript":
      return "call";
    case "web_form":
    case "public_triage":
      return "web_form";
    case "email":
      return "email";
    default:
      return null;
  }
}

export const convertIntakeTool = defineTool({
  name: "crm.convert_intake",
  title: "Convert an intake item into records",
  description:
    "Turn one intake item (missed call, web form, call transcript, triage request) into records: a new customer or " +
    "an existing one named in mergeIntoCustomerId, the property, a lead (opportunity) and a follow-up task. Medium-risk " +
    "proposal for office or the founder. Refused as intake_low_confidence when identity, address or intent is missing " +
    "(or the route confidence is low) and the reviewer did not supply them; refused as duplicate_or_conflict, showing " +
    "both records, when it overlaps an existing customer and neither a merge target nor confirmNewDespiteConflict is given.",
  effect: "write",
  risk: "medium",
  roles: ["founder", "office", "sales_manager"],
  input: InputSchema,
  output: z.object({
    intakeItemId: z.string(),
    customerId: z.string(),
    customerCreated: z.boolean(),
    propertyId: z.string().nullable(),
    opportunityId: z.string().nullable(),
    taskId: z.string().nullable(),
    interactionId: z.string().nullable(),
  }),
  refs: { intakeItemId: "intake_item", mergeIntoCustomerId: "customer" },
  example: {
    intakeItemId: "itk_0000000000000000",
    mergeIntoCustomerId: "cus_0000000000000000",
    property: { street: "2834 Saltbush Crossing Ln", city: "Windrow Junction", state: "CO", zip: "80286" },
    intent: "Furnace blows cold air",
  },
  guard: verdict,
  async preview(input, ctx) {
    const p = await plan(input, ctx);
    if (!p) throw new Error("intake item vanished between guard and preview");
    const who = p.merge ? `existing customer ${p.merge.name}` : `new customer ${p.name ?? "(no name)"}`;
    const where = p.address
      ? [p.address.street, p.address.city, p.address.state, p.address.zip].filter(Boolean).join(", ")
      : null;
    const basis = [{ entity: "intake_item", id: p.item.id, version: p.item.version }];
    if (p.merge) basis.push({ entity: "customer", id: p.merge.id, version: p.merge.version });
    return {
      summary:
        `Convert intake ${p.item.id} (${p.item.source}) into ${who}` +
        (where ? `, property ${where}` : "") +
        (p.intent ? `, lead "${input.opportunity?.title ?? p.intent}"` : "") +
        ", and a follow-up task" +
        (p.conflicts.length > 0
          ? ` — confirmed new despite overlap with ${p.conflicts.map((c) => c.customer.name).join(", ")}`
          : ""),
      changes: [
        { entity: "customer", id: p.merge?.id ?? null, field: "name", before: p.merge?.name ?? null, after: p.name },
        {
          entity: "customer",
          id: p.merge?.id ?? null,
          field: "phone",
          before: p.merge?.phone ?? null,
          after: p.merge?.phone ?? p.phone,
        },
        {
          entity: "customer",
          id: p.merge?.id ?? null,
          field: "email",
          before: p.merge?.email ?? null,
          after: p.merge?.email ?? p.email,
        },
        { entity: "property", id: null, field: "address", before: null, after: where },
        { entity: "opportunity", id: null, field: "title", before: null, after: input.opportunity?.title ?? p.intent },
        { entity: "intake_item", id: p.item.id, field: "status", before: p.item.status, after: "converted" },
      ],
      basis,
    };
  },
  async run(input, ctx) {
    const p = await plan(input, ctx);
    if (!p) throw new Error("intake item vanished inside the apply transaction");
    const now = ctx.now.toISOString();
    let customerId: string;
    let customerCreated = false;
    if (p.merge) {
      customerId = p.merge.id;
      await fillCustomerGaps(ctx.db, ctx.tenantId, customerId, { phone: p.phone, email: p.email }, now);
    } else {
      const created = await insertCustomer(ctx.db, ctx.tenantId, {
        name: p.name ?? "Unknown caller",
        phone: p.phone,
        email: p.email,
        status: "lead",
        createdAt: now,
      });
      customerId = created.id;
      customerCreated = true;
    }
    let propertyId: string | null = null;
    if (p.address && !(await hasPropertyAt(ctx.db, ctx.tenantId, customerId, p.address.street, p.address.zip))) {
      propertyId = await insertProperty(ctx.db, ctx.tenantId, { customerId, ...p.address });
    }
    const opportunityId = p.intent
      ? await insertOpportunity(ctx.db, ctx.tenantId, {
          customerId,
          title: (input.opportunity?.title ?? p.intent).slice(0, 200),
          valueCents: input.opportunity?.valueCents ?? 0,
          source: p.item.source,
          now,
        })
      : null;
    const task = await insertTask(ctx.db, ctx.tenantId, {
      customerId,
      kind: input.followUp?.kind ?? "callback",
      title:
        input.followUp?.title ??
        `Follow up with ${p.name ?? "the caller"}${p.intent ? `: ${p.intent}` : ""}`.slice(0, 300),
      dueAt: input.followUp?.dueAt
        ? new Date(input.followUp.dueAt).toISOString()
        : new Date(ctx.now.getTime() + DAY_MS).toISOString(),
      ownerId: ctx.actor.id,
      createdAt: now,
    });
    const channel = interactionChannel(p.item.source);
    const interactionId = channel
      ? await insertInteraction(ctx.db, ctx.tenantId, {
          customerId,
          channel,
          direction: "inbound",
          summary: (p.intent ?? p.item.rawText).slice(0, 500),
          outcome: p.item.source === "missed_call" ? "missed" : null,
          occurredAt: p.item.receivedAt,
          rawRefs: [p.item.id],
        })
      : null;
    await setIntakeStatus(ctx.db, ctx.tenantId, p.item.id, "converted");
    return {
      intakeItemId: p.item.id,
      customerId,
      customerCreated,
      propertyId,
      opportunityId,
      taskId: task.id,
      interactionId,
    };
  },
});
