// The platform health service: when a business's settings or store stop being healthy, writes stop (degraded,
// read-only) and reads keep serving real data; when it is healthy again, writes resume. The scheduler runs it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startScheduler } from "../server/scheduler.ts";
import { checkPlatformHealth } from "../tools/governance/platform-health.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
beforeEach(async () => {
  office = await makeOffice();
});
afterEach(() => office.close());

async function setConfig(patch: Record<string, unknown>) {
  const [row] = await office.rows<{ config: string }>("demo", "SELECT config FROM tenants WHERE id = 'demo'");
  const config = JSON.stringify({ ...JSON.parse(row?.config ?? "{}"), ...patch });
  expect(await office.exec("demo", "UPDATE tenants SET config = ? WHERE id = 'demo'", config)).toBe(1);
}

/** The health check as the scheduler runs it: in the business's scope. */
function check(tenantId: string) {
  return office.scoped(tenantId, () => checkPlatformHealth(office.kernel, tenantId));
}

describe("platform health", () => {
  it("an invalid setting degrades the business to read-only until it is fixed", async () => {
    const customerId = await office.firstId("demo", "customers");
    expect((await check("demo"))?.healthy).toBe(true);

    await setConfig({ quietHours: { startHour: 99, endHour: 8 } });
    const sick = await check("demo");
    expect(sick?.transition).toBe("degraded");
    expect(sick?.problems.join(" ")).toMatch(/quiet_hours: startHour/);
    const write = await office.call("office-1", "crm.add_note", { customerId, body: "called back" });
    expect(write.status).toBe("refused");
    expect(write.status === "refused" && write.failure.class).toBe("adapter_unavailable");
    const read = await office.call("office-1", "crm.get_customer", { customerId });
    expect(read.status).toBe("ok");

    await setConfig({ quietHours: { startHour: 21, endHour: 7 } });
    const well = await check("demo");
    expect(well?.transition).toBe("recovered");
    const again = await office.call("office-1", "crm.add_note", { customerId, body: "called back" });
    expect(again.status).toBe("proposed");
  });

  it("the scheduler's tick checks health, finishes governance and scans for triggers in every business", async () => {
    const lines: string[] = [];
    const scheduler = startScheduler(office, { intervalMs: 3_600_000, log: (l) => lines.push(l) });
    try {
      await scheduler.tick();
      const [open] = await office.rows<{ n: number }>(
        "demo",
        "SELECT count(*) AS n FROM ops_triggers WHERE tenant_id = 'demo' AND status = 'open'",
      );
      expect(open?.n).toBeGreaterThan(0);
      expect(lines.some((l) => /demo: \d+ new trigger/.test(l))).toBe(true);
      await scheduler.tick();
      const [again] = await office.rows<{ n: number }>(
        "demo",
        "SELECT count(*) AS n FROM ops_triggers WHERE tenant_id = 'demo'",
      );
      expect(again?.n).toBe(open?.n);
    } finally {
      scheduler.stop();
    }
  });
});
