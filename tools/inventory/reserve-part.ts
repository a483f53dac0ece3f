// inventory.reserve_part: sets parts aside for a trouble call. Low risk: the tech approves with one tap; the
// preview names the stock row and its version, so a count or move in between makes the apply re-propose.
import { z } from "zod";
import {
  getPart,
  getRepairJob,
  insertReservation,
  listStock,
  setStock,
  type StoredStock,
  truckOf,
} from "../../store/repos/field-repair.ts";
import type { GuardVerdict, ToolContext } from "../kernel/index.ts";
import { defineTool } from "../kernel/index.ts";
import { locationName } from "./stock-view.ts";

const Input = z.object({
  jobId: z.string().min(1),
  partId: z.string().min(1),
  locationId: z.string().min(1).optional(),
  quantity: z.number().int().min(1).max(50).default(1),
});
type Input = z.output<typeof Input>;

/** The stock row to reserve from: the location named, else the caller's truck when it has enough, else the fullest. */
async function sourceFor(input: Input, ctx: ToolContext): Promise<{ row: StoredStock } | NonNullable<GuardVerdict>> {
  const job = await getRepairJob(ctx.db, ctx.tenantId, input.jobId);
  if (job?.status === "closed") {
    return { refuse: { class: "forbidden", reason: `Job ${input.jobId} is closed; parts cannot be reserved for it.` } };
  }
  const rows = (await listStock(ctx.db, ctx.tenantId, { partIds: [input.partId] })).filter(
    (r) => r.quantity - r.reserved >= input.quantity,
  );
  const truck = ctx.actor.role === "tech" ? await truckOf(ctx.db, ctx.tenantId, ctx.actor.id) : null;
  const row = input.locationId
    ? rows.find((r) => r.locationId === input.locationId)
    : (rows.find((r) => r.locationId === truck?.id) ??
      rows.sort((a, b) => b.quantity - b.reserved - (a.quantity - a.reserved))[0]);
  if (!row) {
    const where = input.locationId ? await locationName(ctx, input.locationId) : "any location";
    return {
      refuse: {
        class: "invalid_input",
        reason: `Not enough of that part available at ${where} to reserve ${input.quantity}; check inventory.stock_levels.`,
      },
    };
  }
  return { row };
}

export const reservePartTool = defineTool({
  name: "inventory.reserve_part",
  title: "Reserve a part for a job",
  description:
    "Sets parts aside for a trouble call so nobody else takes them: quantity from a location (default: your own " +
    "truck when it has enough, else the location with the most available). Low-risk proposal the tech approves with " +
    "one tap; the preview shows available before and after. Refused when not enough is available or the job is closed.",
  effect: "write",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: Input,
  output: z.object({
    reservationId: z.string(),
    jobId: z.string(),
    partId: z.string(),
    locationId: z.string(),
    quantity: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
  }),
  refs: { jobId: "repair_job", partId: "part", locationId: "inventory_location" },
  example: { jobId: "rjb_0000000000000000", partId: "prt_0000000000000000", quantity: 1 },
  async guard(input, ctx) {
    const source = await sourceFor(input, ctx);
    return "row" in source ? null : source;
  },
  async preview(input, ctx) {
    const source = await sourceFor(input, ctx);
    if (!("row" in source)) throw new Error("reserve_part preview after a refusal");
    const { row } = source;
    const part = await getPart(ctx.db, ctx.tenantId, input.partId);
    return {
      summary: `Reserve ${input.quantity} × ${part?.sku ?? input.partId} at ${await locationName(ctx, row.locationId)} for job ${input.jobId} (available ${row.quantity - row.reserved} → ${row.quantity - row.reserved - input.quantity})`,
      changes: [
        { entity: "stock", id: row.id, field: "reserved", before: row.reserved, after: row.reserved + input.quantity },
      ],
      basis: [{ entity: "stock", id: row.id, version: row.version }],
    };
  },
  async run(input, ctx) {
    const source = await sourceFor(input, ctx);
    if (!("row" in source)) throw new Error("reserve_part apply after a refusal");
    const { row } = source;
    const updated = await setStock(ctx.db, ctx.tenantId, {
      locationId: row.locationId,
      partId: row.partId,
      quantity: row.quantity,
      reserved: row.reserved + input.quantity,
    });
    const reservation = await insertReservation(ctx.db, ctx.tenantId, {
      stockId: row.id,
      jobRef: input.jobId,
      quantity: input.quantity,
      createdAt: ctx.now.toISOString(),
    });
    return {
      reservationId: reservation.id,
      jobId: input.jobId,
      partId: input.partId,
      locationId: row.locationId,
      quantity: input.quantity,
      reserved: updated.reserved,
      available: updated.quantity - updated.reserved,
    };
  },
});
