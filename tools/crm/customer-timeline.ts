// crm.customer_timeline: the rest of the customer 360 — account links from imports, properties with equipment, the
// signal overview and one timeline of interactions, transcripts, notes, tasks, quotes and drafts. Derived; read only.
import { z } from "zod";
import { EquipmentSchema } from "../../contracts/index.ts";
import { getCustomer, interactionsOf, notesOf, propertiesOf, quotesOf, tasksOf } from "../../store/repos/customers.ts";
import { draftsOf, importLinksOf, signalsOf, transcriptsOfCustomer } from "../../store/repos/office-imports.ts";
import { defineTool } from "../kernel/index.ts";

const EntrySchema = z.object({
  at: z.string(),
  kind: z.enum(["interaction", "transcript", "note", "task", "quote", "outbound_draft"]),
  id: z.string(),
  summary: z.string(),
  refs: z.array(z.string()),
});

function windowOf(text: string): { start: string; end: string } | null {
  try {
    const parsed = JSON.parse(text) as { start?: unknown; end?: unknown };
    return typeof parsed.start === "string" && typeof parsed.end === "string"
      ? { start: parsed.start, end: parsed.end }
      : null;
  } catch {
    return null;
  }
}

export const customerTimelineTool = defineTool({
  name: "crm.customer_timeline",
  title: "Customer timeline and links",
  description:
    "For one customer: account links to other systems (ids from imported exports), properties with their equipment, " +
    "the signal overview (latest lead/deal health and risk scores with their evidence), and a single timeline, newest " +
    "first, of interactions, call transcripts, notes, tasks, quotes and outbound drafts. Derived from the records, " +
    "never the source of truth. Read only; pairs with crm.get_customer.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech"],
  input: z.object({ customerId: z.string().min(1), limit: z.number().int().min(1).max(200).optional() }).strict(),
  output: z.object({
    customerId: z.string(),
    name: z.string(),
    accountLinks: z.array(
      z.object({ system: z.string(), ref: z.string(), batchId: z.string(), row: z.number().int() }),
    ),
    properties: z.array(
      z.object({
        id: z.string(),
        address: z.string(),
        equipment: z.array(EquipmentSchema.extend({ ageYears: z.number().int().nullable() })),
      }),
    ),
    signals: z.array(
      z.object({
        scoreType: z.string(),
        value: z.number(),
        timeWindow: z.object({ start: z.string(), end: z.string() }).nullable(),
        evidenceRefs: z.array(z.string()),
        operatorInput: z.string().nullable(),
        recordedAt: z.string(),
        history: z.number().int(),
      }),
    ),
    timeline: z.array(EntrySchema),
    derived: z.literal(true),
    generatedAt: z.string(),
  }),
  refs: { customerId: "customer" },
  example: { customerId: "cus_0000000000000000", limit: 50 },
  async run(input, ctx) {
    const { db, tenantId } = ctx;
    const limit = input.limit ?? 50;
    const customer = await getCustomer(db, tenantId, input.customerId);
    if (!customer) throw new Error("customer vanished between resolve and read");
    const [links, properties, signalRows, interactions, transcripts, notes, tasks, quotes, drafts] = await Promise.all([
      importLinksOf(db, tenantId, customer.id),
      propertiesOf(db, tenantId, customer.id),
      signalsOf(db, tenantId, customer.id, 500),
      interactionsOf(db, tenantId, customer.id, limit),
      transcriptsOfCustomer(db, tenantId, customer.id, limit),
      notesOf(db, tenantId, customer.id, limit),
      tasksOf(db, tenantId, customer.id),
      quotesOf(db, tenantId, customer.id),
      draftsOf(db, tenantId, customer.id, limit),
    ]);
    const year = ctx.now.getUTCFullYear();
    const accountLinks = links.flatMap((link) => {
      const projection = link.projection as {
        customer?: { externalId?: unknown };
        property?: { externalId?: unknown };
      };
      const out = [];
      const customerRef = projection.customer?.externalId;
      if (typeof customerRef === "string")
        out.push({ system: link.sourceSystem, ref: customerRef, batchId: link.batchId, row: link.rowNumber });
      const propertyRef = projection.property?.externalId;
      if (typeof propertyRef === "string")
        out.push({
          system: `${link.sourceSystem}:location`,
          ref: propertyRef,
          batchId: link.batchId,
          row: link.rowNumber,
        });
      return out;
    });
    const latest = new Map<string, { row: (typeof signalRows)[number]; history: number }>();
    for (const row of signalRows) {
      const seen = latest.get(row.scoreType);
      if (seen) seen.history += 1;
      else latest.set(row.scoreType, { row, history: 1 });
    }
    const timeline: z.infer<typeof EntrySchema>[] = [
      ...interactions.map((i) => ({
        at: i.occurredAt,
        kind: "interaction" as const,
        id: i.id,
        summary: `${i.direction} ${i.channel}: ${i.summary}${i.outcome ? ` (${i.outcome})` : ""}`,
        refs: i.rawRefs,
      })),
      ...transcripts.map(({ transcript: t, occurredAt }) => ({
        at: occurredAt,
        kind: "transcript" as const,
        id: t.id,
        summary: `${t.language} transcript, ${t.segments.length} segment(s): ${t.text.slice(0, 160)}`,
        refs: [t.interactionId, t.mediaRef],
      })),
      ...notes.map((n) => ({
        at: n.createdAt,
        kind: "note" as const,
        id: n.id,
        summary: n.body.slice(0, 200),
        refs: [],
      })),
      ...tasks.map((t) => ({
        at: t.dueAt ?? t.createdAt,
        kind: "task" as const,
        id: t.id,
        summary: `${t.kind} (${t.status}): ${t.title}`,
        refs: [],
      })),
      ...quotes.map((q) => ({
        at: q.sentAt ?? q.createdAt,
        kind: "quote" as const,
        id: q.id,
        summary: `quote ${q.status}: ${q.title}`,
        refs: q.opportunityId ? [q.opportunityId] : [],
      })),
      ...drafts.map((d) => ({
        at: d.createdAt,
        kind: "outbound_draft" as const,
        id: d.id,
        summary: `${d.channel} draft ${d.status}${d.riskFlags.length > 0 ? ` (${d.riskFlags.map((f) => f.kind).join(", ")})` : ""}`,
        refs: [],
      })),
    ]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, limit);
    return {
      customerId: customer.id,
      name: customer.name,
      accountLinks,
      properties: properties.map((p) => ({
        id: p.id,
        address: [p.street, p.unit, p.city, p.state, p.zip].filter(Boolean).join(", "),
        equipment: p.equipment.map((e) => ({ ...e, ageYears: e.installedYear ? year - e.installedYear : null })),
      })),
      signals: [...latest.values()].map(({ row, history }) => ({
        scoreType: row.scoreType,
        value: row.value,
        timeWindow: windowOf(row.timeWindow),
        evidenceRefs: row.evidenceRefs,
        operatorInput: row.operatorInput,
        recordedAt: row.createdAt,
        history,
      })),
      timeline,
      derived: true as const,
      generatedAt: ctx.now.toISOString(),
    };
  },
});
