// `office proposals list`, `office approve` and `office reject`: the proposal queue and human decisions on it.
// A decision goes through kernel.decide, which re-checks who may decide; this file only renders the result.
import { parseArgs } from "node:util";
import { type ProposalStatus, ProposalStatusSchema } from "../../contracts/index.ts";
import { proposalView } from "../../tools/kernel/index.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, TENANT_OPTION, table, UsageError } from "../io.ts";
import { exitCodeOf, requireActor, requireTenant, resultView, withOffice } from "../office-session.ts";

function parseStatuses(text: string | undefined): ProposalStatus[] | undefined {
  if (!text) return undefined;
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const parsed = ProposalStatusSchema.safeParse(s);
      if (!parsed.success) {
        throw new UsageError(`Unknown status "${s}": use ${ProposalStatusSchema.options.join(", ")}.`);
      }
      return parsed.data;
    });
}

export const proposalsCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: { ...TENANT_OPTION, json: { type: "boolean", default: false }, status: { type: "string" } },
      allowPositionals: true,
    }),
  );
  if (positionals[0] !== "list" || positionals.length > 1) {
    throw new UsageError("Usage: office proposals list [--status pending,applied,…] [--tenant <slug>] [--json]");
  }
  const statuses = parseStatuses(values.status);
  return withOffice(async (office) => {
    const tenantId = await requireTenant(office, values.tenant);
    const proposals = (await office.kernel.listProposals(tenantId, statuses)).map(proposalView);
    if (values.json) {
      printJson(proposals);
    } else if (proposals.length === 0) {
      print("No proposals.");
    } else {
      print(
        table([
          ["ID", "STATUS", "RISK", "TOOL", "BY", "SUMMARY"],
          ...proposals.map((p) => [p.id, p.status, p.risk, p.tool, p.requestedBy, p.preview.summary]),
        ]),
      );
    }
    return EXIT.ok;
  });
};

/** `office approve <id>` / `office reject <id>`. */
export function decideCommand(decision: "approve" | "reject"): Command {
  return async (argv) => {
    const usage = `Usage: office ${decision} <proposal-id> --actor <actor-id> [--notes <text>] [--tenant <slug>]`;
    const { values, positionals } = parseOrExplain(() =>
      parseArgs({
        args: argv,
        options: { ...TENANT_OPTION, actor: { type: "string" }, notes: { type: "string" } },
        allowPositionals: true,
      }),
    );
    const [given, ...extra] = positionals;
    if (!given || extra.length > 0) throw new UsageError(usage);
    // "p-12" as typed in a hurry is P-12.
    const proposalId = /^p-\d+$/i.test(given) ? given.toUpperCase() : given;
    return withOffice(async (office) => {
      const actor = await requireActor(office, values.tenant, values.actor);
      const result = await office.kernel.decide(actor.tenantId, proposalId, decision, actor, "cli", values.notes);
      printJson(resultView(result));
      return exitCodeOf(result);
    });
  };
}
