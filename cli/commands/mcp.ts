// `office mcp --token <token>`: the MCP server over stdio. Stdout carries protocol messages only.
import { parseArgs } from "node:util";
import { runStdio } from "../../mcp/index.ts";
import { openOffice } from "../../server/office.ts";
import { type Command, parseOrExplain, UsageError } from "../io.ts";

export const mcpCommand: Command = async (argv) => {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({ args: argv, options: { token: { type: "string" } }, allowPositionals: true }),
  );
  if (positionals.length > 0) throw new UsageError("Usage: office mcp --token <token>");
  const token = values.token ?? process.env["OFFICE_TOKEN"];
  if (!token) throw new UsageError("Give the token: office mcp --token <token> (or set OFFICE_TOKEN).");
  const office = await openOffice({ demoActivity: true });
  try {
    return await runStdio(office, token);
  } finally {
    office.close();
  }
};
