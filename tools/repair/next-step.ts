// repair.next_step: the diagnostic loop's turn. The tech's words are screened for hard stops first; then the
// decision tree (or a model's proposal) gives one step or a diagnosis, and code checks it against the tech's gates.
import { z } from "zod";
import { defineTool } from "../kernel/index.ts";
import { evaluateTurn, guardFor, outputFor } from "./loop.ts";
import { DiagnoseOutputSchema, ModelAdviceSchema, ReadingInSchema } from "./schemas.ts";

export const nextStepTool = defineTool({
  name: "repair.next_step",
  title: "Next diagnostic step",
  description:
    "The next move on an open trouble call, from the tech's message (voice-to-text is fine: 'reading point two " +
    "micro amps') and the readings recorded so far. Returns exactly one of the seed's diagnose shapes: a step (what " +
    "to measure, the expected unit, inline caution, required gate) or a diagnosis (repair steps and the gate they " +
    "need). A hazard in the message or the readings comes back as a hard stop (status stopped) before anything " +
    "else; work that needs a gate the tech lacks is refused gate_required with route escalate and the trail kept. " +
    "`model` carries a diagnostic model's advisory proposal, confidence and reported stops: a model can add a stop, " +
    "never lift one, and low confidence stops the job. With an API key and no `model`, Claude proposes once the " +
    "hazard screen has passed (source model); if its answer is unusable the decision tree answers with a note. " +
    "Read only: record readings with repair.record_reading.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder"],
  input: z.object({
    jobId: z.string().min(1),
    message: z.string().min(1).max(4000).optional(),
    readings: z.array(ReadingInSchema).max(20).optional(),
    model: ModelAdviceSchema.optional(),
  }),
  output: DiagnoseOutputSchema,
  refs: { jobId: "repair_job" },
  example: { jobId: "rjb_0000000000000000", message: "ok furnace is short cycling, flame sensor looks dirty" },
  async guard(input, ctx) {
    return guardFor(await evaluateTurn(ctx, input, { consultAdvisor: true }));
  },
  async run(input, ctx) {
    const turn = await evaluateTurn(ctx, input, { consultAdvisor: true });
    if (!("job" in turn)) throw new Error("the turn changed between guard and run");
    return outputFor(turn);
  },
});
