// `office actors list`: the people (and machine actors) of one business, with their stable ids and roles.
import { parseArgs } from "node:util";
import { listActors } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, TENANT_OPTION, table, UsageError } from "../io.ts";
import { requireTenant, withOffice } from "../office-session.ts";

export const actorsCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: { ...TENANT_OPTION, json: { type: "boolean", default: false } },
      allowPositionals: true,
    }),
  );
  if (positionals[0] !== "list" || positionals.length > 1) {
    throw new UsageError("Usage: office actors list [--tenant <slug>] [--json]");
  }
  return withOffice(async (office) => {
    const tenantId = await requireTenant(office, values.tenant);
    const actors = (await withTenant(tenantId, () => listActors(office.store.db, tenantId)))
      .map(({ id, name, role }) => ({ id, name, role }))
      .sort((a, b) => a.id.localeCompare(b.id));
    if (values.json) printJson(actors);
    else print(table([["ID", "ROLE", "NAME"], ...actors.map((a) => [a.id, a.role, a.name])]));
    return EXIT.ok;
  });
};
