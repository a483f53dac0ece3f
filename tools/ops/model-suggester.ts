// The suggestion engine with a model (Phase 3 §2.2: "uses the AI brain in propose_actions mode"): when the office
// has an advisor (Claude, with a key), it writes the follow-up's title, reasoning and confidence for a trigger.
// Code keeps the tool, the record and the evidence; an unusable answer falls back to the template.
import { z } from "zod";
import type { Advisor } from "../kernel/index.ts";
import type { Suggester } from "./scan.ts";
import { type Suggestion, type TriggerFacts, templateSuggestion } from "./suggest.ts";
import { TRIGGER_LABELS } from "./thresholds.ts";

const AdviceSchema = z.object({
  title: z.string().trim().min(5).max(200),
  reasoning: z.string().trim().min(10).max(600),
  confidence: z.number().min(0).max(1),
});

export function modelSuggester(advisor: Advisor): Suggester {
  return {
    name: advisor.label,
    async suggest(facts: TriggerFacts): Promise<Suggestion | null> {
      const template = templateSuggestion(facts);
      const advice = await advisor.ask({
        task: "ops.suggest",
        instructions:
          "You help a residential heating and plumbing office follow up. Given one trigger the office's watcher " +
          "raised, write the title of one internal follow-up task for the office staff (what to do, plainly), the " +
          "reasoning in one or two sentences citing the facts, and your confidence 0–1 that the task is worth doing. " +
          "Never promise anything to a customer and never include prices beyond the facts. Answer as JSON " +
          '{"title", "reasoning", "confidence"}.',
        // The facts of the trigger only: its type, what it is about and the numbers; no customer contact details.
        facts: {
          trigger: TRIGGER_LABELS[facts.type],
          type: facts.type,
          context: withoutContact(facts.context),
          today: facts.now.toISOString().slice(0, 10),
        },
        schema: AdviceSchema,
      });
      if (!advice.ok) return null;
      return {
        ...template,
        input: { ...template.input, title: advice.value.title },
        reasoning: advice.value.reasoning,
        confidence: Math.round(advice.value.confidence * 100) / 100,
        source: "model",
      };
    },
  };
}

function withoutContact(context: Record<string, unknown>): Record<string, unknown> {
  const { name: _name, ...rest } = context;
  return rest;
}
