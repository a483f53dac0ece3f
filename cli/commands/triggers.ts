// `office triggers run`: one trigger scan now (the server's scheduler runs the same scan on its own), for one
// business or all. Prints what was emitted and closed and the proposals suggested; changes no business record.
import { parseArgs } from "node:util";
import { listTenantIds } from "../../store/repos/tenants.ts";
import { scanTenant } from "../../tools/ops/index.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, UsageError } from "../io.ts";
import { requireTenant, withOffice } from "../office-session.ts";

export const triggersCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: { tenant: { type: "string" }, json: { type: "boolean", default: false } },
      allowPositionals: true,
    }),
  );
  if (positionals[0] !== "run" || positionals.length > 1) {
    throw new UsageError("Usage: office triggers run [--tenant <slug>] [--json]");
  }
  return withOffice(async (office) => {
    const tenantIds = values.tenant
      ? [await requireTenant(office, values.tenant)]
      : await listTenantIds(office.store.db);
    const reports = [];
    for (const tenantId of tenantIds) reports.push(await scanTenant(office.kernel, tenantId));
    const emitted = reports.flatMap((r) =>
      r.emitted.map(({ triggerId, type, recordId }) => ({ triggerId, type, recordId })),
    );
    const closed = reports.flatMap((r) =>
      r.closed.map(({ triggerId, type, recordId }) => ({ triggerId, type, recordId })),
    );
    const suggestions = reports.flatMap((r) => r.suggestions);
    if (values.json) {
      printJson({ emitted, closed, suggestions });
      return EXIT.ok;
    }
    for (const r of reports) {
      if (r.skipped) {
        print(`${r.tenantId}: not scanned — ${r.skipped}`);
        continue;
      }
      const byType = new Map<string, number>();
      for (const e of r.emitted) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      const types = [...byType].map(([t, n]) => `${t} ${n}`).join(", ");
      print(
        `${r.tenantId}: ${r.emitted.length} new trigger(s)${types ? ` (${types})` : ""}, ${r.closed.length} closed, ` +
          `${r.suggestions.length} suggestion(s) waiting for approval — ${r.durationMs.toFixed(0)} ms`,
      );
      for (const refused of r.refusedSuggestions.slice(0, 5))
        print(`  not suggested for ${refused.triggerId}: ${refused.reason}`);
    }
    return EXIT.ok;
  });
};
