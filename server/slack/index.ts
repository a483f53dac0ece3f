// server/slack/: the Slack channel (Bolt v4). Turns from DMs, mentions, threads and `/office`; proposal cards whose
// buttons the kernel decides; the founder's digest. It adds no permission of its own.
export { decideFromButton, decisionLine } from "./actions.ts";
export {
  createSlackApp,
  type SlackApp,
  type SlackOptions,
  slackOptionsFromEnv,
  slackRequestHandler,
} from "./app.ts";
export { APPROVE_ACTION, decidedCard, hardStopCard, proposalCard, REJECT_ACTION } from "./cards.ts";
export { claimSlackEvent } from "./dedupe.ts";
export { type DigestOptions, type DigestResult, groupForDigest, postDailyDigest } from "./digest.ts";
export { actorForSlackUser, DEMO_SLACK_USERS, linkDemoSlackUsers } from "./identity.ts";
export { FetchReceiver } from "./receiver.ts";
