// `office chat --actor <id> ["message"]`: one turn (or an interactive conversation) with the office agent.
// One-shot turns share a per-person CLI thread, so "yes approve that" on the next command finds the proposal.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createAgent, type TurnResult } from "../../agent/index.ts";
import { ChannelModeSchema } from "../../contracts/index.ts";
import { withTenant } from "../../store/scope.ts";
import { type Command, parseOrExplain, print, printJson, TENANT_OPTION, UsageError } from "../io.ts";
import { requireActor, withOffice } from "../office-session.ts";

/** The JSON shape of one turn: the answer and every kernel call it made. */
function turnView(turn: TurnResult): Record<string, unknown> {
  return {
    text: turn.text,
    calls: turn.calls.map((c) => ({
      tool: c.tool,
      input: c.input,
      status: c.status,
      ...(c.proposal ? { proposal: c.proposal } : {}),
      ...(c.failure ? { failure: c.failure } : {}),
      ...(c.stop ? { stop: c.stop } : {}),
    })),
  };
}

export const chatCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({
      args: argv,
      options: {
        ...TENANT_OPTION,
        actor: { type: "string" },
        json: { type: "boolean", default: false },
        mode: { type: "string", default: "propose_actions" },
        thread: { type: "string" },
      },
      allowPositionals: true,
    }),
  );
  const mode = ChannelModeSchema.safeParse(values.mode);
  if (!mode.success) throw new UsageError("--mode must be read_only or propose_actions.");
  const message = positionals.join(" ").trim();
  return withOffice(async (office) => {
    const actor = await requireActor(office, values.tenant, values.actor);
    // The conversation is this person's business: every turn (and the agent's reads) runs in its scope.
    return withTenant(actor.tenantId, async () => {
      const agent = createAgent({ store: office.store, kernel: office.kernel });
      const session = await agent.openSession({
        tenantId: actor.tenantId,
        actorId: actor.id,
        channel: "cli",
        mode: mode.data,
        threadRef: values.thread ?? `cli:${actor.id}`,
      });
      const answer = async (text: string): Promise<void> => {
        const turn = await agent.runTurn(session, text);
        if (values.json) printJson(turnView(turn));
        else print(turn.text);
      };
      if (message) {
        await answer(message);
        return 0;
      }
      // Interactive: one line a turn until an empty line, "exit" or end of input.
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      try {
        if (process.stdin.isTTY) print(`Chatting as ${actor.name} (${actor.role}). Empty line or "exit" to stop.`);
        for await (const line of rl) {
          const text = line.trim();
          if (text === "" || text === "exit" || text === "quit") break;
          await answer(text);
        }
      } finally {
        rl.close();
      }
      return 0;
    });
  });
};
