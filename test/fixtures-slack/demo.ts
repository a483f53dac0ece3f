// Demo-data lookups for the Slack tests: a customer the offline assistant can find by name, notes and proposals.
// Read through office.rows (the demo tenant's scope), so they work on SQLite and PostgreSQL alike.
import type { TestOffice } from "../helpers.ts";

/** A demo customer whose full name is unique and plain, so "add a note to <name>: …" names exactly one person. */
export async function plainCustomer(office: TestOffice): Promise<{ id: string; name: string; phone: string | null }> {
  const rows = await office.rows<{ id: string; name: string; phone: string }>(
    "demo",
    "SELECT id, name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id",
  );
  const lastOf = (name: string) => (name.split(" ").at(-1) ?? "").toLowerCase();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(lastOf(r.name), (counts.get(lastOf(r.name)) ?? 0) + 1);
  const hit = rows.find((r) => counts.get(lastOf(r.name)) === 1 && /^[A-Za-z]+ [A-Za-z]+$/.test(r.name));
  if (!hit) throw new Error("no customer with a plain unique name in the demo data");
  return hit;
}

export async function notesWith(office: TestOffice, body: string): Promise<number> {
  const [row] = await office.rows<{ n: number }>(
    "demo",
    "SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body = ?",
    body,
  );
  return row?.n ?? 0;
}

export async function proposalStatus(office: TestOffice, id: string): Promise<string | null> {
  const [row] = await office.rows<{ status: string }>(
    "demo",
    "SELECT status FROM proposals WHERE tenant_id = 'demo' AND id = ?",
    id,
  );
  return row?.status ?? null;
}

export async function customerPhone(office: TestOffice, id: string): Promise<string | null> {
  const [row] = await office.rows<{ phone: string | null }>(
    "demo",
    "SELECT phone FROM customers WHERE tenant_id = 'demo' AND id = ?",
    id,
  );
  return row?.phone ?? null;
}
