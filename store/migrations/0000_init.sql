CREATE TABLE `actors` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`slack_user_id` text,
	`profile` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `approval_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`reviewer_role` text NOT NULL,
	`channel` text NOT NULL,
	`decision` text NOT NULL,
	`notes` text,
	`decided_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `decisions_tenant_proposal` ON `approval_decisions` (`tenant_id`,`proposal_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`channel` text,
	`tool` text,
	`input` text,
	`outcome` text NOT NULL,
	`failure_class` text,
	`proposal_id` text,
	`reasoning` text,
	`confidence` real,
	`trigger_id` text,
	`reviewer` text,
	`mutation` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `audit_tenant_at` ON `audit_log` (`tenant_id`,`at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`phone` text,
	`phone_key` text,
	`email` text,
	`status` text NOT NULL,
	`opted_out` text NOT NULL,
	`tags` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_tenant_name` ON `customers` (`tenant_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `customers_tenant_phone` ON `customers` (`tenant_id`,`phone_key`);--> statement-breakpoint
CREATE INDEX `customers_tenant_email` ON `customers` (`tenant_id`,`email`);--> statement-breakpoint
CREATE INDEX `customers_tenant_status` ON `customers` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `intake_items` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`source` text NOT NULL,
	`raw_text` text NOT NULL,
	`received_at` text NOT NULL,
	`route_confidence` real NOT NULL,
	`status` text NOT NULL,
	`extracted` text NOT NULL,
	`missing_fields` text NOT NULL,
	`conflicts` text NOT NULL,
	`suggested_action` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_tenant_status_received` ON `intake_items` (`tenant_id`,`status`,`received_at`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`channel` text NOT NULL,
	`direction` text NOT NULL,
	`summary` text NOT NULL,
	`outcome` text,
	`occurred_at` text NOT NULL,
	`raw_refs` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `interactions_tenant_customer_time` ON `interactions` (`tenant_id`,`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_tenant_time` ON `interactions` (`tenant_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`title` text NOT NULL,
	`scheduled_at` text NOT NULL,
	`status` text NOT NULL,
	`tech_id` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_tenant_scheduled` ON `jobs` (`tenant_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_customer` ON `jobs` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`body` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notes_tenant_customer` ON `notes` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`title` text NOT NULL,
	`stage` text NOT NULL,
	`value_cents` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`last_activity_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `opportunities_tenant_customer` ON `opportunities` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `opportunities_tenant_stage_activity` ON `opportunities` (`tenant_id`,`stage`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `opportunities_tenant_created` ON `opportunities` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbound_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`channel` text NOT NULL,
	`body` text NOT NULL,
	`risk_flags` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbound_tenant_status` ON `outbound_drafts` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `properties` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`street` text NOT NULL,
	`unit` text,
	`city` text NOT NULL,
	`state` text NOT NULL,
	`zip` text NOT NULL,
	`sqft` integer,
	`year_built` integer,
	`equipment` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `properties_tenant_customer` ON `properties` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`seq` integer NOT NULL,
	`tool` text NOT NULL,
	`input` text NOT NULL,
	`preview` text NOT NULL,
	`effect` text NOT NULL,
	`risk` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`supersedes` text,
	`superseded_by` text,
	`requested_by` text NOT NULL,
	`requested_role` text NOT NULL,
	`channel` text NOT NULL,
	`reasoning` text,
	`confidence` real,
	`evidence_refs` text NOT NULL,
	`trigger_id` text,
	`idempotency_key` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`applied_at` text,
	`result` text,
	`failure` text,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_tenant_idempotency` ON `proposals` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `proposals_tenant_status` ON `proposals` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`received_at` text NOT NULL,
	`failure_class` text NOT NULL,
	`reason` text NOT NULL,
	`tool` text,
	`raw` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quarantine_tenant_time` ON `quarantine` (`tenant_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`opportunity_id` text,
	`title` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`sent_at` text,
	`decided_at` text,
	`created_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quotes_tenant_customer` ON `quotes` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `quotes_tenant_status_sent` ON `quotes` (`tenant_id`,`status`,`sent_at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`due_at` text,
	`status` text NOT NULL,
	`owner_id` text,
	`outcome` text,
	`created_at` text NOT NULL,
	`completed_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tasks_tenant_customer` ON `tasks` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `tasks_tenant_status_due` ON `tasks` (`tenant_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_tenant_kind_status` ON `tasks` (`tenant_id`,`kind`,`status`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`trade_pack` text NOT NULL,
	`approval_policy` text NOT NULL,
	`data_source` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`adapter_health` text DEFAULT 'healthy' NOT NULL,
	`rollback_note` text NOT NULL,
	`release_notes_rule` text NOT NULL,
	`incident_runbook` text NOT NULL,
	`data_boundary` text NOT NULL,
	`branding` text NOT NULL,
	`trade_terms` text NOT NULL,
	`config` text NOT NULL,
	`data_version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`mode` text NOT NULL,
	`label` text,
	`created_at` text NOT NULL,
	`expires_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE INDEX `tokens_tenant_actor` ON `tokens` (`tenant_id`,`actor_id`);