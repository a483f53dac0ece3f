// survey.size_home: the sizing heuristic (Field Engineer §08) as a tool — a cross-check, never a Manual J.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { sizeHome } from "./sizing.ts";
import { SURVEY_ROLES } from "./survey-io.ts";

export const sizeHomeTool = defineTool({
  name: "survey.size_home",
  title: "Size a home (heuristic)",
  description:
    "Estimates cooling tons (sq ft ÷ 500, ×1.15 before 1980, ×0.90 after 2010, rounded to 0.5, 1.5–5 tons) and a " +
    "heating band (sq ft × 35 to × 45 BTU). Use it to cross-check installed equipment during a survey. It is not a " +
    "Manual J load calculation: a 1+ ton disagreement with the installed tonnage, or missing/suspect square footage, " +
    "returns verifySizing=true ('office to verify sizing') with the reasons instead of a confident number. Reads nothing.",
  effect: "read",
  risk: "low",
  roles: [...SURVEY_ROLES, "tech", "ai_client"],
  input: z.object({
    sqft: z.number().positive().nullable().describe("Conditioned square footage; null when unknown"),
    yearBuilt: z.number().int().nullable().describe("Year the home was built; null when unknown"),
    installedTons: z
      .number()
      .positive()
      .max(25)
      .nullable()
      .optional()
      .describe("Nameplate tonnage of the installed AC or heat pump"),
  }),
  output: z.object({
    coolingTons: z.number().nullable(),
    heatingBtu: z.object({ low: z.number(), high: z.number() }).nullable(),
    verifySizing: z.boolean(),
    reasons: z.array(z.string()),
  }),
  example: { sqft: 2000, yearBuilt: 1975 },
  async run(input) {
    return sizeHome({ sqft: input.sqft, yearBuilt: input.yearBuilt, installedTons: input.installedTons ?? null });
  },
});
