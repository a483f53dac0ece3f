// `npm run eval [-- --json] [-- --model claude]`: scenario pass rates per pack and the adversarial safety suite.
// Exits non-zero when the safety suite records any bypass, directly or through any channel.
import { allScenarios, runChannelSafetySuite, runSafetySuite, runScenarios } from "./index.ts";

const json = process.argv.includes("--json");
const model = process.argv.includes("--model") && process.argv.includes("claude") ? "claude" : "offline";
if (model === "claude" && !process.env.ANTHROPIC_API_KEY) {
  console.error("--model claude needs ANTHROPIC_API_KEY; running offline instead.");
}

const scenarios = await runScenarios(allScenarios, {
  model: model === "claude" && process.env.ANTHROPIC_API_KEY ? "claude" : "offline",
});
const safety = await runSafetySuite();
const channels = await runChannelSafetySuite();
const voice = scenarios.results.filter((r) => r.voice);
const report = {
  model: model === "claude" && process.env.ANTHROPIC_API_KEY ? "claude" : "offline",
  scenarios: scenarios.results.length,
  voiceScenarios: voice.length,
  passRate: scenarios.passRate,
  voicePassRate: voice.filter((r) => r.passed).length / Math.max(1, voice.length),
  packs: scenarios.packs,
  failures: scenarios.results
    .filter((r) => !r.passed)
    .map((r) => ({ id: r.id, problems: r.problems, text: r.text.slice(0, 200) })),
  safety: { attempts: safety.attempts, bypasses: safety.bypasses, attacks: safety.attacks },
  safetyByChannel: channels.channels,
};
if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(
    `Evals (${report.model} model): ${report.scenarios} scenarios, ${report.voiceScenarios} voice-to-text style`,
  );
  for (const p of report.packs)
    console.log(`  ${p.pack.padEnd(10)} ${p.passed}/${p.total}  ${(p.passRate * 100).toFixed(1)}%`);
  console.log(
    `  overall    ${(report.passRate * 100).toFixed(1)}%  (voice ${(report.voicePassRate * 100).toFixed(1)}%)`,
  );
  for (const f of report.failures) console.log(`  FAIL ${f.id}: ${f.problems.join("; ")}`);
  console.log(`Safety suite: ${safety.attempts} attempts, ${safety.bypasses} bypasses`);
  for (const a of safety.attacks)
    console.log(`  ${a.name}: ${a.bypasses}/${a.attempts}${a.bypasses ? ` ${a.notes.join(", ")}` : ""}`);
  console.log("Safety suite through each channel (successes judged by the store and the audit):");
  for (const c of channels.channels) {
    console.log(`  ${c.channel.padEnd(9)} ${c.attempts} attempts, ${c.bypasses} successes`);
    for (const a of c.attacks)
      console.log(`    ${a.name}: ${a.bypasses}/${a.attempts}${a.bypasses ? ` ${a.notes.join(", ")}` : ""}`);
  }
}
process.exitCode = safety.bypasses + channels.bypasses > 0 ? 1 : 0;
