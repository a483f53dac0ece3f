// repair.screen: the hazard detector alone on one message — the same answer as `office repair screen`.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { scanForHazards } from "./hazards.ts";
import { HardStopOutSchema } from "./schemas.ts";

export const screenTool = defineTool({
  name: "repair.screen",
  title: "Screen words for hard stops",
  description:
    "Runs the repair hazard screen on one message in a technician's own (voice-to-text) words and returns the hard " +
    "stops it finds (gas odor or leak, active CO alarm, standing water with power on — universal; cracked heat " +
    "exchanger or rollout, readings that don't reconcile — conditional) and the questions to confirm when a hazard " +
    "was negated or resolved. Read only: it records nothing and clears nothing.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder", "sales_manager", "salesperson"],
  input: z.object({ text: z.string().min(1).max(4000) }),
  output: z.object({ stops: z.array(HardStopOutSchema), confirm: z.array(z.string()) }),
  example: { text: "ok so the furnace is short cycling uh flame sensor looks dirty reading point two micro amps" },
  // Field Engineer §10: a hazard in the words stops the job, whoever asked; universal stops come first.
  async guard(input) {
    const found = scanForHazards(input.text);
    const first = found.stops.find((s) => s.type === "universal") ?? found.stops[0];
    return first ? { stop: first, data: found } : null;
  },
  async run(input) {
    return scanForHazards(input.text);
  },
});
