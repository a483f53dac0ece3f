// Progress of a long import for the person who started it (CLI prints a line every 10,000 rows).
// A channel wraps its call in `withImportProgress`; the staging tool reports into it. Reporting never changes data.
import { AsyncLocalStorage } from "node:async_hooks";

export type ImportProgress = { phase: "mapped" | "deduped" | "proposed"; done: number; total: number };
export type ImportProgressListener = (event: ImportProgress) => void;

const listeners = new AsyncLocalStorage<ImportProgressListener>();

/** Runs `fn` with `listener` receiving the progress of any import staged inside it. */
export function withImportProgress<T>(listener: ImportProgressListener, fn: () => Promise<T>): Promise<T> {
  return listeners.run(listener, fn);
}

/** The listener of the current call, if its channel asked for progress. */
export function currentImportProgress(): ImportProgressListener | undefined {
  return listeners.getStore();
}
