// The records a person has in hand (the customer, the job, the survey they are working on), remembered on this phone
// so the field page can ask for them and keep their last copy for the basement. Ids only; the data is the server's.

const KEY = "office.inHand";
const MAX = 5;
const ID = /^[A-Za-z0-9_-]{1,80}$/;
const KINDS = ["customer", "job", "survey"];

export function inHand() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return Object.fromEntries(KINDS.map((kind) => [kind, Array.isArray(saved[kind]) ? saved[kind] : []]));
  } catch {
    return { customer: [], job: [], survey: [] };
  }
}

export function remember(kind, id) {
  if (!KINDS.includes(kind) || typeof id !== "string" || !ID.test(id)) return;
  const all = inHand();
  all[kind] = [id, ...all[kind].filter((other) => other !== id)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(all));
}

export function forgetAll() {
  localStorage.removeItem(KEY);
}

/** Picks the record ids out of a chat tool call (its input and, for a read, its data). */
export function rememberFromCall(call) {
  const input = call?.input ?? {};
  const data = call?.data ?? {};
  const result = call?.proposal?.result ?? {};
  remember("customer", input.customerId ?? data.customer?.id);
  remember("job", input.jobId ?? data.jobId ?? result.jobId);
  const surveyResult = typeof result.id === "string" && result.id.startsWith("srv_") ? result.id : undefined;
  remember("survey", input.surveyId ?? surveyResult);
}

/** The snapshot's query string for what is in hand. */
export function inHandQuery() {
  const params = new URLSearchParams();
  const all = inHand();
  for (const kind of KINDS) for (const id of all[kind]) params.append(kind, id);
  const query = params.toString();
  return query ? `?${query}` : "";
}
