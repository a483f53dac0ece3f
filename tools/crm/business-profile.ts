// crm.business_profile: the tenant's standalone config, trade terms, branding and policies (GET /api/business-profile.json).
import { z } from "zod";
import { BusinessProfileSchema } from "../../contracts/index.ts";
import { toBusinessProfile } from "../../store/repos/tenants.ts";
import { defineTool } from "../kernel/index.ts";

export const businessProfileTool = defineTool({
  name: "crm.business_profile",
  title: "Business profile",
  description:
    "This business's profile: name, trade pack, approval policy, data source, adapter health, whether writes and " +
    "sends are enabled, rollback note, release-notes rule, incident runbook and data boundary. Read only.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech", "ai_client"],
  input: z.object({}).strict(),
  output: BusinessProfileSchema,
  example: {},
  async run(_input, ctx) {
    return toBusinessProfile(ctx.tenant);
  },
});
