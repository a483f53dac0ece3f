// Bolt listeners: which Slack deliveries become turns (DMs, mentions, the office's threads, `/office`) and which become
// kernel decisions (Approve / Reject). Each acks first where Slack waits, then awaits its work; none decides a right.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { withTenant } from "../../store/scope.ts";
import { decideFromButton } from "./actions.ts";
import { APPROVE_ACTION, escapeMrkdwn, REJECT_ACTION } from "./cards.ts";
import { claimSlackEvent } from "./dedupe.ts";
import { actorForSlackUser } from "./identity.ts";
import {
  answerInThread,
  isOfficeThread,
  reportFailure,
  type SlackDeps,
  type SlackPlace,
  UNKNOWN_USER,
  unescapeSlack,
} from "./turns.ts";

/** Drops every mention of the bot from a message ("<@U0BOT> add a note…" → "add a note…"). */
function withoutMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g") : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(mention, " ").replace(/\s+/g, " ").trim();
}

export function registerListeners(app: App, deps: SlackDeps, slashReply: "in_channel" | "ephemeral"): void {
  // Every delivery (event, command, button) enters here, and this workspace belongs to one tenant: its scope is set
  // once for the whole delivery, so the dedupe claim, the identity lookup, the turn and the decision all run in it.
  // A retried delivery (same event_id, e.g. x-slack-retry-num: 1) was acked by Bolt already; it never runs twice.
  app.use(({ body, next }) =>
    withTenant(deps.tenantId, async () => {
      const eventId = "event_id" in body && typeof body.event_id === "string" ? body.event_id : null;
      if (eventId && !(await claimSlackEvent(deps.office.store, eventId, deps.tenantId, deps.office.kernel.now()))) {
        deps.logger.info(`Skipped a repeated Slack delivery of ${eventId}.`);
        return;
      }
      await next();
    }),
  );

  app.event("message", async ({ event, context }) => {
    if (event.subtype !== undefined || event.bot_id) return; // edits, joins, bots (and this app) are not turns
    const text = event.text ?? "";
    if (!text.trim() || !event.user) return;
    if (event.channel_type === "im") {
      const threadTs = event.thread_ts ?? event.ts;
      await answerInThread(deps, event.user, text, { channel: event.channel, threadTs, direct: true });
      return;
    }
    // In a channel: only replies in a thread the office already talks in; a mention is answered by app_mention.
    if (!event.thread_ts || event.thread_ts === event.ts) return;
    if (context.botUserId && text.includes(`<@${context.botUserId}`)) return;
    const place = { channel: event.channel, threadTs: event.thread_ts, direct: false };
    if (!(await isOfficeThread(deps, place))) return;
    await answerInThread(deps, event.user, text, place);
  });

  app.event("app_mention", async ({ event, context }) => {
    if (event.bot_id || !event.user) return;
    const place = { channel: event.channel, threadTs: event.thread_ts ?? event.ts, direct: false };
    await answerInThread(deps, event.user, withoutMention(event.text, context.botUserId), place);
  });

  app.command("/office", async ({ command, ack }) => {
    await ack(); // within Slack's 3 s; the turn runs after
    const place: SlackPlace = { channel: command.channel_id, threadTs: "", direct: command.channel_id.startsWith("D") };
    try {
      const asked = command.text.trim();
      const actor = await actorForSlackUser(deps.office.store, deps.tenantId, command.user_id);
      const refusal = !actor ? UNKNOWN_USER : !asked ? 'Ask me something, e.g. "/office show me the dashboard".' : null;
      if (refusal) {
        await deps.web.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: refusal });
        return;
      }
      if (slashReply === "ephemeral") {
        // Only the asker sees it: one session per person and channel for the command's conversation.
        const ephemeral = { ...place, threadTs: `cmd-${command.user_id}`, ephemeralTo: command.user_id };
        await answerInThread(deps, command.user_id, asked, ephemeral);
        return;
      }
      const opened = await deps.web.chat.postMessage({
        channel: command.channel_id,
        text: `<@${command.user_id}> asked: ${escapeMrkdwn(unescapeSlack(asked))}`,
      });
      place.threadTs = opened.ts ?? "";
      await answerInThread(deps, command.user_id, asked, place);
    } catch (error) {
      await reportFailure(deps, place, "A /office command", error);
    }
  });

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: new RegExp(`^(${APPROVE_ACTION}|${REJECT_ACTION})$`) },
    async ({ ack, body, action }) => {
      await ack(); // ack first (Slack's 3 s limit), then decide
      const channel = body.channel?.id ?? body.container?.channel_id;
      const messageTs = body.message?.ts ?? body.container?.message_ts ?? null;
      const threadTs = body.message?.thread_ts ?? body.container?.thread_ts ?? messageTs;
      if (typeof channel !== "string" || typeof threadTs !== "string") {
        deps.logger.warn("A proposal button arrived without a channel or message; nothing was decided.");
        return;
      }
      await decideFromButton(deps, {
        slackUserId: body.user.id,
        proposalId: action.value ?? "",
        decision: action.action_id === APPROVE_ACTION ? "approve" : "reject",
        channel,
        messageTs: typeof messageTs === "string" ? messageTs : null,
        threadTs,
      });
    },
  );

  app.error(async (error) => {
    deps.logger.error(`A Slack listener failed: ${error.code ?? error.name}`);
  });
}
