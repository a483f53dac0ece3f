// `office freeze` / `office unfreeze`: the sev0 stop. Freezing refuses every write in the business at once;
// lifting it takes the founder. Both are written to the audit chain in the same transaction as the change.
import { parseArgs } from "node:util";
import type { Actor } from "../../contracts/index.ts";
import { appendAudit, verifyAuditChain } from "../../store/repos/audit.ts";
import { closeOpenIncidentsOfKind, openIncident } from "../../store/repos/governance.ts";
import { getTenant, setTenantHealth } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import { type Command, EXIT, parseOrExplain, print, TENANT_OPTION, UsageError, warn } from "../io.ts";
import { requireActor, requireTenant, withOffice } from "../office-session.ts";

type HealthStatus = "active" | "sev0_stop";

export function freezeCommand(target: HealthStatus): Command {
  const verb = target === "sev0_stop" ? "freeze" : "unfreeze";
  const tool = `office.${verb}`;
  return async (argv) => {
    const { values, positionals } = parseOrExplain(() =>
      parseArgs({ args: argv, options: { ...TENANT_OPTION, actor: { type: "string" } }, allowPositionals: true }),
    );
    if (positionals.length > 0) throw new UsageError(`Usage: office ${verb} --tenant <slug> --actor <actor-id>`);
    if (target === "active" && !values.actor) {
      throw new UsageError("Lifting a freeze takes the founder: office unfreeze --tenant <slug> --actor <founder-id>");
    }
    return withOffice(async (office) => {
      const tenantId = await requireTenant(office, values.tenant);
      // The store is this business's for the whole command (row-level security on PostgreSQL).
      return withTenant(tenantId, async () => {
        // Anyone at the server's terminal may pull the stop; who did is recorded when they say.
        const actor: Actor | null = values.actor ? await requireActor(office, tenantId, values.actor) : null;
        const at = office.kernel.now().toISOString();
        const entry = {
          at,
          actorId: actor?.id ?? null,
          actorRole: actor?.role ?? null,
          channel: "cli",
          tool,
          input: { status: target },
        };
        if (target === "active" && actor?.role !== "founder") {
          await office.store.write((tx) =>
            appendAudit(tx, tenantId, { ...entry, outcome: "refused", failureClass: "forbidden" }),
          );
          warn(`${actor?.id} is ${actor?.role}; only the founder can lift a freeze.`);
          return EXIT.refused;
        }
        const changed = await office.store.write(async (tx) => {
          const tenant = await getTenant(tx, tenantId);
          if (tenant?.status === target) return false;
          await setTenantHealth(tx, tenantId, { status: target });
          const head = await verifyAuditChain(tx, tenantId);
          await appendAudit(tx, tenantId, {
            ...entry,
            outcome: "ok",
            mutation: { auditEntriesPreserved: head.length },
          });
          if (target === "sev0_stop") {
            // The founder is told through the incident list (web, digest); the evidence is the untouched store and chain.
            await openIncident(tx, {
              tenantId,
              contractId: null,
              kind: "sev0_stop",
              summary: `Frozen by ${actor?.id ?? "the server operator"}: writes stopped; ${head.length} audit entries preserved (chain ${head.ok ? "verifies" : `broken at ${head.brokenAt}`}).`,
              openedAt: at,
            });
          } else {
            await closeOpenIncidentsOfKind(tx, tenantId, "sev0_stop", at);
          }
          return true;
        });
        if (target === "sev0_stop") {
          print(
            changed
              ? `${tenantId} is frozen (sev0 stop): every write is refused, reads still serve real data; evidence preserved and an incident opened for the founder.`
              : `${tenantId} was already frozen.`,
          );
        } else {
          print(changed ? `${tenantId} is unfrozen: writes are allowed again.` : `${tenantId} was not frozen.`);
        }
        return EXIT.ok;
      });
    });
  };
}
