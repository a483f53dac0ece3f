// repair.set_tech_profile: the office grants or changes a tech's credentials. High risk: the founder approves,
// never the person who asked. Techs are not in `roles`, so no tech can grant themself anything on any channel.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getTechProfile, upsertTechProfile } from "../../store/repos/field-repair.ts";
import { actors } from "../../store/schema.ts";
import { defineTool } from "../kernel/index.ts";
import { TechProfileSchema } from "./schemas.ts";

export const setTechProfileTool = defineTool({
  name: "repair.set_tech_profile",
  title: "Set a tech profile",
  description:
    "Creates or changes a technician's profile: level, EPA 608 type and cert number, skill gates with credential " +
    "numbers, and the conditional-stop override. Becomes a high-risk proposal the founder approves (never the " +
    "requester). Only office and the founder may ask; a tech can never change their own credentials.",
  effect: "write",
  risk: "high",
  roles: ["office", "founder"],
  input: TechProfileSchema,
  output: TechProfileSchema.extend({ version: z.number().int(), updatedAt: z.string() }),
  example: {
    techId: "tech-1",
    name: "Riley Novak",
    level: "mid",
    epaType: "II",
    epaCertNumber: "608-DEMO-0001",
    gates: ["E1"],
    credentialNumbers: { E1: "E1-DEMO-1101" },
    conditionalOverride: false,
  },
  async guard(input, ctx) {
    const [actor] = await ctx.db
      .select({ role: actors.role })
      .from(actors)
      .where(and(eq(actors.tenantId, ctx.tenantId), eq(actors.id, input.techId)))
      .limit(1);
    if (!actor) return { refuse: { class: "not_found", reason: `No staff member ${input.techId} in this business.` } };
    if (actor.role !== "tech") {
      return { refuse: { class: "invalid_input", reason: `${input.techId} is not a technician (${actor.role}).` } };
    }
    const missingNumbers = input.gates.filter((g) => !input.credentialNumbers[g]);
    if (missingNumbers.length > 0) {
      return {
        refuse: {
          class: "invalid_input",
          reason: `Every granted gate needs its credential number on file; missing for ${missingNumbers.join(", ")}.`,
        },
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const current = await getTechProfile(ctx.db, ctx.tenantId, input.techId);
    const fields = [
      "name",
      "level",
      "epaType",
      "epaCertNumber",
      "gates",
      "credentialNumbers",
      "conditionalOverride",
    ] as const;
    const changes = fields
      .map((field) => ({
        entity: "tech_profile",
        id: input.techId,
        field,
        before: current ? current[field] : null,
        after: input[field],
      }))
      .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    return {
      summary: `${current ? "Change" : "Create"} the tech profile of ${input.techId}: ${
        changes.map((c) => `${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join(", ") ||
        "no changes"
      }`,
      changes,
      basis: current ? [{ entity: "tech_profile", id: input.techId, version: current.version }] : [],
    };
  },
  async run(input, ctx) {
    const saved = await upsertTechProfile(
      ctx.db,
      ctx.tenantId,
      { ...input, credentialNumbers: { ...input.credentialNumbers } as Record<string, string> },
      ctx.now.toISOString(),
    );
    return { ...input, version: saved.version, updatedAt: saved.updatedAt };
  },
});
