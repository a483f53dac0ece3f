// Talking to the office from the browser: JSON calls (the session cookie rides along, same origin only) and a small
// reader for the AI SDK UI message stream (Server-Sent Events: `data: {json}` blocks, ending with `data: [DONE]`).

/** Signs the page out to /login when the server no longer knows the session. */
function signInAgain() {
  window.location.assign("/login?failed=expired");
}

/** fetch + JSON; returns { ok, status, body }. A 401 sends the person back to the login page. */
export async function api(path, { method = "GET", body } = {}) {
  const init = { method, credentials: "same-origin", headers: { accept: "application/json" } };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) signInAgain();
  let parsed = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

/**
 * Posts a chat turn and calls onChunk for every UI message stream chunk as it arrives. `channel` is "voice" for words
 * that came from speech; `clientMessageId` is the queue key of a message written offline (the server answers it once).
 */
export async function streamChat(chatId, text, onChunk, { channel, clientMessageId } = {}) {
  const response = await fetch("/api/chat", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: chatId,
      messages: [{ role: "user", parts: [{ type: "text", text }] }],
      ...(channel ? { channel } : {}),
      ...(clientMessageId ? { clientMessageId } : {}),
    }),
  });
  if (response.status === 401) signInAgain();
  if (!response.ok || !response.body) {
    let reason = `The office answered ${response.status}.`;
    try {
      reason = (await response.json()).failure?.reason ?? reason;
    } catch {
      // keep the status line
    }
    onChunk({ type: "error", errorText: reason });
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const chunk of parseEvent(event)) onChunk(chunk);
      end = buffer.indexOf("\n\n");
    }
  }
}

/** One SSE event block → its JSON chunks (comments and [DONE] skipped). */
function parseEvent(block) {
  const data = block
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).replace(/^ /, ""))
    .join("\n");
  if (data === "" || data === "[DONE]") return [];
  try {
    return [JSON.parse(data)];
  } catch {
    return [];
  }
}
