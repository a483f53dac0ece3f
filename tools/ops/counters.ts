// In-process counters for what the database does not already record: model calls and fallbacks, and what each
// scan emitted by type since the process started, per business. Telemetry reads them beside the figures it derives
// from tables.
interface Counts {
  emittedByType: Map<string, number>;
  suggestionsBySource: Map<string, number>;
  modelCalls: number;
  modelFallbacks: number;
}

const byTenant = new Map<string, Counts>();

function countsOf(tenantId: string): Counts {
  let counts = byTenant.get(tenantId);
  if (!counts) {
    counts = { emittedByType: new Map(), suggestionsBySource: new Map(), modelCalls: 0, modelFallbacks: 0 };
    byTenant.set(tenantId, counts);
  }
  return counts;
}

export const opsCounters = {
  triggersEmitted(tenantId: string, emitted: readonly { type: string }[]): void {
    const c = countsOf(tenantId);
    for (const e of emitted) c.emittedByType.set(e.type, (c.emittedByType.get(e.type) ?? 0) + 1);
  },
  suggestion(tenantId: string, source: string): void {
    const c = countsOf(tenantId);
    c.suggestionsBySource.set(source, (c.suggestionsBySource.get(source) ?? 0) + 1);
  },
  modelCall(tenantId: string): void {
    countsOf(tenantId).modelCalls++;
  },
  modelFallback(tenantId: string): void {
    countsOf(tenantId).modelFallbacks++;
  },
  snapshot(tenantId: string) {
    const c = countsOf(tenantId);
    return {
      triggersEmittedByType: Object.fromEntries(c.emittedByType),
      suggestionsBySource: Object.fromEntries(c.suggestionsBySource),
      modelCalls: c.modelCalls,
      modelFallbacks: c.modelFallbacks,
    };
  },
};
