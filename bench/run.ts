// `npm run bench`: every benchmark, printed as ratios against a baseline measured in the same run.
// Add `--json` for a machine-readable summary on the last line.
import { benchSpine } from "./spine.ts";

const json = process.argv.includes("--json");
const results: Record<string, unknown> = {};
const log = (line: string) => console.log(line);

console.log("# Trade Office OS benchmarks");
console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
console.log("## spine");
results.spine = await benchSpine(log);

if (json) console.log(JSON.stringify(results));
