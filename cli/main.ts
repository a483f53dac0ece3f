// The `office` command line: dispatches to one command group per file under cli/commands/.
// User mistakes print one plain line (exit 2); anything unexpected prints one line with a reference (exit 1).
import { randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type Command, EXIT, print, UsageError, warn } from "./io.ts";

export const USAGE = `Trade Office OS — the office command line.

Usage: office <command> [options]      (--tenant defaults to demo; the store is $DATA_DIR/office.db, DATA_DIR=./data)

  serve [--port N] [--host H]                       run the web app and API until Ctrl-C
  token create --actor <id> [--mode read_only|propose_actions] [--ttl-days N] [--label T]
                                                    issue an API/MCP token (printed on the last line)
  tools list [--json]                               every tool: name, pack, effect, risk, roles
  call <tool> --actor <id> [--input '<json>'] [--mode read_only|propose_actions]
                                                    run a tool as that person; writes become proposals
  actors list [--json]                              people of the business: id, role, name
  proposals list [--status pending,applied,…] [--json]
  approve <proposal-id> --actor <id> [--notes T]    approve; the safe apply engine applies it
  reject <proposal-id> --actor <id> [--notes T]
  audit verify [--json]                             walk the audit hash chain
  freeze [--actor <id>]                             sev0 stop: refuse every write in the business
  unfreeze --actor <founder-id>                     lift the stop (founder only)
  triggers run [--tenant <t>] [--json]              scan for what is slipping; each new trigger gets a suggested proposal
  governance show <contract-id> [--json]            a governed change's state and the ordered history of its steps
  governance list [--status S] [--json]             governed changes and open incidents
  repair screen [--json] "<text>"                   run the hazard detector on one message
  rates show [--state XX] [--json]                  the energy rates savings are priced on, with their vintage
  rates refresh --from <file.csv|json> [--json]     check a new rates snapshot and stage it for approval
  mcp --token <token>                               speak MCP over stdio (nothing else on stdout)
  chat --actor <id> [--json] ["message"]            talk to the office agent (interactive without a message)
  import <file> [--profile P] [--actor id] [--json] stage a customer export: mapping, dedupe, merge proposals
  migrate --to <postgres://…> [--tenant t] [--json] move shops from this SQLite store to PostgreSQL, verified
  help                                              this text

Exit codes: 0 ok or proposed, 1 unexpected error or broken audit chain, 2 bad usage, 3 refused, 4 hard stop.`;

// Each group is loaded on demand, so `office help` and a typo answer without loading the store and the registry.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  token: async () => (await import("./commands/token.ts")).tokenCommand,
  tools: async () => (await import("./commands/tools.ts")).toolsCommand,
  call: async () => (await import("./commands/call.ts")).callCommand,
  actors: async () => (await import("./commands/actors.ts")).actorsCommand,
  proposals: async () => (await import("./commands/proposals.ts")).proposalsCommand,
  approve: async () => (await import("./commands/proposals.ts")).decideCommand("approve"),
  reject: async () => (await import("./commands/proposals.ts")).decideCommand("reject"),
  audit: async () => (await import("./commands/audit.ts")).auditCommand,
  freeze: async () => (await import("./commands/freeze.ts")).freezeCommand("sev0_stop"),
  unfreeze: async () => (await import("./commands/freeze.ts")).freezeCommand("active"),
  repair: async () => (await import("./commands/repair.ts")).repairCommand,
  triggers: async () => (await import("./commands/triggers.ts")).triggersCommand,
  governance: async () => (await import("./commands/governance.ts")).governanceCommand,
  rates: async () => (await import("./commands/rates.ts")).ratesCommand,
  mcp: async () => (await import("./commands/mcp.ts")).mcpCommand,
  import: async () => (await import("./commands/import.ts")).importCommand,
  chat: async () => (await import("./commands/chat.ts")).chatCommand,
  migrate: async () => (await import("./commands/migrate.ts")).migrateCommand,
};

/** Runs one command line and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help" || name === "-h" || rest.includes("--help") || rest.includes("-h")) {
    print(USAGE);
    return EXIT.ok;
  }
  const load = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    warn(name ? `office: unknown command "${name}".\n` : "");
    warn(USAGE);
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      warn(`office ${name}: ${error.message}`);
      return error.exitCode;
    }
    const ref = randomUUID().slice(0, 8);
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    warn(`office ${name}: unexpected error (reference ${ref}): ${message}`);
    if (process.env["OFFICE_DEBUG"] && error instanceof Error) warn(error.stack ?? "");
    return EXIT.unexpected;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

// `tsx cli/main.ts …` (npm start / npm run office) runs it directly; bin/office.mjs imports runCli.
if (isEntryPoint()) process.exitCode = await runCli(process.argv.slice(2));
