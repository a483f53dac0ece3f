// `office migrate --to postgres://…`: moves shops from this machine's SQLite store to PostgreSQL, one transaction
// per tenant, then checks row counts per table and the audit chain. Refuses a tenant the target already holds.
import { parseArgs } from "node:util";
import { defaultStorePath, openStore } from "../../store/index.ts";
import { MoveRefused, type MoveReport, moveTenant } from "../../store/move-tenant.ts";
import { openPgStore } from "../../store/pg.ts";
import { listTenantIds } from "../../store/repos/tenants.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, UsageError, warn } from "../io.ts";

const USAGE = "Usage: office migrate --to <postgres://…> [--from <office.db>] [--tenant <slug>]… [--json]";

export const migrateCommand: Command = async (argv) => {
  const { values } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: {
        to: { type: "string" },
        from: { type: "string" },
        tenant: { type: "string", multiple: true },
        json: { type: "boolean", default: false },
      },
    }),
  );
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new UsageError(USAGE);
  const sourcePath = values.from ?? defaultStorePath();
  const source = openStore(sourcePath);
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  const schema = process.env.DATABASE_SCHEMA;
  const target = await openPgStore({
    url: values.to,
    ...(adminUrl ? { adminUrl } : {}),
    ...(schema ? { schema } : {}),
  });
  try {
    const known = await listTenantIds(source.db);
    const tenants = values.tenant ?? known;
    for (const t of tenants) if (!known.includes(t)) throw new UsageError(`No business "${t}" in ${sourcePath}.`);
    const reports: MoveReport[] = [];
    const refused: { tenantId: string; reason: string }[] = [];
    for (const tenantId of tenants) {
      try {
        reports.push(await moveTenant(source, target, tenantId, values.json ? undefined : (l) => print(`  ${l}`)));
      } catch (error) {
        if (!(error instanceof MoveRefused)) throw error;
        refused.push({ tenantId, reason: error.message });
      }
    }
    const ok = refused.length === 0 && reports.every((r) => r.ok);
    if (values.json) {
      printJson({ ok, from: sourcePath, moved: reports, refused });
    } else {
      for (const r of reports) {
        const mismatched = r.tables.filter((t) => t.source !== t.target);
        print(
          `${r.tenantId}: ${r.rows} row(s) in ${r.tables.filter((t) => t.source > 0).length} table(s); ` +
            `counts ${mismatched.length === 0 ? "match" : `differ in ${mismatched.map((t) => t.table).join(", ")}`}; ` +
            `audit chain ${r.audit.target.ok ? `verifies (${r.audit.target.length} entries)` : `BROKEN at ${r.audit.target.brokenAt}`}`,
        );
      }
      for (const r of refused) warn(`${r.tenantId}: refused — ${r.reason}`);
    }
    return ok ? EXIT.ok : EXIT.refused;
  } finally {
    await source.close();
    await target.close();
  }
};
