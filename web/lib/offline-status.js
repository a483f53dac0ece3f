// Signal or no signal: registers the service worker (so the app opens in a basement) and shows an always-visible
// Online / Offline badge in the header with how many changes are waiting on this phone. It decides nothing.
import { el } from "./dom.js";

export function isOnline() {
  return navigator.onLine;
}

/** Registers /sw.js for the whole app; resolves to the registration, or null where service workers are missing. */
export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return null;
  try {
    return await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  } catch {
    return null;
  }
}

/** Tells the service worker to forget saved data (another person signed in on this phone). */
export async function forgetSavedData() {
  const registration = await navigator.serviceWorker?.getRegistration?.();
  registration?.active?.postMessage({ type: "clear-data" });
}

/** The header badge: "Online" / "Offline — working from this phone", plus the count of changes waiting to send. */
export function showNetworkStatus() {
  const header = document.querySelector(".top");
  if (!header || document.getElementById("net")) return;
  const label = el("span", { class: "net-label" });
  const waiting = el("span", { class: "net-waiting", id: "net-waiting" });
  const badge = el("span", { id: "net", class: "net", role: "status", "aria-live": "polite" }, label, waiting);
  header.insertBefore(badge, document.getElementById("whoami"));
  const render = () => {
    const online = isOnline();
    badge.dataset.online = online ? "yes" : "no";
    label.textContent = online ? "Online" : "Offline — working from this phone";
  };
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  window.addEventListener("office-queue", (event) => {
    const count = event.detail?.waiting ?? 0;
    waiting.textContent = count > 0 ? ` · ${count} waiting to send` : "";
    badge.dataset.waiting = String(count);
  });
  render();
}
