// `office repair screen [--json] "<text>"`: the repair hazard detector alone on one message. Pure — no store, no
// kernel: it prints { stops: [{ stopId, type, matched }], confirm: [...] } exactly as scanForHazards decides.
import { parseArgs } from "node:util";
import { scanForHazards } from "../../tools/repair/hazards.ts";
import { type Command, EXIT, parseOrExplain, print, UsageError } from "../io.ts";

const SCREEN_USAGE = 'Usage: office repair screen [--json] "<what the tech said>"';

/** The screen's printed shape: the stops (id, type, the words that matched) and the confirm questions. */
export function screenText(text: string): {
  stops: Array<{ stopId: string; type: "universal" | "conditional"; matched: string }>;
  confirm: string[];
} {
  const scan = scanForHazards(text);
  return {
    stops: scan.stops.map((s) => ({ stopId: s.stopId, type: s.type, matched: s.matched })),
    confirm: scan.confirm,
  };
}

/** `office repair screen`: prints the JSON on stdout (one line with --json, indented without). Exit 0 either way. */
export async function repairScreenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: true }),
  );
  const text = positionals.join(" ").trim();
  if (text === "") throw new UsageError(SCREEN_USAGE);
  const result = screenText(text);
  print(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  return EXIT.ok;
}

/** `office repair <subcommand>`: only `screen` for now. */
export const repairCommand: Command = async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === "screen") return repairScreenCommand(rest);
  throw new UsageError(SCREEN_USAGE);
};
