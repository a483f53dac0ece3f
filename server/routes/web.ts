// The browser channel's doors: login (pasted token or one-time link) into an HttpOnly session cookie, the static UI
// from web/, and "may I decide this proposal?" answered by the kernel's policy. It grants no right of its own.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ChannelMode } from "../../contracts/index.ts";
import { createToken, getActor, resolveToken, type TokenGrant } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import { whyActorMayNotDecide } from "../../tools/kernel/index.ts";
import type { ApiEnv } from "../auth.ts";
import { refuse } from "../http.ts";
import type { Office } from "../office.ts";

export const SESSION_COOKIE = "office_session";
/** How long a browser stays signed in (the cookie; a login link's session token lives as long). */
const SESSION_DAYS = 7;
const LOGIN_LINK_TTL_MS = 15 * 60_000;
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{1,512}$/;
const CODE_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;
const PROPOSAL_ID = /^P-\d{1,12}$/;
const WEB_ROOT = resolve(import.meta.dirname, "../../web");

/** script-src 'self' and nothing inline: every page is static HTML plus web/app.js. */
export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "manifest-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// ---------------------------------------------------------------- one-time login links

interface LoginCode {
  tenantId: string;
  actorId: string;
  mode: ChannelMode;
  expiresAtMs: number;
}

/**
 * Unused login codes, per office, in the memory of the serving process: single use, 15 minutes, never on disk.
 * A restart voids unused links (print a new one); the session a link already opened is a token and survives.
 */
const loginCodes = new WeakMap<Office, Map<string, LoginCode>>();

function codesOf(office: Office): Map<string, LoginCode> {
  let codes = loginCodes.get(office);
  if (!codes) {
    codes = new Map();
    loginCodes.set(office, codes);
  }
  return codes;
}

function codeKey(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** A single-use sign-in link for one person (`office serve` prints it). Returns the path to append to the origin. */
export async function createLoginLink(
  office: Office,
  input: { tenantId: string; actorId: string; mode?: ChannelMode; ttlMs?: number },
): Promise<{ path: string; code: string; expiresAt: string }> {
  const actor = await withTenant(input.tenantId, () => getActor(office.store.db, input.tenantId, input.actorId));
  if (!actor) throw new Error(`No actor ${input.actorId} in tenant ${input.tenantId}.`);
  const now = office.kernel.now().getTime();
  const codes = codesOf(office);
  for (const [key, entry] of codes) if (entry.expiresAtMs <= now) codes.delete(key);
  const code = randomBytes(24).toString("base64url");
  const expiresAtMs = now + (input.ttlMs ?? LOGIN_LINK_TTL_MS);
  codes.set(codeKey(code), {
    tenantId: input.tenantId,
    actorId: input.actorId,
    mode: input.mode ?? "propose_actions",
    expiresAtMs,
  });
  return { path: `/login/${code}`, code, expiresAt: new Date(expiresAtMs).toISOString() };
}

/** Takes a login code out of the map (whatever happens next, it cannot be used twice). */
function redeemLoginCode(office: Office, code: string): LoginCode | null {
  const codes = codesOf(office);
  const key = codeKey(code);
  const entry = codes.get(key);
  codes.delete(key);
  if (!entry || entry.expiresAtMs <= office.kernel.now().getTime()) return null;
  return entry;
}

// ---------------------------------------------------------------- the session cookie

function isHttps(c: Context): boolean {
  return c.req.url.startsWith("https:") || c.req.header("x-forwarded-proto") === "https";
}

/**
 * Cross-site request check for cookie-carried requests (SameSite=Strict already keeps the cookie off them in
 * modern browsers; this is the second lock). Clients that send neither header are not browsers and carry no cookie.
 */
function isSameOrigin(c: Context): boolean {
  // Sec-Fetch-Site is set by the browser itself (a page cannot forge it); Origin is the fallback for older ones.
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined) return site === "same-origin" || site === "none";
  const origin = c.req.header("origin");
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === (c.req.header("host") ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c),
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
  });
}

/** The grant of the browser's session cookie, or null (no cookie, or an unknown, expired or revoked token). */
async function cookieGrant(office: Office, c: Context): Promise<TokenGrant | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  return resolveToken(office.store.db, token, office.kernel.now());
}

/**
 * For /api/*, mounted before bearerAuth: a same-origin browser request with the session cookie and no Authorization
 * header presents the cookie's token as its bearer token, so bearerAuth stays the one place a token is resolved.
 * A cross-site unsafe request with the cookie is refused.
 */
export function sessionCookieAuth(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (c.req.header("authorization") !== undefined) return next();
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || !TOKEN_SHAPE.test(token)) return next();
    const safe = c.req.method === "GET" || c.req.method === "HEAD";
    if (!safe && !isSameOrigin(c)) {
      return refuse(c, "forbidden", "A signed-in browser request must come from this office's own pages.");
    }
    c.req.raw.headers.set("authorization", `Bearer ${token}`);
    return next();
  };
}

// ---------------------------------------------------------------- static files

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=UTF-8",
  ".js": "text/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=UTF-8",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=UTF-8",
};

interface Asset {
  body: ArrayBuffer;
  type: string;
  etag: string;
}

/** Every file under web/ with a known type, read once: a request can only name a file in this map. */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const type = CONTENT_TYPES[extname(name)];
        if (!type) continue;
        const bytes = readFileSync(full);
        const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 22)}"`;
        assets.set(relative(WEB_ROOT, full).split("\\").join("/"), { body, type, etag });
      }
    }
  };
  walk(WEB_ROOT);
  return assets;
}

function serveAsset(c: Context, asset: Asset | undefined): Response {
  if (!asset) return refuse(c, "not_found", "There is no such file in the web app.");
  const headers: Record<string, string> = {
    "content-type": asset.type,
    etag: asset.etag,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    // Same-origin only: a login link's code never leaves in a Referer, and same-origin POSTs keep their Origin.
    "referrer-policy": "same-origin",
  };
  if (asset.type.startsWith("text/html")) {
    headers["content-security-policy"] = WEB_CSP;
    headers["x-frame-options"] = "DENY";
  }
  if (c.req.header("if-none-match") === asset.etag) return new Response(null, { status: 304, headers });
  return new Response(asset.body, { status: 200, headers });
}

// ---------------------------------------------------------------- routes

/** Pages, static assets, login and logout, and the UI's two questions (/api/session, /api/proposals/:id/can-decide). */
export function webRoutes(office: Office): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const assets = loadAssets();

  routes.get("/web/*", (c) => serveAsset(c, assets.get(c.req.path.slice("/web/".length))));

  // Pages that need a signed-in person; the page itself holds no data, its script asks the API.
  for (const [path, file] of [
    ["/", "index.html"],
    ["/review", "review.html"],
    ["/dashboard", "dashboard.html"],
    ["/telemetry", "telemetry.html"],
    ["/field", "field.html"],
  ] as const) {
    routes.get(path, async (c) => {
      if (!(await cookieGrant(office, c))) return c.redirect("/login", 303);
      return serveAsset(c, assets.get(file));
    });
  }

  routes.get("/login", (c) => serveAsset(c, assets.get("login.html")));

  routes.post("/login", async (c) => {
    if (!isSameOrigin(c)) return c.redirect("/login?failed=origin", 303);
    let token = "";
    try {
      const form = await c.req.parseBody();
      token = typeof form["token"] === "string" ? form["token"].trim() : "";
    } catch {
      return c.redirect("/login?failed=form", 303);
    }
    const grant = TOKEN_SHAPE.test(token) ? await resolveToken(office.store.db, token, office.kernel.now()) : null;
    if (!grant) return c.redirect("/login?failed=token", 303);
    setSessionCookie(c, token);
    return c.redirect("/", 303);
  });

  // GET only shows a "Sign in" button; the POST spends the code, so a link preview or prefetch cannot use it up.
  routes.get("/login/:code", (c) => serveAsset(c, assets.get("login-link.html")));

  routes.post("/login/:code", async (c) => {
    if (!isSameOrigin(c)) return c.redirect("/login?failed=origin", 303);
    const code = c.req.param("code");
    const entry = CODE_SHAPE.test(code) ? redeemLoginCode(office, code) : null;
    if (!entry) return c.redirect("/login?failed=link", 303);
    // A write in the link's tenant, through the store's writer (on PostgreSQL the read handle is read-only).
    const token = await withTenant(entry.tenantId, () =>
      office.store.write((tx) =>
        createToken(tx, {
          tenantId: entry.tenantId,
          actorId: entry.actorId,
          mode: entry.mode,
          now: office.kernel.now(),
          ttlDays: SESSION_DAYS,
          label: "web-login-link",
        }),
      ),
    );
    setSessionCookie(c, token);
    return c.redirect("/", 303);
  });

  routes.post("/logout", (c) => {
    if (!isSameOrigin(c)) return c.redirect("/", 303);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c) });
    return c.redirect("/login?signedOut=1", 303);
  });

  // Under /api: bearerAuth (fed by sessionCookieAuth) has set the grant.
  routes.get("/api/session", (c) => {
    const grant = c.get("grant");
    if (!grant) return refuse(c, "forbidden", "Sign in first.");
    const { actor, tenantId, mode } = grant;
    return c.json({ tenantId, mode, actor: { id: actor.id, name: actor.name, role: actor.role } });
  });

  // The UI shows Approve / Reject / Edit only when this says so; the click is still re-checked by kernel.decide.
  routes.get("/api/proposals/:id/can-decide", async (c) => {
    const grant = c.get("grant");
    if (!grant) return refuse(c, "forbidden", "Sign in first.");
    const id = c.req.param("id");
    if (!PROPOSAL_ID.test(id)) return refuse(c, "invalid_input", "Proposal ids look like P-12.");
    const proposal = await office.kernel.getProposal(grant.tenantId, id);
    if (!proposal) return refuse(c, "not_found", `No proposal ${id} in this business.`);
    const notPending =
      proposal.status === "pending" ? null : `${id} is ${proposal.status}; there is nothing to decide.`;
    const readOnly = grant.mode === "read_only" ? "A read-only session cannot approve or reject." : null;
    const reason = readOnly ?? whyActorMayNotDecide(proposal, grant.actor) ?? notPending;
    return c.json({
      proposalId: id,
      status: proposal.status,
      mayDecide: reason === null,
      reason,
      // Edit starts from the current input; only a person who may decide gets it.
      ...(reason === null ? { input: proposal.input } : {}),
    });
  });

  return routes;
}
