// The repair pack's offline intents: a technician's trouble call by voice — open the call, next step, readings,
// diagnosis, hard stops (first and verbatim), escalation, acknowledgment, close-out and gates. Safety is decided by the
// repair tools; these intents only route the words there and answer from what the tools returned.
import { classifyCall } from "../../../tools/repair/decision-trees.ts";
import { scanForHazards } from "../../../tools/repair/hazards.ts";
import { parseReadings } from "../../../tools/repair/readings.ts";
import {
  callsNewestFirst,
  type IntentContext,
  type IntentPlan,
  type IntentStep,
  notOffered,
  type OfflineIntent,
  resultsOf,
  type ToolOutcome,
} from "./intent.ts";
import type { Utterance } from "./normalize.ts";
import { outcomeSentence } from "./say.ts";
import { rec, str } from "./say-field.ts";
import {
  heardReadings,
  sayDiagnose,
  sayOutcomeStopFirst,
  sayRepairVsReplace,
  sayStop,
  sayTechProfile,
} from "./say-repair.ts";

// --- the open job of this conversation ------------------------------------------------------------------------------

export type JobInHand =
  | { kind: "open"; jobId: string }
  | { kind: "pending"; proposalId: string }
  | { kind: "closed"; jobId: string }
  | { kind: "none" };

function jobIdOf(call: ToolOutcome): string | null {
  const input = str(call.input.jobId);
  if (input && (call.tool.startsWith("repair.") || call.tool.startsWith("inventory."))) return input;
  const proposal = call.result.proposal;
  if (proposal?.tool === "repair.start_call" && proposal.status === "applied") return str(rec(proposal.result).jobId);
  return null;
}

/** The trouble call this conversation is on: the newest job a repair call named or a start_call opened. */
export function jobInHand(ctx: IntentContext): JobInHand {
  for (const call of callsNewestFirst(ctx)) {
    const proposal = call.result.proposal;
    if (proposal?.tool === "repair.start_call" && proposal.status === "pending") {
      return { kind: "pending", proposalId: proposal.id };
    }
    const jobId = jobIdOf(call);
    if (!jobId) continue;
    if (proposal?.tool === "repair.close_job" && proposal.status === "applied") return { kind: "closed", jobId };
    return { kind: "open", jobId };
  }
  return { kind: "none" };
}

/** The answer when a request needs an open call and there is none yet. */
export function noOpenJob(job: JobInHand, what: string): IntentStep {
  if (job.kind === "pending") {
    return {
      say: `The call isn't open yet: ${job.proposalId} is waiting. Say "yes approve that" to open it, then ${what}.`,
    };
  }
  if (job.kind === "closed") {
    return {
      say: `Job ${job.jobId} is closed and its record can't change. To start another, say what's going on, e.g. "new call no heat gas furnace".`,
    };
  }
  return {
    say: `No trouble call is open in this conversation. Say what's going on to open one, e.g. "no heat gas furnace eighty percent", then ${what}.`,
  };
}

/** Newest stop or gate refusal this conversation met: what an escalation or acknowledgment is about. */
function lastStop(ctx: IntentContext): { stopId: string; type: string; reason: string } | null {
  for (const call of callsNewestFirst(ctx)) {
    const stop = call.result.stop;
    if (call.result.status === "stopped" && stop) {
      return { stopId: stop.stopId, type: stop.type, reason: `${stop.message} ${stop.action}` };
    }
  }
  return null;
}

function lastGateRefusal(ctx: IntentContext): string | null {
  for (const call of callsNewestFirst(ctx)) {
    const failure = call.result.failure;
    if (call.tool.startsWith("repair.") && failure?.class === "gate_required") return failure.reason;
  }
  return null;
}

// --- words ----------------------------------------------------------------------------------------------------------

/** Notes, tasks and callbacks belong to the crm pack even when they mention a furnace. */
const CRM_WRITE =
  /^(?:(?:can you|could you|please|go ahead and|i want to|i need to) )*(?:(?:add|put|leave|make|write|log|drop|stick|save) (?:a |an |the )?(?:quick |short |internal )?note\b|note (?:to|on|for)\b|remind me\b|reminder\b|set a reminder\b|remember to\b|(?:create|add|make) a task\b|new task\b|(?:create|schedule|add) a call ?back\b)/;
/** Parts questions belong to the inventory pack. */
const PARTS_TALK =
  /\b(?:do (?:i|we) have|have (?:i|we) got|got any|in stock|on (?:my|the) (?:truck|van)|in the (?:warehouse|shop)|how many|reserve|reserved|reservation|unreserve|release (?:the|that|it|them|my)|set aside|stock|inventory|restock|counted|move \d+)\b/;

/** A salesperson's survey words ("1840 square feet … 100 amp panel", "what would they save with a heat pump"). */
const SALES_TALK =
  /\b(?:square (?:feet|foot)|sq ft|sqft|built (?:in )?\d{4}|amp (?:panel|service)|panel|customer wants|they want|wants (?:lower|to)|survey|proposal|quote|save|savings|payback|utility|utilities|bills?|tier|rebates?|financ\w*|price|cost|how much|seer2?|afue|confirm\w*|suggested)\b/;

export function isCrmWrite(u: Utterance): boolean {
  return CRM_WRITE.test(u.text);
}

const EQUIPMENT =
  /\b(?:(\d+) ?(?:percent|%) )?(?:(propane|natural gas|gas|oil|electric|lp) )?(furnace|boiler|heat ?pump|mini ?split|ac|a c|air conditioner|condenser|water heater|tankless|rooftop unit|rtu)\b/;
const DEFAULT_EQUIPMENT: Readonly<Record<string, string>> = {
  no_heat_gas_furnace: "Gas furnace",
  no_cooling_ac: "AC",
  heat_pump_not_heating: "Heat pump",
  short_cycling: "Furnace",
  water_heater_no_hot_water: "Water heater",
  boiler_no_heat: "Boiler",
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "gas furnace 80 percent" → "Gas furnace, 80%"; falls back to the call type's equipment. */
export function equipmentFrom(text: string): string | null {
  const m = text.match(EQUIPMENT);
  if (m) {
    const fuel = m[2] === "lp" ? "propane" : m[2];
    const kind = (m[3] ?? "").replace(/^a c$/, "AC").replace(/^ac$/, "AC");
    const name = capitalize([fuel, kind].filter(Boolean).join(" "));
    const efficiency = m[1] ?? text.match(/\b(\d{2}) ?(?:percent|%)/)?.[1];
    return efficiency ? `${name}, ${efficiency}%` : name;
  }
  const callType = classifyCall(text);
  return callType ? (DEFAULT_EQUIPMENT[callType] ?? null) : null;
}

const NEW_CALL =
  /^(?:(?:i am |we are |i have |i got |we got |got )?(?:a |another )?)?(?:new call|start (?:a |the |another )?(?:new )?call|open (?:a |another )?(?:new )?(?:call|job|ticket)|next call|new job|start (?:a |the )?job)\b/;
const OBSERVATION =
  /\b(?:inducer|igniter|ignitor|burners?|flame|pilot|pressure switch|limit switch|rollout switch|thermostat|r and w|blower|gas valve|flame sensor|flue|draft|capacitor|contactor|compressor|condenser fan|coil|breaker|fuse|reads?|reading|measur\w*|volts?|amps?|ohms?|psi|microamps?|micro amps?|ppm|degrees|water column|superheat|subcool\w*|walk in|lights?|fires?|runs?|running|spinning)\b/;
const YES_NO = /^(?:yes|yeah|yep|yup|no|nope|nah)\b/;

/** Words a tech says about the call itself: a complaint, an observation, a reading, a yes or no. */
export function isCallTalk(u: Utterance): boolean {
  if (isCrmWrite(u) || PARTS_TALK.test(u.text) || SALES_TALK.test(u.text)) return false;
  if (NEW_CALL.test(u.text) || YES_NO.test(u.text) || classifyCall(u.text) !== null) return true;
  return OBSERVATION.test(u.text) || parseReadings(u.raw).length > 0;
}

// --- plans ----------------------------------------------------------------------------------------------------------

function once(ctx: IntentContext, tool: string): ToolOutcome | undefined {
  return resultsOf(ctx, tool)[0];
}

/** Opens a call from the tech's words (start_call screens them for hard stops before any record exists). */
function planStartCall(ctx: IntentContext): IntentStep {
  const tool = "repair.start_call";
  if (!ctx.offers(tool)) return notOffered(ctx, "open a trouble call");
  const done = once(ctx, tool);
  if (done) {
    if (done.result.status !== "proposed") return { say: sayOutcomeStopFirst(done.result) };
    const heard = parseReadings(ctx.utterance.raw).length > 0;
    return {
      say: `${outcomeSentence(done.result)}\nOnce it's open, say "next step"${
        heard ? "; the reading you gave is recorded after that, so say it again at its step" : ""
      }.`,
    };
  }
  const text = ctx.utterance.text
    .replace(NEW_CALL, "")
    .replace(/^\s*(?:for|at|on)\s+/, "")
    .trim();
  const equipment = equipmentFrom(text);
  if (!equipment || classifyCall(`${text} ${equipment}`) === null) {
    return {
      say: `What kind of call is it? Say it like "no heat gas furnace", "ac not cooling", "heat pump not heating", "short cycling", "no hot water" or "boiler no heat".`,
    };
  }
  return { calls: [{ tool, input: { equipment, complaint: text || ctx.utterance.text } }] };
}

/** A step on the open call: the tech's words go to next_step (screened first); a reading it heard is then recorded. */
function planCallTurn(ctx: IntentContext, jobId: string, message: string | null): IntentStep {
  const next = once(ctx, "repair.next_step");
  if (!next) {
    return { calls: [{ tool: "repair.next_step", input: { jobId, ...(message ? { message } : {}) } }] };
  }
  if (next.result.status === "stopped" && next.result.stop) return { say: sayStop(next.result.stop, next.result.data) };
  if (next.result.status !== "ok") {
    const gate = next.result.failure?.class === "gate_required";
    return {
      say: `${outcomeSentence(next.result)}${gate ? `\nDo not perform it. Say "i'm escalating" to hand it up; your trail is kept.` : ""}`,
    };
  }
  const heard = heardReadings(next.result.data);
  if (heard.length === 0 || !message) {
    const missed =
      message && !/^(?:next|what|where|now)\b/.test(ctx.utterance.text)
        ? "I didn't hear a reading for the step in that. "
        : "";
    return { say: `${missed}${sayDiagnose(next.result.data)}` };
  }
  if (!ctx.offers("repair.record_reading")) {
    return { say: `Heard ${heard.join(", ")}, but your role can't record readings.\n${sayDiagnose(next.result.data)}` };
  }
  const recorded = once(ctx, "repair.record_reading");
  if (!recorded) return { calls: [{ tool: "repair.record_reading", input: { jobId, text: message } }] };
  if (recorded.result.status === "stopped" && recorded.result.stop) {
    return { say: sayStop(recorded.result.stop, recorded.result.data) };
  }
  const saved =
    recorded.result.status === "proposed"
      ? `Heard ${heard.join(", ")}. ${outcomeSentence(recorded.result)}`
      : outcomeSentence(recorded.result);
  return { say: `${saved}\n${sayDiagnose(next.result.data)}` };
}

function withJob(what: string, plan: (ctx: IntentContext, jobId: string) => IntentStep): IntentPlan {
  return (ctx) => {
    const job = jobInHand(ctx);
    if (job.kind !== "open") return noOpenJob(job, what);
    return plan(ctx, job.jobId);
  };
}

/** A write on the open job: call once, answer its outcome (stop first). */
function writeOnJob(ctx: IntentContext, tool: string, input: Record<string, unknown>, after = ""): IntentStep {
  if (!ctx.offers(tool)) return notOffered(ctx, `use ${tool}`);
  const done = once(ctx, tool);
  if (!done) return { calls: [{ tool, input }] };
  return { say: `${sayOutcomeStopFirst(done.result)}${done.result.status === "proposed" ? after : ""}` };
}

// --- intents --------------------------------------------------------------------------------------------------------

const STOP_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:heat exchanger|exchanger|crack\w*|roll ?out|rollout|spillage|impingement)\b/, "cracked_heat_exchanger"],
  [/\b(?:readings?|reconcil\w*|unreconciled|confidence)\b/, "readings_unreconciled"],
  [/\b(?:gas|leak|odor|smell)\b/, "gas_leak"],
  [/\b(?:co|carbon monoxide|alarm|detector)\b/, "co_alarm"],
  [/\b(?:water|flood\w*|standing)\b/, "water_energized"],
];

function stopIdFrom(text: string): string | null {
  return STOP_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

const acknowledge: OfflineIntent = {
  name: "repair.acknowledge_stop",
  help: `acknowledge a conditional stop you're cleared for — "acknowledge the cracked heat exchanger stop"`,
  match(u) {
    if (!/\b(?:acknowledg\w*|ack the|clear (?:the|that) stop)\b/.test(u.text)) return null;
    return withJob("acknowledge the stop", (ctx, jobId) => {
      const stopId = stopIdFrom(u.text.replace(/\bstop\b/g, "")) ?? lastStop(ctx)?.stopId ?? null;
      if (!stopId) return { say: `Which stop? Say e.g. "acknowledge the cracked heat exchanger stop".` };
      return writeOnJob(ctx, "repair.acknowledge_stop", { jobId, stopId });
    });
  },
};

const ESCALATE =
  /\b(?:escalat\w*|kick (?:it|this) up|send (?:it|this) up|hand (?:it|this) (?:off|up)|need (?:a|the) senior)\b/;

const escalate: OfflineIntent = {
  name: "repair.escalate",
  help: `escalate the call with its trail kept — "i'm escalating", "escalate gas smell at the meter"`,
  match(u) {
    if (!ESCALATE.test(u.text) || isCrmWrite(u)) return null;
    return withJob("escalate", (ctx, jobId) => {
      const said = u.text
        .replace(/^.*?\b(?:escalat\w*|kick (?:it|this) up|send (?:it|this) up|hand (?:it|this) (?:off|up))\b/, "")
        .replace(/^\s*(?:it|this|the call|the job|now)?\s*(?:because|cause|since|for|due to|reason is|,)?\s*/, "")
        .trim();
      const stop = lastStop(ctx);
      const reason =
        said.length >= 3
          ? said
          : (stop?.reason ?? lastGateRefusal(ctx) ?? "Tech asked for escalation from the job site");
      const namedStop = stopIdFrom(said);
      const stopId = stop?.stopId ?? (said.length >= 3 && scanForHazards(said).stops.length > 0 ? namedStop : null);
      return writeOnJob(ctx, "repair.escalate", { jobId, reason, ...(stopId ? { stopId } : {}) });
    });
  },
};

const hazard: OfflineIntent = {
  name: "repair.hazard",
  help: `hard stops from your own words — "smells like gas in here", "co detector's going off"`,
  match(u) {
    if (isCrmWrite(u) || scanForHazards(u.raw).stops.length === 0) return null;
    return (ctx) => {
      const job = jobInHand(ctx);
      if (job.kind === "open" && ctx.offers("repair.next_step")) return planCallTurn(ctx, job.jobId, u.raw);
      if (!ctx.offers("repair.screen")) return notOffered(ctx, "screen for hazards");
      const done = once(ctx, "repair.screen");
      if (!done) return { calls: [{ tool: "repair.screen", input: { text: u.raw } }] };
      if (done.result.status !== "ok") return { say: sayOutcomeStopFirst(done.result) };
      const data = rec(done.result.data);
      const stops = Array.isArray(data.stops) ? data.stops.map((s) => rec(s)) : [];
      const first = stops.find((s) => s.type === "universal") ?? stops[0];
      if (!first) return { say: "The hazard screen found no hard stop in those words." };
      return {
        say: sayStop(
          {
            stopId: str(first.stopId) ?? "",
            type: first.type === "conditional" ? "conditional" : "universal",
            message: str(first.message) ?? "",
            action: str(first.action) ?? "",
            clearedBy: { gates: [] },
          },
          { stops, confirm: data.confirm },
        ),
      };
    };
  },
};

const CLOSE =
  /\b(?:close (?:it|this|the job|the call|the ticket|job|call|her|him|that) ?(?:out|up)?|close out(?: the (?:job|call))?|closing (?:it|this|the job|the call|out)(?: out)?|wrap (?:it|this) up|job (?:is )?done|all done here|we are done here|finish(?:ed)? (?:up|the job|the call))\b/;

const closeJob: OfflineIntent = {
  name: "repair.close_job",
  help: `close the call with what you verified — "close it out heat's back ran three cycles"`,
  match(u) {
    if (!CLOSE.test(u.text) || isCrmWrite(u)) return null;
    return withJob("close it out", (ctx, jobId) => {
      const after = u.text.split(CLOSE).at(-1) ?? "";
      const reading = parseReadings(u.raw)[0];
      const reSymptom = after
        .replace(/\breading\b.*$/, "")
        .replace(/^\s*(?:and|so|now|then|because|,)\s+/, "")
        .trim();
      if (reSymptom.length < 2) {
        return {
          say: `What did you verify? Say it with the close, e.g. "close it out heat's back ran three full cycles reading two point six micro amps".`,
        };
      }
      return writeOnJob(ctx, "repair.close_job", {
        jobId,
        reSymptom,
        ...(reading ? { reading: `${reading.value} ${reading.unit}` } : {}),
      });
    });
  },
};

const WHATS_WRONG =
  /\b(?:what is wrong|whats wrong|what is the (?:problem|diagnosis|issue|verdict)|diagnos\w*|what did (?:you|we) find|what do you think it is|what is causing (?:it|this|that)|what is the fix|what is it then)\b/;

const diagnose: OfflineIntent = {
  name: "repair.diagnose",
  help: `where the call stands from its readings — "what's wrong with it"`,
  match(u) {
    if (!WHATS_WRONG.test(u.text) || isCrmWrite(u)) return null;
    return withJob("ask what's wrong", (ctx, jobId) => {
      if (!ctx.offers("repair.diagnose")) return notOffered(ctx, "diagnose calls");
      const done = once(ctx, "repair.diagnose");
      if (!done) return { calls: [{ tool: "repair.diagnose", input: { jobId } }] };
      if (done.result.status === "stopped" && done.result.stop)
        return { say: sayStop(done.result.stop, done.result.data) };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayDiagnose(done.result.data) };
    });
  },
};

const gates: OfflineIntent = {
  name: "repair.get_tech_profile",
  help: `your credentials and gates — "what are my gates"`,
  match(u) {
    const asked =
      /\b(?:my gates|what gates|which gates|my (?:tech )?profile|my credentials|my certs?|my certifications|my cert number|my epa|what am i (?:allowed|cleared|certified|licensed)|what can i work on|my level|do i have (?:the )?(?:[a-z]\d|epa|override))\b/.test(
        u.text,
      );
    if (!asked) return null;
    return (ctx) => {
      if (!ctx.offers("repair.get_tech_profile")) return notOffered(ctx, "show tech profiles");
      const done = once(ctx, "repair.get_tech_profile");
      if (!done) return { calls: [{ tool: "repair.get_tech_profile", input: {} }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayTechProfile(done.result.data) };
    };
  },
};

const repairOrReplace: OfflineIntent = {
  name: "repair.repair_vs_replace",
  help: `repair or replace advice once stops are actioned — "repair or replace it's nineteen years old repair is four hundred"`,
  match(u) {
    if (
      !/\brepair (?:or|vs|versus) replace\b|\bworth (?:fixing|repairing)\b|\bshould (?:they|we|i) replace\b/.test(
        u.text,
      )
    )
      return null;
    const age = u.text.match(/\b(\d{1,2}) ?(?:years?|yrs?)(?: old)?\b/);
    const cost = u.text.match(
      /\b(?:repair (?:is|would be|runs|at|for)|estimate (?:is|of)|quoted?|about) (\d+)\b|\b(\d+) (?:dollars|bucks)\b/,
    );
    return withJob("ask repair or replace", (ctx, jobId) => {
      const tool = "repair.repair_vs_replace";
      if (!ctx.offers(tool)) return notOffered(ctx, "advise on repair or replace");
      const done = once(ctx, tool);
      const dollarsSaid = cost?.[1] ?? cost?.[2];
      if (!done) {
        return {
          calls: [
            {
              tool,
              input: {
                jobId,
                ...(age?.[1] ? { equipmentAgeYears: Number(age[1]) } : {}),
                ...(dollarsSaid ? { repairEstimateDollars: Number(dollarsSaid) } : {}),
              },
            },
          ],
        };
      }
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayRepairVsReplace(done.result.data) };
    });
  },
};

const NEXT =
  /^(?:(?:ok|so|and|alright|right) )*(?:next|next step|next one|what is next|whats next|what next|what now|now what|go on|continue|keep going|where (?:are|were) we|what do i (?:do|check|test|measure)(?: next| now)?|what should i (?:do|check|test|measure)(?: next| now)?|what is the next (?:step|check|thing))(?: please)?$/;

const nextStep: OfflineIntent = {
  name: "repair.next_step",
  help: `the next diagnostic step — "next step", "what do i check now"`,
  match(u) {
    if (!NEXT.test(u.text)) return null;
    return withJob("say next step", (ctx, jobId) => {
      if (!ctx.offers("repair.next_step")) return notOffered(ctx, "guide trouble calls");
      return planCallTurn(ctx, jobId, null);
    });
  },
};

const callTalk: OfflineIntent = {
  name: "repair.call_talk",
  help: `open a call or give a reading — "no heat gas furnace", "flame sensor reading point two micro amps", "yes inducer runs"`,
  match(u) {
    if (!isCallTalk(u)) return null;
    return (ctx) => {
      if (NEW_CALL.test(u.text) || once(ctx, "repair.start_call")) return planStartCall(ctx);
      const job = jobInHand(ctx);
      if (job.kind === "open") {
        if (!ctx.offers("repair.next_step")) return notOffered(ctx, "guide trouble calls");
        return planCallTurn(ctx, job.jobId, u.raw);
      }
      if (job.kind === "pending") return noOpenJob(job, `tell me what you find`);
      if (!ctx.offers("repair.start_call")) return notOffered(ctx, "open a trouble call");
      if (classifyCall(u.text) === null) return noOpenJob(job, "give readings");
      return planStartCall(ctx);
    };
  },
};

/** Priority: acknowledgment and escalation (which name stops) before the hazard screen; the broad call talk last. */
export const repairIntents: readonly OfflineIntent[] = [
  acknowledge,
  escalate,
  hazard,
  closeJob,
  diagnose,
  gates,
  repairOrReplace,
  nextStep,
  callTalk,
];
