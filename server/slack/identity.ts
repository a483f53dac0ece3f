// Who a Slack user is in the office: the actor linked by `actors.slack_user_id`, within the workspace's tenant only.
// It answers "who"; whether that person may do something is the kernel's question, never this file's.
import { and, eq } from "drizzle-orm";
import type { Actor, Role } from "../../contracts/index.ts";
import type { Store } from "../../store/index.ts";
import { affected } from "../../store/raw.ts";
import { actors } from "../../store/schema.ts";
import { withTenant } from "../../store/scope.ts";

/** The person linked to this Slack user in the tenant, or null (unmapped users get a refusal, never a guess). */
export async function actorForSlackUser(store: Store, tenantId: string, slackUserId: string): Promise<Actor | null> {
  if (!slackUserId) return null;
  const [row] = await store.db
    .select()
    .from(actors)
    .where(and(eq(actors.tenantId, tenantId), eq(actors.slackUserId, slackUserId)))
    .limit(1);
  return row ? { id: row.id, tenantId: row.tenantId, name: row.name, role: row.role as Role } : null;
}

/** The synthetic demo workspace's Slack users (ARCHITECTURE §8: invented ids, no real workspace). */
export const DEMO_SLACK_USERS: Readonly<Record<string, string>> = {
  U0FOUNDER: "founder",
  U0OFFICE: "office-1",
  U0SALES1: "sales-1",
  U0TECH1: "tech-1",
};

/**
 * Links the demo Slack users to the demo tenant's people. Idempotent: running it again changes nothing.
 * Its own entry point (`office serve` calls it at start, outside any request), so it sets the tenant's scope itself.
 */
export async function linkDemoSlackUsers(store: Store, tenantId = "demo"): Promise<number> {
  return withTenant(tenantId, () =>
    store.write(async (tx) => {
      let linked = 0;
      for (const [slackUserId, actorId] of Object.entries(DEMO_SLACK_USERS)) {
        const result = await tx
          .update(actors)
          .set({ slackUserId })
          .where(and(eq(actors.tenantId, tenantId), eq(actors.id, actorId)));
        linked += affected(result);
      }
      return linked;
    }),
  );
}
