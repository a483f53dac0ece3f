// inventory.consume_reservation: the reserved part was used on the job — on-hand goes down and the reservation
// closes (any reserved but unused parts return to available). Low risk (one tap); a reservation is used only once.
import { z } from "zod";
import { closeReservation, setStock } from "../../store/repos/field-repair.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import {
  ClosedReservationSchema,
  NAME_THE_RESERVATION,
  namesReservation,
  type OpenReservation,
  openReservationFor,
  ReservationRefSchema,
} from "./reservation-io.ts";

const Input = ReservationRefSchema.extend({
  quantityUsed: z
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .describe("How many were used; defaults to all reserved. The rest return to available stock"),
}).refine(namesReservation, NAME_THE_RESERVATION);
type Input = z.output<typeof Input>;

async function consumable(input: Input, ctx: Parameters<typeof openReservationFor>[1]) {
  const open = await openReservationFor(input, ctx);
  if (!("reservation" in open)) return open;
  const used = input.quantityUsed ?? open.reservation.quantity;
  if (used > open.reservation.quantity) {
    return {
      refuse: failure(
        "invalid_input",
        `Only ${open.reservation.quantity} were reserved; reserve more (inventory.reserve_part) before using ${used}.`,
      ),
    };
  }
  // Reserved never exceeds on-hand: a row counted below its reservations cannot give out parts it does not hold.
  if (open.stock.quantity < used) {
    return {
      refuse: failure(
        "duplicate_or_conflict",
        `${open.locationName} shows only ${open.stock.quantity} on hand; count it (inventory.count_stock) first.`,
      ),
    };
  }
  return { ...open, used } satisfies OpenReservation & { used: number };
}

export const consumeReservationTool = defineTool({
  name: "inventory.consume_reservation",
  title: "Use a reserved part",
  description:
    "Records that parts reserved for a job were used on it: on-hand goes down by the quantity used, the " +
    "reservation closes, and any reserved but unused parts return to available stock. Name the reservation by id, " +
    "or by job and part. Low-risk proposal approved with one tap; the preview shows on-hand and reserved before and " +
    "after. Refused when the reservation was already used or released (duplicate_or_conflict). For a cancelled job " +
    "use inventory.release_reservation.",
  effect: "write",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: Input,
  output: ClosedReservationSchema,
  refs: { jobId: "repair_job", partId: "part" },
  example: { jobId: "rjb_0000000000000000", partId: "prt_0000000000000000", quantityUsed: 1 },
  async guard(input, ctx) {
    const open = await consumable(input, ctx);
    return "reservation" in open ? null : open;
  },
  async preview(input, ctx) {
    const open = await consumable(input, ctx);
    if (!("reservation" in open)) throw new KernelError("reservation_refused", "consume preview after a refusal");
    const { reservation, stock, used } = open;
    const returned = reservation.quantity - used;
    return {
      summary:
        `Used ${used} × ${open.sku} from ${open.locationName} on job ${reservation.jobRef} ` +
        `(on hand ${stock.quantity} → ${stock.quantity - used}` +
        (returned > 0 ? `; ${returned} unused back to available)` : ")"),
      changes: [
        { entity: "stock", id: stock.id, field: "quantity", before: stock.quantity, after: stock.quantity - used },
        {
          entity: "stock",
          id: stock.id,
          field: "reserved",
          before: stock.reserved,
          after: stock.reserved - reservation.quantity,
        },
        { entity: "reservation", id: reservation.id, field: "status", before: "reserved", after: "consumed" },
      ],
      basis: [{ entity: "stock", id: stock.id, version: stock.version }],
    };
  },
  async run(input, ctx) {
    const open = await consumable(input, ctx);
    if (!("reservation" in open)) throw new KernelError("reservation_refused", "consume apply after a refusal");
    const { reservation, stock, used } = open;
    if (!(await closeReservation(ctx.db, ctx.tenantId, reservation.id, "consumed"))) {
      throw new KernelError("reservation_raced", `reservation ${reservation.id} closed inside the apply transaction`);
    }
    const updated = await setStock(ctx.db, ctx.tenantId, {
      locationId: stock.locationId,
      partId: stock.partId,
      quantity: stock.quantity - used,
      reserved: stock.reserved - reservation.quantity,
    });
    return {
      reservationId: reservation.id,
      jobId: reservation.jobRef,
      partId: stock.partId,
      locationId: stock.locationId,
      status: "consumed" as const,
      reservedQuantity: reservation.quantity,
      usedQuantity: used,
      onHand: updated.quantity,
      reserved: updated.reserved,
      available: updated.quantity - updated.reserved,
    };
  },
});
