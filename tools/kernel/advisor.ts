// The one seam between the tool packs and a model's advice (photo reads, web research, a diagnostic proposal).
// The model proposes; the pack's code decides. No advisor on the context means no key: tools take their offline path.
import { z } from "zod";

/** A photo or PDF for one read. It is handed to the model once and dropped: never stored, never audited. */
export const AdvisorImageSchema = z.object({
  base64: z.string().min(1).max(15_000_000),
  mediaType: z.enum(["image/jpeg", "image/png", "image/webp", "application/pdf"]),
});
export type AdvisorImage = z.infer<typeof AdvisorImageSchema>;

/** The photo input of every vision tool: one to six pictures. */
export const AdvisorImagesSchema = z.array(AdvisorImageSchema).min(1).max(6);

export interface AdviceRequest<S extends z.ZodType> {
  /** Who asks (the tool name): used for counting and in notes. */
  task: string;
  /** What to do, in plain words. The pack owns its instructions, as it owns its rules. */
  instructions: string;
  /** The facts for this one call, sent as JSON. Never a customer's name, account or identity. */
  facts?: unknown;
  images?: readonly AdvisorImage[];
  /** Allow the model to search the web (research tasks). */
  webSearch?: boolean;
  /** The answer's shape. Nothing reaches a tool until it passes this schema. */
  schema: S;
}

export type Advice<T> =
  | { ok: true; value: T /** Web pages the model cited or searched. */; sources: string[] /** "Claude" */; by: string }
  | { ok: false /** Why the advice could not be used, in plain words; tools show it. */; note: string };

export interface AdvisorTaskStats {
  calls: number;
  succeeded: number;
  fallbacks: number;
}

/** Model calls and fallbacks (failed, timed out or invalid answers), in total and per task. */
export interface AdvisorStats extends AdvisorTaskStats {
  byTask: Record<string, AdvisorTaskStats>;
}

export interface Advisor {
  /** Shown to people: "Claude". */
  readonly label: string;
  /** Resolves (never rejects) with validated advice, or a note saying why there is none. */
  ask<S extends z.ZodType>(request: AdviceRequest<S>): Promise<Advice<z.output<S>>>;
  stats(): AdvisorStats;
}

/** A counter an advisor implementation keeps; `stats()` returns a copy. */
export class AdvisorCounter {
  readonly #total: AdvisorTaskStats = { calls: 0, succeeded: 0, fallbacks: 0 };
  readonly #byTask = new Map<string, AdvisorTaskStats>();

  record(task: string, outcome: "succeeded" | "fallback"): void {
    const row = this.#byTask.get(task) ?? { calls: 0, succeeded: 0, fallbacks: 0 };
    this.#byTask.set(task, row);
    for (const counts of [this.#total, row]) {
      counts.calls += 1;
      if (outcome === "succeeded") counts.succeeded += 1;
      else counts.fallbacks += 1;
    }
  }

  stats(): AdvisorStats {
    return {
      ...this.#total,
      byTask: Object.fromEntries([...this.#byTask].map(([task, counts]) => [task, { ...counts }])),
    };
  }
}

/**
 * Wraps an advisor so that whatever it is, a tool only ever sees advice that passed the request's schema: a thrown
 * error or an invalid value becomes `{ ok: false, note }`. The kernel puts this wrapper on the context.
 */
export function checkedAdvisor(inner: Advisor): Advisor {
  return {
    label: inner.label,
    stats: () => inner.stats(),
    async ask(request) {
      try {
        const advice = await inner.ask(request);
        if (!advice.ok) return advice;
        const parsed = request.schema.safeParse(advice.value);
        if (!parsed.success) {
          return { ok: false, note: `${inner.label}'s answer did not have the expected shape, so it was not used.` };
        }
        return { ...advice, value: parsed.data };
      } catch {
        return { ok: false, note: `${inner.label} could not be reached for this, so its answer was not used.` };
      }
    },
  };
}

// A read tool's guard and run receive the same parsed input object within one kernel call; keyed on it, the model is
// asked once per call and both see the same answer. A new call parses a new object, so nothing is shared across calls.
const ONCE = new WeakMap<object, Map<string, Promise<Advice<unknown>>>>();

/** Asks once per kernel call (keyed on the call's parsed input) and returns the same advice to guard and run. */
export function adviseOnce<S extends z.ZodType>(
  advisor: Advisor,
  callInput: object,
  request: AdviceRequest<S>,
): Promise<Advice<z.output<S>>> {
  let asked = ONCE.get(callInput);
  if (!asked) {
    asked = new Map();
    ONCE.set(callInput, asked);
  }
  const existing = asked.get(request.task);
  if (existing) return existing as Promise<Advice<z.output<S>>>;
  const pending = advisor.ask(request);
  asked.set(request.task, pending as Promise<Advice<unknown>>);
  return pending;
}
