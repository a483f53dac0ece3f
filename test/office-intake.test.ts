// Intake review and interactions: low-confidence and conflicting items stay in review, a reviewed item converts through
// an approved proposal, follow-ups complete and snooze, transcripts feed the intake queue, signals need evidence.
import { describe, expect, it } from "vitest";
import type { IntakeItem } from "../contracts/index.ts";
import { insertIntakeItem } from "../store/repos/office-imports.ts";
import { expectStatus, makeOffice, type TestOffice } from "./helpers.ts";

async function intake(office: TestOffice, item: Partial<Omit<IntakeItem, "id">>): Promise<string> {
  return office.scoped("demo", () =>
    office.store.write((tx) =>
      insertIntakeItem(tx, "demo", {
        source: "web_form",
        rawText: "Web form: furnace blows cold air",
        receivedAt: office.clock.now.toISOString(),
        routeConfidence: 0.9,
        status: "in_review",
        extracted: {
          name: "Priya Nandakumar",
          phone: "(201) 555-0177",
          email: "priya.n@example.com",
          address: "4410 Copperleaf Ridge Ln, Cedar Mesa, CO 80567",
          intent: "Furnace blows cold air",
        },
        missingFields: [],
        conflicts: [],
        suggestedAction: "Convert into a customer, property and lead.",
        ...item,
      }),
    ),
  );
}

async function count(office: TestOffice, table: string): Promise<number> {
  const [row] = await office.rows<{ n: number }>("demo", `SELECT count(*) AS n FROM ${table} WHERE tenant_id = 'demo'`);
  return row?.n ?? 0;
}

describe("intake conversion", () => {
  it("a low-confidence item stays in review until the reviewer supplies identity, address and intent", async () => {
    const office = await makeOffice();
    const id = await intake(office, {
      source: "missed_call",
      rawText: "Missed call from (201) 555-0161. No voicemail.",
      routeConfidence: 0.3,
      extracted: { name: null, phone: "(201) 555-0161", email: null, address: null, intent: null },
      missingFields: ["identity", "address", "intent"],
    });
    const refused = expectStatus(await office.call("office-1", "crm.convert_intake", { intakeItemId: id }), "refused");
    expect(refused.failure.class).toBe("intake_low_confidence");
    expect(refused.failure.reason).toContain("identity, address, intent");
    // A model (MCP) may never convert a low-confidence item, even with every field supplied.
    const full = {
      intakeItemId: id,
      customer: { name: "Walt Ferreira" },
      property: { street: "88 Bluestem Knoll Ct", city: "Bramblewood", state: "CO", zip: "80846" },
      intent: "No hot water",
    };
    const ai = await office.kernel.execute("crm.convert_intake", full, {
      tenantId: "demo",
      actor: await office.actor("demo", "ai-client"),
      mode: "propose_actions",
      channel: "mcp",
      requestedAt: office.clock.now.toISOString(),
      idempotencyKey: "ai-convert-1",
      initiatedBy: "model",
      evidenceRefs: [id],
    });
    expect(ai.status).toBe("refused");
    // The item is still in review; a person who called back supplies the fields and it converts after approval.
    expect(
      await office.rows("demo", "SELECT status FROM intake_items WHERE tenant_id = 'demo' AND id = ?", id),
    ).toEqual([{ status: "in_review" }]);
    const proposed = expectStatus(await office.call("office-1", "crm.convert_intake", full), "proposed");
    expect(proposed.proposal.risk).toBe("medium");
    office.close();
  });

  it("an item that overlaps an existing customer shows both records and is never merged automatically", async () => {
    const office = await makeOffice();
    const [existing] = await office.rows<{ id: string; name: string; phone: string }>(
      "demo",
      "SELECT id, name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id LIMIT 1",
    );
    if (!existing) throw new Error("no demo customer with a phone");
    const id = await intake(office, {
      extracted: {
        name: "Someone Else",
        phone: existing.phone,
        email: null,
        address: "12 Quarry Bend Rd, Pinecrest Falls, CO 80412",
        intent: "Water heater leaking",
      },
    });
    const customersBefore = await count(office, "customers");
    const refused = expectStatus(await office.call("office-1", "crm.convert_intake", { intakeItemId: id }), "refused");
    expect(refused.failure.class).toBe("duplicate_or_conflict");
    const details = refused.failure.details as {
      intake: { id: string };
      existing: Array<{ id: string; reason: string }>;
    };
    expect(details.intake.id).toBe(id);
    expect(details.existing.map((c) => c.id)).toContain(existing.id);
    expect(await count(office, "customers")).toBe(customersBefore);

    // Owner/admin decides: into the existing customer (its own proposal), applied only after approval.
    const merge = expectStatus(
      await office.call("office-1", "crm.convert_intake", { intakeItemId: id, mergeIntoCustomerId: existing.id }),
      "proposed",
    );
    expect(await count(office, "opportunities")).toBeGreaterThan(0);
    const opportunitiesBefore = await count(office, "opportunities");
    const applied = expectStatus(await office.decide("office-1", merge.proposal.id, "approve"), "ok").data as {
      customerId: string;
      customerCreated: boolean;
    };
    expect(applied).toMatchObject({ customerId: existing.id, customerCreated: false });
    expect(await count(office, "customers")).toBe(customersBefore);
    expect(await count(office, "opportunities")).toBe(opportunitiesBefore + 1);
    office.close();
  });

  it("a reviewed item converts into customer, property, lead and follow-up after approval", async () => {
    const office = await makeOffice();
    const id = await intake(office, {});
    const before = {
      customers: await count(office, "customers"),
      properties: await count(office, "properties"),
      tasks: await count(office, "tasks"),
    };
    const proposed = expectStatus(
      await office.call("office-1", "crm.convert_intake", { intakeItemId: id }),
      "proposed",
    );
    expect(await count(office, "customers")).toBe(before.customers);
    // A sales manager may not approve a medium-risk record change; the founder may.
    expect(
      expectStatus(await office.decide("sales-manager-1", proposed.proposal.id, "approve"), "refused").failure.class,
    ).toBe("forbidden");
    const result = expectStatus(await office.decide("founder", proposed.proposal.id, "approve"), "ok").data as {
      customerId: string;
      customerCreated: boolean;
      propertyId: string;
      opportunityId: string;
      taskId: string;
    };
    expect(result.customerCreated).toBe(true);
    expect(result.propertyId).toMatch(/^prp_/);
    expect(result.opportunityId).toMatch(/^opp_/);
    expect(await count(office, "customers")).toBe(before.customers + 1);
    expect(await count(office, "properties")).toBe(before.properties + 1);
    expect(await count(office, "tasks")).toBe(before.tasks + 1);
    const property = await office.rows(
      "demo",
      "SELECT street, city, state, zip FROM properties WHERE tenant_id = 'demo' AND id = ?",
      result.propertyId,
    );
    expect(property[0]).toEqual({ street: "4410 Copperleaf Ridge Ln", city: "Cedar Mesa", state: "CO", zip: "80567" });
    // Converting twice is refused.
    const again = expectStatus(await office.call("office-1", "crm.convert_intake", { intakeItemId: id }), "refused");
    expect(again.failure.class).toBe("duplicate_or_conflict");

    // Its follow-up: snooze, then complete with the outcome logged on the timeline.
    const snooze = expectStatus(
      await office.call("office-1", "crm.snooze_follow_up", { taskId: result.taskId, until: "2026-11-30T16:00:00Z" }),
      "proposed",
    );
    expect(
      (expectStatus(await office.decide("office-1", snooze.proposal.id, "approve"), "ok").data as { status: string })
        .status,
    ).toBe("snoozed");
    const done = expectStatus(
      await office.call("office-1", "crm.complete_follow_up", {
        taskId: result.taskId,
        outcome: "Booked a furnace repair for Monday",
        contact: { channel: "call" },
      }),
      "proposed",
    );
    const completed = expectStatus(await office.decide("office-1", done.proposal.id, "approve"), "ok").data as {
      status: string;
      outcome: string;
      interactionId: string;
    };
    expect(completed).toMatchObject({ status: "done", outcome: "Booked a furnace repair for Monday" });
    expect(completed.interactionId).toMatch(/^int_/);
    office.close();
  });

  it("dismissing an item keeps its evidence and closes it", async () => {
    const office = await makeOffice();
    const id = await intake(office, {});
    const p = expectStatus(
      await office.call("office-1", "crm.dismiss_intake", { intakeItemId: id, reason: "Spam" }),
      "proposed",
    );
    expect(p.proposal.risk).toBe("low");
    expect(
      (expectStatus(await office.decide("office-1", p.proposal.id, "approve"), "ok").data as { status: string }).status,
    ).toBe("dismissed");
    office.close();
  });
});

describe("interactions, transcripts and signals", () => {
  it("a call transcript with timed speaker segments feeds the intake queue with follow-ups", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const logged = expectStatus(
      await office.call("office-1", "crm.log_interaction", {
        customerId,
        channel: "call",
        direction: "inbound",
        summary: "Caller with no heat",
        eventRefs: ["call-log:2026-11-23T15:02:00Z"],
      }),
      "proposed",
    );
    const interaction = expectStatus(await office.decide("office-1", logged.proposal.id, "approve"), "ok").data as {
      id: string;
      rawRefs: string[];
    };
    expect(interaction.rawRefs).toEqual(["call-log:2026-11-23T15:02:00Z"]);

    const segments = [
      { speaker: "Office", startMs: 0, endMs: 1500, text: "Thanks for calling, how can we help?" },
      { speaker: "Caller", startMs: 1600, endMs: 6200, text: "Hi, this is Mia Robinson, our furnace blows cold air." },
      { speaker: "Office", startMs: 6300, endMs: 7000, text: "What's the address?" },
      { speaker: "Caller", startMs: 7100, endMs: 9800, text: "2834 Saltbush Crossing Ln, Windrow Junction, CO 80286." },
      { speaker: "Caller", startMs: 9900, endMs: 12000, text: "Call me back at (201) 555-0120 with a quote." },
    ];
    const text = segments.map((s) => `${s.speaker}: ${s.text}`).join("\n");
    // Overlapping segments of one speaker are refused with the reason.
    const bad = expectStatus(
      await office.call("office-1", "crm.add_transcript", {
        interactionId: interaction.id,
        mediaRef: "recordings/call-1.m4a",
        language: "en",
        text,
        segments: [segments[1], { ...segments[3], speaker: "Caller", startMs: 5000 }],
      }),
      "refused",
    );
    expect(bad.failure.class).toBe("invalid_input");
    expect(bad.failure.reason).toContain("overlaps their own segment");
    const added = expectStatus(
      await office.call("office-1", "crm.add_transcript", {
        interactionId: interaction.id,
        mediaRef: "recordings/call-1.m4a",
        language: "en",
        text,
        segments,
        mediaDurationMs: 12_500,
      }),
      "proposed",
    );
    const transcript = expectStatus(await office.decide("office-1", added.proposal.id, "approve"), "ok").data as {
      id: string;
    };

    const toIntake = expectStatus(
      await office.call("office-1", "crm.transcript_to_intake", { transcriptId: transcript.id }),
      "proposed",
    );
    expect(toIntake.proposal.preview.summary).toContain("Mia Robinson");
    const made = expectStatus(await office.decide("office-1", toIntake.proposal.id, "approve"), "ok").data as {
      intakeItem: IntakeItem;
      followUps: Array<{ kind: string }>;
    };
    expect(made.intakeItem).toMatchObject({
      source: "call_transcript",
      status: "in_review",
      extracted: {
        name: "Mia Robinson",
        phone: "(201) 555-0120",
        address: "2834 Saltbush Crossing Ln, Windrow Junction, CO 80286",
      },
      missingFields: [],
    });
    expect(made.intakeItem.routeConfidence).toBeGreaterThanOrEqual(0.5);
    expect(made.followUps.map((f) => f.kind)).toEqual(["callback", "task"]);
    const queue = expectStatus(await office.call("office-1", "crm.intake_queue", {}), "ok").data as {
      items: IntakeItem[];
    };
    expect(queue.items.map((i) => i.id)).toContain(made.intakeItem.id);

    const timeline = expectStatus(await office.call("office-1", "crm.customer_timeline", { customerId }), "ok")
      .data as {
      timeline: Array<{ kind: string; id: string }>;
    };
    expect(timeline.timeline.some((e) => e.kind === "transcript" && e.id === transcript.id)).toBe(true);
    office.close();
  });

  it("a signal score without evidence or operator input is refused as audit_gap; with evidence it is recorded", async () => {
    const office = await makeOffice();
    const customerId = await office.firstId("demo", "customers");
    const base = {
      customerId,
      scoreType: "deal_health",
      value: 40,
      timeWindow: { start: "2026-11-01T00:00:00Z", end: "2026-11-23T00:00:00Z" },
      sourceRef: "weekly-review",
    };
    const refused = expectStatus(await office.call("sales-1", "crm.record_signal", base), "refused");
    expect(refused.failure.class).toBe("audit_gap");
    const withOperator = expectStatus(
      await office.call("sales-1", "crm.record_signal", {
        ...base,
        operatorInput: { note: "Customer said they chose another company" },
      }),
      "proposed",
    );
    expectStatus(await office.decide("sales-1", withOperator.proposal.id, "approve"), "ok");
    office.clock.advance(60_000);
    const withEvidence = expectStatus(
      await office.call("sales-1", "crm.record_signal", {
        ...base,
        value: 55,
        evidenceRefs: ["quote:sent 21 days ago"],
      }),
      "proposed",
    );
    expectStatus(await office.decide("sales-1", withEvidence.proposal.id, "approve"), "ok");
    const timeline = expectStatus(await office.call("sales-1", "crm.customer_timeline", { customerId }), "ok").data as {
      signals: Array<{ scoreType: string; value: number; evidenceRefs: string[]; history: number }>;
    };
    expect(timeline.signals).toEqual([
      expect.objectContaining({
        scoreType: "deal_health",
        value: 55,
        evidenceRefs: ["quote:sent 21 days ago"],
        history: 2,
      }),
    ]);
    office.close();
  });
});
