// Benchmark helper for `npm run bench`: how fast a signed Approve press is acked over loopback HTTP (Slack's limit is
// 3 s, the goal 0.1 s), against a bare handler's round trip measured in the same run. Not asserted in tests.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { buttonRequest } from "./deliveries.ts";
import { plainCustomer } from "./demo.ts";
import { openSlackRig } from "./rig.ts";

export interface AckMeasurement {
  samples: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** A bare handler's median round trip over the same loopback (the baseline). */
  baselineMedianMs: number;
  /** medianMs / baselineMedianMs. */
  ratio: number;
  /** Slack's interaction limit, for the report. */
  limitMs: 3000;
  goalMs: 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function listen(handler: (request: Request) => Promise<Response> | Response): Promise<{
  url: string;
  close(): Promise<void>;
}> {
  return new Promise((resolve) => {
    const server = serve({ fetch: handler, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}/slack/events`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

async function post(url: string, request: Request): Promise<number> {
  const body = await request.text();
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: request.headers, body });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
  return elapsed;
}

/** Presses Approve on `samples` pending proposals as the founder and times each ack (the work after it is not timed). */
export async function measureAckMs(options: { samples?: number } = {}): Promise<AckMeasurement> {
  const samples = options.samples ?? 30;
  const rig = await openSlackRig();
  const handle = rig.slack.handle;
  if (!handle) throw new Error("expected HTTP mode");
  const slack = await listen(handle);
  const bare = await listen(() => new Response(""));
  try {
    const customer = await plainCustomer(rig.office);
    const ids: string[] = [];
    for (let i = 0; i <= samples; i++) {
      const result = await rig.office.call("sales-1", "crm.add_note", { customerId: customer.id, body: `bench ${i}` });
      if (result.status !== "proposed") throw new Error(`expected a proposal, got ${result.status}`);
      ids.push(result.proposal.id);
    }
    const press = (proposalId: string) =>
      buttonRequest({ user: "U0FOUNDER", proposalId, decision: "approve", channel: "C0BENCH", messageTs: "1.000001" });
    // Warm-up: the first press also runs auth.test once (cached afterwards).
    await post(slack.url, press(ids[0] ?? "P-0"));
    await rig.slack.idle();

    const timings: number[] = [];
    const baseline: number[] = [];
    for (const id of ids.slice(1)) {
      timings.push(await post(slack.url, press(id)));
      await rig.slack.idle(); // let the decision finish before the next press, so presses do not queue
      baseline.push(await post(bare.url, press(id)));
    }
    timings.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    const medianMs = percentile(timings, 0.5);
    const baselineMedianMs = percentile(baseline, 0.5);
    return {
      samples,
      medianMs,
      p95Ms: percentile(timings, 0.95),
      maxMs: timings.at(-1) ?? 0,
      baselineMedianMs,
      ratio: baselineMedianMs > 0 ? medianMs / baselineMedianMs : 0,
      limitMs: 3000,
      goalMs: 100,
    };
  } finally {
    await slack.close();
    await bare.close();
    await rig.closeApp();
    await rig.fake.close();
  }
}
