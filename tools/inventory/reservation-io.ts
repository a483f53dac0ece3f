// Shell helpers for closing a reservation (inventory.release_reservation, inventory.consume_reservation): find the
// open reservation a tech means, inside this tenant, and the stock row it is held on. Refusals are results.
import { z } from "zod";
import {
  getPart,
  getReservation,
  getStock,
  reservationsForJob,
  type StoredReservation,
  type StoredStock,
  truckOf,
} from "../../store/repos/field-repair.ts";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { failure } from "../kernel/index.ts";
import { locationName } from "./stock-view.ts";

/** Name the reservation by its id, or by the job and the part (what a tech says on site). */
export const ReservationRefSchema = z.object({
  reservationId: z.string().min(1).optional().describe("The reservation (from inventory.reserve_part)"),
  jobId: z.string().min(1).optional().describe("With partId: the job the part was reserved for"),
  partId: z.string().min(1).optional().describe("With jobId: the part reserved"),
});
type ReservationRef = z.output<typeof ReservationRefSchema>;

export const NAME_THE_RESERVATION = "Name the reservation (reservationId), or the job and the part (jobId and partId).";

export function namesReservation(ref: ReservationRef): boolean {
  return ref.reservationId !== undefined || (ref.jobId !== undefined && ref.partId !== undefined);
}

export interface OpenReservation {
  reservation: StoredReservation;
  stock: StoredStock;
  sku: string;
  locationName: string;
}

type Refusal = NonNullable<GuardVerdict>;

const CLOSED_WORDS: Readonly<Record<string, string>> = { consumed: "used on the job", released: "released" };

function alreadyClosed(reservation: StoredReservation): Refusal {
  return {
    refuse: failure(
      "duplicate_or_conflict",
      `Reservation ${reservation.id} (job ${reservation.jobRef}) was already ${CLOSED_WORDS[reservation.status] ?? reservation.status}; ` +
        "stock is not changed twice.",
    ),
  };
}

/** The reservations of a job for one part, with their stock rows (the caller's truck first, then oldest first). */
async function forJobAndPart(ctx: ToolContext, jobId: string, partId: string) {
  const truck = ctx.actor.role === "tech" ? await truckOf(ctx.db, ctx.tenantId, ctx.actor.id) : null;
  const found: Array<{ reservation: StoredReservation; stock: StoredStock }> = [];
  for (const reservation of await reservationsForJob(ctx.db, ctx.tenantId, jobId)) {
    const stock = await getStock(ctx.db, ctx.tenantId, reservation.stockId);
    if (stock?.partId === partId) found.push({ reservation, stock });
  }
  return found.sort(
    (a, b) =>
      Number(b.stock.locationId === truck?.id) - Number(a.stock.locationId === truck?.id) ||
      a.reservation.createdAt.localeCompare(b.reservation.createdAt),
  );
}

/**
 * The open reservation the input names and its stock row, or a refusal: not found in this business, already
 * closed (duplicate_or_conflict, so closing twice never moves stock twice), or a stock row that no longer holds it.
 */
export async function openReservationFor(ref: ReservationRef, ctx: ToolContext): Promise<OpenReservation | Refusal> {
  let reservation: StoredReservation | null = null;
  let stock: StoredStock | null = null;
  if (ref.reservationId !== undefined) {
    reservation = await getReservation(ctx.db, ctx.tenantId, ref.reservationId);
    // Another business's reservation is simply not here (no existence leak).
    if (!reservation) return { refuse: failure("not_found", `No reservation ${ref.reservationId} in this business.`) };
    if (ref.jobId !== undefined && ref.jobId !== reservation.jobRef) {
      return {
        refuse: failure(
          "invalid_input",
          `Reservation ${reservation.id} is for job ${reservation.jobRef}, not ${ref.jobId}.`,
        ),
      };
    }
    stock = await getStock(ctx.db, ctx.tenantId, reservation.stockId);
    if (ref.partId !== undefined && stock && stock.partId !== ref.partId) {
      return { refuse: failure("invalid_input", `Reservation ${reservation.id} holds a different part.`) };
    }
  } else if (ref.jobId !== undefined && ref.partId !== undefined) {
    const held = await forJobAndPart(ctx, ref.jobId, ref.partId);
    const open = held.find((h) => h.reservation.status === "reserved");
    if (!open) {
      const closed = held[0];
      if (closed) return alreadyClosed(closed.reservation);
      const part = await getPart(ctx.db, ctx.tenantId, ref.partId);
      return {
        refuse: failure("invalid_input", `Nothing of ${part?.sku ?? ref.partId} is reserved for job ${ref.jobId}.`),
      };
    }
    reservation = open.reservation;
    stock = open.stock;
  } else {
    return { refuse: failure("invalid_input", NAME_THE_RESERVATION) };
  }
  if (reservation.status !== "reserved") return alreadyClosed(reservation);
  if (!stock || stock.reserved < reservation.quantity) {
    return {
      refuse: failure(
        "duplicate_or_conflict",
        `The stock row of reservation ${reservation.id} holds ${stock?.reserved ?? 0} reserved, less than its ` +
          `${reservation.quantity}; count the stock (inventory.count_stock) and re-plan the job.`,
      ),
    };
  }
  const part = await getPart(ctx.db, ctx.tenantId, stock.partId);
  return {
    reservation,
    stock,
    sku: part?.sku ?? stock.partId,
    locationName: await locationName(ctx, stock.locationId),
  };
}

export const ClosedReservationSchema = z.object({
  reservationId: z.string(),
  jobId: z.string(),
  partId: z.string(),
  locationId: z.string(),
  status: z.enum(["released", "consumed"]),
  reservedQuantity: z.number().int(),
  usedQuantity: z.number().int(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
