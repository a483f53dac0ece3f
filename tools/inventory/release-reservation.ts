// inventory.release_reservation: a job was cancelled or the part is not needed — the reserved parts go back to
// available stock. Low risk (one tap); built on the stock row's version, and a reservation is released only once.
import { z } from "zod";
import { closeReservation, setStock } from "../../store/repos/field-repair.ts";
import { defineTool, KernelError } from "../kernel/index.ts";
import {
  ClosedReservationSchema,
  NAME_THE_RESERVATION,
  namesReservation,
  openReservationFor,
  ReservationRefSchema,
} from "./reservation-io.ts";

const Input = ReservationRefSchema.extend({
  reason: z.string().max(300).optional().describe('Why, for the trail: "job cancelled", "customer declined"'),
}).refine(namesReservation, NAME_THE_RESERVATION);

export const releaseReservationTool = defineTool({
  name: "inventory.release_reservation",
  title: "Release a reservation",
  description:
    "Returns parts reserved for a job to available stock (the job was cancelled, or the part is not needed): " +
    "reserved goes down, on-hand stays. Name the reservation by id, or by job and part. Low-risk proposal approved " +
    "with one tap; the preview shows reserved and available before and after. Refused when the reservation was " +
    "already released or used (duplicate_or_conflict). To record a part used on the job, use " +
    "inventory.consume_reservation instead.",
  effect: "write",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: Input,
  output: ClosedReservationSchema,
  refs: { jobId: "repair_job", partId: "part" },
  example: { jobId: "rjb_0000000000000000", partId: "prt_0000000000000000", reason: "job cancelled" },
  async guard(input, ctx) {
    const open = await openReservationFor(input, ctx);
    return "reservation" in open ? null : open;
  },
  async preview(input, ctx) {
    const open = await openReservationFor(input, ctx);
    if (!("reservation" in open)) throw new KernelError("reservation_refused", "release preview after a refusal");
    const { reservation, stock } = open;
    const reservedAfter = stock.reserved - reservation.quantity;
    return {
      summary:
        `Release ${reservation.quantity} × ${open.sku} at ${open.locationName} reserved for job ${reservation.jobRef}` +
        ` (available ${stock.quantity - stock.reserved} → ${stock.quantity - reservedAfter})` +
        (input.reason ? `: ${input.reason}` : ""),
      changes: [
        { entity: "stock", id: stock.id, field: "reserved", before: stock.reserved, after: reservedAfter },
        { entity: "reservation", id: reservation.id, field: "status", before: "reserved", after: "released" },
      ],
      basis: [{ entity: "stock", id: stock.id, version: stock.version }],
    };
  },
  async run(input, ctx) {
    const open = await openReservationFor(input, ctx);
    if (!("reservation" in open)) throw new KernelError("reservation_refused", "release apply after a refusal");
    const { reservation, stock } = open;
    if (!(await closeReservation(ctx.db, ctx.tenantId, reservation.id, "released"))) {
      throw new KernelError("reservation_raced", `reservation ${reservation.id} closed inside the apply transaction`);
    }
    const updated = await setStock(ctx.db, ctx.tenantId, {
      locationId: stock.locationId,
      partId: stock.partId,
      quantity: stock.quantity,
      reserved: stock.reserved - reservation.quantity,
    });
    return {
      reservationId: reservation.id,
      jobId: reservation.jobRef,
      partId: stock.partId,
      locationId: stock.locationId,
      status: "released" as const,
      reservedQuantity: reservation.quantity,
      usedQuantity: 0,
      onHand: updated.quantity,
      reserved: updated.reserved,
      available: updated.quantity - updated.reserved,
    };
  },
});
