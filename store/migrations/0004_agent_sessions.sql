CREATE TABLE IF NOT EXISTS `agent_messages` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `agent_messages_session` ON `agent_messages` (`tenant_id`,`session_id`,`created_at`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `agent_sessions` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`channel` text NOT NULL,
	`mode` text NOT NULL,
	`thread_ref` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `agent_sessions_thread` ON `agent_sessions` (`tenant_id`,`channel`,`thread_ref`,`actor_id`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `channel_events` (
	`channel` text NOT NULL,
	`event_id` text NOT NULL,
	`tenant_id` text,
	`received_at` text NOT NULL,
	PRIMARY KEY(`channel`, `event_id`)
);
