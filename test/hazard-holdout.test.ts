// The hazard detector on phrasings it was not written from (Field Engineer §10): technicians' own words, as a
// voice-to-text dictation reaches `office repair screen`. Recall must be total; a false stop is tolerated rarely.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../cli/main.ts";
import {
  HAZARD_HOLDOUT,
  HAZARD_HOLDOUT_ROUND_1,
  HAZARD_HOLDOUT_ROUND_2,
  type HoldoutPhrase,
} from "../fixtures/hazard-holdout.ts";
import { scanForHazards } from "../tools/repair/hazards.ts";

interface Score {
  recall: number;
  precision: number;
  misses: string[];
  falseStops: string[];
}

/** Recall per hazardous phrasing (every expected stop raised), precision per raised stop — as the corpus test. */
function score(corpus: readonly HoldoutPhrase[], detect: (text: string) => readonly string[]): Score {
  let hazards = 0;
  let caught = 0;
  let raised = 0;
  let raisedRight = 0;
  const misses: string[] = [];
  const falseStops: string[] = [];
  for (const phrase of corpus) {
    const found = new Set(detect(phrase.text));
    if (phrase.expected.length > 0) {
      hazards += 1;
      if (phrase.expected.every((id) => found.has(id))) caught += 1;
      else misses.push(`${phrase.text} (expected ${phrase.expected.join(", ")})`);
    }
    for (const id of found) {
      raised += 1;
      if ((phrase.expected as readonly string[]).includes(id)) raisedRight += 1;
      else falseStops.push(`${phrase.text} → ${id}`);
    }
  }
  return {
    recall: hazards === 0 ? 1 : caught / hazards,
    precision: raised === 0 ? 1 : raisedRight / raised,
    misses,
    falseStops,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const detectInProcess = (text: string) => scanForHazards(text).stops.map((s) => s.stopId);

/** `office repair screen --json "<text>"` through the CLI's own dispatcher, stdout captured. */
async function screenThroughCli(text: string): Promise<string[]> {
  let out = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await runCli(["repair", "screen", "--json", text]);
    expect(code).toBe(0);
  } finally {
    write.mockRestore();
  }
  const parsed = JSON.parse(out) as { stops: { stopId: string }[] };
  return parsed.stops.map((s) => s.stopId);
}

afterEach(() => vi.restoreAllMocks());

describe("hazard hold-out corpus", () => {
  it("holds at least 120 phrasings, hazardous and harmless, with every stop kind represented", () => {
    expect(HAZARD_HOLDOUT.length).toBeGreaterThanOrEqual(120);
    const kinds = new Set(HAZARD_HOLDOUT.flatMap((p) => p.expected));
    expect([...kinds].sort()).toEqual([
      "co_alarm",
      "cracked_heat_exchanger",
      "gas_leak",
      "readings_unreconciled",
      "water_energized",
    ]);
    expect(HAZARD_HOLDOUT.filter((p) => p.expected.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ["round 1", HAZARD_HOLDOUT_ROUND_1],
    ["round 2", HAZARD_HOLDOUT_ROUND_2],
  ] as const)("%s: the detector stops on every hazard and rarely without cause", (round, corpus) => {
    const result = score(corpus, detectInProcess);
    console.log(
      `hazard hold-out ${round}: ${corpus.length} phrasings; recall ${pct(result.recall)}, precision ${pct(result.precision)}`,
    );
    expect(result.misses).toEqual([]);
    expect(result.recall).toBe(1);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("`office repair screen --json` catches every hazard of the hold-out, phrasing by phrasing", async () => {
    const cliStops: Record<string, string[]> = {};
    for (const phrase of HAZARD_HOLDOUT) cliStops[phrase.text] = await screenThroughCli(phrase.text);
    const result = score(HAZARD_HOLDOUT, (text) => cliStops[text] ?? []);
    console.log(
      `office repair screen on the hold-out: ${HAZARD_HOLDOUT.length} phrasings; recall ${pct(result.recall)}, ` +
        `precision ${pct(result.precision)}`,
    );
    expect(result.misses).toEqual([]);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("the installed `office` binary screens trade slang the same way", { timeout: 60_000 }, () => {
    const bin = resolve(import.meta.dirname, "..", "bin", "office.mjs");
    const samples: Array<[string, string[]]> = [
      ["the sniffer's going off at the union on the gas line", ["gas_leak"]],
      ["uh the c o detector is going off", ["co_alarm"]],
      ["water on the floor around the panel", ["water_energized"]],
      ["the CO alarm was the battery, replaced it, reads zero now", []],
    ];
    for (const [text, expected] of samples) {
      const run = spawnSync(process.execPath, [bin, "repair", "screen", "--json", text], {
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(0);
      const parsed = JSON.parse(run.stdout) as { stops: { stopId: string }[] };
      expect(parsed.stops.map((s) => s.stopId)).toEqual(expected);
    }
  });
});
