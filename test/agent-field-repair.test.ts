// A technician's trouble call by chat with the offline model, voice-to-text style: a whole "no heat" call as tech-2
// ending in a closed job record with its trail, a gas smell mid-call that stops first and verbatim, gates and parts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentDeps, type AgentSession, openSession, runTurn, type TurnCall } from "../agent/index.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";

let office: TestOffice;
let deps: AgentDeps;

beforeEach(async () => {
  office = await makeOffice();
  deps = { store: office.store, kernel: office.kernel, primary: null };
});
afterEach(() => office.close());

function session(actorId: string): Promise<AgentSession> {
  return openSession(deps, { tenantId: "demo", actorId, channel: "web", mode: "propose_actions" });
}

function callOf(calls: TurnCall[], tool: string): TurnCall {
  const found = calls.find((c) => c.tool === tool);
  if (!found) throw new Error(`no ${tool} call in ${JSON.stringify(calls.map((c) => c.tool))}`);
  return found;
}

type JobView = {
  jobId: string;
  status: string;
  record: {
    diagnosticTrail: Array<{ stepId: string; value: unknown; unit: string; time: string }>;
    diagnosis: string | null;
    closedAt: string | null;
    verify: { reSymptom: string | null; reading: string | null };
    stamps: { techId: string; epaCertNumber: string };
  };
};

/** Says something and approves the low-risk proposal it made with "yes approve that"; returns both turns. */
async function sayAndApprove(s: AgentSession, words: string) {
  const said = await runTurn(deps, s, words);
  const proposed = said.calls.find((c) => c.status === "proposed");
  if (!proposed) throw new Error(`"${words}" proposed nothing: ${said.text}`);
  const approved = await runTurn(deps, s, "yes approve that");
  const decide = callOf(approved.calls, "kernel.decide");
  expect(decide.status, approved.text).toBe("ok");
  return { said, approved, data: decide.data };
}

async function openNoHeat(s: AgentSession): Promise<string> {
  const { said, data } = await sayAndApprove(
    s,
    "ok so uh got a no heat call gas furnace eighty percent single stage no heat since this morning",
  );
  expect(callOf(said.calls, "repair.start_call").status).toBe("proposed");
  return (data as JobView).jobId;
}

describe("a whole no-heat call by chat as tech-2 (mid tech)", () => {
  it("opens, walks every step by voice, diagnoses and closes the job with its trail", async () => {
    const s = await session("tech-2");
    const jobId = await openNoHeat(s);
    expect(jobId).toMatch(/^rjb_/);

    const first = await runTurn(deps, s, "uh next step");
    expect(callOf(first.calls, "repair.next_step")).toMatchObject({ status: "ok", input: { jobId } });
    expect(first.text).toMatch(/^Next step: /);

    const readings: Array<[string, string]> = [
      ["co reads zero ppm on walk in", "walkin_co"],
      ["no gas smell", "gas_odor"],
      ["twenty four volts at r and w", "thermostat_call"],
      ["yes inducer runs", "inducer_runs"],
      ["zero volts across the switch", "pressure_switch_volts"],
      ["igniter reads sixty two ohms", "igniter_ohms"],
      ["yeah burners light", "burner_lights"],
      [
        "ok so the furnace is short cycling uh flame sensor looks dirty reading point two micro amps",
        "flame_sensor_microamps",
      ],
    ];
    for (const [words, stepId] of readings) {
      const { said } = await sayAndApprove(s, words);
      expect(callOf(said.calls, "repair.next_step").status, said.text).toBe("ok");
      const recorded = callOf(said.calls, "repair.record_reading");
      expect(recorded.proposal?.preview.summary, said.text).toContain(stepId);
    }

    const wrong = await runTurn(deps, s, "so what's wrong with it");
    expect(callOf(wrong.calls, "repair.diagnose").status).toBe("ok");
    expect(wrong.text).toMatch(/^Diagnosis: .*[Dd]irty flame sensor/);

    const { said: closing, data } = await sayAndApprove(
      s,
      "ok close it out heat is back on ran three full cycles reading two point six micro amps",
    );
    expect(callOf(closing.calls, "repair.close_job").input).toMatchObject({ jobId, reading: "2.6 µA" });
    const closed = data as JobView;
    expect(closed.status).toBe("closed");
    expect(closed.record.closedAt).not.toBeNull();
    expect(closed.record.diagnosis).toMatch(/[Dd]irty flame sensor/);
    expect(closed.record.stamps).toMatchObject({ techId: "tech-2", epaCertNumber: "608-DEMO-0002" });
    expect(closed.record.verify.reSymptom).toContain("heat is back on");
    expect(closed.record.diagnosticTrail.map((t) => t.stepId)).toEqual(readings.map(([, stepId]) => stepId));
    expect(closed.record.diagnosticTrail.at(-1)).toMatchObject({ value: 0.2, unit: "µA" });
    expect(closed.record.diagnosticTrail.find((t) => t.stepId === "thermostat_call")).toMatchObject({
      value: 24,
      unit: "V",
    });

    // The closed record is immutable, and the conversation knows the call is over.
    const after = await runTurn(deps, s, "next step");
    expect(after.calls).toHaveLength(0);
    expect(after.text).toMatch(/closed/);
  });
});

/** The answer opens with the stop: the tool's own message and action, before anything else (a "HARD STOP." cue may lead). */
function opensWithStop(text: string, stop: { message: string; action: string } | undefined): boolean {
  return stop !== undefined && text.replace(/^HARD STOP\.?\s*/, "").startsWith(`${stop.message} ${stop.action}`);
}

describe("'smells like gas in here' mid-call", () => {
  it("comes back stopped and the answer opens with the tool's stop message and action, word for word", async () => {
    const s = await session("tech-2");
    const jobId = await openNoHeat(s);
    await runTurn(deps, s, "next step");
    const turn = await runTurn(deps, s, "smells like gas in here");
    const stopped = turn.calls.find((c) => c.status === "stopped");
    expect(stopped?.stop?.stopId).toBe("gas_leak");
    expect(stopped?.stop?.action).toBe("Stop, ventilate, shut gas, escalate — no override");
    expect(opensWithStop(turn.text, stopped?.stop), turn.text).toBe(true);
    expect(turn.calls.some((c) => c.tool === "repair.record_reading")).toBe(false);

    // "i'm escalating" escalates the open job, naming the stop; the trail is kept.
    const { said, data } = await sayAndApprove(s, "ok i'm escalating");
    expect(callOf(said.calls, "repair.escalate").input).toMatchObject({ jobId, stopId: "gas_leak" });
    expect((data as JobView).status).toBe("escalated");
    // A universal stop is never acknowledged away.
    const ack = await runTurn(deps, s, "acknowledge that stop");
    expect(callOf(ack.calls, "repair.acknowledge_stop").status).toBe("refused");
    expect(ack.text).toMatch(/universal stop/);
  });

  it("with no call open, the hazard still stops first", async () => {
    const s = await session("tech-2");
    const turn = await runTurn(deps, s, "uh the co detector is going off in the basement");
    const stopped = turn.calls.find((c) => c.status === "stopped");
    expect(stopped?.stop?.stopId).toBe("co_alarm");
    expect(opensWithStop(turn.text, stopped?.stop), turn.text).toBe(true);
  });

  it("a conditional stop a mid tech cannot clear: acknowledging is refused with the reason", async () => {
    const s = await session("tech-2");
    await openNoHeat(s);
    const turn = await runTurn(deps, s, "there's a crack in the heat exchanger");
    expect(turn.calls.find((c) => c.status === "stopped")?.stop?.stopId).toBe("cracked_heat_exchanger");
    const ack = await runTurn(deps, s, "acknowledge that stop");
    expect(callOf(ack.calls, "repair.acknowledge_stop")).toMatchObject({
      status: "refused",
      input: { stopId: "cracked_heat_exchanger" },
    });
    expect(ack.text).toMatch(/may not clear cracked_heat_exchanger/);
  });
});

describe("a tech's other questions", () => {
  it("'what are my gates' shows the tech's own profile from the tool", async () => {
    const s = await session("tech-2");
    const turn = await runTurn(deps, s, "what are my gates");
    const profile = callOf(turn.calls, "repair.get_tech_profile");
    expect(profile.status).toBe("ok");
    expect(turn.text).toContain("608-DEMO-0002");
    expect(turn.text).toContain((profile.data as { level: string }).level);
  });

  it("'do i have a 45/5 capacitor on my truck' searches parts; 'reserve one for this job' proposes a reservation", async () => {
    const s = await session("tech-2");
    const jobId = await openNoHeat(s);
    const search = await runTurn(deps, s, "do i have a 45/5 capacitor on my truck");
    const found = callOf(search.calls, "inventory.search_parts");
    expect(found.status).toBe("ok");
    expect(search.text.split("\n")[0]).toBe((found.data as { answer: string }).answer);
    const reserve = await runTurn(deps, s, "reserve one for this job");
    const proposed = callOf(reserve.calls, "inventory.reserve_part");
    expect(proposed.status, reserve.text).toBe("proposed");
    expect(proposed.input).toMatchObject({ jobId, quantity: 1 });
  });

  it("'how many flame sensors in the warehouse' answers from stock levels, warehouse lines only", async () => {
    const s = await session("tech-2");
    const turn = await runTurn(deps, s, "how many flame sensors in the warehouse");
    expect(callOf(turn.calls, "inventory.search_parts").status).toBe("ok");
    const levels = turn.calls.filter((c) => c.tool === "inventory.stock_levels");
    expect(levels.length).toBeGreaterThan(0);
    const lines = levels.flatMap(
      (c) => (c.data as { lines: Array<{ locationKind: string; locationName: string; quantity: number }> }).lines,
    );
    const warehouse = lines.find((l) => l.locationKind === "warehouse");
    expect(warehouse).toBeDefined();
    expect(turn.text).toContain(`${warehouse?.quantity} at ${warehouse?.locationName}`);
    for (const truck of lines.filter((l) => l.locationKind === "truck"))
      expect(turn.text).not.toContain(truck.locationName);
  });
});

describe("acting on a stop is not a new stop", () => {
  it("an escalation naming the hazard reaches the tools, a universal stop cannot be acknowledged past, a conditional one can be", async () => {
    const { makeOffice } = await import("./helpers.ts");
    const { createAgent } = await import("../agent/index.ts");
    const office = await makeOffice();
    const agent = createAgent({ store: office.store, kernel: office.kernel, primary: null });
    const session = await agent.openSession({
      tenantId: "demo",
      actorId: "tech-3",
      channel: "web",
      mode: "propose_actions",
      threadRef: "ack",
    });
    const gas = await agent.runTurn(session, "acknowledge the gas smell stop");
    expect(gas.text).toMatch(/^HARD STOP/);
    const hx = await agent.runTurn(session, "acknowledge the cracked heat exchanger stop");
    expect(hx.text).not.toMatch(/^HARD STOP/);
    const escalate = await agent.runTurn(session, "escalate, gas smell at the meter");
    expect(escalate.text).not.toMatch(/^HARD STOP/);
    office.close();
  });
});
