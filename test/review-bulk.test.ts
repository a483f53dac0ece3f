// The review queue over REST: suggestions grouped by trigger type with their reasoning, confidence, evidence and diff,
// a governed change shown as a diff against today's setting, and bulk approval of low-risk proposals — each id decided
// by the kernel on its own, a salesperson refused, a medium- or high-risk id refused by itself, nothing applied twice.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../server/app.ts";
import { createToken } from "../store/repos/tenants.ts";
import { scanTenant } from "../tools/ops/scan.ts";
import { TRIGGER_LABELS, TRIGGER_TYPES } from "../tools/ops/thresholds.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";

interface ReviewItem {
  id: string;
  tool: string;
  status: string;
  risk: string;
  reasoning: string | null;
  confidence: number | null;
  evidenceRefs: string[];
  triggerId: string | null;
  triggerType: string | null;
  mayDecide: boolean;
  reason: string | null;
  input?: unknown;
  preview: {
    summary: string;
    changes: { entity: string; id: string | null; field: string; before: unknown; after: unknown }[];
  };
}
interface ReviewQueue {
  pending: number;
  groups: { key: string; kind: string; label: string; count: number; proposals: ReviewItem[] }[];
}
interface BulkResult {
  decision: string;
  done: number;
  refused: number;
  results: { id: string; status: string; proposalStatus: string | null; failure?: { class: string; reason: string } }[];
}

const opened: TestOffice[] = [];
afterEach(() => {
  for (const office of opened.splice(0)) office.close();
});

async function setup() {
  const office = await makeOffice();
  opened.push(office);
  const scan = await scanTenant(office.kernel, "demo");
  const app = createApp(office, { log: () => undefined });
  const tokens = new Map<string, string>();
  const token = async (actorId: string, mode: "propose_actions" | "read_only" = "propose_actions") => {
    const key = `${actorId}:${mode}`;
    if (!tokens.has(key)) {
      tokens.set(
        key,
        await office.scoped("demo", () =>
          office.store.write((tx) => createToken(tx, { tenantId: "demo", actorId, mode, now: office.clock.now })),
        ),
      );
    }
    return tokens.get(key) as string;
  };
  const request = async (actorId: string, method: string, path: string, body?: unknown, mode?: "read_only") => {
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${await token(actorId, mode)}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const bulk = async (actorId: string, ids: string[], mode?: "read_only") => {
    const res = await request(actorId, "POST", "/api/proposals/bulk-decide", { ids, decision: "approve" }, mode);
    return { status: res.status, body: res.body as BulkResult };
  };
  const count = async (sql: string, ...params: unknown[]): Promise<number> => {
    const [row] = await office.rows<{ n: number }>("demo", sql, ...params);
    if (!row) throw new Error(`no count from ${sql}`);
    return row.n;
  };
  const decisionsFor = (id: string) =>
    count("SELECT count(*) AS n FROM approval_decisions WHERE tenant_id = 'demo' AND proposal_id = ?", id);
  const statusOf = async (id: string) =>
    (
      await office.rows<{ status: string }>(
        "demo",
        "SELECT status FROM proposals WHERE tenant_id = 'demo' AND id = ?",
        id,
      )
    )[0]?.status;
  const tasks = () => count("SELECT count(*) AS n FROM tasks WHERE tenant_id = 'demo'");
  return { office, scan, request, bulk, decisionsFor, statusOf, tasks };
}

/** A clean email draft to a customer with no opt-outs: a high-risk proposal. */
async function highRiskDraft(office: TestOffice): Promise<string> {
  const [row] = await office.rows<{ id: string }>(
    "demo",
    "SELECT id FROM customers WHERE tenant_id = 'demo' AND opted_out = '[]' ORDER BY id LIMIT 1",
  );
  if (!row) throw new Error("no demo customer without opt-outs");
  const result = expectStatus(
    await office.call("sales-1", "crm.draft_outbound", {
      customerId: row.id,
      channel: "email",
      body: "Hi, this is the office following up on the furnace quote we sent. Happy to answer any questions.",
    }),
    "proposed",
  );
  expect(result.proposal.risk).toBe("high");
  return result.proposal.id;
}

describe("GET /api/review.json", () => {
  it("groups pending suggestions by trigger type with reasoning, confidence, evidence and the diff", async () => {
    const { scan, request } = await setup();
    const founder = await request("founder", "GET", "/api/review.json");
    expect(founder.status).toBe(200);
    const queue = founder.body as ReviewQueue;
    expect(queue.pending).toBe(scan.suggestions.length);
    const byType = new Map<string, number>();
    for (const e of scan.emitted) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    // One group per trigger type that fired, in pipeline order, labelled in words, with every suggestion in it.
    expect(queue.groups.map((g) => g.key)).toEqual(
      TRIGGER_TYPES.filter((t) => byType.has(t)).map((t) => `trigger:${t}`),
    );
    for (const group of queue.groups) {
      const type = group.key.replace("trigger:", "") as keyof typeof TRIGGER_LABELS;
      expect(group.label).toBe(TRIGGER_LABELS[type]);
      expect(group.count).toBe(byType.get(type));
      for (const item of group.proposals) {
        expect(item.triggerType).toBe(type);
        expect(item.reasoning?.length).toBeGreaterThan(20);
        expect(item.confidence).toBeGreaterThan(0);
        expect(item.evidenceRefs).toContain(`trigger:${item.triggerId}`);
        expect(item.preview.changes.find((c) => c.field === "title")?.after).toEqual(expect.any(String));
        expect(item).toMatchObject({ risk: "low", mayDecide: true, reason: null });
      }
    }
    // A salesperson sees the same queue but may decide none of the suggestions, and gets no input to edit.
    const sales = (await request("sales-1", "GET", "/api/review.json")).body as ReviewQueue;
    const item = sales.groups[0]?.proposals[0] as ReviewItem;
    expect(item.mayDecide).toBe(false);
    expect(item.reason).toMatch(/manager/);
    expect(item.input).toBeUndefined();
  });

  it("a governed change waiting on the founder shows each setting's current value as the before", async () => {
    const { office, request } = await setup();
    const filed = expectStatus(
      await office.call("office-1", "governance.request_change", { request: "chase quotes after 5 days not 7" }),
      "ok",
    ).data as { reviewProposalId: string };
    const queue = (await request("founder", "GET", "/api/review.json")).body as ReviewQueue;
    const governance = queue.groups.at(-1);
    expect(governance?.kind).toBe("governance");
    const draft = governance?.proposals.find((p) => p.id === filed.reviewProposalId) as ReviewItem;
    expect(draft.tool).toBe("governance.activate_contract");
    expect(draft.preview.changes).toEqual([
      { entity: "tenant_config", id: "trigger_thresholds", field: "quoteChaseDays", before: 7, after: 5 },
    ]);
    expect(draft.mayDecide).toBe(true);
    const office1 = (await request("office-1", "GET", "/api/review.json")).body as ReviewQueue;
    expect(office1.groups.at(-1)?.proposals.find((p) => p.id === filed.reviewProposalId)?.mayDecide).toBe(false);
  });
});

describe("POST /api/proposals/bulk-decide", () => {
  it("a salesperson's bulk approval is refused for every id and changes nothing", async () => {
    const { scan, bulk, decisionsFor, statusOf, tasks } = await setup();
    const ids = scan.suggestions.slice(0, 2);
    const before = await tasks();
    const res = await bulk("sales-1", ids);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ done: 0, refused: 2 });
    for (const r of res.body.results) {
      expect(r.failure?.class).toBe("forbidden");
      expect(await statusOf(r.id)).toBe("pending");
      expect(await decisionsFor(r.id)).toBe(0);
    }
    expect(await tasks()).toBe(before);
  });

  it("a manager approves several low-risk suggestions at once; a medium- or high-risk id is refused on its own", async () => {
    const { office, scan, bulk, decisionsFor, statusOf, tasks } = await setup();
    const [a, b] = scan.suggestions as [string, string];
    const high = await highRiskDraft(office);
    const customerId = await office.firstId("demo", "customers");
    const medium = expectStatus(
      await office.call("sales-1", "crm.update_customer", { customerId, patch: { phone: "303 555 0177" } }),
      "proposed",
    ).proposal.id;
    const before = await tasks();

    const res = await bulk("office-1", [a, high, b, medium, a]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.id, r.status, r.proposalStatus])).toEqual([
      [a, "ok", "applied"],
      [high, "refused", "pending"],
      [b, "ok", "applied"],
      [medium, "refused", "pending"],
    ]);
    expect(res.body.results[1]?.failure).toMatchObject({
      class: "forbidden",
      reason: expect.stringMatching(/low-risk/),
    });
    expect(res.body).toMatchObject({ done: 2, refused: 2 });
    expect(await tasks()).toBe(before + 2);
    expect(await statusOf(high)).toBe("pending");
    expect(await statusOf(medium)).toBe("pending");

    // The founder sends the same ids again: nothing is approved or applied twice, and bulk still skips high risk.
    const again = await bulk("founder", [a, b, high]);
    expect(again.body.results.map((r) => [r.id, r.proposalStatus])).toEqual([
      [a, "applied"],
      [b, "applied"],
      [high, "pending"],
    ]);
    expect(await tasks()).toBe(before + 2);
    expect(await decisionsFor(a)).toBe(1);
    expect(await decisionsFor(b)).toBe(1);
    expect(await decisionsFor(high)).toBe(0);
  });

  it("a read-only session, an unknown id and a malformed body are each refused", async () => {
    const { scan, bulk, request, statusOf } = await setup();
    const id = scan.suggestions[0] as string;
    const readOnly = await bulk("founder", [id], "read_only");
    expect(readOnly.body.results.map((r) => r.failure?.class)).toEqual(["forbidden"]);
    expect(await statusOf(id)).toBe("pending");
    const unknown = await bulk("founder", ["P-999999"]);
    expect(unknown.body.results.map((r) => r.failure?.class)).toEqual(["not_found"]);
    for (const body of [{}, { ids: [] }, { ids: ["12"] }, { ids: [id], decision: "maybe" }, { ids: [id], extra: 1 }]) {
      const res = await request("founder", "POST", "/api/proposals/bulk-decide", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await statusOf(id)).toBe("pending");
  });
});
