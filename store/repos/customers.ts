// Customers and the records hanging off them (properties, opportunities, quotes, tasks, notes, interactions).
// Every function takes the tenant first; nothing here crosses tenants.
import { and, count, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import type {
  Customer,
  CustomerPatch,
  Interaction,
  Note,
  Opportunity,
  Property,
  Quote,
  Task,
} from "../../contracts/index.ts";
import type { Db } from "../db.ts";
import { newId } from "../ids.ts";
import { nameKey, phoneKey } from "../keys.ts";
import { containsIgnoringCase } from "../like.ts";
import { customers, interactions, notes, opportunities, properties, quotes, tasks } from "../schema.ts";

type CustomerRow = typeof customers.$inferSelect;

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    status: row.status as Customer["status"],
    optedOut: row.optedOut as Customer["optedOut"],
    tags: row.tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function getCustomer(db: Db, tenantId: string, id: string): Promise<Customer | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
    .limit(1);
  return row ? toCustomer(row) : null;
}

export async function searchCustomers(db: Db, tenantId: string, query: string, limit: number): Promise<Customer[]> {
  const q = query.trim();
  const key = nameKey(q);
  const digits = phoneKey(q);
  // name_key is already lower-case; the display name is matched ignoring case on both backends.
  const conditions = [
    like(customers.nameKey, `%${key.split(" ").join("%")}%`),
    containsIgnoringCase(customers.name, q),
  ];
  if (digits) conditions.push(eq(customers.phoneKey, digits));
  if (q.includes("@")) conditions.push(eq(customers.email, q.toLowerCase()));
  if (/^cus_[0-9a-f]+$/.test(q)) conditions.push(eq(customers.id, q));
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), or(...conditions)))
    .orderBy(customers.name)
    .limit(limit);
  return rows.map(toCustomer);
}

export async function listCustomers(
  db: Db,
  tenantId: string,
  page: { offset: number; limit: number },
): Promise<{ rows: Customer[]; total: number }> {
  const rows = await db
    .select()
    .from(customers)
    .where(eq(customers.tenantId, tenantId))
    .orderBy(customers.nameKey)
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(customers).where(eq(customers.tenantId, tenantId));
  return { rows: rows.map(toCustomer), total: total?.n ?? 0 };
}

export interface NewCustomer {
  id?: string;
  name: string;
  phone?: string | null;
  email?: string | null;
  status?: Customer["status"];
  optedOut?: Customer["optedOut"];
  tags?: string[];
  createdAt: string;
}

export async function insertCustomer(db: Db, tenantId: string, input: NewCustomer): Promise<Customer> {
  const row = {
    id: input.id ?? newId("cus"),
    tenantId,
    name: input.name,
    nameKey: nameKey(input.name),
    phone: input.phone ?? null,
    phoneKey: phoneKey(input.phone),
    email: input.email?.toLowerCase() ?? null,
    status: input.status ?? "active",
    optedOut: input.optedOut ?? [],
    tags: input.tags ?? [],
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    version: 1,
  };
  await db.insert(customers).values(row);
  return toCustomer(row);
}

export async function updateCustomer(
  db: Db,
  tenantId: string,
  id: string,
  patch: CustomerPatch,
  now: string,
): Promise<Customer | null> {
  const current = await getCustomer(db, tenantId, id);
  if (!current) return null;
  const next = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
  await db
    .update(customers)
    .set({
      name: next.name,
      nameKey: nameKey(next.name),
      phone: next.phone,
      phoneKey: phoneKey(next.phone),
      email: next.email?.toLowerCase() ?? null,
      status: next.status,
      optedOut: next.optedOut,
      tags: next.tags,
      updatedAt: now,
      version: next.version,
    })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return next;
}

export async function propertiesOf(db: Db, tenantId: string, customerId: string): Promise<Property[]> {
  const rows = await db
    .select()
    .from(properties)
    .where(and(eq(properties.tenantId, tenantId), eq(properties.customerId, customerId)));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    street: r.street,
    unit: r.unit,
    city: r.city,
    state: r.state,
    zip: r.zip,
    sqft: r.sqft,
    yearBuilt: r.yearBuilt,
    equipment: r.equipment,
  }));
}

export async function opportunitiesOf(db: Db, tenantId: string, customerId: string): Promise<Opportunity[]> {
  const rows = await db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.customerId, customerId)))
    .orderBy(desc(opportunities.lastActivityAt));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    title: r.title,
    stage: r.stage as Opportunity["stage"],
    valueCents: r.valueCents,
    source: r.source,
    createdAt: r.createdAt,
    lastActivityAt: r.lastActivityAt,
  }));
}

export async function quotesOf(db: Db, tenantId: string, customerId: string): Promise<Quote[]> {
  const rows = await db
    .select()
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.customerId, customerId)))
    .orderBy(desc(quotes.createdAt));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    opportunityId: r.opportunityId,
    title: r.title,
    amountCents: r.amountCents,
    status: r.status as Quote["status"],
    sentAt: r.sentAt,
    createdAt: r.createdAt,
  }));
}

type TaskRow = typeof tasks.$inferSelect;
export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    customerId: r.customerId,
    kind: r.kind as Task["kind"],
    title: r.title,
    dueAt: r.dueAt,
    status: r.status as Task["status"],
    ownerId: r.ownerId,
    outcome: r.outcome,
    createdAt: r.createdAt,
  };
}

export async function tasksOf(db: Db, tenantId: string, customerId: string): Promise<Task[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(eq(tasks.tenantId, tenantId), eq(tasks.customerId, customerId), inArray(tasks.status, ["open", "snoozed"])),
    )
    // Tasks without a due date first, as SQLite orders NULLs in ascending order (PostgreSQL would put them last).
    .orderBy(sql`${tasks.dueAt} asc nulls first`);
  return rows.map(toTask);
}

export async function notesOf(db: Db, tenantId: string, customerId: string, limit: number): Promise<Note[]> {
  const rows = await db
    .select()
    .from(notes)
    .where(and(eq(notes.tenantId, tenantId), eq(notes.customerId, customerId)))
    .orderBy(desc(notes.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    body: r.body,
    authorId: r.authorId,
    createdAt: r.createdAt,
  }));
}

export async function interactionsOf(
  db: Db,
  tenantId: string,
  customerId: string,
  limit: number,
): Promise<Interaction[]> {
  const rows = await db
    .select()
    .from(interactions)
    .where(and(eq(interactions.tenantId, tenantId), eq(interactions.customerId, customerId)))
    .orderBy(desc(interactions.occurredAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    channel: r.channel as Interaction["channel"],
    direction: r.direction as Interaction["direction"],
    summary: r.summary,
    outcome: r.outcome,
    occurredAt: r.occurredAt,
    rawRefs: r.rawRefs,
  }));
}

export async function insertNote(
  db: Db,
  tenantId: string,
  input: { customerId: string; body: string; authorId: string; createdAt: string },
): Promise<Note> {
  const row = { id: newId("not"), tenantId, ...input };
  await db.insert(notes).values(row);
  return { id: row.id, customerId: row.customerId, body: row.body, authorId: row.authorId, createdAt: row.createdAt };
}

export async function insertTask(
  db: Db,
  tenantId: string,
  input: {
    customerId: string | null;
    kind: Task["kind"];
    title: string;
    dueAt: string | null;
    ownerId: string | null;
    createdAt: string;
  },
): Promise<Task> {
  const row = { id: newId("tsk"), tenantId, status: "open", outcome: null, completedAt: null, version: 1, ...input };
  await db.insert(tasks).values(row);
  return toTask(row);
}
