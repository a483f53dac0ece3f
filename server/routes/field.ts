// The field app's two API doors: the snapshot a person takes into a basement (their own reads, run through the kernel
// as them, so cost is already stripped for a salesperson) and the replay of changes queued on the device while offline.
// It grants nothing: every call is kernel.execute as the session's person, in the session's mode, on the web channel.
import { Hono } from "hono";
import { z } from "zod";
import type { Actor, ChannelMode } from "../../contracts/index.ts";
import { humanCall, type KernelResult } from "../../tools/kernel/index.ts";
import type { ApiEnv } from "../auth.ts";
import { readJsonBody, refuse, renderResult } from "../http.ts";
import type { Office } from "../office.ts";

const RECORD_ID = /^[A-Za-z0-9_-]{1,80}$/;
/** The device's key for one queued change (a UUID in practice). */
export const QUEUE_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const MAX_IN_HAND = 5;

/** One read as the snapshot carries it: the TurnCall shape, so the web app renders it with the chat's cards. */
export interface SnapshotPart {
  tool: string;
  input: Record<string, unknown>;
  status: KernelResult["status"];
  data?: unknown;
  stop?: unknown;
  failure?: unknown;
}

function partOf(tool: string, input: Record<string, unknown>, result: KernelResult): SnapshotPart {
  return {
    tool,
    input,
    status: result.status,
    ...(result.status === "ok" || result.status === "stopped" ? { data: result.data } : {}),
    ...(result.status === "stopped" ? { stop: result.stop } : {}),
    ...(result.status === "refused" ? { failure: result.failure } : {}),
  };
}

const ReplayBodySchema = z.object({
  key: z.string().regex(QUEUE_KEY, "the queue key is 8–100 letters, digits, - or _"),
  tool: z.string().min(1).max(80),
  input: z.record(z.string(), z.unknown()),
});

export function fieldRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  /** Runs one read as the person; tools their role does not see in this mode are left out rather than refused. */
  const reader = (actor: Actor, mode: ChannelMode) => {
    const visible = new Set(office.kernel.registry.visibleTo(actor.role, mode).map((t) => t.name));
    return async (tool: string, input: Record<string, unknown>): Promise<SnapshotPart | null> => {
      if (!visible.has(tool)) return null;
      const result = await office.kernel.execute(tool, input, humanCall(office.kernel, actor, "web", mode));
      return partOf(tool, input, result);
    };
  };

  routes.get("/field/snapshot.json", async (c) => {
    const { tenantId, actor, mode } = c.get("grant");
    const ids: Record<"customer" | "job" | "survey", string[]> = { customer: [], job: [], survey: [] };
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (!(key in ids)) {
        return refuse(c, "invalid_input", `Unknown query parameter "${key}": it accepts customer, job and survey.`);
      }
      const list = [...new Set(values)];
      if (list.length > MAX_IN_HAND || list.some((id) => !RECORD_ID.test(id))) {
        return refuse(c, "invalid_input", `Give at most ${MAX_IN_HAND} ${key} ids, each 1–80 letters, digits, - or _.`);
      }
      ids[key as keyof typeof ids] = list;
    }
    const read = reader(actor, mode);
    const today = await read("crm.dashboard", {});
    const profile = actor.role === "tech" ? await read("repair.get_tech_profile", {}) : null;
    const priceBook = await read("pricing.list_items", {});
    const many = async (tool: string, field: string, list: string[]) =>
      (await Promise.all(list.map((id) => read(tool, { [field]: id })))).filter((p): p is SnapshotPart => p !== null);
    return c.json(
      {
        generatedAt: office.kernel.now().toISOString(),
        tenantId,
        mode,
        actor: { id: actor.id, name: actor.name, role: actor.role },
        today,
        profile,
        priceBook,
        customers: await many("crm.get_customer", "customerId", ids.customer),
        surveys: await many("survey.get_survey", "surveyId", ids.survey),
        jobs: await many("repair.diagnose", "jobId", ids.job),
      },
      200,
      { "cache-control": "no-store" },
    );
  });

  // A change made offline, sent once the signal is back. The device's key makes it an idempotency key, so replaying
  // the same item again returns the first proposal instead of making a second one.
  routes.post("/field/replay", async (c) => {
    const { actor, mode } = c.get("grant");
    const body = await readJsonBody(c, undefined);
    if (!body.ok) return refuse(c, "invalid_input", body.reason);
    const parsed = ReplayBodySchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(
        c,
        "invalid_input",
        `The queued item is not valid: ${issue?.path.join(".") || "body"}: ${issue?.message}.`,
      );
    }
    const { key, tool, input } = parsed.data;
    if (office.kernel.registry.get(tool)?.effect === "read") {
      return refuse(c, "invalid_input", `${tool} changes nothing; only changes are queued and replayed.`);
    }
    const ctx = humanCall(office.kernel, actor, "web", mode, `field:${actor.id}:${key}`);
    return renderResult(c, await office.kernel.execute(tool, input, ctx));
  });

  return routes;
}
