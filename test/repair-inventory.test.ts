// Inventory by voice: "do I have a 45/5 capacitor on my truck", then reserve it for the job as a one-tap proposal.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getStock } from "../store/repos/field-repair.ts";
import { expectStatus } from "./helpers.ts";
import { makeRepairOffice, openNoHeatCall, type RepairOffice } from "./repair-office.ts";

let office: RepairOffice;
beforeEach(async () => {
  office = await makeRepairOffice();
});
afterEach(() => office.close());

type Search = {
  answer: string;
  interpreted: { scope: string; microfarads: string | null };
  matches: Array<{
    partId: string;
    sku: string;
    availableInScope: number;
    stock: Array<{ stockId: string; locationId: string; locationName: string; reserved: number; available: number }>;
  }>;
};

describe("inventory", () => {
  it("finds the 45/5 capacitor on tech-2's own truck, reserves one for the job, and the stock shows it reserved", async () => {
    const search = expectStatus(
      await office.call("tech-2", "inventory.search_parts", { query: "do I have a 45/5 capacitor on my truck" }),
      "ok",
    );
    const data = search.data as Search;
    expect(data.interpreted).toMatchObject({ microfarads: "45/5", scope: "Truck 2" });
    expect(data.matches.map((m) => m.sku)).toEqual(["CAP-45-5-440"]);
    expect(data.answer).toMatch(/^Yes — \d+ × CAP-45-5-440 available on Truck 2/);
    const part = data.matches[0];
    const onTruck = part?.stock.find((s) => s.locationName === "Truck 2");
    if (!part || !onTruck) throw new Error("expected the capacitor on Truck 2");

    const jobId = await openNoHeatCall(office, "tech-2");
    const proposed = expectStatus(
      await office.call("tech-2", "inventory.reserve_part", { jobId, partId: part.partId, quantity: 1 }),
      "proposed",
    );
    expect(proposed.proposal.preview.basis).toEqual([{ entity: "stock", id: onTruck.stockId, version: 1 }]);
    expectStatus(await office.decide("tech-2", proposed.proposal.id, "approve"), "ok");
    const stock = await office.scoped("demo", () => getStock(office.store.db, "demo", onTruck.stockId));
    expect(stock?.reserved).toBe(onTruck.reserved + 1);
  });

  it("tells tech-1 the part is not on their truck and where it is", async () => {
    const data = expectStatus(
      await office.call("tech-1", "inventory.search_parts", { query: "forty five five cap on my truck" }),
      "ok",
    ).data as Search;
    expect(data.answer).toMatch(/^None available on Truck 1 .* Elsewhere: /);
  });

  it("move and count are proposals built on the stock version; a count after the move's proposal makes the move re-propose", async () => {
    const data = expectStatus(
      await office.call("office-1", "inventory.search_parts", { query: "35/5 capacitor" }),
      "ok",
    ).data as Search;
    const part = data.matches[0];
    const warehouse = part?.stock.find((s) => s.locationName === "Main warehouse");
    const truck = part?.stock.find((s) => s.locationName === "Truck 1");
    if (!part || !warehouse || !truck) throw new Error("expected stock in the warehouse and on Truck 1");
    const move = expectStatus(
      await office.call("office-1", "inventory.move_stock", {
        partId: part.partId,
        fromLocationId: warehouse.locationId,
        toLocationId: truck.locationId,
        quantity: 1,
      }),
      "proposed",
    );
    await office.apply("office-1", "inventory.count_stock", {
      locationId: warehouse.locationId,
      partId: part.partId,
      countedQuantity: 9,
    });
    const stale = expectStatus(await office.decide("office-1", move.proposal.id, "approve"), "refused");
    expect(stale.failure.class).toBe("duplicate_or_conflict");
    const levels = expectStatus(
      await office.call("office-1", "inventory.stock_levels", {
        locationId: warehouse.locationId,
        partId: part.partId,
      }),
      "ok",
    );
    expect(levels.data).toMatchObject({ lines: [{ quantity: 9 }] });
  });

  it("refuses to reserve more than is available", async () => {
    const jobId = await openNoHeatCall(office, "tech-2");
    const data = expectStatus(await office.call("tech-2", "inventory.search_parts", { query: "45/5 capacitor" }), "ok")
      .data as Search;
    const refused = expectStatus(
      await office.call("tech-2", "inventory.reserve_part", { jobId, partId: data.matches[0]?.partId, quantity: 50 }),
      "refused",
    );
    expect(refused.failure.class).toBe("invalid_input");
  });
});
