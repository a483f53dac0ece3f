// The agent end to end with the offline model: reads answered from tool results, voice-style requests, writes that
// become proposals, approvals in chat checked by the kernel, and read-only sessions that cannot write.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentDeps, type AgentSession, openSession, runTurn, type TurnCall } from "../agent/index.ts";
import { DashboardSchema } from "../contracts/index.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
let deps: AgentDeps;

beforeEach(async () => {
  office = await makeOffice();
  deps = { store: office.store, kernel: office.kernel, primary: null };
});
afterEach(() => office.close());

function session(
  actorId: string,
  mode: AgentSession["mode"] = "propose_actions",
  channel: AgentSession["channel"] = "web",
) {
  return openSession(deps, { tenantId: "demo", actorId, channel, mode });
}

/** A demo customer whose last name nobody else has, so "the <last name> account" names exactly one person. */
async function uniqueCustomer(): Promise<{ id: string; name: string; last: string; phone: string }> {
  const rows = await office.rows<{ id: string; name: string; phone: string }>(
    "demo",
    "SELECT id, name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id",
  );
  const lastOf = (name: string) => (name.split(" ").at(-1) ?? "").toLowerCase();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(lastOf(r.name), (counts.get(lastOf(r.name)) ?? 0) + 1);
  const hit = rows.find(
    (r) => counts.get(lastOf(r.name)) === 1 && /^[a-z]+$/.test(lastOf(r.name)) && !r.name.includes("&"),
  );
  if (!hit) throw new Error("no customer with a unique last name in the demo data");
  return { ...hit, last: lastOf(hit.name) };
}

async function notesWith(body: string): Promise<number> {
  const [row] = await office.rows<{ n: number }>(
    "demo",
    "SELECT count(*) AS n FROM notes WHERE tenant_id = 'demo' AND body = ?",
    body,
  );
  return row?.n ?? 0;
}

function only(calls: TurnCall[], tool: string): TurnCall {
  const found = calls.filter((c) => c.tool === tool);
  expect(found, `one ${tool} call`).toHaveLength(1);
  return found[0] as TurnCall;
}

const DIGIT_WORDS = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
function spokenDigits(phone: string): string {
  return [...phone.replace(/\D/g, "")].map((d) => DIGIT_WORDS[Number(d)]).join(" ");
}

describe("offline reads", () => {
  it("'show me the dashboard' calls crm.dashboard and states exactly the KPIs the tool returned", async () => {
    const result = await runTurn(deps, await session("founder"), "show me the dashboard");
    const call = only(result.calls, "crm.dashboard");
    expect(call.status).toBe("ok");
    const k = DashboardSchema.parse(call.data).kpis;
    const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
    expect(result.text).toContain(`New leads today: ${k.newLeadsToday} (last 7 days: ${k.newLeads7d})`);
    expect(result.text).toContain(`Open quotes: ${k.openQuotes} worth ${money(k.openQuoteValueCents)}`);
    expect(result.text).toContain(`Jobs today: ${k.jobsToday}`);
    expect(result.text).toContain(`Overdue follow-ups: ${k.overdueFollowUps}`);
    expect(result.text).toContain(`Pending approvals: ${k.pendingApprovals}`);
    expect(result.text).toContain(`Intake waiting for review: ${k.intakeInReview}`);
    expect(result.answeredBy).toBe("offline");
  });

  it("a voice-style 'uh pull up the uh <name> account' finds the one customer and shows the 360", async () => {
    const customer = await uniqueCustomer();
    const result = await runTurn(
      deps,
      await session("tech-1", "propose_actions", "voice"),
      `uh pull up the uh ${customer.last} account`,
    );
    expect(result.calls.map((c) => c.tool)).toEqual(["crm.search_customers", "crm.get_customer"]);
    expect(result.calls[0]?.input).toEqual({ query: customer.last, limit: 10 });
    expect(result.calls[1]?.input).toEqual({ customerId: customer.id });
    expect(result.text).toContain(customer.name);
    expect(result.text).toContain(customer.phone);
  });

  it("a phone number read out digit by digit finds the customer", async () => {
    const customer = await uniqueCustomer();
    const result = await runTurn(deps, await session("office-1"), `ok so look up ${spokenDigits(customer.phone)}`);
    expect(result.calls[0]).toMatchObject({
      tool: "crm.search_customers",
      input: { query: customer.phone.replace(/\D/g, "") },
    });
    expect(only(result.calls, "crm.get_customer").input).toEqual({ customerId: customer.id });
    expect(result.text).toContain(customer.name);
  });

  it("a name shared by several customers lists them instead of guessing", async () => {
    const rows = await office.rows<{ name: string }>(
      "demo",
      "SELECT name FROM customers WHERE tenant_id = 'demo' ORDER BY id",
    );
    const counts = new Map<string, number>();
    for (const r of rows) {
      const last = (r.name.split(" ").at(-1) ?? "").toLowerCase();
      counts.set(last, (counts.get(last) ?? 0) + 1);
    }
    const shared = [...counts.entries()].find(([last, n]) => n > 1 && /^[a-z]+$/.test(last))?.[0];
    expect(shared).toBeDefined();
    const result = await runTurn(deps, await session("office-1"), `pull up ${shared}`);
    expect(result.calls.map((c) => c.tool)).toEqual(["crm.search_customers"]);
    expect(result.text).toMatch(/I found \d+ customers matching/);
  });

  it("an unknown request says what the offline assistant can do and how to get full chat", async () => {
    const result = await runTurn(deps, await session("sales-1"), "write me a poem about boilers");
    expect(result.calls).toEqual([]);
    expect(result.text).toContain("ANTHROPIC_API_KEY");
    expect(result.text).toContain("dashboard");
  });
});

describe("offline writes become proposals; approvals are checked by the kernel", () => {
  it("a salesperson's note is proposed, nothing is written, and the founder's 'approve P-n' applies it", async () => {
    const customer = await uniqueCustomer();
    const sales = await session("sales-1");
    const proposed = await runTurn(deps, sales, `add a note to ${customer.name}: left voicemail`);
    const call = only(proposed.calls, "crm.add_note");
    expect(call.status).toBe("proposed");
    expect(call.input).toEqual({ customerId: customer.id, body: "left voicemail" });
    const id = call.proposal?.id ?? "";
    expect(id).toMatch(/^P-\d+$/);
    expect(proposed.text).toContain(id);
    expect(await notesWith("left voicemail")).toBe(0);

    const stored = await office.kernel.getProposal("demo", id);
    expect(stored?.evidenceRefs).toEqual([proposed.userMessageId]);
    expect(stored?.requestedBy).toBe("sales-1");

    const approved = await runTurn(deps, await session("founder"), `approve ${id}`);
    expect(approved.calls).toEqual([
      expect.objectContaining({
        tool: "kernel.decide",
        status: "ok",
        proposal: expect.objectContaining({ status: "applied" }),
      }),
    ]);
    expect(approved.text).toContain(`Approved and applied ${id}`);
    expect(await notesWith("left voicemail")).toBe(1);
    const [decision] = await office.rows<{ reviewer: string }>(
      "demo",
      "SELECT reviewer_id AS reviewer FROM approval_decisions WHERE tenant_id = 'demo' AND proposal_id = ?",
      id,
    );
    expect(decision?.reviewer).toBe("founder");
  });

  it("a voice note without a colon ('note on <name> left voicemail') finds where the name ends", async () => {
    const customer = await uniqueCustomer();
    const result = await runTurn(
      deps,
      await session("tech-2", "propose_actions", "voice"),
      `um note on ${customer.last} left voicemail`,
    );
    expect(only(result.calls, "crm.add_note")).toMatchObject({
      status: "proposed",
      input: { customerId: customer.id, body: "left voicemail" },
    });
  });

  it("a salesperson saying 'approve P-n' on their own medium-risk change is refused as forbidden", async () => {
    const customer = await uniqueCustomer();
    const sales = await session("sales-1");
    const proposed = await runTurn(
      deps,
      sales,
      `change ${customer.last}'s phone to three oh three five five five oh one eight eight`,
    );
    const call = only(proposed.calls, "crm.update_customer");
    expect(call).toMatchObject({
      status: "proposed",
      input: { customerId: customer.id, patch: { phone: "(303) 555-0188" } },
    });
    expect(call.proposal?.risk).toBe("medium");
    const id = call.proposal?.id ?? "";

    const refused = await runTurn(deps, sales, `approve ${id.toLowerCase().replace("-", " ")}`);
    expect(refused.calls).toEqual([
      expect.objectContaining({
        tool: "kernel.decide",
        status: "refused",
        failure: expect.objectContaining({ class: "forbidden" }),
      }),
    ]);
    expect(refused.text).toContain("forbidden");
    expect((await office.kernel.getProposal("demo", id))?.status).toBe("pending");
    const [phone] = await office.rows<{ phone: string }>(
      "demo",
      "SELECT phone FROM customers WHERE tenant_id = 'demo' AND id = ?",
      customer.id,
    );
    expect(phone?.phone).toBe(customer.phone);
  });

  it("'remind me to call back <name> tomorrow at 10' proposes a callback due 10:00 shop time tomorrow", async () => {
    const customer = await uniqueCustomer();
    const result = await runTurn(
      deps,
      await session("sales-2"),
      `remind me to call back ${customer.last} tomorrow at 10`,
    );
    // TEST_NOW is Monday 2026-11-23 09:00 in Denver (UTC-7): tomorrow at 10 is 17:00Z on the 24th.
    expect(only(result.calls, "crm.create_task")).toMatchObject({
      status: "proposed",
      input: {
        customerId: customer.id,
        title: `Call back ${customer.name}`,
        kind: "callback",
        dueAt: "2026-11-24T17:00:00.000Z",
      },
    });
  });

  it("'yes approve that' approves the newest pending proposal of the conversation, as the session's person", async () => {
    const customer = await uniqueCustomer();
    const tech = await session("tech-3");
    const first = await runTurn(deps, tech, `add a note to ${customer.name}: gate code 4411`);
    const id = only(first.calls, "crm.add_note").proposal?.id;
    const approved = await runTurn(deps, tech, "yes approve that");
    expect(approved.calls[0]).toMatchObject({ tool: "kernel.decide", input: { proposalId: id, decision: "approve" } });
    expect(approved.calls[0]?.proposal?.status).toBe("applied");
    expect(await notesWith("gate code 4411")).toBe(1);
    const again = await runTurn(deps, tech, "approve that");
    expect(again.calls).toEqual([]);
    expect(again.text).toContain("no pending proposal");
  });

  it("'what's waiting for approval' lists pending proposals and who may approve them", async () => {
    const customer = await uniqueCustomer();
    await runTurn(deps, await session("sales-1"), `add a note to ${customer.name}: wants a quote`);
    const result = await runTurn(deps, await session("founder"), "what's waiting for approval");
    expect(result.text).toMatch(/P-\d+ \(low risk, asked by sales-1\)/);
    expect(result.text).toContain("You can approve this one.");
  });
});

describe("a read-only session", () => {
  it("is offered no write tool, and asking for a write says it cannot and changes nothing", async () => {
    const readOnly = deps.kernel.registry.visibleTo("office", "read_only");
    expect(readOnly.length).toBeGreaterThan(0);
    expect(readOnly.filter((t) => t.effect !== "read")).toEqual([]);

    const customer = await uniqueCustomer();
    const result = await runTurn(
      deps,
      await session("office-1", "read_only"),
      `add a note to ${customer.name}: left voicemail`,
    );
    expect(result.calls.filter((c) => c.tool === "crm.add_note")).toEqual([]);
    expect(result.text).toMatch(/can't add notes here: this session is read-only/);
    expect(await office.kernel.listProposals("demo", ["pending"])).toEqual([]);
    expect(await notesWith("left voicemail")).toBe(0);

    const approve = await runTurn(deps, await session("founder", "read_only"), "approve P-1");
    expect(approve.calls).toEqual([]);
    expect(approve.text).toContain("read-only");
  });
});
