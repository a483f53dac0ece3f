// The web app's one entry script: picks the page's behaviour from <body data-page>. No framework, no build step,
// so a service worker can cache these files as they are.
import { startChat } from "./lib/chat.js";
import { startField } from "./lib/field.js";
import { forgetAll } from "./lib/in-hand.js";
import { replayWhenOnline } from "./lib/offline-queue.js";
import { forgetSavedData, registerServiceWorker, showNetworkStatus } from "./lib/offline-status.js";
import { showWhoAmI, startDashboard, startLogin, startReview } from "./lib/pages.js";

const page = document.body.dataset.page;
if (page === "login" || page === "login-link") startLogin();
else {
  void showWhoAmI();
  // Installable and offline-first: the worker keeps the shell, the badge shows the signal, the queue replays.
  showNetworkStatus();
  void registerServiceWorker();
  window.addEventListener("office-actor-changed", () => {
    forgetAll();
    void forgetSavedData();
  });
  replayWhenOnline();
  if (page === "chat") startChat();
  else if (page === "field") void startField();
  else if (page === "review") void startReview();
  else if (page === "dashboard") void startDashboard();
}
