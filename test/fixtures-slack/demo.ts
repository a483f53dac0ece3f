// Demo-data lookups for the Slack tests: a customer the offline assistant can find by name, notes and proposals.
import type { TestOffice } from "../helpers.ts";

/** A demo customer whose full name is unique and plain, so "add a note to <name>: …" names exactly one person. */
export function plainCustomer(office: TestOffice): { id: string; name: string; phone: string | null } {
  const rows = office.store.raw
    .prepare("SELECT id, name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id")
    .all() as { id: string; name: string; phone: string }[];
  const lastOf = (name: string) => (name.split(" ").at(-1) ?? "").toLowerCase();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(lastOf(r.name), (counts.get(lastOf(r.name)) ?? 0) + 1);
  const hit = rows.find((r) => counts.get(lastOf(r.name)) === 1 && /^[A-Za-z]+ [A-Za-z]+$/.test(r.name));
  if (!hit) throw new Error("no customer with a plain unique name in the demo data");
  return hit;
}

export function notesWith(office: TestOffice, body: string): number {
  return (
    office.store.raw.prepare("SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body = ?").get(body) as {
      n: number;
    }
  ).n;
}

export function proposalStatus(office: TestOffice, id: string): string | null {
  const row = office.store.raw.prepare("SELECT status FROM proposals WHERE tenant_id = 'demo' AND id = ?").get(id) as
    | { status: string }
    | undefined;
  return row?.status ?? null;
}

export function customerPhone(office: TestOffice, id: string): string | null {
  const row = office.store.raw.prepare("SELECT phone FROM customers WHERE tenant_id = 'demo' AND id = ?").get(id) as
    | { phone: string | null }
    | undefined;
  return row?.phone ?? null;
}
