// The office's own clock inside `office serve`: every tick, for each business, check platform health, scan for
// triggers (suggestions become proposals), expire stale proposals and finish any governance contract left between
// steps. One tick at a time; a failing business is logged and the others still run.
import { listTenantIds } from "../store/repos/tenants.ts";
import { resumeGovernance } from "../tools/governance/index.ts";
import { checkPlatformHealth } from "../tools/governance/platform-health.ts";
import { type Suggester, scanTenant } from "../tools/ops/index.ts";
import { withTenant } from "../store/scope.ts";
import type { Office } from "./office.ts";

export interface Scheduler {
  /** Runs one tick now (also what the timer runs). */
  tick(): Promise<void>;
  stop(): void;
}

const DEFAULT_INTERVAL_MS = 15 * 60_000;

export function intervalFromEnv(): number {
  const n = Number(process.env.OFFICE_SCAN_INTERVAL_MS);
  return Number.isFinite(n) && n >= 1000 ? n : DEFAULT_INTERVAL_MS;
}

export function startScheduler(
  office: Office,
  options: { intervalMs?: number; suggester?: Suggester; log?: (line: string) => void } = {},
): Scheduler {
  const log = options.log ?? ((line: string) => console.error(`[scheduler] ${line}`));
  let running: Promise<void> | null = null;
  const once = async () => {
    for (const tenantId of await listTenantIds(office.store.db)) {
      await withTenant(tenantId, () => tickTenant(tenantId));
    }
  };
  const tickTenant = async (tenantId: string) => {
    try {
      const health = await checkPlatformHealth(office.kernel, tenantId);
      if (health?.transition === "degraded")
        log(`${tenantId}: unhealthy, writes stopped — ${health.problems.join("; ")}`);
      if (health?.transition === "recovered") log(`${tenantId}: healthy again, writes allowed`);
      await resumeGovernance(office.kernel, tenantId);
      const scan = await scanTenant(office.kernel, tenantId, options.suggester ? { suggester: options.suggester } : {});
      if (scan.emitted.length > 0 || scan.closed.length > 0) {
        log(
          `${tenantId}: ${scan.emitted.length} new trigger(s), ${scan.closed.length} closed, ${scan.suggestions.length} suggestion(s)`,
        );
      }
    } catch (error) {
      log(`${tenantId}: tick failed — ${(error as Error).message}`);
    }
  };
  const tick = () => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? intervalFromEnv());
  timer.unref();
  // The first tick soon after start, not a whole interval later.
  const first = setTimeout(() => void tick(), 2000);
  first.unref();
  return {
    tick,
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
