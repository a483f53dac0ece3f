// crm.search_customers: find customers by name, phone, email or id. Read only.
import { z } from "zod";
import { CustomerSchema } from "../../contracts/index.ts";
import { searchCustomers } from "../../store/repos/customers.ts";
import { defineTool } from "../kernel/index.ts";

export const searchCustomersTool = defineTool({
  name: "crm.search_customers",
  title: "Search customers",
  description:
    "Find customers by part of a name, a phone number in any format, an email address or a customer id. " +
    "Use it before acting on a customer the person named. Returns up to `limit` matches; it changes nothing.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z.object({
    query: z.string().trim().min(1, "say what to search for").max(200),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  output: z.object({
    customers: z.array(CustomerSchema.pick({ id: true, name: true, phone: true, email: true, status: true })),
  }),
  example: { query: "rivera", limit: 5 },
  async run(input, ctx) {
    const rows = await searchCustomers(ctx.db, ctx.tenantId, input.query, input.limit ?? 10);
    return { customers: rows.map(({ id, name, phone, email, status }) => ({ id, name, phone, email, status })) };
  },
});
