// Outbound drafts: every kind of risk is quarantined with its reason, an opted-out customer's clean draft too, a clean
// draft becomes ready for manual send only after the founder approves, and nothing is ever sent.
import { describe, expect, it } from "vitest";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";

type Draft = { id: string | null; status: string; riskFlags: Array<{ kind: string; reason: string }>; body: string };

/** A demo customer with no opt-outs (a clean draft to them raises no opt-out flag). */
async function customerWithoutOptOuts(office: TestOffice): Promise<string> {
  const [row] = await office.rows<{ id: string }>(
    "demo",
    "SELECT id FROM customers WHERE tenant_id = 'demo' AND opted_out = '[]' ORDER BY id LIMIT 1",
  );
  if (!row) throw new Error("the demo has no customer without opt-outs");
  return row.id;
}

async function optOutOfSms(office: TestOffice, customerId: string): Promise<void> {
  const p = expectStatus(
    await office.call("office-1", "crm.update_customer", { customerId, patch: { optedOut: ["sms"] } }),
    "proposed",
  );
  expectStatus(await office.decide("founder", p.proposal.id, "approve"), "ok");
}

const RISKY: Array<[string, Record<string, unknown>, string]> = [
  ["pressure_language", { body: "Act now, this is your last chance to book before winter!" }, "Pressure language"],
  ["risky_claim", { body: "Our new heat pump is guaranteed to save you $900 a year." }, "Risky claim"],
  [
    "unapproved_send_path",
    { body: "Your furnace tune-up is booked for Tuesday morning.", sendPath: "auto_sms_gateway" },
    "Unapproved send path",
  ],
  [
    "quiet_hours",
    { body: "Your furnace tune-up is booked for Tuesday morning.", sendAt: "2026-11-24T05:30:00Z" },
    "Quiet hours",
  ],
];

describe("outbound drafts", () => {
  it.each(RISKY)("a draft with %s is quarantined with that reason and nothing is sent", async (kind, extra, words) => {
    const office = await makeOffice();
    const customerId = await customerWithoutOptOuts(office);
    const result = expectStatus(
      await office.call("sales-1", "crm.draft_outbound", { customerId, channel: "sms", ...extra }),
      "refused",
    );
    expect(result.failure.class).toBe("unsafe_outbound");
    expect(result.failure.reason).toContain(words);
    const draft = (result.failure.details as { draft: Draft }).draft;
    expect(draft.status).toBe("quarantined");
    expect(draft.riskFlags.map((f) => f.kind)).toContain(kind);
    // Filed in the outbound queue as quarantined (low risk, the requester's one tap), counted in the weekly summary.
    const filed = expectStatus(
      await office.call("sales-1", "crm.quarantine_draft", { customerId, channel: "sms", ...extra }),
      "proposed",
    );
    const stored = expectStatus(await office.decide("sales-1", filed.proposal.id, "approve"), "ok").data as Draft;
    expect(stored.status).toBe("quarantined");
    const queue = expectStatus(await office.call("office-1", "crm.outbound_queue", {}), "ok").data as {
      sendsEnabled: boolean;
      drafts: Draft[];
    };
    expect(queue.sendsEnabled).toBe(false);
    expect(queue.drafts.find((d) => d.id === stored.id)?.status).toBe("quarantined");
    const weekly = expectStatus(await office.call("founder", "crm.weekly_summary", {}), "ok").data as {
      safetyNotes: { quarantinedDrafts: number };
    };
    expect(weekly.safetyNotes.quarantinedDrafts).toBeGreaterThanOrEqual(1);
    // A quarantined draft can never be marked sent.
    const sent = expectStatus(
      await office.call("sales-1", "crm.mark_sent_manually", { draftId: stored.id }),
      "refused",
    );
    expect(sent.failure.class).toBe("unsafe_outbound");
    office.close();
  });

  it("a clean draft to a customer who opted out of texts is quarantined as an opt-out conflict", async () => {
    const office = await makeOffice();
    const customerId = await customerWithoutOptOuts(office);
    await optOutOfSms(office, customerId);
    const result = expectStatus(
      await office.call("sales-1", "crm.draft_outbound", {
        customerId,
        channel: "sms",
        body: "Hi, just checking the new thermostat is working well for you.",
      }),
      "refused",
    );
    expect(result.failure.class).toBe("unsafe_outbound");
    expect(result.failure.reason).toContain("opted out of text messages");
    expect((result.failure.details as { draft: Draft }).draft.riskFlags.map((f) => f.kind)).toEqual([
      "opt_out_conflict",
    ]);
    // The same words by email are fine: the opt-out is per channel.
    expectStatus(
      await office.call("sales-1", "crm.draft_outbound", {
        customerId,
        channel: "email",
        body: "Hi, just checking the new thermostat is working well for you.",
      }),
      "proposed",
    );
    office.close();
  });

  it("a clean draft waits for the founder, then is ready for manual send with its copy text; the app sends nothing", async () => {
    const office = await makeOffice();
    const customerId = await customerWithoutOptOuts(office);
    const body = "Hi, this is the office following up on the water heater estimate. Happy to answer any questions.";
    const proposed = expectStatus(
      await office.call("sales-1", "crm.draft_outbound", { customerId, channel: "email", body }),
      "proposed",
    );
    expect(proposed.proposal.risk).toBe("high");
    const previewDraft = proposed.proposal.preview.changes.find((c) => c.field === "draft")?.after as Draft;
    expect(previewDraft.status).toBe("awaiting_approval");
    expect(previewDraft.riskFlags).toEqual([]);
    // Nothing is stored before approval; the requester may not approve their own external send.
    expect(
      await office.rows(
        "demo",
        "SELECT count(*) AS n FROM outbound_drafts WHERE tenant_id = 'demo' AND body = ?",
        body,
      ),
    ).toEqual([{ n: 0 }]);
    expect(expectStatus(await office.decide("sales-1", proposed.proposal.id, "approve"), "refused").failure.class).toBe(
      "forbidden",
    );
    const approved = expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok")
      .data as Draft & {
      copyText: string;
      sendsEnabled: boolean;
    };
    expect(approved.status).toBe("ready_for_manual_send");
    expect(approved.copyText).toBe(body);
    expect(approved.sendsEnabled).toBe(false);
    const queue = expectStatus(await office.call("sales-1", "crm.outbound_queue", {}), "ok").data as {
      drafts: Draft[];
    };
    expect(queue.drafts.find((d) => d.id === approved.id)?.status).toBe("ready_for_manual_send");

    // A person copies and sends it, then records it: the draft is sent_manually and on the timeline.
    const mark = expectStatus(
      await office.call("sales-1", "crm.mark_sent_manually", { draftId: approved.id }),
      "proposed",
    );
    const marked = expectStatus(await office.decide("sales-1", mark.proposal.id, "approve"), "ok").data as Draft & {
      interactionId: string;
    };
    expect(marked.status).toBe("sent_manually");
    const timeline = expectStatus(await office.call("sales-1", "crm.customer_timeline", { customerId }), "ok").data as {
      timeline: Array<{ id: string; refs: string[] }>;
    };
    expect(timeline.timeline.find((e) => e.id === marked.interactionId)?.refs).toEqual([approved.id]);
    office.close();
  });
});
