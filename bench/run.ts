// `npm run bench`: every benchmark, printed as ratios against a baseline measured in the same run.
// Add `--json` for a machine-readable summary on the last line.
import { openOffice } from "../server/office.ts";
import { measureFirstTokenMs } from "../server/routes/chat.ts";
import { measureAckMs } from "../test/fixtures-slack/measure-ack.ts";
import { benchAgent } from "./agent.ts";
import { benchImports } from "./imports.ts";
import { benchMcp } from "./mcp.ts";
import { benchPostgres } from "./postgres.ts";
import { fmt } from "./measure.ts";
import { benchSpine } from "./spine.ts";
import { benchTriggers } from "./triggers.ts";

const json = process.argv.includes("--json");
const results: Record<string, unknown> = {};
const log = (line: string) => console.log(line);

console.log("# Trade Office OS benchmarks");
console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
console.log("## spine and CRM read models");
results.spine = await benchSpine(log);

console.log("\n## imports");
results.imports = await benchImports(log);

console.log("\n## agent");
results.agent = await benchAgent(log);

console.log("\n## channels");
const ack = await measureAckMs({ samples: 30 });
results.slackAck = ack;
log(
  `Slack interaction ack: median ${fmt(ack.medianMs, 1)} ms, p95 ${fmt(ack.p95Ms, 1)} ms (goal ≤ 100 ms; Slack's limit 3 s)`,
);
const office = await openOffice({ path: ":memory:" });
const firstToken = (await measureFirstTokenMs(office, { runs: 20 })).sort((a, b) => a - b);
office.close();
results.webFirstTokenMs = firstToken;
log(
  `web chat time to first streamed token (offline model): median ${fmt(firstToken[Math.floor(firstToken.length / 2)] ?? 0, 1)} ms`,
);

results.mcpStdio = await benchMcp(log);

console.log("\n## autonomy");
results.triggers = await benchTriggers(log);

console.log("\n## PostgreSQL scale-out");
results.postgres = await benchPostgres(log);

if (json) console.log(JSON.stringify(results));
