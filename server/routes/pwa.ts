// The installable app's own files: the service worker at the root (so it may control every page), the bundle of the
// packs' pure modules the device runs offline, and the icons. None of them carries tenant data or needs a session.
import { Hono } from "hono";
import type { ApiEnv } from "../auth.ts";
import { refuse } from "../http.ts";
import { fieldCoreBundle, ICON_SIZES, iconPng, serviceWorkerScript } from "../pwa-assets.ts";

const SCRIPT_HEADERS = {
  "content-type": "text/javascript; charset=UTF-8",
  "cache-control": "no-cache",
  "x-content-type-options": "nosniff",
};

export function pwaRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const icons = new Map(ICON_SIZES.map((size) => [size, iconPng(size)]));

  // Served from / (not /web/) so its scope is the whole app; no-cache so a new version is picked up on the next visit.
  routes.get("/sw.js", async (c) => {
    const script = await serviceWorkerScript();
    return c.body(script, 200, { ...SCRIPT_HEADERS, "service-worker-allowed": "/" });
  });

  routes.get("/pwa/field-core.js", async (c) => c.body(await fieldCoreBundle(), 200, SCRIPT_HEADERS));

  for (const size of ICON_SIZES) {
    routes.get(`/pwa/icon-${size}.png`, (c) => {
      const png = icons.get(size);
      if (!png) return refuse(c, "not_found", "There is no such icon.");
      return c.body(new Uint8Array(png), 200, {
        "content-type": "image/png",
        "cache-control": "public, max-age=86400",
        "x-content-type-options": "nosniff",
      });
    });
  }

  return routes;
}
