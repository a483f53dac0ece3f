// The inventory pack's offline intents: "do I have a 45/5 capacitor on my truck", "reserve one for this job", "how many
// flame sensors in the warehouse", "used the capacitor on this job", "job got cancelled, release it". The parts question
// goes to the tools in the tech's own words; answers come from results.
import { parsePartQuery } from "../../../tools/inventory/part-query.ts";
import {
  callsNewestFirst,
  type IntentContext,
  type IntentStep,
  notOffered,
  type OfflineIntent,
  resultsOf,
} from "./intent.ts";
import { isCrmWrite, jobInHand, noOpenJob } from "./intents-repair.ts";
import { outcomeSentence } from "./say.ts";
import { sayMatches, sayStockLines, type PartMatch, partMatches } from "./say-inventory.ts";

/** Whether the words name a part (a kind, a capacitor rating, or a SKU-like word). */
export function namesPart(raw: string): boolean {
  const q = parsePartQuery(raw);
  return q.category !== null || q.microfarads !== null;
}

/** The words without the question around them, as the parts search reads best: "45/5 capacitor on my truck". */
function partWords(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[?!.,]/g, " ")
    .replace(/\b(?:uh|um|ok so|okay so|hey)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const SEARCH =
  /\b(?:do (?:i|we) (?:have|got)|have (?:i|we) got|got any|is there (?:a|an|any)|are there any|any \w+.* (?:on|in) (?:my|the) (?:truck|van|warehouse|shop)|find (?:me )?(?:a|an|the)|look(?:ing)? for|need (?:a|an)|where (?:is|are|can i get)|search (?:for )?|in stock)\b/;

const searchParts: OfflineIntent = {
  name: "inventory.search_parts",
  help: `find a part and where it is — "do i have a 45/5 capacitor on my truck"`,
  match(u) {
    if (!SEARCH.test(u.text) || !namesPart(u.raw) || isCrmWrite(u) || /\bhow many\b/.test(u.text)) return null;
    const query = partWords(u.raw);
    return (ctx) => {
      const tool = "inventory.search_parts";
      if (!ctx.offers(tool)) return notOffered(ctx, "search parts");
      const done = resultsOf(ctx, tool)[0];
      if (!done) return { calls: [{ tool, input: { query } }] };
      if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
      return { say: sayMatches(done.result.data) };
    };
  },
};

const HOW_MANY = /\b(?:how many|how much stock|stock (?:levels?|count) (?:of|for|on)|what is the count (?:of|on))\b/;

const stockLevels: OfflineIntent = {
  name: "inventory.stock_levels",
  help: `how many of a part, where — "how many flame sensors in the warehouse"`,
  match(u) {
    if (!HOW_MANY.test(u.text) || !namesPart(u.raw)) return null;
    const query = partWords(u.raw);
    const where = /\bwarehouse|shop\b/.test(u.text)
      ? "warehouse"
      : /\b(?:my|the) (?:truck|van)\b/.test(u.text)
        ? "truck"
        : null;
    return (ctx) => {
      if (!ctx.offers("inventory.search_parts") || !ctx.offers("inventory.stock_levels"))
        return notOffered(ctx, "check stock");
      const search = resultsOf(ctx, "inventory.search_parts")[0];
      if (!search) return { calls: [{ tool: "inventory.search_parts", input: { query } }] };
      if (search.result.status !== "ok") return { say: outcomeSentence(search.result) };
      const matches = partMatches(search.result.data).slice(0, 4);
      if (matches.length === 0) return { say: sayMatches(search.result.data) };
      const levels = resultsOf(ctx, "inventory.stock_levels");
      if (levels.length === 0) {
        return {
          calls: matches.map((m) => ({ tool: "inventory.stock_levels", input: { partId: m.partId, limit: 100 } })),
        };
      }
      return { say: sayStockLines(matches, levels, where) };
    };
  },
};

const RESERVE = /\b(?:reserve|set aside|put aside|hold)\b/;

/** The newest parts question of this conversation, to re-ask when "reserve one" names no part. */
function lastPartQuery(ctx: IntentContext): string | null {
  for (const call of callsNewestFirst(ctx)) {
    if (call.tool === "inventory.search_parts" && typeof call.input.query === "string") return call.input.query;
  }
  return null;
}

function quantityOf(text: string): number {
  const n = text.match(/\b(?:reserve|set aside|put aside|hold) (\d{1,2})\b/)?.[1];
  return n ? Number(n) : 1;
}

function choose(matches: PartMatch[]): PartMatch | IntentStep {
  const available = matches.filter((m) => m.availableInScope > 0 || m.availableAnywhere > 0);
  const pool = available.length > 0 ? available : matches;
  if (pool.length === 1 && pool[0]) return pool[0];
  if (pool.length === 0) return { say: "No part matches that to reserve." };
  return {
    say: `Which one? ${pool
      .slice(0, 6)
      .map((m) => `${m.sku} (${m.description})`)
      .join("; ")}. Say e.g. "reserve one ${pool[0]?.sku ?? ""}".`,
  };
}

const reservePart: OfflineIntent = {
  name: "inventory.reserve_part",
  help: `reserve a part for the open call — "reserve one for this job"`,
  match(u) {
    if (!RESERVE.test(u.text) || isCrmWrite(u)) return null;
    const named = namesPart(u.raw) || /\b[a-z]{2,5} ?-? ?\d{2,}/.test(u.text.replace(/\b(?:reserve|hold) \d+\b/, ""));
    const quantity = quantityOf(u.text);
    return (ctx) => {
      const job = jobInHand(ctx);
      if (job.kind !== "open") return noOpenJob(job, "reserve parts for it");
      if (!ctx.offers("inventory.reserve_part")) return notOffered(ctx, "reserve parts");
      const query = named ? partWords(u.raw) : lastPartQuery(ctx);
      if (!query) return { say: `Which part? Say e.g. "reserve a 45/5 capacitor for this job".` };
      const search = resultsOf(ctx, "inventory.search_parts")[0];
      if (!search) return { calls: [{ tool: "inventory.search_parts", input: { query } }] };
      if (search.result.status !== "ok") return { say: outcomeSentence(search.result) };
      const skuSaid = partMatches(search.result.data).filter((m) =>
        u.text.replace(/[-\s]/g, "").includes(m.sku.toLowerCase().replace(/[-\s]/g, "")),
      );
      const picked = choose(skuSaid.length === 1 ? skuSaid : partMatches(search.result.data));
      if (!("partId" in picked)) return picked;
      const done = resultsOf(ctx, "inventory.reserve_part")[0];
      if (!done) {
        return {
          calls: [{ tool: "inventory.reserve_part", input: { jobId: job.jobId, partId: picked.partId, quantity } }],
        };
      }
      return { say: outcomeSentence(done.result) };
    };
  },
};

/** The newest reservation asked for in this conversation: the part "it" means in "release it" or "used it". */
function lastReserved(ctx: IntentContext): { jobId: string; partId: string } | null {
  for (const call of callsNewestFirst(ctx)) {
    if (call.tool !== "inventory.reserve_part") continue;
    const { jobId, partId } = call.input;
    if (typeof jobId === "string" && typeof partId === "string") return { jobId, partId };
  }
  return null;
}

// "the job got cancelled, release the capacitor", "don't need the flame sensor, put it back".
const RELEASE =
  /\b(?:release|unreserve|un reserve|cancel (?:the |that |my )?reservation|do not need (?:the|that|it|them)|put (?:it|them|that) back|(?:job|call) (?:got |was |is )?cancel+ed)\b/;
// "used the 45/5 capacitor on this job", "installed the one i reserved".
const CONSUME = /\b(?:used|installed|put in|swapped in|consumed)\b/;
const NAMES_RESERVED = /\b(?:reserved|reservation|the part|that part|the one i (?:reserved|set aside))\b/;

/** The part in "used the 45/5 capacitor i reserved" without the words about using or releasing it. */
function closingPartWords(raw: string): string {
  return partWords(raw)
    .replace(
      /\b(?:ok|okay|so|used|installed|put in|swapped in|consumed|release|unreserve|the job got cancel+ed|job|call|got|was|cancel+ed|i|we|reserved|for|on|this|that|it|them|the|one|back|put|do not need)\b/g,
      " ",
    )
    .replace(/\s+/g, " ")
    .trim();
}

function closeReservationIntent(kind: "release" | "consume"): OfflineIntent {
  const tool = kind === "release" ? "inventory.release_reservation" : "inventory.consume_reservation";
  const what = kind === "release" ? "release reserved parts" : "record a reserved part as used";
  return {
    name: tool,
    help:
      kind === "release"
        ? `release reserved parts when a job is cancelled — "job got cancelled, release the 45/5 capacitor"`
        : `record a reserved part used on the job — "used the 45/5 capacitor on this job"`,
    match(u) {
      if (isCrmWrite(u)) return null;
      const said = kind === "release" ? RELEASE.test(u.text) : CONSUME.test(u.text);
      const named = namesPart(u.raw);
      if (!said || (kind === "consume" && !named && !NAMES_RESERVED.test(u.text))) return null;
      const used = u.text.match(/\b(?:used|installed|put in|swapped in) (\d{1,2})\b/)?.[1];
      return (ctx) => {
        if (!ctx.offers(tool)) return notOffered(ctx, what);
        const done = resultsOf(ctx, tool)[0];
        if (done) return { say: outcomeSentence(done.result) };
        const job = jobInHand(ctx);
        const remembered = lastReserved(ctx);
        const jobId = job.kind === "open" || job.kind === "closed" ? job.jobId : remembered?.jobId;
        if (!jobId) return noOpenJob(job, `say which part to ${kind === "release" ? "release" : "record"}`);
        const extra: Record<string, unknown> =
          kind === "consume" && used
            ? { quantityUsed: Number(used) }
            : kind === "release"
              ? { reason: u.raw.slice(0, 300) }
              : {};
        if (!named) {
          if (!remembered)
            return { say: `Which part? Say e.g. "${kind === "release" ? "release" : "used"} the 45/5 capacitor".` };
          return { calls: [{ tool, input: { jobId, partId: remembered.partId, ...extra } }] };
        }
        const search = resultsOf(ctx, "inventory.search_parts")[0];
        if (!search) return { calls: [{ tool: "inventory.search_parts", input: { query: closingPartWords(u.raw) } }] };
        if (search.result.status !== "ok") return { say: outcomeSentence(search.result) };
        const matches = partMatches(search.result.data);
        if (matches.length === 0)
          return { say: "No part matches that. Say the part as on the reservation, e.g. the 45/5 capacitor." };
        const reservedPart = matches.find((m) => m.partId === remembered?.partId);
        const picked = reservedPart ?? choose(matches);
        if (!("partId" in picked)) return picked;
        return { calls: [{ tool, input: { jobId, partId: picked.partId, ...extra } }] };
      };
    },
  };
}

export const inventoryIntents: readonly OfflineIntent[] = [
  closeReservationIntent("release"),
  closeReservationIntent("consume"),
  reservePart,
  stockLevels,
  searchParts,
];
