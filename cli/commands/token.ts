// `office token create`: issues an API/MCP token bound to one business, one actor and one mode.
// Only read_only and propose_actions can be issued (ARCHITECTURE §4); the secret is shown once, on the last line.
import { parseArgs } from "node:util";
import { appendAudit } from "../../store/repos/audit.ts";
import { createToken } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import { type Command, EXIT, parseOrExplain, print, TENANT_OPTION, UsageError } from "../io.ts";
import { requireActor, withOffice } from "../office-session.ts";
import { parseCallMode } from "./call.ts";

const USAGE =
  "Usage: office token create --actor <actor-id> [--tenant <slug>] [--mode read_only|propose_actions] " +
  "[--ttl-days N] [--label <text>]";

export const tokenCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string" },
        mode: { type: "string", default: "propose_actions" },
        "ttl-days": { type: "string" },
        label: { type: "string" },
      },
      allowPositionals: true,
    }),
  );
  if (positionals[0] !== "create" || positionals.length > 1) throw new UsageError(USAGE);
  const mode = parseCallMode(values.mode);
  const ttlDays = values["ttl-days"] === undefined ? undefined : Number(values["ttl-days"]);
  if (ttlDays !== undefined && !(Number.isInteger(ttlDays) && ttlDays > 0)) {
    throw new UsageError("--ttl-days must be a whole number of days, 1 or more.");
  }
  return withOffice(async (office) => {
    const actor = await requireActor(office, values.tenant, values.actor);
    const now = office.kernel.now();
    // Issuing a credential is recorded in the audit chain (who it is for and its mode; never the secret).
    const secret = await withTenant(actor.tenantId, () =>
      office.store.write(async (tx) => {
        const issued = await createToken(tx, {
          tenantId: actor.tenantId,
          actorId: actor.id,
          mode,
          now,
          ...(ttlDays !== undefined ? { ttlDays } : {}),
          ...(values.label !== undefined ? { label: values.label } : {}),
        });
        await appendAudit(tx, actor.tenantId, {
          at: now.toISOString(),
          actorId: null,
          actorRole: null,
          channel: "cli",
          tool: "office.token_create",
          input: { forActor: actor.id, mode, ttlDays: ttlDays ?? null, label: values.label ?? null },
          outcome: "ok",
        });
        return issued;
      }),
    );
    const expiry = ttlDays ? `expires in ${ttlDays} days` : "does not expire";
    print(`Token for ${actor.name} (${actor.id}, ${actor.role}) in ${actor.tenantId}, mode ${mode}, ${expiry}.`);
    print("Shown once; only its hash is stored. Send it as: Authorization: Bearer <token>");
    print(secret);
    return EXIT.ok;
  });
};
