// Conversation sessions: one per channel thread and person, persisted with their messages so a conversation and its
// pending proposals survive a restart. Tenant-scoped like every store read: each exported function is an entry point a
// channel calls once it knows the session's business, so each sets that tenant's store scope (store/scope.ts) itself.
import { randomBytes } from "node:crypto";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { type ChannelMode, ChannelModeSchema, ChannelSchema } from "../contracts/index.ts";
import { type Db, newId } from "../store/index.ts";
import { dialectOf } from "../store/raw.ts";
import { getActor } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
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
  return withTenant(input.tenantId, () => openScoped(deps, input, mode, channel));
}

async function openScoped(
  deps: Pick<AgentDeps, "store" | "kernel">,
  input: OpenSessionInput,
  mode: ChannelMode,
  channel: AgentSession["channel"],
): Promise<AgentSession> {
  const actor = await getActor(deps.store.db, input.tenantId, input.actorId);
  if (!actor) throw new AgentError("unknown_actor", `No actor ${input.actorId} in this business.`);
  const now = deps.kernel.now().toISOString();
  const threadRef = input.threadRef ?? null;
  return deps.store.write(async (tx) => {
    if (threadRef !== null) {
      const [existing] = await tx
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
        .limit(1);
      if (existing) {
        await tx
          .update(agentSessions)
          .set({ mode, updatedAt: now })
          .where(and(eq(agentSessions.tenantId, input.tenantId), eq(agentSessions.id, existing.id)));
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
    await tx.insert(agentSessions).values(row);
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
  const [row] = await withTenant(tenantId, () =>
    deps.store.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.tenantId, tenantId), eq(agentSessions.id, sessionId)))
      .limit(1),
  );
  return row ? toSession(row) : null;
}

// Messages of one createdAt (a fixed clock, or one millisecond) keep the order they were appended in. SQLite breaks
// the tie with rowid, which also orders messages stored before message ids were made sortable; PostgreSQL has no
// rowid, so there the id breaks it: newMessageId() issues ids in append order.
let lastIdMs = 0;
let idCounter = 0;

/** `msg_` + wall-clock ms (12 hex) + a per-millisecond counter (4 hex) + 8 random hex: sorts in append order. */
function newMessageId(): string {
  let ms = Math.max(Date.now(), lastIdMs);
  idCounter = ms === lastIdMs ? idCounter + 1 : 0;
  if (idCounter > 0xffff) {
    ms += 1;
    idCounter = 0;
  }
  lastIdMs = ms;
  const order = ms.toString(16).padStart(12, "0") + idCounter.toString(16).padStart(4, "0");
  return `msg_${order}${randomBytes(4).toString("hex")}`;
}

/** Append order of messages with the same createdAt (greater is newer; see newMessageId). Usable in joins. */
export function appendOrder(db: Db): SQL {
  return dialectOf(db) === "sqlite" ? sql`${agentMessages}.rowid` : sql`${agentMessages.id}`;
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
  const rows = await withTenant(session.tenantId, () =>
    deps.store.db
      .select()
      .from(agentMessages)
      .where(and(eq(agentMessages.tenantId, session.tenantId), eq(agentMessages.sessionId, session.id)))
      .orderBy(desc(agentMessages.createdAt), desc(appendOrder(deps.store.db)))
      .limit(options.limit ?? 1000),
  );
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
    id: newMessageId(),
    sessionId: session.id,
    role,
    content: content as unknown as Record<string, unknown>,
    createdAt: now,
  };
  await withTenant(session.tenantId, () =>
    deps.store.write(async (tx) => {
      await tx.insert(agentMessages).values(row);
      await tx
        .update(agentSessions)
        .set({ updatedAt: now })
        .where(and(eq(agentSessions.tenantId, session.tenantId), eq(agentSessions.id, session.id)));
    }),
  );
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
  const { threadRef } = session;
  const sessionIds =
    threadRef === null
      ? [session.id]
      : (
          await withTenant(session.tenantId, () =>
            deps.store.db
              .select({ id: agentSessions.id })
              .from(agentSessions)
              .where(
                and(
                  eq(agentSessions.tenantId, session.tenantId),
                  eq(agentSessions.channel, session.channel),
                  eq(agentSessions.threadRef, threadRef),
                ),
              ),
          )
        ).map((r) => r.id);
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
