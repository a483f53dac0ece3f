// Words for the repair pack's offline answers: hard stops first and verbatim, then steps, diagnoses, gates and tech
// profiles, built only from what repair.* returned. A stop is never softened or reworded.
import type { HardStop } from "../../../contracts/index.ts";
import type { KernelOutcome } from "./intent.ts";
import { outcomeSentence } from "./say.ts";
import { arr, list, rec, str } from "./say-field.ts";

const UNIT_WORDS: Readonly<Record<string, string>> = {
  V: "volts",
  A: "amps",
  µA: "microamps",
  psi: "psi",
  "°F": "degrees F",
  in_wc: "inches of water column",
  µF: "microfarads",
  Ω: "ohms",
  ppm: "ppm",
  yes_no: "a yes or no",
};

export function unitWords(unit: string): string {
  return UNIT_WORDS[unit] ?? unit;
}

/**
 * A hard stop as the answer's opening: the tool's own message and action, word for word, before anything else;
 * then what it means and how to escalate.
 */
export function sayStop(stop: HardStop, data?: unknown): string {
  const d = rec(data);
  const lines = [`${stop.message} ${stop.action}.`];
  lines.push(
    stop.type === "universal"
      ? `This is a universal hard stop (${stop.stopId}): no one can override it, from chat or anywhere else.`
      : `This is a conditional hard stop (${stop.stopId}): baseline and mid techs stop here. Only a tech holding ${
          stop.clearedBy.gates.length > 0 ? `gate ${stop.clearedBy.gates.join(" + ")} and ` : ""
        }the conditional override may acknowledge it ("acknowledge the ${stop.stopId.replaceAll("_", " ")} stop").`,
  );
  const others = arr(d.stops)
    .map((s) => rec(s))
    .filter((s) => str(s.stopId) !== null && s.stopId !== stop.stopId)
    .map((s) => `${str(s.message) ?? ""} ${str(s.action) ?? ""}`.trim());
  if (others.length > 0) lines.push(`Also stopped: ${others.join(" ")}`);
  const confirm = arr(d.confirm).flatMap((q) => (typeof q === "string" ? [q] : []));
  if (confirm.length > 0) lines.push(`Confirm: ${confirm.join(" ")}`);
  const next = str(d.next);
  if (next) lines.push(next);
  lines.push(`To escalate with the trail kept, say "i'm escalating".`);
  return lines.join("\n");
}

/** A stopped outcome in words (stop first); any other outcome in the shared words. */
export function sayOutcomeStopFirst(result: KernelOutcome): string {
  if (result.status === "stopped" && result.stop) return sayStop(result.stop, result.data);
  return outcomeSentence(result);
}

function gateWords(gates: unknown): string | null {
  const codes = arr(gates).flatMap((g) => (typeof g === "string" ? [g] : []));
  return codes.length > 0 ? `Needs gate ${codes.join(" + ")}.` : null;
}

/** repair.next_step / repair.diagnose ok data: the step to take or the diagnosis, with cautions and gates. */
export function sayDiagnose(data: unknown): string {
  const d = rec(data);
  const lines: string[] = [];
  const confirm = arr(d.confirm).flatMap((q) => (typeof q === "string" ? [q] : []));
  if (confirm.length > 0) lines.push(`Confirm first: ${confirm.join(" ")}`);
  if (d.kind === "hardstop") {
    const stop = rec(d.hardstop);
    lines.unshift(`${str(stop.message) ?? "Hard stop."} ${str(stop.action) ?? ""}.`.trim());
    return lines.join("\n");
  }
  if (d.kind === "step") {
    const step = rec(d.step);
    const expects = rec(step.expects);
    const unit = str(expects.unit) ?? "";
    lines.push(`Next step: ${str(step.title) ?? str(step.stepId) ?? "the next check"}. ${str(step.how) ?? ""}`.trim());
    const caution = str(step.inlineCaution);
    if (caution) lines.push(`Caution: ${caution}`);
    const gates = gateWords(step.requiresGate);
    if (gates) lines.push(gates);
    lines.push(`Tell me ${unit === "yes_no" ? "yes or no" : `the reading in ${unitWords(unit)}`}.`);
    return lines.join("\n");
  }
  if (d.kind === "diagnosis") {
    const repair = rec(d.repair);
    lines.push(`Diagnosis: ${str(d.diagnosis) ?? "see the job record"}.`);
    const steps = arr(repair.steps).flatMap((s) => (typeof s === "string" ? [s] : []));
    if (steps.length > 0) lines.push(`Repair: ${steps.map((s, i) => `${i + 1}. ${s}`).join(" ")}`);
    const caution = str(repair.inlineCaution);
    if (caution) lines.push(`Caution: ${caution}`);
    const gates = gateWords(repair.requiresGate);
    if (gates) lines.push(gates);
    lines.push(
      `When it's fixed, say "close it out" with what you verified, e.g. "close it out heat's back ran three cycles".`,
    );
    return lines.join("\n");
  }
  return "The call answered in a shape I can't read offline.";
}

/** The readings the tool heard in the tech's words this turn (its `unrecorded` list). */
export function heardReadings(data: unknown): string[] {
  return arr(rec(data).unrecorded).map((r) => {
    const reading = rec(r);
    const value = reading.value;
    const unit = str(reading.unit) ?? "";
    const shown = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
    return `${str(reading.stepId) ?? "reading"} = ${shown}${unit && unit !== "yes_no" ? ` ${unit}` : ""}`;
  });
}

/** repair.get_tech_profile data. */
export function sayTechProfile(data: unknown): string {
  const p = rec(data);
  const gates = arr(p.gates).flatMap((g) => (typeof g === "string" ? [g] : []));
  const numbers = rec(p.credentialNumbers);
  const gateList = gates.map((g) => (str(numbers[g]) ? `${g} (${str(numbers[g])})` : g));
  return [
    `${str(p.name) ?? str(p.techId) ?? "Tech"} (${str(p.techId) ?? "?"}): level ${str(p.level) ?? "unknown"}, EPA ${
      str(p.epaType) ?? "?"
    } cert ${str(p.epaCertNumber) ?? "none on file"}.`,
    gates.length > 0 ? `Gates: ${list(gateList)}.` : "No skill gates beyond the EPA baseline.",
    p.conditionalOverride === true
      ? "You hold the conditional-stop override."
      : "You do not hold the conditional-stop override.",
    "Only the office or the founder can change a profile.",
  ].join(" ");
}

/** repair.repair_vs_replace data. */
export function sayRepairVsReplace(data: unknown): string {
  const d = rec(data);
  const advice = str(d.advice);
  const words =
    advice === "discuss_replacement"
      ? "Worth a replacement conversation."
      : advice === "repair"
        ? "Repair it."
        : "I need more to say.";
  const reasons = arr(d.reasons).flatMap((r) => (typeof r === "string" ? [r] : []));
  const lacks = arr(d.lacks).flatMap((r) => (typeof r === "string" ? [r] : []));
  return [words, ...reasons, lacks.length > 0 ? `Missing: ${lacks.join("; ")}.` : ""].filter(Boolean).join(" ");
}
