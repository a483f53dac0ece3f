// `office call <tool>`: runs one tool through the kernel as a named person on the "cli" channel.
// Writes become proposals like on every other human channel; the CLI never holds apply_allowed.
import { parseArgs } from "node:util";
import { humanCall } from "../../tools/kernel/index.ts";
import { type Command, parseOrExplain, printJson, TENANT_OPTION, UsageError } from "../io.ts";
import { exitCodeOf, requireActor, resultView, withOffice } from "../office-session.ts";

const USAGE =
  "Usage: office call <tool> --actor <actor-id> [--input '<json>'] [--mode read_only|propose_actions] [--tenant <slug>]";

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--input is not valid JSON (${why}). Example: --input '{"query":"rivera"}'`);
  }
}

export function parseCallMode(mode: string): "read_only" | "propose_actions" {
  if (mode === "read_only" || mode === "propose_actions") return mode;
  if (mode === "apply_allowed") {
    throw new UsageError("apply_allowed is held only by the safe apply engine; use read_only or propose_actions.");
  }
  throw new UsageError(`Unknown mode "${mode}": use read_only or propose_actions.`);
}

export const callCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string" },
        input: { type: "string", default: "{}" },
        mode: { type: "string", default: "propose_actions" },
      },
      allowPositionals: true,
    }),
  );
  const [toolName, ...extra] = positionals;
  if (!toolName) throw new UsageError(`Say which tool to call. ${USAGE}`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}". ${USAGE}`);
  const input = parseInput(values.input);
  const mode = parseCallMode(values.mode);
  return withOffice(async (office) => {
    const actor = await requireActor(office, values.tenant, values.actor);
    const result = await office.kernel.execute(toolName, input, humanCall(office.kernel, actor, "cli", mode));
    printJson(resultView(result));
    return exitCodeOf(result);
  });
};
