// ClientGraphDelta: how one staged import row becomes customer records, inside the safe apply transaction only.
// Creates a customer (with property, contact points and notes) or merges a row into a customer a person chose.
import type { Db } from "../../store/db.ts";
import { insertCustomer } from "../../store/repos/customers.ts";
import {
  fillCustomerGaps,
  hasPropertyAt,
  type ImportRowRecord,
  insertCustomerNote,
  insertProperty,
} from "../../store/repos/office-imports.ts";
import type { RowProjection } from "./normalize.ts";

export type DeltaContext = { db: Db; tenantId: string; actorId: string; now: string; batchId: string };

/** "3035550142" → "(303) 555-0142". */
export function formatPhone(digits: string): string {
  return digits.length === 10 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}

export function projectionOf(row: ImportRowRecord): RowProjection {
  return row.projection as unknown as RowProjection;
}

function primaryPhone(p: RowProjection): string | null {
  const phone = p.contactPoints.find((c) => c.kind === "phone");
  return phone ? formatPhone(phone.value) : null;
}

function primaryEmail(p: RowProjection): string | null {
  return p.contactPoints.find((c) => c.kind === "email")?.value ?? null;
}

/** Contact points and facts that have no column on the customer record, kept as a note so nothing is lost. */
function leftoverNote(p: RowProjection, keptPhone: string | null, keptEmail: string | null, source: string): string {
  const lines: string[] = [];
  for (const point of p.contactPoints) {
    const shown = point.kind === "phone" ? formatPhone(point.value) : point.value;
    if (shown === keptPhone || shown === keptEmail) continue;
    lines.push(`${point.label} ${point.kind}: ${shown}${point.extension ? ` ext ${point.extension}` : ""}`);
  }
  if (p.customer.externalId) lines.push(`source id: ${p.customer.externalId}`);
  if (p.customer.company) lines.push(`company: ${p.customer.company}`);
  if (p.customer.membership) lines.push(`membership: ${p.customer.membership}`);
  if (p.customer.leadSource) lines.push(`lead source: ${p.customer.leadSource}`);
  if (p.customer.doNotService) lines.push("marked DO NOT SERVICE in the source system");
  for (const note of p.customer.notes) lines.push(`note: ${note}`);
  return lines.length === 0 ? "" : `From import ${source}:\n${lines.join("\n")}`;
}

async function addProperty(ctx: DeltaContext, customerId: string, p: RowProjection): Promise<string | null> {
  if (!p.property || p.property.street.trim() === "") return null;
  const zip = p.property.zip ?? "";
  if (await hasPropertyAt(ctx.db, ctx.tenantId, customerId, p.property.street, zip)) return null;
  return insertProperty(ctx.db, ctx.tenantId, {
    customerId,
    street: p.property.street,
    unit: p.property.unit,
    city: p.property.city ?? "",
    state: p.property.state ?? "",
    zip,
  });
}

/** Creates a new customer (and property, and a note with what has no column) from a staged row. */
export async function createCustomerFromRow(
  ctx: DeltaContext,
  row: ImportRowRecord,
): Promise<{ customerId: string; propertyId: string | null }> {
  const p = projectionOf(row);
  if (!p.customer.name) throw new Error(`row ${row.rowNumber} has no name; the guard should have refused`);
  const phone = primaryPhone(p);
  const email = primaryEmail(p);
  const customer = await insertCustomer(ctx.db, ctx.tenantId, {
    name: p.customer.name,
    phone,
    email,
    status: "active",
    optedOut: p.customer.optedOut,
    tags: [...new Set(["imported", ...p.customer.tags.map((t) => t.slice(0, 40))])].slice(0, 20),
    createdAt: ctx.now,
  });
  const propertyId = await addProperty(ctx, customer.id, p);
  const note = leftoverNote(p, phone, email, `${ctx.batchId} row ${row.rowNumber}`);
  if (note)
    await insertCustomerNote(ctx.db, ctx.tenantId, {
      customerId: customer.id,
      body: note,
      authorId: ctx.actorId,
      createdAt: ctx.now,
    });
  return { customerId: customer.id, propertyId };
}

/** Merges a staged row into an existing customer: fills empty fields, adds a new address, keeps the rest as a note. */
export async function mergeRowIntoCustomer(
  ctx: DeltaContext,
  row: ImportRowRecord,
  customerId: string,
): Promise<{ changed: string[]; propertyId: string | null }> {
  const p = projectionOf(row);
  const phone = primaryPhone(p);
  const email = primaryEmail(p);
  const { changed } = await fillCustomerGaps(
    ctx.db,
    ctx.tenantId,
    customerId,
    { phone, email, optedOut: p.customer.optedOut, tags: p.customer.tags.map((t) => t.slice(0, 40)) },
    ctx.now,
  );
  const propertyId = await addProperty(ctx, customerId, p);
  const note = leftoverNote(
    p,
    changed.includes("phone") ? phone : null,
    changed.includes("email") ? email : null,
    `${ctx.batchId} row ${row.rowNumber} (merged)`,
  );
  if (note)
    await insertCustomerNote(ctx.db, ctx.tenantId, {
      customerId,
      body: note,
      authorId: ctx.actorId,
      createdAt: ctx.now,
    });
  return { changed, propertyId };
}
