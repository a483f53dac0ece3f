// repair.start_call: opens a trouble call (the §07 job record) for the tech asking. Low risk: the tech approves it
// with one tap; the complaint is screened for hard stops before any record exists.
import { z } from "zod";
import { getCustomer } from "../../store/repos/customers.ts";
import { insertRepairJob, newFieldId } from "../../store/repos/field-repair.ts";
import { defineTool } from "../kernel/index.ts";
import { CALL_TYPES, classifyCall } from "./decision-trees.ts";
import { scanForHazards } from "./hazards.ts";
import { fuelOf, loadTech, viewOf } from "./job-access.ts";
import { createJobRecord } from "./job-record.ts";
import { RepairJobViewSchema } from "./schemas.ts";

const Input = z.object({
  customerId: z.string().min(1).optional(),
  equipment: z.string().min(1).max(300),
  complaint: z.string().min(1).max(1000),
  callType: z.enum(CALL_TYPES).optional(),
});

function callTypeOf(input: z.output<typeof Input>) {
  return input.callType ?? classifyCall(`${input.complaint} ${input.equipment}`);
}

export const startCallTool = defineTool({
  name: "repair.start_call",
  title: "Start a trouble call",
  description:
    "Opens a trouble call for the technician asking: equipment, the complaint as the customer reported it, and " +
    "optionally the customer. The call type (no heat gas furnace, no cooling AC, heat pump not heating, short " +
    "cycling, water heater no hot water, boiler no heat) is read from the complaint unless given. Low risk: the tech " +
    "approves it with one tap, then uses repair.next_step. A complaint that names a hazard (gas smell, CO alarm, " +
    "water on energized equipment) is stopped before any record is made.",
  effect: "write",
  risk: "low",
  roles: ["tech"],
  input: Input,
  output: RepairJobViewSchema,
  refs: { customerId: "customer" },
  example: { equipment: "Gas furnace, 80% single stage", complaint: "No heat since this morning" },
  async guard(input, ctx) {
    const scan = scanForHazards(`${input.complaint}. ${input.equipment}`);
    const primary = scan.stops.find((s) => s.type === "universal") ?? scan.stops[0];
    if (primary) {
      return {
        stop: primary,
        data: {
          kind: "hardstop",
          hardstop: primary,
          stops: scan.stops,
          confirm: scan.confirm,
          route: "escalate",
          next: "Make the site safe as the stop says, then call the office: they escalate and open the call.",
        },
      };
    }
    if (!(await loadTech(ctx, ctx.actor.id))) {
      return {
        refuse: {
          class: "gate_required",
          reason: `${ctx.actor.id} has no tech profile on file; the office must set one before diagnostic work.`,
        },
      };
    }
    if (callTypeOf(input) === null) {
      return {
        refuse: {
          class: "invalid_input",
          reason: `I could not tell the kind of call from "${input.complaint}". Say it as one of: ${CALL_TYPES.join(", ")}.`,
        },
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const customer = input.customerId ? await getCustomer(ctx.db, ctx.tenantId, input.customerId) : null;
    return {
      summary: `Open a ${callTypeOf(input)?.replaceAll("_", " ")} call for ${ctx.actor.id}${
        customer ? ` at ${customer.name}` : ""
      }: "${input.complaint}" on ${input.equipment}`,
      changes: [
        { entity: "repair_job", id: null, field: "complaint", before: null, after: input.complaint },
        { entity: "repair_job", id: null, field: "equipment", before: null, after: input.equipment },
      ],
      basis: [],
    };
  },
  async run(input, ctx) {
    const tech = await loadTech(ctx, ctx.actor.id);
    if (!tech) throw new Error("tech profile vanished inside the apply transaction");
    const jobId = newFieldId("rjb");
    const at = ctx.now.toISOString();
    const record = createJobRecord({ jobId, tech, equipment: input.equipment, complaint: input.complaint, at });
    const fuel = fuelOf(input.equipment);
    const row = await insertRepairJob(ctx.db, ctx.tenantId, {
      id: jobId,
      techId: tech.techId,
      customerId: input.customerId ?? null,
      callType: callTypeOf(input),
      equipment: { description: input.equipment, ...(fuel ? { fuel } : {}) },
      record: { job: record, stopLog: [] },
      openedAt: at,
    });
    return viewOf(row);
  },
});
