// A small HTTP load generator on loopback: fixed concurrency, keep-alive, bounded in time and count.
import { Agent, request } from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
}

export async function load(
  url: string,
  options: { headers?: Record<string, string>; concurrency?: number; seconds?: number; maxRequests?: number },
): Promise<LoadResult> {
  const concurrency = options.concurrency ?? 16;
  const seconds = options.seconds ?? 3;
  const maxRequests = options.maxRequests ?? 200_000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const deadline = Date.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          agent,
          headers: options.headers,
        },
        (res) => {
          if ((res.statusCode ?? 500) >= 400) errors++;
          res.resume();
          res.on("end", () => resolve());
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline && requests < maxRequests) {
        requests++;
        await once();
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  return { requests, errors, seconds: elapsed, rps: requests / elapsed };
}
