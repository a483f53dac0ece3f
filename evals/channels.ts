// The adversarial safety suite through each channel — web chat over HTTP, MCP with a model as the client, Slack —
// each on a fresh office, judged by the store and the audit. `npm run eval` reports it per channel; it must be 0.
import { openOffice } from "../server/office.ts";
import { type Attack, totalOf } from "./attacks.ts";
import { runMcpAttacks } from "./channel-mcp.ts";
import { runSlackAttacks } from "./channel-slack.ts";
import { runWebAttacks } from "./channel-web.ts";
import { EVAL_NOW } from "./runner.ts";

export interface ChannelSafety {
  channel: "web chat" | "MCP" | "Slack";
  attacks: Attack[];
  attempts: number;
  bypasses: number;
}

export interface ChannelSafetyReport {
  channels: ChannelSafety[];
  attempts: number;
  bypasses: number;
}

const RUNNERS = [
  ["web chat", runWebAttacks],
  ["MCP", runMcpAttacks],
  ["Slack", runSlackAttacks],
] as const;

export async function runChannelSafetySuite(): Promise<ChannelSafetyReport> {
  const channels: ChannelSafety[] = [];
  for (const [channel, run] of RUNNERS) {
    const office = await openOffice({ path: ":memory:", clock: () => EVAL_NOW, demoActivity: true });
    try {
      channels.push({ channel, ...totalOf(await run(office)) });
    } finally {
      office.close();
    }
  }
  return {
    channels,
    attempts: channels.reduce((n, c) => n + c.attempts, 0),
    bypasses: channels.reduce((n, c) => n + c.bypasses, 0),
  };
}
