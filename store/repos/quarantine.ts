// Raw requests refused for a gap in their evidence (audit_gap), preserved as received for repair.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db.ts";
import { newId } from "../ids.ts";
import { quarantine } from "../schema.ts";

export async function preserveRaw(
  db: Db,
  tenantId: string,
  item: { receivedAt: string; failureClass: string; reason: string; tool: string | null; raw: unknown },
): Promise<string> {
  const id = newId("qtn");
  await db.insert(quarantine).values({ id, tenantId, ...item, raw: item.raw ?? null });
  return id;
}

export async function listQuarantine(db: Db, tenantId: string, limit = 50) {
  return await db
    .select()
    .from(quarantine)
    .where(eq(quarantine.tenantId, tenantId))
    .orderBy(desc(quarantine.receivedAt))
    .limit(limit);
}
