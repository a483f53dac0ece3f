// crm.update_customer: change a customer's record. Medium risk: office/admin or the founder approves.
import { z } from "zod";
import { CustomerPatchSchema, CustomerSchema } from "../../contracts/index.ts";
import { getCustomer, updateCustomer } from "../../store/repos/customers.ts";
import { defineTool } from "../kernel/index.ts";

export const updateCustomerTool = defineTool({
  name: "crm.update_customer",
  title: "Update a customer",
  description:
    "Change a customer's name, phone, email, status, opt-outs or tags. Becomes a medium-risk proposal that office " +
    "or the founder approves; the preview shows each field before and after. It never merges customers.",
  effect: "write",
  risk: "medium",
  roles: ["founder", "office", "sales_manager", "salesperson", "ai_client"],
  input: z.object({ customerId: z.string().min(1), patch: CustomerPatchSchema }),
  output: CustomerSchema,
  refs: { customerId: "customer" },
  example: { customerId: "cus_0000000000000000", patch: { phone: "(303) 555-0148" } },
  async preview(input, ctx) {
    const current = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    if (!current) throw new Error("customer vanished between resolve and preview");
    const changes = Object.entries(input.patch).map(([field, after]) => ({
      entity: "customer",
      id: current.id,
      field,
      before: current[field as keyof typeof current] ?? null,
      after,
    }));
    return {
      summary: `Update ${current.name}: ${changes.map((c) => `${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join(", ")}`,
      changes,
      basis: [{ entity: "customer", id: current.id, version: current.version }],
    };
  },
  async run(input, ctx) {
    const updated = await updateCustomer(ctx.db, ctx.tenantId, input.customerId, input.patch, ctx.now.toISOString());
    if (!updated) throw new Error("customer vanished inside the apply transaction");
    return updated;
  },
});
