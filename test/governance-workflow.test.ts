// The governed change workflow: a change request walked through all ten steps by chat, each way to fail, the order
// of steps (none skipped or repeated), and the charter's constitutional constraints PART2-001…005.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentDeps, openSession, runTurn } from "../agent/index.ts";
import { verifyAuditChain } from "../store/repos/audit.ts";
import { getContract, listContracts } from "../store/repos/governance.ts";
import { getTenant } from "../store/repos/tenants.ts";
import { settleContract } from "../tools/governance/engine.ts";
import { assertMove, WorkflowOrderError } from "../tools/governance/rules.ts";
import { thresholdsOf } from "../tools/ops/thresholds.ts";
import { pricingConfigFrom } from "../tools/pricing/defaults.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
let deps: AgentDeps;

beforeEach(async () => {
  office = await makeOffice();
  deps = { store: office.store, kernel: office.kernel, primary: null };
});
afterEach(() => office.close());

/** One chat turn, scoped to the tenant as the web channel scopes it once the session is known. */
function chat(actorId: string, message: string) {
  return office.scoped("demo", async () => {
    const session = await openSession(deps, { tenantId: "demo", actorId, channel: "web", mode: "propose_actions" });
    return runTurn(deps, session, message);
  });
}

/** Repository reads made by the test itself need the tenant's scope (on PostgreSQL). */
function contractById(id: string) {
  return office.scoped("demo", () => getContract(office.store.db, "demo", id));
}

async function config() {
  return (await office.scoped("demo", () => getTenant(office.store.db, "demo")))?.config ?? {};
}

interface Filed {
  issueId: string;
  status: string;
  contractId: string | null;
  reviewProposalId: string | null;
  eligibility: { reasons: string[] };
}

async function file(actorId: string, request: string, changes?: unknown[]): Promise<Filed> {
  const result = expectStatus(
    await office.call(actorId, "governance.request_change", { request, ...(changes ? { changes } : {}) }),
    "ok",
  );
  return result.data as Filed;
}

async function steps(contractIdOrIssue: string): Promise<string[]> {
  const issueId = contractIdOrIssue.startsWith("gct_")
    ? ((await contractById(contractIdOrIssue))?.issueId as string)
    : contractIdOrIssue;
  return (
    await office.rows<{ step: string; toStatus: string }>(
      "demo",
      `SELECT step, to_status AS "toStatus" FROM gov_events WHERE tenant_id = 'demo' AND issue_id = ? ORDER BY seq`,
      issueId,
    )
  ).map((e) => `${e.step}:${e.toStatus}`);
}

describe("a change request by chat, through all ten steps", () => {
  it("office asks, the founder approves in chat, the job runs, health and audit pass, the change rolls out", async () => {
    expect(thresholdsOf(await config()).quoteChaseDays).toBe(7);
    const asked = await chat("office-1", "from now on chase quotes after 5 days not 7");
    const filed = asked.calls.find((c) => c.tool === "governance.request_change");
    expect(filed?.status).toBe("ok");
    const data = filed?.data as Filed;
    expect(data.status).toBe("ELIGIBLE");
    expect(asked.text).toContain(data.reviewProposalId as string);
    // Nothing changed yet: the contract is a draft waiting for the founder.
    expect(thresholdsOf(await config()).quoteChaseDays).toBe(7);

    // The office cannot approve a governed change; the founder can, in chat.
    const officeTry = await chat("office-1", `approve ${data.reviewProposalId}`);
    expect(officeTry.text.toLowerCase()).toMatch(/founder/);
    expect((await contractById(data.contractId as string))?.status).toBe("DRAFT");
    await chat("founder", `approve ${data.reviewProposalId}`);

    const contract = await contractById(data.contractId as string);
    expect(contract?.status).toBe("COMPLETED");
    expect(thresholdsOf(await config()).quoteChaseDays).toBe(5);
    expect(await steps(data.contractId as string)).toEqual([
      "1 receipt:RECEIVED",
      "2 validator:VALIDATED",
      "3 eligibility:ELIGIBLE",
      "4 draft contract:DRAFT",
      "5 founder review:APPROVED",
      "6 activation:ACTIVE",
      "7 governance job:PENDING",
      "7 governance job:RUNNING",
      "7 governance job:RUNNING",
      "7 governance job:COMPLETED",
      "7 governance job:EXECUTED",
      "8 health evaluation:HEALTH_EVALUATED",
      "9 audit verdict:AUDITED",
      "10 rollout:COMPLETED",
    ]);
    expect((contract?.auditVerdict as unknown as { verdict: string } | undefined)?.verdict).toBe("PASS");
    expect((contract?.activation as unknown as { approvedBy: string } | undefined)?.approvedBy).toBe("founder");
    // The status shows in chat, and the audit chain still verifies (PART2-005).
    const shown = await chat("founder", `show contract ${data.contractId}`);
    expect(shown.text).toContain("COMPLETED");
    expect((await office.scoped("demo", () => verifyAuditChain(office.store.db, "demo"))).ok).toBe(true);
  });

  it("the trigger engine uses the new threshold on its next scan", async () => {
    const filed = await file("office-1", "chase quotes after 5 days not 7");
    await office.decide("founder", filed.reviewProposalId as string, "approve");
    const { scanTenant } = await import("../tools/ops/scan.ts");
    const report = await scanTenant(office.kernel, "demo");
    const chase = report.emitted.filter((e) => e.type === "quote_chase_due");
    const [due] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM quotes WHERE tenant_id = 'demo' AND status = 'sent' AND decided_at IS NULL AND sent_at < ?",
      new Date(office.clock.now.getTime() - 5 * 86_400_000).toISOString(),
    );
    expect(chase.length).toBe(due?.n);
  });
});

describe("each way to fail", () => {
  it("low confidence: words that name a setting but no value → MAY_NOT, no contract", async () => {
    const filed = await file("office-1", "we should chase quotes sooner");
    expect(filed.status).toBe("INELIGIBLE");
    expect(filed.contractId).toBeNull();
    expect(filed.eligibility.reasons.join(" ")).toMatch(/confidence/i);
  });

  it("unknown capability → MAY_NOT", async () => {
    const filed = await file("office-1", "stop sending review requests on weekends");
    expect(filed.status).toBe("INELIGIBLE");
    expect(filed.eligibility.reasons.join(" ")).toMatch(/Unknown capability: review_requests/);
    const structured = await file("office-1", "set it", [{ capability: "payroll", field: "rate", value: 1 }]);
    expect(structured.status).toBe("INELIGIBLE");
  });

  it("blocking signal: another change to the same capability in flight, or an open incident → MAY_NOT", async () => {
    const first = await file("office-1", "chase quotes after 5 days not 7");
    expect(first.status).toBe("ELIGIBLE");
    const second = await file("sales-manager-1", "leads go stale after 14 days of no activity");
    expect(second.status).toBe("INELIGIBLE");
    expect(second.eligibility.reasons.join(" ")).toMatch(/already changes trigger_thresholds/);
    // A different capability is not blocked.
    const quiet = await file("office-1", "quiet hours from 9pm to 7am");
    expect(quiet.status).toBe("ELIGIBLE");
  });

  it("expiry: a draft not approved within 7 days expires and can no longer be approved", async () => {
    const filed = await file("office-1", "deposit should be 50% at acceptance");
    office.clock.advance(7 * 86_400_000 + 60_000);
    const late = await office.decide("founder", filed.reviewProposalId as string, "approve");
    expect(late.status).toBe("refused");
    const { resumeGovernance } = await import("../tools/governance/engine.ts");
    await resumeGovernance(office.kernel, "demo");
    expect((await contractById(filed.contractId as string))?.status).toBe("EXPIRED");
    expect((await config()).pricing).toBeUndefined();
  });

  it("rejection: the founder rejects, nothing changes", async () => {
    const filed = await file("office-1", "quiet hours from 9pm to 7am");
    await office.decide("founder", filed.reviewProposalId as string, "reject");
    expect((await contractById(filed.contractId as string))?.status).toBe("REJECTED");
    expect((await config()).quietHours).toBeUndefined();
    expect((await steps(filed.contractId as string)).at(-1)).toBe("5 founder review:REJECTED");
  });

  it("health failure: a markup below the margin floor runs, fails health, rolls back with an incident", async () => {
    const filed = await file("office-1", "set the markup on equipment to 15%");
    expect(filed.status).toBe("ELIGIBLE");
    await office.decide("founder", filed.reviewProposalId as string, "approve");
    const contract = await office.scoped("demo", () =>
      getContract(office.store.db, "demo", filed.contractId as string),
    );
    expect(contract?.status).toBe("FAILED");
    expect((contract?.health as unknown as { healthy: boolean } | undefined)?.healthy).toBe(false);
    expect((contract?.auditVerdict as unknown as { verdict: string } | undefined)?.verdict).toBe("FAIL");
    // Restored to the value before the contract (the built-in 40%).
    expect(
      ((await config()).pricing as { markupPctByCategory: { equipment: number } }).markupPctByCategory.equipment,
    ).toBe(40);
    const incidents = await office.rows(
      "demo",
      "SELECT kind, status FROM gov_incidents WHERE tenant_id = 'demo' AND contract_id = ?",
      filed.contractId,
    );
    expect(incidents[0]).toEqual({ kind: "rollback", status: "open" });
    expect((await steps(filed.contractId as string)).slice(-3)).toEqual([
      "10 rollback job:PENDING",
      "10 rollback job:COMPLETED",
      "10 rollback:FAILED",
    ]);
    // The open incident now blocks further markup changes until a person closes it.
    const next = await file("office-1", "set the markup on materials to 55%");
    expect(next.status).toBe("INELIGIBLE");
  });

  it("audit INCONCLUSIVE: a job applied after its activation window → escalation to the founder, who settles it", async () => {
    const filed = await file("office-1", "quiet hours from 9pm to 7am");
    // Approved, then the process died before the apply (the proposal stays approved); it resumes two days later.
    await office.exec(
      "demo",
      "UPDATE proposals SET status = 'approved', decided_at = ?, decided_by = 'founder' WHERE tenant_id = 'demo' AND id = ?",
      office.clock.now.toISOString(),
      filed.reviewProposalId,
    );
    office.clock.advance(2 * 86_400_000);
    await office.kernel.resumeApproved("demo");
    const contract = await office.scoped("demo", () =>
      getContract(office.store.db, "demo", filed.contractId as string),
    );
    expect((contract?.auditVerdict as unknown as { verdict: string; reasons: string[] } | undefined)?.verdict).toBe(
      "INCONCLUSIVE",
    );
    expect(contract?.status).toBe("ESCALATED");
    const asked = await chat("founder", `roll back ${filed.contractId}`);
    const proposalId = asked.calls.find((c) => c.tool === "governance.resolve_escalation")?.proposal?.id as string;
    expect(proposalId).toBeTruthy();
    await office.decide("founder", proposalId, "approve");
    expect((await contractById(filed.contractId as string))?.status).toBe("FAILED");
    expect((await config()).quietHours).toEqual({ startHour: 20, endHour: 8 });
  });
});

describe("order: no step skipped or repeated", () => {
  it("the state machine refuses every skip and every repeat", () => {
    const skips: [string, string][] = [
      ["DRAFT", "ACTIVE"],
      ["DRAFT", "EXECUTED"],
      ["APPROVED", "EXECUTED"],
      ["ACTIVE", "AUDITED"],
      ["EXECUTED", "AUDITED"],
      ["EXECUTED", "COMPLETED"],
      ["HEALTH_EVALUATED", "COMPLETED"],
      ["APPROVED", "APPROVED"],
      ["ACTIVE", "ACTIVE"],
      ["COMPLETED", "ACTIVE"],
      ["FAILED", "COMPLETED"],
      ["REJECTED", "APPROVED"],
      ["EXPIRED", "APPROVED"],
    ];
    for (const [from, to] of skips)
      expect(() => assertMove("contract", from, to), `${from}→${to}`).toThrow(WorkflowOrderError);
    expect(() => assertMove("job", "PENDING", "COMPLETED")).toThrow(WorkflowOrderError);
    expect(() => assertMove("issue", "RECEIVED", "ELIGIBLE")).toThrow(WorkflowOrderError);
  });

  it("approving twice runs the job once; settling again changes nothing", async () => {
    const filed = await file("office-1", "chase quotes after 5 days not 7");
    await office.decide("founder", filed.reviewProposalId as string, "approve");
    const again = await office.decide("founder", filed.reviewProposalId as string, "approve");
    expect(again.status).toBe("ok");
    await office.scoped("demo", () => settleContract(office.kernel, "demo", filed.contractId as string));
    const [jobs] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM gov_jobs WHERE tenant_id = 'demo'",
    );
    expect(jobs?.n).toBe(1);
    expect((await steps(filed.contractId as string)).filter((s) => s.startsWith("10 "))).toEqual([
      "10 rollout:COMPLETED",
    ]);
  });
});

describe("constitutional constraints", () => {
  it("PART2-001: nobody but the workflow creates a contract — not a person, a model or an MCP client", async () => {
    for (const actor of ["founder", "office-1", "ai-client"]) {
      const direct = await office.call(actor, "governance.activate_contract", {
        contractId: "gct_0000000000000000",
        changes: [{ capability: "trigger_thresholds", field: "quoteChaseDays", value: 1 }],
      });
      expect(direct.status, actor).toBe("refused");
    }
    expect(await office.scoped("demo", () => listContracts(office.store.db, "demo"))).toEqual([]);
  });

  it("PART2-002: a contract needs the founder — office, managers, the system and AI clients cannot approve", async () => {
    const filed = await file("office-1", "quiet hours from 9pm to 7am");
    for (const actor of ["office-1", "sales-manager-1", "system", "ai-client"]) {
      const tried = await office.decide(actor, filed.reviewProposalId as string, "approve");
      expect(tried.status, actor).toBe("refused");
    }
    expect((await contractById(filed.contractId as string))?.status).toBe("DRAFT");
  });

  it("PART2-003: a job cannot override health — a frozen business refuses the approval; health failure rolls back", async () => {
    const filed = await file("office-1", "quiet hours from 9pm to 7am");
    expect(await office.exec("demo", "UPDATE tenants SET status = 'sev0_stop' WHERE id = 'demo'")).toBe(1);
    const tried = await office.decide("founder", filed.reviewProposalId as string, "approve");
    expect(tried.status).toBe("refused");
    expect((await config()).quietHours).toBeUndefined();
  });

  it("PART2-004: audit cannot be bypassed — no contract completes without a PASS verdict or the founder's settlement", async () => {
    const filed = await file("office-1", "chase quotes after 5 days not 7");
    await office.decide("founder", filed.reviewProposalId as string, "approve");
    const completed = await office.scoped("demo", () => listContracts(office.store.db, "demo", ["COMPLETED"]));
    for (const c of completed) expect((c.auditVerdict as { verdict: string }).verdict).toBe("PASS");
    expect(() => assertMove("contract", "EXECUTED", "COMPLETED")).toThrow(WorkflowOrderError);
  });

  it("PART2-005: Phase-1 invariants hold — the repair pack (hazard screen) cannot be turned off", async () => {
    const filed = await file("office-1", "turn off the repair pack");
    expect(filed.status).toBe("ELIGIBLE");
    await office.decide("founder", filed.reviewProposalId as string, "approve");
    expect((await contractById(filed.contractId as string))?.status).toBe("FAILED");
    const screened = await office.call("tech-1", "repair.screen", { text: "smells like gas in the basement" });
    expect(screened.status).not.toBe("refused");
    expect((await office.scoped("demo", () => verifyAuditChain(office.store.db, "demo"))).ok).toBe(true);
  });

  it("a governed deposit change is what the pricing pack then reads", async () => {
    const deposit = await file("office-1", "deposit should be 50% at acceptance");
    await office.decide("founder", deposit.reviewProposalId as string, "approve");
    expect((await contractById(deposit.contractId as string))?.status).toBe("COMPLETED");
    expect(pricingConfigFrom(await config()).depositPct).toBe(50);
    expect(pricingConfigFrom(await config()).rules.markupPctByCategory.equipment).toBe(40);
  });

  it("a pack the business turned off through the workflow is unavailable", async () => {
    const filed = await file("office-1", "turn off the inventory pack");
    await office.decide("founder", filed.reviewProposalId as string, "approve");
    expect((await contractById(filed.contractId as string))?.status).toBe("COMPLETED");
    const search = await office.call("tech-1", "inventory.search_parts", { query: "capacitor" });
    expect(search.status).toBe("refused");
  });
});
