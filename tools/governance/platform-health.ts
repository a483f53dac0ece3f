// The platform health service (charter: "health is authority"): evaluates every capability's settings, the
// invariants and the store for one business. Unhealthy → the store is marked degraded and every write is refused
// (reads keep serving real data) until a later check finds it healthy again. A freeze (sev0_stop) is separate.
import { rawGet } from "../../store/raw.ts";
import { verifyAuditChain } from "../../store/repos/audit.ts";
import { getTenant, setTenantHealth } from "../../store/repos/tenants.ts";
import type { Kernel } from "../kernel/index.ts";
import { evaluateHealth, type HealthReport } from "./rules.ts";

export interface PlatformHealth {
  tenantId: string;
  healthy: boolean;
  /** What changed: degraded now, recovered now, or unchanged. */
  transition: "degraded" | "recovered" | "unchanged";
  report: HealthReport;
  problems: string[];
}

export async function checkPlatformHealth(kernel: Kernel, tenantId: string): Promise<PlatformHealth | null> {
  const tenant = await getTenant(kernel.store.db, tenantId);
  if (!tenant) return null;
  let storeAnswers = true;
  try {
    await rawGet(kernel.store.db, "SELECT 1 AS ok");
  } catch {
    storeAnswers = false;
  }
  const chain = await verifyAuditChain(kernel.store.db, tenantId);
  const report = evaluateHealth({
    config: tenant.config,
    changes: [],
    auditChainValid: chain.ok,
    approvalPolicyBefore: tenant.approvalPolicy,
    approvalPolicyAfter: tenant.approvalPolicy,
    storeHealthy: storeAnswers,
  });
  const problems = [
    ...Object.entries(report.capabilities).flatMap(([name, c]) => c.problems.map((p) => `${name}: ${p}`)),
    ...report.invariants.filter((i) => !i.holds).map((i) => i.detail),
  ];
  const wasDegraded = tenant.adapterHealth !== "healthy";
  let transition: PlatformHealth["transition"] = "unchanged";
  if (!report.healthy && !wasDegraded) {
    await kernel.store.write((tx) => setTenantHealth(tx, tenantId, { adapterHealth: "degraded" }));
    transition = "degraded";
  } else if (report.healthy && wasDegraded) {
    await kernel.store.write((tx) => setTenantHealth(tx, tenantId, { adapterHealth: "healthy" }));
    transition = "recovered";
  }
  return { tenantId, healthy: report.healthy, transition, report, problems };
}
