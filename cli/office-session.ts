// Opening the office for one command, resolving a tenant or actor, and the one JSON shape a kernel result is
// printed in. Commands render the kernel's result; they decide nothing.
import type { Actor } from "../contracts/index.ts";
import { type Office, openOffice } from "../server/office.ts";
import { getActor, getTenant } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import type { KernelResult } from "../tools/kernel/index.ts";
import { EXIT, UsageError, warn } from "./io.ts";

/** Opens the office at $DATA_DIR/office.db, runs `fn`, and always closes the store. */
export async function withOffice<T>(fn: (office: Office) => Promise<T>): Promise<T> {
  const office = await openOffice({ demoActivity: true });
  if (office.seeded) warn(`office: new store at ${office.store.path}, loaded with the synthetic demo business.`);
  try {
    return await fn(office);
  } finally {
    await office.shutdown();
  }
}

export async function requireTenant(office: Office, tenantId: string): Promise<string> {
  if (!(await withTenant(tenantId, () => getTenant(office.store.db, tenantId)))) {
    throw new UsageError(`No business "${tenantId}" in this office.`);
  }
  return tenantId;
}

export async function requireActor(office: Office, tenantId: string, actorId: string | undefined): Promise<Actor> {
  if (!actorId) throw new UsageError("Say who is acting: --actor <actor-id> (see: office actors list).");
  await requireTenant(office, tenantId);
  const actor = await withTenant(tenantId, () => getActor(office.store.db, tenantId, actorId));
  if (!actor) {
    throw new UsageError(`No actor "${actorId}" in ${tenantId}. See: office actors list --tenant ${tenantId}`);
  }
  return actor;
}

/** The kernel's typed result as the CLI prints it (ARCHITECTURE §3.3: channels render the four results alike). */
export function resultView(result: KernelResult): Record<string, unknown> {
  const view: Record<string, unknown> = { status: result.status };
  if ("data" in result && result.data !== undefined) view["data"] = result.data;
  if (result.proposal) {
    const { id, tool, status, risk, approver, preview } = result.proposal;
    view["proposal"] = { id, tool, status, risk, approver, preview };
  }
  if (result.status === "refused") {
    const { class: failureClass, reason, issues } = result.failure;
    view["failure"] = { class: failureClass, reason, ...(issues ? { issues } : {}) };
  }
  if (result.status === "stopped") view["stop"] = result.stop;
  return view;
}

export function exitCodeOf(result: KernelResult): number {
  switch (result.status) {
    case "ok":
    case "proposed":
      return EXIT.ok;
    case "refused":
      return EXIT.refused;
    case "stopped":
      return EXIT.stopped;
  }
}
