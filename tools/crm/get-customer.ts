// crm.get_customer: the customer 360 (Client360Snapshot), a derived read model — never the source of truth.
import { z } from "zod";
import { type Customer, Customer360Schema, type Quote, type Task } from "../../contracts/index.ts";
import {
  getCustomer,
  interactionsOf,
  notesOf,
  opportunitiesOf,
  propertiesOf,
  quotesOf,
  tasksOf,
} from "../../store/repos/customers.ts";
import { defineTool } from "../kernel/index.ts";

const STALE_QUOTE_DAYS = 14;

/** Plain-words flags an office person should see before contacting this customer. */
export function riskFlagsFor(customer: Customer, quotes: Quote[], tasks: Task[], now: Date): string[] {
  const flags: string[] = [];
  for (const channel of customer.optedOut) flags.push(`opted out of ${channel}`);
  if (customer.tags.includes("complaint")) flags.push("open complaint on file");
  const staleBefore = new Date(now.getTime() - STALE_QUOTE_DAYS * 86_400_000).toISOString();
  const stale = quotes.filter((q) => q.status === "sent" && q.sentAt !== null && q.sentAt < staleBefore);
  if (stale.length > 0) flags.push(`${stale.length} quote(s) sent over ${STALE_QUOTE_DAYS} days ago with no answer`);
  const overdue = tasks.filter((t) => t.status === "open" && t.dueAt !== null && t.dueAt < now.toISOString());
  if (overdue.length > 0) flags.push(`${overdue.length} overdue follow-up(s)`);
  return flags;
}

export const getCustomerTool = defineTool({
  name: "crm.get_customer",
  title: "Customer 360",
  description:
    "Everything about one customer: identity, properties with equipment, active opportunities, quotes, recent " +
    "interactions and notes, open tasks and risk flags (opt-outs, complaints, stale quotes). Needs the customer id " +
    "(use crm.search_customers first). Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z.object({ customerId: z.string().min(1) }),
  output: Customer360Schema,
  refs: { customerId: "customer" },
  example: { customerId: "cus_0000000000000000" },
  async run(input, ctx) {
    const { db, tenantId } = ctx;
    const customer = await getCustomer(db, tenantId, input.customerId);
    if (!customer) throw new Error("customer vanished between resolve and read");
    const [properties, opportunities, quotes, interactions, notes, tasks] = await Promise.all([
      propertiesOf(db, tenantId, customer.id),
      opportunitiesOf(db, tenantId, customer.id),
      quotesOf(db, tenantId, customer.id),
      interactionsOf(db, tenantId, customer.id, 10),
      notesOf(db, tenantId, customer.id, 10),
      tasksOf(db, tenantId, customer.id),
    ]);
    return {
      customer,
      identity: { name: customer.name, phone: customer.phone, email: customer.email },
      accountLinks: [],
      properties,
      activeOpportunities: opportunities.filter((o) => o.stage !== "won" && o.stage !== "lost"),
      quotes,
      recentInteractions: interactions,
      notes,
      tasks,
      riskFlags: riskFlagsFor(customer, quotes, tasks, ctx.now),
      derived: true as const,
      generatedAt: ctx.now.toISOString(),
    };
  },
});
