// The chat page: sends what the person typed, streams the answer in as it is written, and turns each tool result
// into a card. The conversation lives on the server (a reload shows it again); this page keeps only the chat id.
import { api, streamChat } from "./api.js";
import { hardStopBanner, renderCall } from "./cards.js";
import { clear, el } from "./dom.js";
import { rememberFromCall } from "./in-hand.js";
import { screenOnDevice, spokenStop } from "./offline-core.js";
import { enqueue, listItems } from "./offline-queue.js";
import { isOnline } from "./offline-status.js";
import { setupVoice } from "./voice.js";

const CHAT_ID_KEY = "office.chatId";

function currentChatId() {
  let id = localStorage.getItem(CHAT_ID_KEY);
  if (!id || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
    id = crypto.randomUUID();
    localStorage.setItem(CHAT_ID_KEY, id);
  }
  return id;
}

function bubble(role) {
  const text = el("div", { class: "text" });
  const cards = el("div", { class: "cards" });
  const meta = el("p", { class: "meta" });
  const node = el("div", { class: `msg ${role}`, "data-role": role }, text, cards, meta);
  return { node, text, cards, meta };
}

export function startChat() {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("message");
  const send = document.getElementById("send");
  const fresh = document.getElementById("new-chat");
  let chatId = currentChatId();
  // Voice in (push-to-talk into the box, editable before sending) and out (answers read aloud when switched on).
  const voice = setupVoice({
    talk: document.getElementById("talk"),
    speak: document.getElementById("speak"),
    input,
    status: document.getElementById("voice-status"),
  });

  const scrollDown = () => window.scrollTo({ top: document.body.scrollHeight });

  let historyRun = 0;
  const showHistory = async () => {
    const run = ++historyRun;
    clear(log);
    const { ok, body } = await api(`/api/chat/${encodeURIComponent(chatId)}/messages`);
    // A newer load started meanwhile: it draws the log, not this one.
    if (run !== historyRun || !ok || !body) return;
    for (const message of body.messages) {
      const b = bubble(message.role);
      for (const part of message.parts) {
        try {
          if (part.type === "text") b.text.textContent += part.text;
          else if (part.type === "data-tool-result") b.cards.append(renderCall(part.data));
        } catch {
          b.cards.append(el("p", { class: "meta" }, "(this part of the conversation could not be shown)"));
        }
      }
      log.append(b.node);
    }
    scrollDown();
  };

  // Answers to messages that waited on this phone, by queue key: filled in where the message was written once sent.
  const waitingAnswers = new Map();
  const showQueued = (key, answer) => {
    waitingAnswers.set(key, answer);
    answer.node.setAttribute("data-queued", "true");
    answer.cards.append(
      el(
        "p",
        { class: "notice", "data-role": "queued" },
        "No signal: saved on this phone. It will be sent when the connection returns.",
      ),
    );
  };
  /** No signal: the message waits on this phone with its key and is sent (once) when the connection returns. */
  const queueMessage = async (text, channel, answer) => {
    const item = await enqueue({ kind: "chat", chatId, text, channel, label: `Message: ${text}` });
    showQueued(item.key, answer);
  };
  window.addEventListener("office-queue", (event) => {
    for (const item of event.detail?.items ?? []) {
      const answer = waitingAnswers.get(item.key);
      if (!answer || item.state === "waiting" || item.state === "sending") continue;
      waitingAnswers.delete(item.key);
      answer.node.setAttribute("data-queued", item.state);
      answer.cards.querySelector('[data-role="queued"]')?.remove();
      answer.text.textContent = item.answer ?? "";
      for (const call of item.calls ?? []) answer.cards.append(renderCall(call));
      if (!item.answer && !(item.calls ?? []).length)
        answer.cards.append(el("p", { class: "notice refusal" }, item.text));
      voice.say(answer.text.textContent);
    }
  });
  /** After a reload with no signal: the messages still waiting on this phone, under the conversation. */
  const showWaiting = async () => {
    for (const item of await listItems()) {
      if (item.kind !== "chat" || item.chatId !== chatId || (item.state !== "waiting" && item.state !== "sending")) {
        continue;
      }
      const mine = bubble("user");
      mine.text.textContent = item.text;
      const answer = bubble("assistant");
      answer.node.setAttribute("data-streaming", "done");
      log.append(mine.node, answer.node);
      showQueued(item.key, answer);
    }
  };

  const ask = async (text, channel = "web") => {
    const mine = bubble("user");
    mine.text.textContent = text;
    if (channel === "voice") mine.node.setAttribute("data-channel", "voice");
    const answer = bubble("assistant");
    answer.node.setAttribute("aria-busy", "true");
    answer.node.setAttribute("data-streaming", "true");
    log.append(mine.node, answer.node);
    send.disabled = true;
    // The hazard screen runs on the phone first, so a stop shows (and is spoken) at once, signal or not.
    const shownStops = new Set();
    let spokeStop = false;
    const stopNow = (stop, source) => {
      if (shownStops.has(stop.stopId)) return;
      shownStops.add(stop.stopId);
      const banner = hardStopBanner(stop);
      banner.dataset.source = source;
      answer.cards.append(banner);
      voice.interrupt(spokenStop(stop), { force: channel === "voice" });
      spokeStop = true;
    };
    const found = await screenOnDevice(text);
    if (found) stopNow(found.stop, "device");
    try {
      if (!isOnline()) {
        await queueMessage(text, channel, answer);
        return;
      }
      await streamChat(
        chatId,
        text,
        (chunk) => {
          if (chunk.type === "text-delta") answer.text.textContent += chunk.delta;
          else if (chunk.type === "data-tool-result") {
            rememberFromCall(chunk.data);
            if (chunk.data.status === "stopped" && chunk.data.stop) stopNow(chunk.data.stop, "office");
            else answer.cards.append(renderCall(chunk.data));
          } else if (chunk.type === "data-fallback") {
            answer.cards.append(
              el(
                "p",
                { class: "notice" },
                "The main model did not answer; the offline assistant did. ",
                chunk.data.reason,
              ),
            );
          } else if (chunk.type === "data-turn") answer.meta.textContent = `Answered by ${chunk.data.answeredBy}`;
          else if (chunk.type === "error")
            answer.cards.append(el("p", { class: "notice refusal", role: "status" }, chunk.errorText));
          scrollDown();
        },
        { channel },
      );
      if (!spokeStop) voice.say(answer.text.textContent);
    } catch (error) {
      // The connection dropped on the way (a basement with one bar): keep the message rather than lose it.
      if (error instanceof TypeError && answer.text.textContent === "") await queueMessage(text, channel, answer);
      else
        answer.cards.append(
          el("p", { class: "notice refusal", role: "status" }, `The office could not be reached: ${error.message}`),
        );
    } finally {
      answer.node.removeAttribute("aria-busy");
      answer.node.setAttribute("data-streaming", "done");
      send.disabled = false;
      input.focus();
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || send.disabled) return;
    const channel = voice.channelFor();
    voice.sent();
    input.value = "";
    void ask(text, channel);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  fresh.addEventListener("click", () => {
    chatId = crypto.randomUUID();
    localStorage.setItem(CHAT_ID_KEY, chatId);
    clear(log);
    input.focus();
  });
  // Coming back to the tab (e.g. after approving elsewhere): the cards ask for their proposals' current state.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    for (const card of log.querySelectorAll(".approval")) void card.refreshStatus?.();
  });

  void showHistory().then(showWaiting);
}
