// crm.list_customers: the customer hub list (GET /api/customers.json), a page at a time.
import { z } from "zod";
import { CustomerListSchema } from "../../contracts/index.ts";
import { listCustomers } from "../../store/repos/customers.ts";
import { customerSummaries } from "../../store/repos/office.ts";
import { defineTool } from "../kernel/index.ts";

export const listCustomersTool = defineTool({
  name: "crm.list_customers",
  title: "List customers",
  description:
    "Customers in name order, a page at a time, with contact details, city, open opportunities and the last " +
    "contact. For finding one customer use crm.search_customers. Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z
    .object({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() })
    .strict(),
  output: CustomerListSchema,
  example: { offset: 0, limit: 50 },
  async run(input, ctx) {
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    const { rows, total } = await listCustomers(ctx.db, ctx.tenantId, { offset, limit });
    const extra = await customerSummaries(
      ctx.db,
      ctx.tenantId,
      rows.map((r) => r.id),
    );
    return {
      customers: rows.map((c) => ({
        id: c.id,
        name: c.name,
        phone: c.phone,
        email: c.email,
        status: c.status,
        city: extra.cities.get(c.id) ?? null,
        openOpportunities: extra.openOpps.get(c.id) ?? 0,
        lastInteractionAt: extra.lastInteraction.get(c.id) ?? null,
      })),
      total,
      offset,
      limit,
    };
  },
});
