// Bearer-token authentication for /api/*: a token binds one tenant, one actor and one mode (never apply_allowed).
// It only says who is calling; what they may do is the kernel's decision.
import type { MiddlewareHandler } from "hono";
import { resolveToken, type TokenGrant } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import type { Office } from "./office.ts";

export interface ApiEnv {
  Variables: { grant: TokenGrant };
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,512})[ \t]*$/i;

function unauthorized(reason: string): Response {
  return new Response(JSON.stringify({ status: "refused", failure: { class: "forbidden", reason } }), {
    status: 401,
    headers: { "content-type": "application/json; charset=UTF-8", "www-authenticate": 'Bearer realm="office"' },
  });
}

/** Resolves `Authorization: Bearer <token>`; paths in `publicPaths` pass without one. */
export function bearerAuth(office: Office, publicPaths: ReadonlySet<string>): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const header = c.req.header("authorization");
    if (!header) {
      return unauthorized(
        "This API needs a token: send Authorization: Bearer <token> (create one with npx office token create).",
      );
    }
    const match = BEARER.exec(header);
    const secret = match?.[1];
    if (!secret) return unauthorized("The Authorization header must read: Bearer <token>.");
    const grant = await resolveToken(office.store.db, secret, office.kernel.now());
    if (!grant) return unauthorized("This token is unknown, expired or revoked; ask the founder for a new one.");
    c.set("grant", grant);
    // Everything this request does runs in the token's tenant (on PostgreSQL, row-level security holds it there).
    return withTenant(grant.tenantId, () => next());
  };
}
