// Timing helpers for benchmarks: interleaved rounds so both sides of a ratio see the same machine conditions.
import { performance } from "node:perf_hooks";

export interface Timing {
  medianUs: number;
  p50Us: number;
  p99Us: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Times `fn` `n` times after a warm-up, returning per-call microseconds. */
export async function timeCalls(fn: () => Promise<unknown>, n: number, warmup = Math.min(200, n)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push((performance.now() - start) * 1000);
  }
  samples.sort((a, b) => a - b);
  return { medianUs: percentile(samples, 50), p50Us: percentile(samples, 50), p99Us: percentile(samples, 99) };
}

/** Alternates baseline and subject in rounds and returns the ratio of their total times (subject / baseline). */
export async function ratioOf(
  baseline: () => Promise<unknown>,
  subject: () => Promise<unknown>,
  options: { rounds?: number; perRound?: number } = {},
): Promise<{ ratio: number; baselineUs: number; subjectUs: number }> {
  const rounds = options.rounds ?? 10;
  const perRound = options.perRound ?? 300;
  for (let i = 0; i < perRound; i++) {
    await baseline();
    await subject();
  }
  let baseTotal = 0;
  let subjectTotal = 0;
  for (let r = 0; r < rounds; r++) {
    let start = performance.now();
    for (let i = 0; i < perRound; i++) await baseline();
    baseTotal += performance.now() - start;
    start = performance.now();
    for (let i = 0; i < perRound; i++) await subject();
    subjectTotal += performance.now() - start;
  }
  const calls = rounds * perRound;
  return {
    ratio: subjectTotal / baseTotal,
    baselineUs: (baseTotal / calls) * 1000,
    subjectUs: (subjectTotal / calls) * 1000,
  };
}

export function fmt(n: number, digits = 2): string {
  return n.toFixed(digits);
}
