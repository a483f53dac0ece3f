// The dashboard, the login page's messages and the signed-in header. Each reads the REST API
// as the signed-in person; what they may see and do is the server's answer.
import { api } from "./api.js";
import { dashboardCard, refusalNotice } from "./cards.js";
import { clear } from "./dom.js";

// The review queue lives in its own module; app.js finds it here with the other pages.
export { startReview } from "./review.js";

/** Fills "signed in as" in the header. */
export async function showWhoAmI() {
  const slot = document.getElementById("whoami");
  if (!slot) return;
  const { ok, body } = await api("/api/session");
  if (ok && body?.actor) {
    slot.textContent = `${body.actor.name} (${body.actor.role.replaceAll("_", " ")})${body.mode === "read_only" ? " · read-only" : ""}`;
  }
}

export async function startDashboard() {
  const slot = document.getElementById("board");
  const { ok, body } = await api("/api/dashboard.json");
  clear(slot).append(ok ? dashboardCard(body) : refusalNotice(body?.failure));
}

const LOGIN_MESSAGES = {
  token: "That token is unknown, expired or revoked. Ask the founder for a new one.",
  link: "That sign-in link was already used or has expired. Ask for a new one.",
  expired: "Your session has ended. Sign in again.",
  origin: "Sign in from this page.",
  form: "The form could not be read. Try again.",
};

export function startLogin() {
  const slot = document.getElementById("login-message");
  if (!slot) return;
  const params = new URLSearchParams(window.location.search);
  const failed = params.get("failed");
  if (failed) {
    slot.textContent = LOGIN_MESSAGES[failed] ?? LOGIN_MESSAGES.form;
    slot.className = "notice refusal";
  } else if (params.has("signedOut")) {
    slot.textContent = "You are signed out.";
    slot.className = "notice";
  }
}
