// The trigger engine on a generated tenant with planted conditions: exactly the plant list is emitted, a second
// scan emits nothing new, a cleared condition closes its trigger, and every suggestion is a pending proposal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTenant, insertTenant } from "../fixtures/generate.ts";
import { insertPlanted, type Plant, plantTriggerConditions } from "../fixtures/triggers.ts";
import { scanTenant } from "../tools/ops/scan.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

const CUSTOMERS = Number(process.env.TRIGGER_TEST_CUSTOMERS ?? 100_000);
const PER_TYPE = 40;
/** Tasks and opportunity versions: what would move if a suggestion changed a record before approval. */
const COUNTS =
  "SELECT (SELECT count(*) FROM tasks WHERE tenant_id='big') AS tasks, (SELECT sum(version) FROM opportunities WHERE tenant_id='big') AS v";

function key(p: { type: string; recordId: string }): string {
  return `${p.type}:${p.recordId}`;
}

function precisionRecall(found: Plant[], planted: Plant[]) {
  const want = new Set(planted.map(key));
  const got = new Set(found.map(key));
  const hits = [...got].filter((k) => want.has(k)).length;
  return { precision: got.size === 0 ? 0 : hits / got.size, recall: want.size === 0 ? 0 : hits / want.size };
}

describe(`trigger scan on a generated ${CUSTOMERS.toLocaleString("en-US")}-customer tenant`, () => {
  let office: TestOffice;
  let plants: Plant[];

  beforeAll(async () => {
    office = await makeOffice();
    const data = generateTenant({
      tenantId: "big",
      name: "Big Shop (synthetic)",
      customers: CUSTOMERS,
      seed: 42,
      now: office.clock.now,
    });
    const planted = plantTriggerConditions(data, office.clock.now, PER_TYPE, 42);
    // Loading a business is done in its own scope, as every write is (the store refuses one without).
    await office.scoped("big", async () => {
      await insertTenant(office.store, data);
      await insertPlanted(office.store, planted);
    });
    plants = planted.plants;
  }, 240_000);
  afterAll(() => office.close());

  it("emits the planted conditions exactly, and every suggestion is a pending proposal", async () => {
    const countsBefore = await office.rows("big", COUNTS);
    const first = await scanTenant(office.kernel, "big");
    const { precision, recall } = precisionRecall(first.emitted, plants);
    console.log(
      `trigger scan: ${first.emitted.length} emitted for ${plants.length} planted — precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, ${first.durationMs.toFixed(0)} ms`,
    );
    expect({ precision, recall }).toEqual({ precision: 1, recall: 1 });
    expect(first.refusedSuggestions).toEqual([]);
    expect(first.suggestions).toHaveLength(plants.length);
    const statuses = await office.rows(
      "big",
      `SELECT status, channel, count(*) AS n, min(confidence) AS "minConfidence",
              sum(CASE WHEN trigger_id IS NULL THEN 1 ELSE 0 END) AS "missingTrigger",
              sum(CASE WHEN reasoning IS NULL OR reasoning = '' THEN 1 ELSE 0 END) AS "missingReasoning"
       FROM proposals WHERE tenant_id = 'big' GROUP BY status, channel`,
    );
    expect(statuses).toEqual([
      {
        status: "pending",
        channel: "trigger",
        n: plants.length,
        minConfidence: expect.any(Number),
        missingTrigger: 0,
        missingReasoning: 0,
      },
    ]);
    // No record changed before approval.
    const countsAfter = await office.rows("big", COUNTS);
    expect(countsAfter).toEqual(countsBefore);
  });

  it("a second scan emits nothing new and makes no new proposal", async () => {
    const second = await scanTenant(office.kernel, "big");
    expect(second.emitted).toEqual([]);
    expect(second.closed).toEqual([]);
    expect(second.suggestions).toEqual([]);
    const [n] = await office.rows<{ n: number }>("big", "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'big'");
    expect(n?.n).toBe(plants.length);
  });

  it("a condition that clears closes its trigger; approving a suggestion applies it once", async () => {
    const quote = plants.find((p) => p.type === "quote_chase_due") as Plant;
    await office.exec(
      "big",
      "UPDATE quotes SET status = 'accepted', decided_at = ?, version = version + 1 WHERE tenant_id = 'big' AND id = ?",
      office.clock.now.toISOString(),
      quote.recordId,
    );
    const third = await scanTenant(office.kernel, "big");
    expect(third.closed.map(key)).toEqual([key(quote)]);
    expect(third.emitted).toEqual([]);

    const [trigger] = await office.rows<{ id: string; suggestionId: string }>(
      "big",
      `SELECT id, suggestion_id AS "suggestionId" FROM ops_triggers WHERE tenant_id='big' AND type='lead_stagnant' ORDER BY id LIMIT 1`,
    );
    if (!trigger) throw new Error("no lead_stagnant trigger");
    const founder = await office.actor("big", "founder");
    const approved = await office.kernel.decide("big", trigger.suggestionId, "approve", founder, "web");
    expect(approved.status).toBe("ok");
    const again = await office.kernel.decide("big", trigger.suggestionId, "approve", founder, "slack");
    expect(again.status).toBe("ok");
    const [tasks] = await office.rows<{ n: number }>(
      "big",
      "SELECT count(*) AS n FROM tasks WHERE tenant_id='big' AND kind='callback' AND title LIKE 'Follow up on%'",
    );
    expect(tasks?.n).toBe(1);
  });
});

describe("trigger scan on the demo business", () => {
  it("the trigger engine cannot approve its own suggestion, and a frozen business is not scanned", async () => {
    const office = await makeOffice();
    try {
      const report = await scanTenant(office.kernel, "demo");
      expect(report.suggestions.length).toBeGreaterThan(0);
      const system = await office.actor("demo", "system");
      const tryApprove = await office.kernel.decide(
        "demo",
        report.suggestions[0] as string,
        "approve",
        system,
        "trigger",
      );
      expect(tryApprove.status).toBe("refused");
      expect(await office.exec("demo", "UPDATE tenants SET status = 'sev0_stop' WHERE id = 'demo'")).toBe(1);
      const frozen = await scanTenant(office.kernel, "demo");
      expect(frozen.skipped).toMatch(/frozen/);
    } finally {
      office.close();
    }
  });
});
