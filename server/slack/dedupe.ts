// Slack delivery dedupe: a retried delivery (same event_id, e.g. with x-slack-retry-num) never runs a turn twice,
// even after a restart, because the claim is a row in the store's channel_events table (first insert wins).
import type { Store } from "../../store/index.ts";
import { affected } from "../../store/raw.ts";
import { channelEvents } from "../../store/schema-agent.ts";

/** True for the first delivery of this event id; false for every later one (a retry or a replay). */
export async function claimSlackEvent(
  store: Store,
  eventId: string,
  tenantId: string,
  receivedAt: Date,
): Promise<boolean> {
  return store.write(async (tx) => {
    const result = await tx
      .insert(channelEvents)
      .values({ channel: "slack", eventId, tenantId, receivedAt: receivedAt.toISOString() })
      .onConflictDoNothing();
    return affected(result) === 1;
  });
}
