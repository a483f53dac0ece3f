// Drizzle tables for conversations: sessions and their messages, so a Slack thread or web chat (and its pending
// approvals) survives a restart. Also channel event ids seen, so a retried delivery never runs a turn twice.
import { index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const agentSessions = sqliteTable(
  "agent_sessions",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").primaryKey(),
    actorId: text("actor_id").notNull(),
    channel: text("channel").notNull(),
    mode: text("mode").notNull(),
    threadRef: text("thread_ref"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("agent_sessions_thread").on(t.tenantId, t.channel, t.threadRef, t.actorId)],
);

export const agentMessages = sqliteTable(
  "agent_messages",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").primaryKey(),
    sessionId: text("session_id").notNull(),
    role: text("role").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("agent_messages_session").on(t.tenantId, t.sessionId, t.createdAt)],
);

/** Deliveries already handled per channel (Slack event ids, web/MCP request keys): the first insert wins. */
export const channelEvents = sqliteTable(
  "channel_events",
  {
    channel: text("channel").notNull(),
    eventId: text("event_id").notNull(),
    tenantId: text("tenant_id"),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.eventId] })],
);
