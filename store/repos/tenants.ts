// Tenants, actors and API tokens. Tokens are stored as SHA-256 hashes only.
import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Actor, BusinessProfile, ChannelMode, Role } from "../../contracts/index.ts";
import type { Db } from "../db.ts";
import { rawGet } from "../raw.ts";
import { asSystem, withTenant } from "../scope.ts";
import { actors, tenants, tokens } from "../schema.ts";

export type TenantRow = typeof tenants.$inferSelect;

interface RawTenant {
  id: string;
  name: string;
  trade_pack: string;
  approval_policy: string;
  data_source: string;
  status: string;
  adapter_health: string;
  rollback_note: string;
  release_notes_rule: string;
  incident_runbook: string;
  data_boundary: string;
  branding: string;
  trade_terms: string;
  config: string;
  data_version: number;
  created_at: string;
}

/** Every kernel call reads its tenant (health, config): plain SQL (a cached statement on SQLite), not a built query. */
export async function getTenant(db: Db, tenantId: string): Promise<TenantRow | null> {
  const r = await rawGet<RawTenant>(db, "SELECT * FROM tenants WHERE id = ?", tenantId);
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    tradePack: r.trade_pack,
    approvalPolicy: r.approval_policy,
    dataSource: r.data_source,
    status: r.status,
    adapterHealth: r.adapter_health,
    rollbackNote: r.rollback_note,
    releaseNotesRule: r.release_notes_rule,
    incidentRunbook: r.incident_runbook,
    dataBoundary: r.data_boundary,
    branding: JSON.parse(r.branding) as TenantRow["branding"],
    tradeTerms: JSON.parse(r.trade_terms) as string[],
    config: JSON.parse(r.config) as Record<string, unknown>,
    dataVersion: r.data_version,
    createdAt: r.created_at,
  };
}

/** Every tenant's id. Reads the tenant registry in the system scope (on PostgreSQL, the only scope that sees it all). */
export async function listTenantIds(db: Db): Promise<string[]> {
  // The query must run inside the scope: a builder returned unawaited would run in the caller's scope.
  const rows = await asSystem(async () => await db.select({ id: tenants.id }).from(tenants));
  return rows.map((r) => r.id);
}

export function toBusinessProfile(row: TenantRow): BusinessProfile {
  const writable = row.status === "active" && row.adapterHealth === "healthy";
  return {
    tenantId: row.id,
    name: row.name,
    tradePack: row.tradePack,
    approvalPolicy: "approval_gated_external_sends",
    dataSource: row.dataSource,
    adapterHealth: row.adapterHealth === "degraded" ? "degraded" : "healthy",
    status: row.status === "sev0_stop" ? "sev0_stop" : "active",
    writesEnabled: writable,
    // approval_gated_external_sends: the app never sends; approved messages are ready for manual send.
    sendsEnabled: false,
    rollbackNote: row.rollbackNote,
    releaseNotesRule: row.releaseNotesRule,
    incidentRunbook: row.incidentRunbook,
    dataBoundary: row.dataBoundary,
    branding: row.branding,
    tradeTerms: row.tradeTerms,
  };
}

export async function setTenantHealth(
  db: Db,
  tenantId: string,
  patch: { status?: "active" | "sev0_stop"; adapterHealth?: "healthy" | "degraded" },
): Promise<void> {
  await db.update(tenants).set(patch).where(eq(tenants.id, tenantId));
}

export async function bumpDataVersion(db: Db, tenantId: string): Promise<void> {
  // One statement instead of read-then-write: one round trip on PostgreSQL, same result on SQLite.
  await db
    .update(tenants)
    .set({ dataVersion: sql`${tenants.dataVersion} + 1` })
    .where(eq(tenants.id, tenantId));
}

export async function getActor(db: Db, tenantId: string, actorId: string): Promise<Actor | null> {
  const row = await rawGet<{ id: string; tenant_id: string; name: string; role: string }>(
    db,
    "SELECT id, tenant_id, name, role FROM actors WHERE tenant_id = ? AND id = ?",
    tenantId,
    actorId,
  );
  return row ? { id: row.id, tenantId: row.tenant_id, name: row.name, role: row.role as Role } : null;
}

export async function listActors(db: Db, tenantId: string): Promise<Actor[]> {
  const rows = await db.select().from(actors).where(eq(actors.tenantId, tenantId));
  return rows.map((row) => ({ id: row.id, tenantId: row.tenantId, name: row.name, role: row.role as Role }));
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface TokenGrant {
  tenantId: string;
  actor: Actor;
  mode: ChannelMode;
}

/** Creates a token bound to tenant + actor + mode. Returns the secret once; only its hash is stored. */
export async function createToken(
  db: Db,
  input: { tenantId: string; actorId: string; mode: ChannelMode; now: Date; ttlDays?: number; label?: string },
): Promise<string> {
  const secret = `tok_${randomBytes(24).toString("base64url")}`;
  const expiresAt = input.ttlDays ? new Date(input.now.getTime() + input.ttlDays * 86_400_000).toISOString() : null;
  await db.insert(tokens).values({
    hash: hashToken(secret),
    tenantId: input.tenantId,
    actorId: input.actorId,
    mode: input.mode,
    label: input.label ?? null,
    createdAt: input.now.toISOString(),
    expiresAt,
  });
  return secret;
}

/**
 * Resolves a presented token; unknown, revoked or expired tokens give null. The token is looked up in the system
 * scope (its tenant is not known yet), its person inside the token's tenant.
 */
export async function resolveToken(db: Db, secret: string, now: Date): Promise<TokenGrant | null> {
  const [row] = await asSystem(
    async () =>
      await db
        .select()
        .from(tokens)
        .where(eq(tokens.hash, hashToken(secret)))
        .limit(1),
  );
  if (!row || row.revokedAt) return null;
  if (row.expiresAt && row.expiresAt <= now.toISOString()) return null;
  const actor = await withTenant(row.tenantId, () => getActor(db, row.tenantId, row.actorId));
  if (!actor) return null;
  const mode: ChannelMode = row.mode === "read_only" ? "read_only" : "propose_actions";
  return { tenantId: row.tenantId, actor, mode };
}

/** Writes a tenant's whole config (the governance job's steps and rollbacks, inside the safe apply transaction). */
export async function setTenantConfig(db: Db, tenantId: string, config: Record<string, unknown>): Promise<void> {
  await db.update(tenants).set({ config }).where(eq(tenants.id, tenantId));
}
