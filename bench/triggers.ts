// Trigger scan over about 1,000,000 records across 100 tenants (each with planted conditions), timed against one
// indexed SQL count of the same conditions per tenant in the same run (goal ≤ 3). Both read the same file store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { generateTenant, insertTenant } from "../fixtures/generate.ts";
import { insertPlanted, plantTriggerConditions } from "../fixtures/triggers.ts";
import { openOffice } from "../server/office.ts";
import { rawGet } from "../store/raw.ts";
import { countConditions } from "../store/repos/ops.ts";
import { getTenant } from "../store/repos/tenants.ts";
import { detectorParams, scanTenant } from "../tools/ops/scan.ts";
import { thresholdsOf } from "../tools/ops/thresholds.ts";
import { fmt } from "./measure.ts";

const TENANTS = 100;
const CUSTOMERS_PER_TENANT = Number(process.env.BENCH_TRIGGER_CUSTOMERS ?? 1_450);
const PLANTS_PER_TYPE = 5;

export async function benchTriggers(log: (line: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "office-bench-triggers-"));
  const office = await openOffice({ path: join(dir, "office.db"), seed: false });
  try {
    const now = new Date();
    const started = performance.now();
    const tenantIds: string[] = [];
    let planted = 0;
    for (let t = 0; t < TENANTS; t++) {
      const tenantId = `shop${String(t).padStart(3, "0")}`;
      const data = generateTenant({
        tenantId,
        name: `Shop ${t} (synthetic)`,
        customers: CUSTOMERS_PER_TENANT,
        seed: 1000 + t,
        now,
        roster: "small",
      });
      const plants = plantTriggerConditions(data, now, PLANTS_PER_TYPE, 1000 + t);
      await insertTenant(office.store, data);
      await insertPlanted(office.store, plants);
      planted += plants.plants.length;
      tenantIds.push(tenantId);
    }
    const counted = await rawGet<{ n: number }>(
      office.store.db,
      `SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM properties) + (SELECT count(*) FROM opportunities)
            + (SELECT count(*) FROM quotes) + (SELECT count(*) FROM tasks) + (SELECT count(*) FROM notes)
            + (SELECT count(*) FROM interactions) + (SELECT count(*) FROM jobs) + (SELECT count(*) FROM agreements)
            + (SELECT count(*) FROM opportunity_changes) AS n`,
    );
    const records = { n: Number(counted?.n ?? 0) };
    log(
      `generated ${TENANTS} tenants, ${records.n.toLocaleString("en-US")} records, ${planted} planted conditions in ${fmt((performance.now() - started) / 1000, 1)} s`,
    );

    // First scan: every planted condition becomes a trigger and a pending proposal (kernel writes included).
    const firstStart = performance.now();
    let emitted = 0;
    for (const id of tenantIds) emitted += (await scanTenant(office.kernel, id)).emitted.length;
    const firstMs = performance.now() - firstStart;

    // Steady state, interleaved: the rescan (detect + diff against open triggers) vs one count of the same conditions.
    let scanMs = 0;
    let countMs = 0;
    let rescanEmitted = 0;
    for (let round = 0; round < 3; round++) {
      for (const id of tenantIds) {
        const tenant = await getTenant(office.store.db, id);
        const params = detectorParams(office.kernel.now(), thresholdsOf(tenant?.config ?? {}));
        const c0 = performance.now();
        await countConditions(office.store.db, id, params);
        countMs += performance.now() - c0;
        const s0 = performance.now();
        rescanEmitted += (await scanTenant(office.kernel, id)).emitted.length;
        scanMs += performance.now() - s0;
      }
    }
    const ratio = scanMs / countMs;
    log(
      `first scan of all ${TENANTS} tenants: ${emitted} triggers emitted (${planted} planted) with their proposals in ${fmt(firstMs / 1000, 2)} s`,
    );
    log(
      `trigger rescan over ${records.n.toLocaleString("en-US")} records: ${fmt(scanMs / 3, 0)} ms per pass vs ${fmt(countMs / 3, 0)} ms for the indexed counts — ${fmt(ratio)}x (goal ≤ 3); ${rescanEmitted} new on rescans`,
    );
    return {
      tenants: TENANTS,
      records: records.n,
      planted,
      emitted,
      firstScanMs: firstMs,
      rescanMs: scanMs / 3,
      countMs: countMs / 3,
      ratio,
    };
  } finally {
    office.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
