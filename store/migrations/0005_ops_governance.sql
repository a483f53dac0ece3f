CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`plan` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`renews_at` text NOT NULL,
	`cancelled_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agreements_tenant_status_renews` ON `agreements` (`tenant_id`,`status`,`renews_at`);--> statement-breakpoint
CREATE INDEX `agreements_tenant_customer` ON `agreements` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `gov_contracts` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`issue_id` text NOT NULL,
	`version` integer NOT NULL,
	`supersedes` text,
	`status` text NOT NULL,
	`proposed_changes` text NOT NULL,
	`affected_capabilities` text NOT NULL,
	`risk_level` text NOT NULL,
	`requested_by` text NOT NULL,
	`review_proposal_id` text,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`activation` text,
	`health` text,
	`audit_verdict` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `gov_contracts_tenant_status` ON `gov_contracts` (`tenant_id`,`status`);--> statement-breakpoint
CREATE INDEX `gov_contracts_issue` ON `gov_contracts` (`tenant_id`,`issue_id`);--> statement-breakpoint
CREATE TABLE `gov_events` (
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`issue_id` text NOT NULL,
	`contract_id` text,
	`step` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text NOT NULL,
	`detail` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `gov_events_issue` ON `gov_events` (`tenant_id`,`issue_id`,`seq`);--> statement-breakpoint
CREATE TABLE `gov_incidents` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`contract_id` text,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`closed_at` text,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `gov_incidents_tenant_status` ON `gov_incidents` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `gov_issues` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`source` text NOT NULL,
	`raw_payload` text NOT NULL,
	`received_by` text NOT NULL,
	`received_at` text NOT NULL,
	`status` text NOT NULL,
	`validation` text,
	`eligibility` text,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `gov_jobs` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`contract_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`steps` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`outcomes` text NOT NULL,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gov_jobs_contract_kind` ON `gov_jobs` (`tenant_id`,`contract_id`,`kind`);--> statement-breakpoint
CREATE INDEX `gov_jobs_tenant_status` ON `gov_jobs` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `opportunity_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`opportunity_id` text NOT NULL,
	`from_stage` text NOT NULL,
	`to_stage` text NOT NULL,
	`from_value_cents` integer NOT NULL,
	`to_value_cents` integer NOT NULL,
	`changed_at` text NOT NULL,
	`changed_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `opportunity_changes_tenant_time` ON `opportunity_changes` (`tenant_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `ops_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`emitted` integer DEFAULT 0 NOT NULL,
	`closed` integer DEFAULT 0 NOT NULL,
	`suggestions` integer DEFAULT 0 NOT NULL,
	`duration_ms` real
);
--> statement-breakpoint
CREATE INDEX `ops_scans_tenant_started` ON `ops_scans` (`tenant_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `ops_triggers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`record_id` text NOT NULL,
	`customer_id` text,
	`context` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text,
	`suggestion_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ops_triggers_open_record` ON `ops_triggers` (`tenant_id`,`type`,`record_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `ops_triggers_tenant_status` ON `ops_triggers` (`tenant_id`,`status`,`type`);