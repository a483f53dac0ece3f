// Changes made with no signal wait here (IndexedDB, on this phone) with their idempotency keys, and are replayed when
// the connection returns. The server applies each key once: a replayed item gets its first answer back. Anything that
// became a proposal shows as pending, a conflict shows as a conflict (never overwritten), a stop as a stop.
import { api, streamChat } from "./api.js";

const DB_NAME = "office-field";
const STORE = "queue";
const ACTOR_KEY = "office.actorId";

let database = null;

function openDatabase() {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return database;
}

async function withStore(mode, work) {
  const db = await openDatabase();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request?.result);
    transaction.onerror = () => reject(transaction.error);
  });
}

/** Every item on this phone, oldest first. */
export async function listItems() {
  const items = (await withStore("readonly", (store) => store.getAll())) ?? [];
  return items.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

async function announce() {
  const items = await listItems();
  const waiting = items.filter((item) => item.state === "waiting" || item.state === "sending").length;
  window.dispatchEvent(new CustomEvent("office-queue", { detail: { waiting, items } }));
}

async function putItem(item) {
  await withStore("readwrite", (store) => store.put(item));
  await announce();
  return item;
}

/**
 * Queues a change: { kind: "tool", tool, input, label } or { kind: "chat", chatId, text, channel, label }.
 * The key is made here, once, and travels with every replay of the item.
 */
export async function enqueue(item) {
  return putItem({
    ...item,
    key: item.key ?? crypto.randomUUID(),
    actorId: item.actorId ?? localStorage.getItem(ACTOR_KEY),
    createdAt: new Date().toISOString(),
    state: "waiting",
  });
}

/** Puts an item back in line with the same key (a lost answer, or "send again" after a refusal). */
export async function requeue(key) {
  const item = await withStore("readonly", (store) => store.get(key));
  if (item) await putItem({ ...item, state: "waiting" });
}

export async function removeItem(key) {
  await withStore("readwrite", (store) => store.delete(key));
  await announce();
}

/** Who is signed in on this phone (the saved answer when offline). Another person than last time: forget saved data. */
export async function currentActorId() {
  const { ok, body } = await api("/api/session");
  if (!ok || !body?.actor) return localStorage.getItem(ACTOR_KEY);
  const previous = localStorage.getItem(ACTOR_KEY);
  if (previous && previous !== body.actor.id) {
    window.dispatchEvent(new CustomEvent("office-actor-changed", { detail: { previous, current: body.actor.id } }));
  }
  localStorage.setItem(ACTOR_KEY, body.actor.id);
  return body.actor.id;
}

/** A kernel result as the queue shows it. A proposal is pending, not done. */
export function outcomeOf(result) {
  const proposal = result?.proposal;
  if (result?.status === "refused") {
    const cls = result.failure?.class ?? "refused";
    return {
      state: cls === "duplicate_or_conflict" ? "conflict" : "refused",
      text: result.failure?.reason ?? cls,
      cls,
    };
  }
  if (result?.status === "stopped") return { state: "stopped", text: `${result.stop?.message} ${result.stop?.action}` };
  if (proposal) {
    const done = proposal.status === "applied";
    return {
      state: "sent",
      proposalId: proposal.id,
      proposalStatus: proposal.status,
      text: done ? `Applied as ${proposal.id}.` : `${proposal.id} is ${proposal.status}: waiting for approval.`,
    };
  }
  return { state: "sent", text: "Done." };
}

class NoSignal extends Error {}

async function sendTool(item) {
  let response;
  try {
    response = await fetch("/api/field/replay", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ key: item.key, tool: item.tool, input: item.input }),
    });
  } catch {
    throw new NoSignal();
  }
  if (response.status === 401 || response.headers.get("x-office-offline")) throw new NoSignal();
  return outcomeOf(await response.json().catch(() => null));
}

async function sendChat(item) {
  const calls = [];
  let text = "";
  let error = null;
  try {
    await streamChat(
      item.chatId,
      item.text,
      (chunk) => {
        if (chunk.type === "data-tool-result") calls.push(chunk.data);
        else if (chunk.type === "text-delta") text += chunk.delta;
        else if (chunk.type === "error") error = chunk.errorText;
      },
      { channel: item.channel ?? "web", clientMessageId: item.key },
    );
  } catch {
    throw new NoSignal();
  }
  if (error !== null && calls.length === 0 && text === "") return { state: "refused", text: error };
  // The answer is kept with the item, so the chat can show it where the message was written.
  const answer = { answer: text, calls };
  const stop = calls.find((call) => call.status === "stopped" && call.stop);
  if (stop) return { state: "stopped", text: `${stop.stop.message} ${stop.stop.action}`, ...answer };
  const proposals = calls.filter((call) => call.proposal).map((call) => outcomeOf(call));
  if (proposals.length > 0) return { ...proposals[0], ...answer };
  return { state: "sent", text: text.split("\n")[0] || "Sent.", ...answer };
}

let replaying = null;

/**
 * Sends every waiting item of the signed-in person, oldest first, one at a time. Stops at the first sign of no
 * signal (the rest wait). Items made by someone else on this phone are held, never sent as the current person.
 * One replay at a time: a second call while one runs gets the running one.
 */
export function replayQueue() {
  if (!replaying) {
    replaying = sendWaiting().then(
      (summary) => {
        replaying = null;
        window.dispatchEvent(new CustomEvent("office-replayed", { detail: summary }));
        return summary;
      },
      (error) => {
        replaying = null;
        throw error;
      },
    );
  }
  return replaying;
}

async function sendWaiting() {
  const summary = { sent: 0, held: 0, failed: 0, chats: 0 };
  if (!navigator.onLine) return summary;
  const actorId = await currentActorId();
  for (const item of await listItems()) {
    if (item.state !== "waiting" && item.state !== "sending") continue;
    if (item.actorId && actorId && item.actorId !== actorId) {
      summary.held += 1;
      continue;
    }
    await putItem({ ...item, state: "sending" });
    let outcome;
    try {
      outcome = item.kind === "chat" ? await sendChat(item) : await sendTool(item);
    } catch (error) {
      await putItem({ ...item, state: "waiting" });
      if (error instanceof NoSignal) break;
      throw error;
    }
    await putItem({ ...item, ...outcome, sentAt: new Date().toISOString() });
    if (outcome.state === "sent" || outcome.state === "stopped") summary.sent += 1;
    else summary.failed += 1;
    if (item.kind === "chat") summary.chats += 1;
  }
  return summary;
}

/** Replays whenever the signal comes back, and once now. */
export function replayWhenOnline() {
  window.addEventListener("online", () => void replayQueue());
  void announce();
  void replayQueue();
}
