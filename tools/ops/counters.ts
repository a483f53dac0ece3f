// In-process counters for what the database does not already record: model calls and fallbacks, and what each
// scan emitted by type since the process started. Telemetry reads them beside the figures it derives from tables.
const emittedByType = new Map<string, number>();
const suggestionsBySource = new Map<string, number>();
let modelCalls = 0;
let modelFallbacks = 0;

export const opsCounters = {
  triggersEmitted(emitted: readonly { type: string }[]): void {
    for (const e of emitted) emittedByType.set(e.type, (emittedByType.get(e.type) ?? 0) + 1);
  },
  suggestion(source: string): void {
    suggestionsBySource.set(source, (suggestionsBySource.get(source) ?? 0) + 1);
  },
  modelCall(): void {
    modelCalls++;
  },
  modelFallback(): void {
    modelFallbacks++;
  },
  snapshot() {
    return {
      triggersEmittedByType: Object.fromEntries(emittedByType),
      suggestionsBySource: Object.fromEntries(suggestionsBySource),
      modelCalls,
      modelFallbacks,
    };
  },
};
