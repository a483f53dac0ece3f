// `office audit verify`: walks a business's audit hash chain and names the first broken entry.
import { parseArgs } from "node:util";
import { verifyAuditChain } from "../../store/repos/audit.ts";
import { withTenant } from "../../store/scope.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, TENANT_OPTION, UsageError } from "../io.ts";
import { requireTenant, withOffice } from "../office-session.ts";

export const auditCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: { ...TENANT_OPTION, json: { type: "boolean", default: false } },
      allowPositionals: true,
    }),
  );
  if (positionals[0] !== "verify" || positionals.length > 1) {
    throw new UsageError("Usage: office audit verify [--tenant <slug>] [--json]");
  }
  return withOffice(async (office) => {
    const tenantId = await requireTenant(office, values.tenant);
    const verdict = await withTenant(tenantId, () => verifyAuditChain(office.store.db, tenantId));
    if (values.json) printJson({ tenantId, ...verdict });
    else if (verdict.ok) print(`audit chain holds for ${tenantId}: ${verdict.length} entries verified`);
    else print(`audit chain broken at entry ${verdict.brokenAt}: ${verdict.reason}`);
    return verdict.ok ? EXIT.ok : EXIT.unexpected;
  });
};
