// The field app's service worker (served at /sw.js with SHELL_VERSION and SHELL_URLS prepended by the server).
// It keeps the app shell and the last copy of what the server already returned to this person; it never makes up
// data, never decides anything, and forgets the saved data when someone signs in or out.
/* global SHELL_VERSION, SHELL_URLS */
const SHELL_CACHE = `office-shell-${SHELL_VERSION}`;
const DATA_CACHE = "office-data-v1";
const PAGES = ["/", "/field"];
/** GET reads whose last answer is worth having in a basement: the field snapshot, who I am, the chat so far. */
const DATA_PATHS = [
  /^\/api\/field\/snapshot\.json$/,
  /^\/api\/session$/,
  /^\/api\/chat\/[A-Za-z0-9_-]{1,80}\/messages$/,
];
/** A page that takes longer than this is treated as no signal and served from the cache. */
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await Promise.all(
        SHELL_URLS.map(async (url) => {
          try {
            const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
            // A signed-out page redirects to /login: that is not the page to keep.
            if (response.ok && !response.redirected) await cache.put(url, response);
          } catch {
            // Saved on a later visit.
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("office-shell-") && name !== SHELL_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "clear-data") event.waitUntil(caches.delete(DATA_CACHE));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Someone signs in or out: what was saved for the last person must not be shown to the next.
    if (request.method === "POST" && (url.pathname === "/logout" || url.pathname.startsWith("/login"))) {
      event.waitUntil(caches.delete(DATA_CACHE));
    }
    return;
  }
  if (request.mode === "navigate") {
    if (PAGES.includes(url.pathname)) event.respondWith(page(request, url));
    return;
  }
  if (DATA_PATHS.some((path) => path.test(url.pathname))) {
    event.respondWith(data(request, url));
    return;
  }
  if (SHELL_URLS.includes(url.pathname)) event.respondWith(shell(request, url));
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Pages: the network first (a fresh page when there is signal), the last saved copy when there is none. */
async function page(request, url) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    if (response.ok && !response.redirected) await cache.put(url.pathname, response.clone());
    return response;
  } catch {
    const saved = await cache.match(url.pathname);
    if (saved) return saved;
    return new Response("No signal, and this page was not saved on this phone yet. Open it once with signal.", {
      status: 503,
      headers: { "content-type": "text/plain; charset=UTF-8" },
    });
  }
}

/** Scripts, styles, icons: the saved copy (the worker's version changes whenever any of them does). */
async function shell(request, url) {
  const cache = await caches.open(SHELL_CACHE);
  const saved = await cache.match(url.pathname);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(url.pathname, response.clone());
  return response;
}

/**
 * Reads: the network first; the answer is saved exactly as the server gave it to this person (already redacted for
 * their role). With no signal the saved answer comes back marked with when it was saved.
 */
async function data(request, url) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) {
      const headers = new Headers(response.headers);
      headers.set("x-office-saved-at", new Date().toISOString());
      const body = await response.clone().arrayBuffer();
      await cache.put(url.pathname, new Response(body, { status: 200, headers }));
    }
    return response;
  } catch {
    const saved = await cache.match(url.pathname);
    if (saved) {
      const headers = new Headers(saved.headers);
      headers.set("x-office-offline", "1");
      return new Response(await saved.arrayBuffer(), { status: 200, headers });
    }
    return new Response(
      JSON.stringify({
        status: "refused",
        failure: {
          class: "adapter_unavailable",
          reason: "No signal, and nothing was saved for this on this phone yet.",
        },
      }),
      { status: 503, headers: { "content-type": "application/json; charset=UTF-8", "x-office-offline": "1" } },
    );
  }
}
