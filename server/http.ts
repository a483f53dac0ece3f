// How the REST channel renders the kernel's four results as HTTP, and how it reads bodies and query strings.
// It never decides anything itself: a refusal's class picks the status code, the body is the kernel's result.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FailureClass } from "../contracts/index.ts";
import type { KernelResult } from "../tools/kernel/index.ts";

/** One status code per failure class (exhaustive: a new class fails to compile until it is mapped here). */
export const HTTP_STATUS_FOR_FAILURE: Record<FailureClass, ContentfulStatusCode> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  audit_gap: 422,
  duplicate_or_conflict: 409,
  expired: 410,
  gate_required: 409,
  unsafe_outbound: 422,
  intake_low_confidence: 422,
  privacy_boundary: 422,
  adapter_unavailable: 503,
};

export interface RefusalBody {
  status: "refused";
  failure: { class: FailureClass; reason: string; issues?: { path: string; message: string }[] };
}

export function refusal(cls: FailureClass, reason: string, issues?: { path: string; message: string }[]): RefusalBody {
  return { status: "refused", failure: { class: cls, reason, ...(issues ? { issues } : {}) } };
}

/** A refusal the channel itself gives (bad HTTP, not a tool call), with the class's status code. */
export function refuse(c: Context, cls: FailureClass, reason: string, issues?: { path: string; message: string }[]) {
  return c.json(refusal(cls, reason, issues), HTTP_STATUS_FOR_FAILURE[cls]);
}

export function statusFor(result: KernelResult): ContentfulStatusCode {
  return result.status === "refused" ? HTTP_STATUS_FOR_FAILURE[result.failure.class] : 200;
}

/** Renders a kernel result unchanged: 200 for ok/proposed/stopped, the mapped 4xx/503 for a refusal. */
export function renderResult(c: Context, result: KernelResult) {
  return c.json(result, statusFor(result));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads the request body as JSON. An empty body is `fallback`; anything that is not JSON is a plain-words refusal. */
export async function readJsonBody(c: Context, fallback: unknown): Promise<Parsed<unknown>> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return { ok: false, reason: "The request body could not be read." };
  }
  if (text.trim() === "") return { ok: true, value: fallback };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      reason: "The request body is not valid JSON; send a JSON object (Content-Type: application/json).",
    };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const WHOLE_NUMBER = /^\d{1,9}$/;

/**
 * Reads a query string that may only hold the named whole-number parameters. Range checks belong to the tool
 * (the kernel validates the input); this only refuses what is not a number or not a parameter of the route.
 */
export function readNumberQuery(c: Context, allowed: readonly string[]): Parsed<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (!allowed.includes(key)) {
      const accepted = allowed.length > 0 ? `it accepts ${allowed.join(", ")}` : "it takes no query parameters";
      return { ok: false, reason: `Unknown query parameter "${key}": ${accepted}.` };
    }
    if (values.length !== 1) return { ok: false, reason: `Give "${key}" once, not ${values.length} times.` };
    const raw = values[0] ?? "";
    if (!WHOLE_NUMBER.test(raw)) {
      return { ok: false, reason: `"${key}" must be a whole number of zero or more, not "${raw.slice(0, 40)}".` };
    }
    out[key] = Number(raw);
  }
  return { ok: true, value: out };
}
