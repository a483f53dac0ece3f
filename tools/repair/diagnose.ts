// repair.diagnose: where the job stands from its recorded trail alone — a step, a diagnosis or a hard stop.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { evaluateTurn, guardFor, outputFor } from "./loop.ts";
import { DiagnoseOutputSchema, ModelAdviceSchema } from "./schemas.ts";

export const diagnoseTool = defineTool({
  name: "repair.diagnose",
  title: "Diagnose the call so far",
  description:
    "Evaluates a trouble call from the readings recorded on it (no new message) and returns one of the seed's " +
    "diagnose shapes: the step still needed, the diagnosis with its repair and required gate, or a hard stop " +
    "(status stopped). A diagnosis whose repair needs a gate the tech lacks is refused gate_required, route " +
    "escalate, trail kept. `model` may carry a model's advisory result; with an API key and no `model`, Claude " +
    "proposes (after the hazard screen) and an unusable answer falls back to the decision tree with a note. Code " +
    "still decides stops and gates. Read only.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: z.object({ jobId: z.string().min(1), model: ModelAdviceSchema.optional() }),
  output: DiagnoseOutputSchema,
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000" },
  async guard(input, ctx) {
    return guardFor(await evaluateTurn(ctx, input, { consultAdvisor: true }));
  },
  async run(input, ctx) {
    const turn = await evaluateTurn(ctx, input, { consultAdvisor: true });
    if (!("job" in turn)) throw new Error("the turn changed between guard and run");
    return outputFor(turn);
  },
});
