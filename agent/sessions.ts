// Conversation sessions: one per channel thread and person, persisted with their messages so a conversation and its
// pending proposals survive a restart. Tenant-scoped like every store read.
import { and, desc, eq, sql } from "drizzle-orm";
import { type ChannelMode, ChannelModeSchema, ChannelSchema } from "../contracts/index.ts";
import { newId } from "../store/index.ts";
import { getActor } from "../store/repos/tenants.ts";
import { agentMessages, agentSessions, ensureAgentTables } from "./session-tables.ts";
import {
  type AgentDeps,
  AgentError,
  type AgentMessage,
  type AgentSession,
  type MessageContent,
  type MessageRole,
} from "./types.ts";

export interface OpenSessionInput {
  tenantId: string;
  actorId: string;
  channel: AgentSession["channel"];
  mode: ChannelMode;
  /** The channel's thread (Slack thread ts, web chat id). The same thread and person get the same session back. */
  threadRef?: string;
}

type SessionRow = typeof agentSessions.$inferSelect;

function toSession(row: SessionRow): AgentSession {
  return {
    id: row.id,
    tenantId: row.tenantId,
    actorId: row.actorId,
    channel: ChannelSchema.parse(row.channel),
    mode: ChannelModeSchema.parse(row.mode),
    threadRef: row.threadRef,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Opens the session for this thread and person, or a new one. The mode is the channel's current grant, so a
 * reopened session takes the mode it is opened with now (a token narrowed to read_only stays narrowed).
 */
export async function openSession(
  deps: Pick<AgentDeps, "store" | "kernel">,
  input: OpenSessionInput,
): Promise<AgentSession> {
  ensureAgentTables(deps.store);
  const mode = ChannelModeSchema.parse(input.mode);
  const channel = ChannelSchema.parse(input.channel);
  const actor = await getActor(deps.store.db, input.tenantId, input.actorId);
  if (!actor) throw new AgentError("unknown_actor", `No actor ${input.actorId} in this business.`);
  const now = deps.kernel.now().toISOString();
  const threadRef = input.threadRef ?? null;
  return deps.store.write(async (tx) => {
    if (threadRef !== null) {
      const existing = tx
        .select()
        .from(agentSessions)
        .where(
          and(
            eq(agentSessions.tenantId, input.tenantId),
            eq(agentSessions.channel, channel),
            eq(agentSessions.threadRef, threadRef),
            eq(agentSessions.actorId, input.actorId),
          ),
        )
        .get();
      if (existing) {
        tx.update(agentSessions)
          .set({ mode, updatedAt: now })
          .where(and(eq(agentSessions.tenantId, input.tenantId), eq(agentSessions.id, existing.id)))
          .run();
        return toSession({ ...existing, mode, updatedAt: now });
      }
    }
    const row: SessionRow = {
      tenantId: input.tenantId,
      id: newId("ses"),
      actorId: input.actorId,
      channel,
      mode,
      threadRef,
      createdAt: now,
      updatedAt: now,
    };
    tx.insert(agentSessions).values(row).run();
    return toSession(row);
  });
}

/** A session by id, inside its tenant only. */
export async function loadSession(
  deps: Pick<AgentDeps, "store">,
  tenantId: string,
  sessionId: string,
): Promise<AgentSession | null> {
  ensureAgentTables(deps.store);
  const row = deps.store.db
    .select()
    .from(agentSessions)
    .where(and(eq(agentSessions.tenantId, tenantId), eq(agentSessions.id, sessionId)))
    .get();
  return row ? toSession(row) : null;
}

function toMessage(row: typeof agentMessages.$inferSelect): AgentMessage {
  return {
    id: row.id,
    sessionId: row.sessionId,
    role: row.role === "assistant" ? "assistant" : "user",
    content: row.content as unknown as MessageContent,
    createdAt: row.createdAt,
  };
}

/** The session's messages, oldest first; `limit` keeps the most recent ones. */
export async function loadMessages(
  deps: Pick<AgentDeps, "store">,
  session: Pick<AgentSession, "id" | "tenantId">,
  options: { limit?: number } = {},
): Promise<AgentMessage[]> {
  ensureAgentTables(deps.store);
  const rows = deps.store.db
    .select()
    .from(agentMessages)
    .where(and(eq(agentMessages.tenantId, session.tenantId), eq(agentMessages.sessionId, session.id)))
    .orderBy(desc(agentMessages.createdAt), desc(sql`rowid`))
    .limit(options.limit ?? 1000)
    .all();
  return rows.reverse().map(toMessage);
}

export async function appendMessage(
  deps: Pick<AgentDeps, "store" | "kernel">,
  session: Pick<AgentSession, "id" | "tenantId">,
  role: MessageRole,
  content: MessageContent,
): Promise<AgentMessage> {
  ensureAgentTables(deps.store);
  const now = deps.kernel.now().toISOString();
  const row = {
    tenantId: session.tenantId,
    id: newId("msg"),
    sessionId: session.id,
    role,
    content: content as unknown as Record<string, unknown>,
    createdAt: now,
  };
  await deps.store.write((tx) => {
    tx.insert(agentMessages).values(row).run();
    tx.update(agentSessions)
      .set({ updatedAt: now })
      .where(and(eq(agentSessions.tenantId, session.tenantId), eq(agentSessions.id, session.id)))
      .run();
  });
  return toMessage(row);
}

/**
 * Proposal ids this conversation thread produced, newest first: the session's own, and for a shared channel thread
 * those of the other people's sessions in it (so a founder can say "approve that" in a salesperson's thread).
 */
export async function proposalIdsOfThread(
  deps: Pick<AgentDeps, "store">,
  session: Pick<AgentSession, "id" | "tenantId" | "channel" | "threadRef">,
): Promise<string[]> {
  ensureAgentTables(deps.store);
  const sessionIds =
    session.threadRef === null
      ? [session.id]
      : deps.store.db
          .select({ id: agentSessions.id })
          .from(agentSessions)
          .where(
            and(
              eq(agentSessions.tenantId, session.tenantId),
              eq(agentSessions.channel, session.channel),
              eq(agentSessions.threadRef, session.threadRef),
            ),
          )
          .all()
          .map((r) => r.id);
  const found: { at: string; id: string; number: number }[] = [];
  for (const sessionId of sessionIds) {
    const messages = await loadMessages(deps, { id: sessionId, tenantId: session.tenantId });
    for (const message of messages) {
      for (const call of message.content.calls ?? []) {
        if (!call.proposal || call.tool === "kernel.decide") continue;
        const number = Number(call.proposal.id.slice(call.proposal.id.lastIndexOf("-") + 1)) || 0;
        found.push({ at: message.createdAt, id: call.proposal.id, number });
      }
    }
  }
  // Newest first across sessions; the proposal number breaks ties (a higher number is newer).
  found.sort((a, b) => (a.at === b.at ? b.number - a.number : a.at < b.at ? 1 : -1));
  return [...new Set(found.map((f) => f.id))];
}
