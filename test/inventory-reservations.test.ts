// Reservations closed through the kernel: a cancelled job releases its parts, a part used on the job comes off the
// truck, each only once, and what is reserved never exceeds what is on hand.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getStock } from "../store/repos/field-repair.ts";
import { expectStatus } from "./helpers.ts";
import { makeRepairOffice, openNoHeatCall, type RepairOffice } from "./repair-office.ts";

let office: RepairOffice;
let jobId: string;
let partId: string;
let warehouseId: string;
let stockId: string;

beforeEach(async () => {
  office = await makeRepairOffice();
  const [part] = await office.rows<{ id: string }>(
    "demo",
    "SELECT id FROM parts WHERE tenant_id = 'demo' AND sku = 'CAP-45-5-440'",
  );
  const [warehouse] = await office.rows<{ id: string }>(
    "demo",
    "SELECT id FROM inventory_locations WHERE tenant_id = 'demo' AND kind = 'warehouse' ORDER BY id LIMIT 1",
  );
  if (!part || !warehouse) throw new Error("demo inventory lacks the 45/5 capacitor or a warehouse");
  partId = part.id;
  warehouseId = warehouse.id;
  const [row] = await office.rows<{ id: string }>(
    "demo",
    "SELECT id FROM stock WHERE tenant_id = 'demo' AND location_id = ? AND part_id = ?",
    warehouseId,
    partId,
  );
  if (!row) throw new Error("no warehouse stock row for the 45/5 capacitor");
  stockId = row.id;
  jobId = await openNoHeatCall(office, "tech-1");
});
afterEach(() => office.close());

async function stockNow() {
  const row = await office.scoped("demo", () => getStock(office.store.db, "demo", stockId));
  if (!row) throw new Error("stock row vanished");
  return { quantity: row.quantity, reserved: row.reserved };
}

async function reserve(quantity: number): Promise<string> {
  const data = (await office.apply("tech-1", "inventory.reserve_part", {
    jobId,
    partId,
    locationId: warehouseId,
    quantity,
  })) as { reservationId: string };
  return data.reservationId;
}

/** Stock rows of the business (the only one with field stock) reserved beyond what is on hand. */
async function overReservedRows(): Promise<number> {
  const [row] = await office.rows<{ n: number }>(
    "demo",
    "SELECT count(*) AS n FROM stock WHERE tenant_id = 'demo' AND reserved > quantity",
  );
  return row?.n ?? -1;
}

describe("inventory.release_reservation", () => {
  it("a cancelled job's parts return to available stock; on-hand does not move", async () => {
    const start = await stockNow();
    await reserve(2);
    expect(await stockNow()).toEqual({ quantity: start.quantity, reserved: start.reserved + 2 });

    const proposed = expectStatus(
      await office.call("tech-1", "inventory.release_reservation", { jobId, partId, reason: "job cancelled" }),
      "proposed",
    );
    expect(proposed.proposal.risk).toBe("low");
    expect(proposed.proposal.preview.summary).toMatch(/Release 2 × CAP-45-5-440 .* job cancelled/);
    expect(proposed.proposal.preview.changes).toContainEqual(
      expect.objectContaining({
        entity: "stock",
        field: "reserved",
        before: start.reserved + 2,
        after: start.reserved,
      }),
    );
    // Nothing moves until the tech taps approve.
    expect((await stockNow()).reserved).toBe(start.reserved + 2);

    const released = expectStatus(await office.decide("tech-1", proposed.proposal.id, "approve"), "ok").data as {
      status: string;
      available: number;
    };
    expect(released.status).toBe("released");
    expect(await stockNow()).toEqual(start);
    expect(released.available).toBe(start.quantity - start.reserved);
  });

  it("releasing twice is refused as a duplicate and stock moves once", async () => {
    const reservationId = await reserve(1);
    const start = await stockNow();
    await office.apply("tech-1", "inventory.release_reservation", { reservationId });
    const again = expectStatus(
      await office.call("tech-1", "inventory.release_reservation", { reservationId }),
      "refused",
    );
    expect(again.failure.class).toBe("duplicate_or_conflict");
    expect(again.failure.reason).toMatch(/already released/);
    expect((await stockNow()).reserved).toBe(start.reserved - 1);
  });
});

describe("inventory.consume_reservation", () => {
  it("a part used on the job comes off on-hand, the reservation closes and unused reserved parts come back", async () => {
    const start = await stockNow();
    await reserve(2);
    const proposed = expectStatus(
      await office.call("tech-1", "inventory.consume_reservation", { jobId, partId, quantityUsed: 1 }),
      "proposed",
    );
    expect(proposed.proposal.preview.summary).toMatch(/Used 1 × CAP-45-5-440 .*1 unused back to available/);
    const used = expectStatus(await office.decide("tech-1", proposed.proposal.id, "approve"), "ok").data as {
      status: string;
      onHand: number;
      reserved: number;
    };
    expect(used).toMatchObject({ status: "consumed", onHand: start.quantity - 1, reserved: start.reserved });
    expect(await stockNow()).toEqual({ quantity: start.quantity - 1, reserved: start.reserved });
  });

  it("using a reservation twice, or releasing one already used, is refused and stock moves once", async () => {
    const reservationId = await reserve(1);
    const start = await stockNow();
    await office.apply("tech-1", "inventory.consume_reservation", { reservationId });
    for (const tool of ["inventory.consume_reservation", "inventory.release_reservation"]) {
      const refused = expectStatus(await office.call("tech-1", tool, { reservationId }), "refused");
      expect(refused.failure.class).toBe("duplicate_or_conflict");
    }
    expect(await stockNow()).toEqual({ quantity: start.quantity - 1, reserved: start.reserved - 1 });
  });

  it("approving the same proposal twice, or two proposals for one reservation, changes stock once", async () => {
    await reserve(1);
    const start = await stockNow();
    const first = expectStatus(
      await office.call("tech-1", "inventory.consume_reservation", { jobId, partId }),
      "proposed",
    );
    const second = expectStatus(
      await office.call("office-1", "inventory.consume_reservation", { jobId, partId }),
      "proposed",
    );
    expectStatus(await office.decide("tech-1", first.proposal.id, "approve"), "ok");
    expectStatus(await office.decide("tech-1", first.proposal.id, "approve"), "ok");
    const stale = expectStatus(await office.decide("office-1", second.proposal.id, "approve"), "refused");
    expect(stale.failure.class).toBe("duplicate_or_conflict");
    expect(await stockNow()).toEqual({ quantity: start.quantity - 1, reserved: start.reserved - 1 });
  });

  it("refuses to use more than was reserved, and names what to do", async () => {
    await reserve(1);
    const refused = expectStatus(
      await office.call("tech-1", "inventory.consume_reservation", { jobId, partId, quantityUsed: 3 }),
      "refused",
    );
    expect(refused.failure).toMatchObject({
      class: "invalid_input",
      reason: expect.stringMatching(/Only 1 were reserved/),
    });
  });
});

describe("reserved never exceeds on-hand", () => {
  it("a count below what is reserved releases the newest reservations, which can then not be used", async () => {
    const start = await stockNow();
    const older = await reserve(1);
    office.clock.advance(60_000);
    const newer = await reserve(2);
    const countTo = start.reserved + 1;
    const proposed = expectStatus(
      await office.call("office-1", "inventory.count_stock", {
        locationId: warehouseId,
        partId,
        countedQuantity: countTo,
      }),
      "proposed",
    );
    expect(proposed.proposal.preview.changes).toContainEqual(
      expect.objectContaining({ entity: "reservation", id: newer, after: "released" }),
    );
    const counted = expectStatus(await office.decide("office-1", proposed.proposal.id, "approve"), "ok").data as {
      quantity: number;
      reserved: number;
      flags: string[];
    };
    expect(counted.quantity).toBe(countTo);
    expect(counted.reserved).toBeLessThanOrEqual(counted.quantity);
    expect(counted.flags.join(" ")).toMatch(new RegExp(`released 2 for job ${jobId}`));
    expect(await overReservedRows()).toBe(0);

    const gone = expectStatus(
      await office.call("tech-1", "inventory.consume_reservation", { reservationId: newer }),
      "refused",
    );
    expect(gone.failure.class).toBe("duplicate_or_conflict");
    // The older reservation is still covered by the count and can be used.
    await office.apply("tech-1", "inventory.consume_reservation", { reservationId: older });
    expect(await overReservedRows()).toBe(0);
  });
});

describe("tenant isolation", () => {
  it("another business cannot see or close this business's reservation", async () => {
    const reservationId = await reserve(1);
    const fromAcme = expectStatus(
      await office.call("tech-1", "inventory.release_reservation", { reservationId }, { tenantId: "acme" }),
      "refused",
    );
    expect(fromAcme.failure.class).toBe("not_found");
    expect(JSON.stringify(fromAcme)).not.toContain(jobId);
    expect((await stockNow()).reserved).toBeGreaterThan(0);
  });
});

describe("by chat with the offline assistant", () => {
  it("a tech reserves a capacitor and says it was used, reserves another and says the job got cancelled", async () => {
    const { openSession, runTurn } = await import("../agent/index.ts");
    const deps = { store: office.store, kernel: office.kernel, primary: null };
    // The test is the chat's entry point (the web route runs in the token's tenant scope, server/auth.ts).
    const s = await office.scoped("demo", () =>
      openSession(deps, { tenantId: "demo", actorId: "tech-2", channel: "web", mode: "propose_actions" }),
    );
    const chat = (words: string) => office.scoped("demo", () => runTurn(deps, s, words));
    const approveLast = async () => {
      const turn = await chat("yes approve that");
      const decide = turn.calls.find((c) => c.tool === "kernel.decide");
      expect(decide?.status, turn.text).toBe("ok");
    };
    const said = async (words: string, tool: string) => {
      const turn = await chat(words);
      const call = turn.calls.find((c) => c.tool === tool);
      expect(call?.status, `${words} → ${turn.text}`).toBe("proposed");
      return call;
    };
    await said("uh got a no heat call gas furnace eighty percent no heat since this morning", "repair.start_call");
    await approveLast();
    const truckRow = async () =>
      (
        await office.rows<{ quantity: number; reserved: number }>(
          "demo",
          `SELECT s.quantity, s.reserved FROM stock s JOIN inventory_locations l ON l.id = s.location_id
           WHERE s.tenant_id = 'demo' AND l.tech_id = 'tech-2' AND s.part_id = ?`,
          partId,
        )
      )[0];
    const before = await truckRow();
    if (!before) throw new Error("the 45/5 capacitor is not stocked on tech-2's truck");
    await chat("do i have a 45/5 capacitor on my truck");
    await said("reserve one for this job", "inventory.reserve_part");
    await approveLast();
    expect(await truckRow()).toEqual({ quantity: before.quantity, reserved: before.reserved + 1 });

    const used = await said("ok used the 45/5 capacitor i reserved", "inventory.consume_reservation");
    expect(used?.input).toMatchObject({ partId });
    await approveLast();

    await said("reserve one for this job", "inventory.reserve_part");
    await approveLast();
    const released = await said("the job got cancelled release the capacitor", "inventory.release_reservation");
    expect(released?.input).toMatchObject({ partId });
    await approveLast();

    // One capacitor came off tech-2's truck, the cancelled job's went back to available, nothing is left reserved.
    expect(await truckRow()).toEqual({ quantity: before.quantity - 1, reserved: before.reserved });
    const [open] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM stock_reservations WHERE tenant_id = 'demo' AND status = 'reserved'",
    );
    expect(open?.n).toBe(0);
    const statuses = await office.rows<{ status: string }>(
      "demo",
      "SELECT status FROM stock_reservations WHERE tenant_id = 'demo' ORDER BY created_at, id",
    );
    expect(statuses.map((r) => r.status).sort()).toEqual(["consumed", "released"]);
  });
});
