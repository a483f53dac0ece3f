// `office tools list`: what the registry offers — name, pack, effect, risk and who may call each tool.
import { parseArgs } from "node:util";
import { createRegistry } from "../../tools/index.ts";
import { type Command, EXIT, parseOrExplain, print, printJson, table, UsageError } from "../io.ts";

export const toolsCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({ args: argv, options: { json: { type: "boolean", default: false } }, allowPositionals: true }),
  );
  if (positionals[0] !== "list" || positionals.length > 1) throw new UsageError("Usage: office tools list [--json]");
  const tools = createRegistry()
    .summaries()
    .map(({ name, pack, effect, risk, roles }) => ({ name, pack, effect, risk, roles: [...roles] }));
  if (values.json) {
    printJson(tools);
    return EXIT.ok;
  }
  print(
    table([["TOOL", "EFFECT", "RISK", "ROLES"], ...tools.map((t) => [t.name, t.effect, t.risk, t.roles.join(", ")])]),
  );
  return EXIT.ok;
};
