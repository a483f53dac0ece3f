// Test-only stdio entry: opens the office in $DATA_DIR and serves MCP for $OFFICE_TOKEN (the CLI will own the real one).
// Spawned by test/mcp-stdio.test.ts as `node --import tsx test/fixtures-mcp/mcp-stdio-entry.ts`.
import { runStdio } from "../../mcp/index.ts";
import { openOffice } from "../../server/office.ts";

const office = await openOffice({ seed: false });
const code = await runStdio(office, process.env.OFFICE_TOKEN);
office.close();
process.exitCode = code;
