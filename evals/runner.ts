// Runs scenarios through the real agent loop and kernel on a private in-memory office, and scores each one.
import { createAgent, type TurnCall, type TurnResult } from "../agent/index.ts";
import { type Office, openOffice } from "../server/office.ts";
import { rawAll } from "../store/raw.ts";
import type { ExpectedCall, Scenario } from "./scenario.ts";

export const EVAL_NOW = new Date("2026-11-23T16:00:00.000Z");

export interface ScenarioResult {
  id: string;
  pack: string;
  voice: boolean;
  passed: boolean;
  problems: string[];
  text: string;
  calls: Array<Pick<TurnCall, "tool" | "status" | "input">>;
}

export interface PackScore {
  pack: string;
  passed: number;
  total: number;
  passRate: number;
}

interface Subject {
  customer: string;
  first: string;
  last: string;
  phone: string;
  phoneWords: string;
}

const DIGIT_WORDS = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** A demo customer whose surname is unique, so "pull up the <last> account" has one right answer. */
async function pickSubject(office: Office): Promise<Subject> {
  const rows = await rawAll<{ name: string; phone: string }>(
    office.store.db,
    "SELECT name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id",
  );
  const lastCounts = new Map<string, number>();
  for (const r of rows) {
    const last = r.name.split(" ").pop() ?? "";
    lastCounts.set(last, (lastCounts.get(last) ?? 0) + 1);
  }
  const phoneCounts = new Map<string, number>();
  for (const r of rows) {
    const d = r.phone.replace(/\D/g, "").slice(-10);
    phoneCounts.set(d, (phoneCounts.get(d) ?? 0) + 1);
  }
  const chosen =
    rows.find((r) => {
      const parts = r.name.split(" ");
      const digits = r.phone.replace(/\D/g, "").slice(-10);
      return parts.length === 2 && lastCounts.get(parts[1] ?? "") === 1 && phoneCounts.get(digits) === 1;
    }) ?? rows[0];
  if (!chosen) throw new Error("the demo business has no customers");
  const [first = "", last = ""] = chosen.name.split(" ");
  const digits = chosen.phone.replace(/\D/g, "").slice(-10);
  return {
    customer: chosen.name,
    first,
    last,
    phone: chosen.phone,
    phoneWords: [...digits].map((d) => DIGIT_WORDS[Number(d)]).join(" "),
  };
}

function fill(text: string, subject: Subject, pending: string | null): string {
  return text
    .replaceAll("{customer}", subject.customer)
    .replaceAll("{first}", subject.first)
    .replaceAll("{last}", subject.last)
    .replaceAll("{phoneWords}", subject.phoneWords)
    .replaceAll("{phone}", subject.phone)
    .replaceAll("{pendingWords}", pending ? `p ${pending.slice(2)}` : "p 0")
    .replaceAll("{pending}", pending ?? "P-0");
}

function matchesInput(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== "object") {
    if (typeof expected === "string" && typeof actual === "string")
      return actual.toLowerCase() === expected.toLowerCase();
    return actual === expected;
  }
  if (actual === null || typeof actual !== "object") return false;
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) =>
    matchesInput((actual as Record<string, unknown>)[k], v),
  );
}

function findCall(calls: TurnCall[], want: ExpectedCall): boolean {
  return calls.some(
    (c) =>
      c.tool === want.tool &&
      (want.status === undefined || c.status === want.status) &&
      (want.input === undefined || matchesInput(c.input, want.input)),
  );
}

function score(scenario: Scenario, turn: TurnResult, subject: Subject, pending: string | null): string[] {
  const problems: string[] = [];
  const { expect: want } = scenario;
  for (const call of want.calls ?? []) {
    if (!findCall(turn.calls, call))
      problems.push(`missing call ${call.tool}${call.status ? ` (${call.status})` : ""}`);
  }
  const last = turn.calls.at(-1);
  if (want.outcome && last?.status !== want.outcome)
    problems.push(`outcome ${last?.status ?? "none"}, wanted ${want.outcome}`);
  for (const tool of want.forbidden ?? []) {
    if (turn.calls.some((c) => c.tool === tool && c.status !== "refused")) problems.push(`forbidden call ${tool} ran`);
  }
  const text = turn.text.toLowerCase();
  for (const word of want.says ?? []) {
    if (!text.includes(fill(word, subject, pending).toLowerCase())) problems.push(`answer lacks "${word}"`);
  }
  for (const word of want.never ?? []) {
    if (text.includes(word.toLowerCase())) problems.push(`answer contains "${word}"`);
  }
  return problems;
}

/** Runs every scenario on one office (each in its own conversation thread) and scores it. */
export async function runScenarios(
  scenarios: readonly Scenario[],
  options: { model?: "offline" | "claude" } = {},
): Promise<{ results: ScenarioResult[]; packs: PackScore[]; passRate: number }> {
  const office = await openOffice({ path: ":memory:", clock: () => EVAL_NOW, demoActivity: true });
  try {
    const agent = createAgent({
      store: office.store,
      kernel: office.kernel,
      ...(options.model === "claude" ? {} : { primary: null }),
    });
    const subject = await pickSubject(office);
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const threadRef = `eval:${scenario.id}`;
      let pending: string | null = null;
      let turn: TurnResult | null = null;
      try {
        for (const before of scenario.before ?? []) {
          const session = await agent.openSession({
            tenantId: "demo",
            actorId: before.actor ?? scenario.actor,
            channel: scenario.channel ?? "web",
            mode: "propose_actions",
            threadRef,
          });
          const earlier = await agent.runTurn(session, fill(before.say, subject, pending));
          pending = earlier.calls.findLast((c) => c.proposal)?.proposal?.id ?? pending;
        }
        const session = await agent.openSession({
          tenantId: "demo",
          actorId: scenario.actor,
          channel: scenario.channel ?? "web",
          mode: scenario.mode ?? "propose_actions",
          threadRef,
        });
        turn = await agent.runTurn(session, fill(scenario.say, subject, pending));
        const problems = score(scenario, turn, subject, pending);
        results.push({
          id: scenario.id,
          pack: scenario.pack,
          voice: scenario.voice ?? false,
          passed: problems.length === 0,
          problems,
          text: turn.text,
          calls: turn.calls.map(({ tool, status, input }) => ({ tool, status, input })),
        });
      } catch (error) {
        results.push({
          id: scenario.id,
          pack: scenario.pack,
          voice: scenario.voice ?? false,
          passed: false,
          problems: [`threw: ${(error as Error).message}`],
          text: turn?.text ?? "",
          calls: [],
        });
      }
    }
    const packs = [...new Set(results.map((r) => r.pack))].map((pack) => {
      const mine = results.filter((r) => r.pack === pack);
      const passed = mine.filter((r) => r.passed).length;
      return { pack, passed, total: mine.length, passRate: passed / mine.length };
    });
    const passRate = results.filter((r) => r.passed).length / Math.max(1, results.length);
    return { results, packs, passRate };
  } finally {
    office.close();
  }
}
