// repair.get_tech_profile: a tech's credentials (level, EPA type, gates, override). A tech sees only their own.
import { z } from "zod";
import { getTechProfile } from "../../store/repos/field-repair.ts";
import { defineTool } from "../kernel/index.ts";
import { TechProfileSchema } from "./schemas.ts";

export const getTechProfileTool = defineTool({
  name: "repair.get_tech_profile",
  title: "Tech profile",
  description:
    "Shows a technician's profile: level, EPA 608 type and cert number, admin-granted skill gates (E1, G1, HP, …) " +
    "with credential numbers, and whether they hold the conditional-stop override. A tech gets their own profile " +
    "(leave techId out); office and the founder may name any tech. Read only; profiles change only through " +
    "repair.set_tech_profile.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: z.object({ techId: z.string().min(1).optional() }),
  output: TechProfileSchema.extend({ version: z.number().int(), updatedAt: z.string() }),
  refs: { techId: "tech_profile" },
  example: { techId: "tech-2" },
  async guard(input, ctx) {
    const techId = input.techId ?? (ctx.actor.role === "tech" ? ctx.actor.id : null);
    if (techId === null) {
      return { refuse: { class: "invalid_input", reason: "Say which tech's profile to show (techId)." } };
    }
    if (ctx.actor.role === "tech" && techId !== ctx.actor.id) {
      return { refuse: { class: "forbidden", reason: "A tech may see only their own profile." } };
    }
    if (!(await getTechProfile(ctx.db, ctx.tenantId, techId))) {
      return { refuse: { class: "not_found", reason: `No tech profile for ${techId}; the office sets profiles.` } };
    }
    return null;
  },
  async run(input, ctx) {
    const profile = await getTechProfile(ctx.db, ctx.tenantId, input.techId ?? ctx.actor.id);
    if (!profile) throw new Error("tech profile vanished between guard and read");
    return profile as z.input<typeof TechProfileSchema> & { version: number; updatedAt: string };
  },
});
