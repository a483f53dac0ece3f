// `office governance show <contract-or-issue-id>`: a governed change's state and the ordered history of its steps.
// `office governance list [--status S]`: contracts and open incidents. Both read through the kernel as the founder.
import { parseArgs } from "node:util";
import { humanCall } from "../../tools/kernel/index.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, TENANT_OPTION, UsageError, warn } from "../io.ts";
import { requireActor, requireTenant, withOffice } from "../office-session.ts";

export const governanceCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string", default: "founder" },
        status: { type: "string" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
    }),
  );
  const [verb, id] = positionals;
  if (!(verb === "show" && id && positionals.length === 2) && !(verb === "list" && positionals.length === 1)) {
    throw new UsageError(
      "Usage: office governance show <contract-id> [--json] | office governance list [--status S] [--json]",
    );
  }
  return withOffice(async (office) => {
    const tenantId = await requireTenant(office, values.tenant);
    const actor = await requireActor(office, tenantId, values.actor);
    const ctx = humanCall(office.kernel, actor, "cli", "read_only");
    const result =
      verb === "show"
        ? await office.kernel.execute("governance.show_contract", { id }, ctx)
        : await office.kernel.execute("governance.list_contracts", values.status ? { status: values.status } : {}, ctx);
    if (result.status !== "ok") {
      warn(result.status === "refused" ? `${result.failure.class}: ${result.failure.reason}` : result.status);
      return EXIT.refused;
    }
    const data = result.data as {
      contract?: { id: string; status: string; version: number } | null;
      history?: { seq: number; step: string; from: string | null; to: string; actor: string; at: string }[];
      contracts?: { id: string; status: string; affectedCapabilities: string[]; auditVerdict: string | null }[];
    };
    if (verb === "show") {
      if (!data.contract && (data.history ?? []).length === 0) {
        warn(`No contract or issue ${id} in ${tenantId}.`);
        return EXIT.refused;
      }
      if (values.json) {
        printJson({
          contractId: data.contract?.id ?? null,
          state: data.contract?.status ?? null,
          contract: data.contract,
          history: data.history,
        });
        return EXIT.ok;
      }
      print(
        data.contract ? `${data.contract.id} v${data.contract.version}: ${data.contract.status}` : `${id}: no contract`,
      );
      for (const h of data.history ?? [])
        print(`  ${h.seq}. ${h.at}  ${h.step}: ${h.from ?? "—"} → ${h.to}  (${h.actor})`);
      return EXIT.ok;
    }
    if (values.json) printJson(data);
    else
      for (const c of data.contracts ?? [])
        print(`${c.id}  ${c.status}  ${c.affectedCapabilities.join(", ")}  ${c.auditVerdict ?? ""}`);
    return EXIT.ok;
  });
};
