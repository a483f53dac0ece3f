// Finding the customer a person named, through crm.search_customers: one match is used, several are listed.
// Shared by every pack's intents that act on a customer ("add a note to rivera", "size the rivera home").
import { type IntentContext, type IntentStep, notOffered, resultsOf } from "./intent.ts";
import { refusalSentence } from "./say.ts";

export const SEARCH = "crm.search_customers";

export interface CustomerHit {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

export type Resolution<T> = { customer: CustomerHit; candidate: T } | { step: IntentStep };

/** Words people put around a name that are not part of it. */
const AROUND_NAME = new Set([
  "the",
  "a",
  "customer",
  "customers",
  "client",
  "account",
  "accounts",
  "file",
  "record",
  "records",
  "info",
  "details",
  "card",
  "profile",
  "please",
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
]);

/** "the rivera account" → "rivera"; keeps the words in between as they were. */
export function cleanName(words: readonly string[]): string {
  const list = [...words];
  while (list.length && AROUND_NAME.has(list[0] ?? "")) list.shift();
  while (
    list.length &&
    (AROUND_NAME.has(list.at(-1) ?? "") || ["for", "me", "up", "now"].includes(list.at(-1) ?? ""))
  ) {
    list.pop();
  }
  if (list[0] === "account" || list[0] === "file") list.shift();
  if (list[0] === "for" || list[0] === "of") list.shift();
  while (list.length && AROUND_NAME.has(list[0] ?? "")) list.shift();
  return list.join(" ");
}

function hitsOf(data: unknown): CustomerHit[] {
  if (typeof data !== "object" || data === null || !("customers" in data) || !Array.isArray(data.customers)) return [];
  return data.customers.filter(
    (c: unknown): c is CustomerHit =>
      typeof c === "object" && c !== null && "id" in c && "name" in c && typeof c.id === "string",
  );
}

function wordsOf(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Among several matches, the one whose name holds every word asked for as a whole word, if only one does. */
function narrowed(query: string, hits: CustomerHit[]): CustomerHit[] {
  const asked = wordsOf(query);
  const exact = hits.filter((h) => wordsOf(h.name).join(" ") === asked.join(" "));
  if (exact.length === 1) return exact;
  const whole = hits.filter((h) => asked.every((w) => wordsOf(h.name).includes(w)));
  return whole.length >= 1 ? whole : hits;
}

function listing(query: string, hits: CustomerHit[]): string {
  const shown = hits
    .slice(0, 8)
    .map((h) => `- ${h.name}${h.phone ? `, ${h.phone}` : ""}${h.email ? `, ${h.email}` : ""}`)
    .join("\n");
  return `I found ${hits.length} customers matching "${query}":\n${shown}\nWhich one? Say the full name or the phone number.`;
}

/**
 * Resolves a customer from candidate queries (most specific first), each carrying what the intent needs with it
 * (e.g. the note body left after that name). Searches all candidates in one step, then picks the most specific
 * candidate that matched. A plural slip in speech ("riveras") is retried once without the trailing s.
 */
export function resolveCustomer<T>(
  ctx: IntentContext,
  candidates: ReadonlyArray<{ query: string; value: T }>,
): Resolution<T> {
  if (!ctx.offers(SEARCH)) return { step: notOffered(ctx, "look customers up") };
  const usable = candidates.filter((c) => c.query.trim().length > 0);
  if (usable.length === 0) return { step: { say: "Which customer? Say their name or phone number." } };
  const searches = resultsOf(ctx, SEARCH);
  const find = (query: string) => searches.find((s) => s.input.query === query);
  const pending = [...new Set(usable.map((c) => c.query))].filter((q) => !find(q));
  if (searches.length === 0) {
    return { step: { calls: pending.map((query) => ({ tool: SEARCH, input: { query, limit: 10 } })) } };
  }
  const variants = usable.map((c) => ({
    ...c,
    query: c.query.endsWith("s") && c.query.length > 3 ? c.query.slice(0, -1) : c.query,
  }));
  for (const list of [usable, variants]) {
    for (const candidate of list) {
      const outcome = find(candidate.query);
      if (!outcome) continue;
      if (outcome.result.status !== "ok") {
        return {
          step: { say: outcome.result.failure ? refusalSentence(outcome.result.failure) : "The search failed." },
        };
      }
      const hits = narrowed(candidate.query, hitsOf(outcome.result.data));
      if (hits.length === 1 && hits[0]) return { customer: hits[0], candidate: candidate.value };
      if (hits.length > 1) return { step: { say: listing(candidate.query, hits) } };
    }
    const retry = [...new Set(variants.map((v) => v.query))].filter((q) => !find(q));
    if (list === usable && retry.length > 0) {
      return { step: { calls: retry.map((query) => ({ tool: SEARCH, input: { query, limit: 10 } })) } };
    }
  }
  const asked = usable.map((c) => c.query).sort((a, b) => a.length - b.length)[0] ?? "";
  return { step: { say: `I couldn't find a customer matching "${asked}". Try the full name or the phone number.` } };
}
