// The public support page (/support) and its two JSON actions, with no token: they run through the kernel as the
// synthetic public actor (role customer, channel "public"), behind payload caps and a per-client rate limit.
// A host running several shops serves each at /support/<tenant> (rate limit and intake in that business); /support
// stays the default business. An unknown business is the app's plain 404, like any path that does not exist.
import { randomUUID } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { countPublicRequest } from "../../store/repos/field-repair.ts";
import { getActor, getTenant } from "../../store/repos/tenants.ts";
import { withTenant } from "../../store/scope.ts";
import type { CallContext, KernelResult } from "../../tools/kernel/index.ts";
import {
  base64Bytes,
  detectEmergency,
  MAX_DESCRIPTION_CHARS,
  MAX_IMAGE_BYTES,
  MAX_IMAGES,
} from "../../tools/public/triage-rules.ts";
import type { Office } from "../office.ts";

export interface PublicRoutesOptions {
  /** The business the page at /support serves (default "demo"); others are at /support/<tenant>. */
  tenantId?: string;
  /** The synthetic customer actor the page acts as (default "public-web", created by the field fixtures). */
  actorId?: string;
  /** Requests per client per window (default 10 per 10 minutes). */
  limit?: number;
  windowMs?: number;
  /**
   * The client key for the rate limit. Default: the socket's remote address. Behind a reverse proxy, pass a function
   * that reads the proxy's own header (e.g. `cf-connecting-ip`); never trust a header a client can set directly.
   */
  clientKey?: (c: Context) => string;
}

/** Largest body accepted: 3 photos of 1 MB as base64 (~1.4 MB each) plus the text fields. */
export const MAX_PUBLIC_BODY_BYTES = MAX_IMAGES * Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 64 * 1024;

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // No node socket (e.g. an in-process request): every such caller shares one bucket, which fails safe.
    return "unknown";
  }
}

/** Why a body breaks the caps (413), or null. Checked before the kernel so oversize input never reaches a tool. */
function capProblem(body: unknown): string | null {
  if (body === null || typeof body !== "object") return null;
  const { description, images } = body as { description?: unknown; images?: unknown };
  if (typeof description === "string" && description.length > MAX_DESCRIPTION_CHARS) {
    return `Please keep the description under ${MAX_DESCRIPTION_CHARS} characters.`;
  }
  if (Array.isArray(images)) {
    if (images.length > MAX_IMAGES) return `Please attach at most ${MAX_IMAGES} photos.`;
    for (const image of images) {
      const data = (image as { base64?: unknown } | null)?.base64;
      if (typeof data === "string" && base64Bytes(data) > MAX_IMAGE_BYTES) return "Each photo must be 1 MB or smaller.";
    }
  }
  return null;
}

/** What the customer sees of a kernel result: customer-safe data only, never ids, proposals or internal reasons. */
function publicBody(result: KernelResult, kind: "triage" | "request", description: string) {
  if (result.status === "ok" && kind === "triage") return { status: 200 as const, body: result.data };
  if (result.status === "proposed" || result.status === "ok") {
    const emergency = detectEmergency(description);
    return {
      status: 200 as const,
      body: {
        received: true,
        message: "Thanks — your request reached the office. Someone will contact you to arrange a visit.",
        emergency,
      },
    };
  }
  if (result.status === "refused" && result.failure.class === "invalid_input") {
    const issues = (result.failure.issues ?? []).map((i) => `${i.path}: ${i.message}`);
    return { status: 400 as const, body: { error: "Please check the form.", issues } };
  }
  return {
    status: 503 as const,
    body: { error: "The support page cannot take requests right now. Please call us instead." },
  };
}

// A tenant slug as it may appear in a URL; anything else is not looked up at all.
const TENANT_SLUG = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function publicRoutes(office: Office, options: PublicRoutesOptions = {}): Hono {
  const defaultTenantId = options.tenantId ?? "demo";
  const actorId = options.actorId ?? "public-web";
  const limit = options.limit ?? 10;
  const windowMs = options.windowMs ?? 10 * 60 * 1000;
  const clientKey = options.clientKey ?? socketAddress;
  const app = new Hono();

  /**
   * The business a /support/<tenant> URL names, when it has a public page (the business exists and has the public
   * actor); null otherwise, and the caller answers exactly as for a path that does not exist.
   */
  const servedTenant = async (c: Context): Promise<{ id: string; name: string } | null> => {
    const slug = c.req.param("tenantSlug") ?? "";
    if (!TENANT_SLUG.test(slug)) return null;
    // The slug is the tenant id: the look-up runs in that tenant's scope, so it can only ever find that business.
    return withTenant(slug, async () => {
      const tenant = await getTenant(office.store.db, slug);
      if (!tenant || !(await getActor(office.store.db, tenant.id, actorId))) return null;
      return { id: tenant.id, name: tenant.branding.displayName || tenant.name };
    });
  };

  app.get("/support", (c) => c.html(supportPage("support/", null)));
  app.get("/support/:tenantSlug", async (c) => {
    const tenant = await servedTenant(c);
    if (!tenant) return c.notFound();
    return c.html(supportPage(`${tenant.id}/`, tenant.name));
  });

  /** One action for a known business, inside its tenant scope: rate limit, caps, then the kernel as the public actor. */
  const answer = async (
    c: Context,
    tool: "public.triage" | "public.support_request",
    kind: "triage" | "request",
    tenantId: string,
  ) => {
    const now = office.kernel.now();
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
    const count = await office.store.write((tx) => countPublicRequest(tx, tenantId, clientKey(c), windowStart));
    if (count > limit) {
      const retryAfter = Math.ceil((Date.parse(windowStart) + windowMs - now.getTime()) / 1000);
      c.header("Retry-After", String(Math.max(1, retryAfter)));
      return c.json({ error: "Too many requests from this connection. Please wait a few minutes or call us." }, 429);
    }
    const length = Number(c.req.header("content-length") ?? "0");
    if (length > MAX_PUBLIC_BODY_BYTES) return c.json({ error: "That request is too large." }, 413);
    const text = await c.req.text();
    if (text.length > MAX_PUBLIC_BODY_BYTES) return c.json({ error: "That request is too large." }, 413);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ error: "Please send the form as JSON." }, 400);
    }
    const tooBig = capProblem(body);
    if (tooBig) return c.json({ error: tooBig }, 413);
    const actor = await getActor(office.store.db, tenantId, actorId);
    if (!actor) return c.json({ error: "The support page is not set up for this business yet." }, 503);
    const ctx: CallContext = {
      tenantId,
      actor,
      mode: "propose_actions",
      channel: "public",
      requestedAt: now.toISOString(),
      idempotencyKey: randomUUID(),
      initiatedBy: "human",
    };
    const result = await office.kernel.execute(tool, body, ctx);
    const description = String((body as { description?: unknown } | null)?.description ?? "");
    const rendered = publicBody(result, kind, description);
    return c.json(rendered.body as object, rendered.status);
  };

  const action =
    (tool: "public.triage" | "public.support_request", kind: "triage" | "request", perTenant: boolean) =>
    async (c: Context) => {
      let tenantId = defaultTenantId;
      if (perTenant) {
        const tenant = await servedTenant(c);
        // Checked before the rate limit, so an unknown name never leaves a row behind or answers differently.
        if (!tenant) return c.notFound();
        tenantId = tenant.id;
      }
      // No token here: the tenant is the business the URL names (/support: the default one); all below runs in it.
      return withTenant(tenantId, () => answer(c, tool, kind, tenantId));
    };

  app.post("/support/triage", action("public.triage", "triage", false));
  app.post("/support/request", action("public.support_request", "request", false));
  app.post("/support/:tenantSlug/triage", action("public.triage", "triage", true));
  app.post("/support/:tenantSlug/request", action("public.support_request", "request", true));
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The page, posting to its actions relative to itself (so it also works behind a path prefix): "support/" from
 * /support, "<tenant>/" from /support/<tenant>. A business's own page names it.
 */
function supportPage(actionBase: string, businessName: string | null): string {
  const triagePath = JSON.stringify(`${actionBase}triage`);
  const requestPath = JSON.stringify(`${actionBase}request`);
  const business = businessName === null ? "" : `<p class="business">${escapeHtml(businessName)}</p>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Get help with your heating, cooling or hot water</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }
  .banner { background: #b00020; color: #fff; padding: .75rem 1rem; border-radius: .5rem; }
  .banner strong { display: block; font-size: 1.1rem; }
  label { display: block; margin-top: .75rem; font-weight: 600; }
  input, textarea { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }
  textarea { min-height: 8rem; }
  button { margin-top: 1rem; padding: .6rem 1.2rem; font: inherit; }
  #answer { margin-top: 1rem; padding: .75rem; background: #f3f5f7; border-radius: .5rem; }
  .emergency { background: #b00020 !important; color: #fff; font-weight: 600; }
  .business { margin: 1rem 0 0; font-weight: 600; }
</style>
</head>
<body>
<div class="banner" role="alert">
  <strong>Smell gas? CO alarm going off? Sparks or smoke?</strong>
  Leave the home now and call 911 or your gas utility from outside. Do not use this form first.
</div>
${business}<h1>Describe the problem</h1>
<form id="triage">
  <label for="description">What is happening?</label>
  <textarea id="description" name="description" maxlength="${MAX_DESCRIPTION_CHARS}" required></textarea>
  <label for="photos">Photos (optional, up to ${MAX_IMAGES}, 1 MB each)</label>
  <input id="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple>
  <button type="submit">What could it be?</button>
</form>
<div id="answer" hidden></div>
<form id="request" hidden>
  <h2>Ask for a visit</h2>
  <label for="name">Your name</label><input id="name" required maxlength="120">
  <label for="phone">Phone</label><input id="phone" type="tel" maxlength="30">
  <label for="email">Email</label><input id="email" type="email" maxlength="200">
  <label for="address">Address</label><input id="address" maxlength="300">
  <button type="submit">Send request</button>
</form>
<script>
const $ = (id) => document.getElementById(id);
const show = (html, urgent) => { const a = $("answer"); a.hidden = false; a.className = urgent ? "emergency" : ""; a.innerHTML = html; };
const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => "&#" + ch.charCodeAt(0) + ";");
async function photos() {
  const files = [...$("photos").files].slice(0, ${MAX_IMAGES});
  return Promise.all(files.map((f) => new Promise((resolve) => {
    const r = new FileReader(); r.onload = () => resolve({ base64: r.result, mediaType: f.type }); r.readAsDataURL(f);
  })));
}
async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}
$("triage").addEventListener("submit", async (e) => {
  e.preventDefault();
  const images = await photos();
  const { status, body } = await post(${triagePath}, { description: $("description").value, ...(images.length ? { images } : {}) });
  if (status !== 200) return show(esc(body.error || "Something went wrong. Please call us."), false);
  if (body.emergency) { show("<p>" + esc(body.emergency.instruction) + "</p>", true); }
  else show("<p>" + esc(body.headline) + "</p><ul>" + body.possibleCauses.map((c) => "<li>" + esc(c) + "</li>").join("") +
    "</ul>" + (body.safeChecks.length ? "<p>You can safely check:</p><ul>" + body.safeChecks.map((c) => "<li>" + esc(c) + "</li>").join("") + "</ul>" : "") +
    "<p>" + esc(body.nextStep) + "</p>", false);
  $("request").hidden = false;
});
$("request").addEventListener("submit", async (e) => {
  e.preventDefault();
  const pick = (id) => $(id).value.trim() || undefined;
  const { status, body } = await post(${requestPath}, { name: $("name").value, phone: pick("phone"), email: pick("email"), address: pick("address"), description: $("description").value });
  show(esc(status === 200 ? body.message : (body.error || "Please call us.")), Boolean(body.emergency));
});
</script>
</body>
</html>
`;
}
