// The chat page: sends what the person typed, streams the answer in as it is written, and turns each tool result
// into a card. The conversation lives on the server (a reload shows it again); this page keeps only the chat id.
import { api, streamChat } from "./api.js";
import { renderCall } from "./cards.js";
import { clear, el } from "./dom.js";

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

  const scrollDown = () => window.scrollTo({ top: document.body.scrollHeight });

  const showHistory = async () => {
    clear(log);
    const { ok, body } = await api(`/api/chat/${encodeURIComponent(chatId)}/messages`);
    if (!ok || !body) return;
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

  const ask = async (text) => {
    const mine = bubble("user");
    mine.text.textContent = text;
    const answer = bubble("assistant");
    answer.node.setAttribute("aria-busy", "true");
    answer.node.setAttribute("data-streaming", "true");
    log.append(mine.node, answer.node);
    send.disabled = true;
    try {
      await streamChat(chatId, text, (chunk) => {
        if (chunk.type === "text-delta") answer.text.textContent += chunk.delta;
        else if (chunk.type === "data-tool-result") answer.cards.append(renderCall(chunk.data));
        else if (chunk.type === "data-fallback") {
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
      });
    } catch (error) {
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
    input.value = "";
    void ask(text);
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

  void showHistory();
}
