// The web app's one entry script: picks the page's behaviour from <body data-page>. No framework, no build step,
// so a service worker can cache these files as they are.
import { startChat } from "./lib/chat.js";
import { showWhoAmI, startDashboard, startLogin, startReview } from "./lib/pages.js";

const page = document.body.dataset.page;
if (page === "login" || page === "login-link") startLogin();
else {
  void showWhoAmI();
  if (page === "chat") startChat();
  else if (page === "review") void startReview();
  else if (page === "dashboard") void startDashboard();
}
