CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`source_system` text NOT NULL,
	`uploaded_filename` text NOT NULL,
	`mime_type` text NOT NULL,
	`storage_ref` text NOT NULL,
	`checksum` text NOT NULL,
	`row_count` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`raw_text` text NOT NULL,
	`manifest` text NOT NULL,
	`summary` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batches_tenant_checksum` ON `import_batches` (`tenant_id`,`checksum`);--> statement-breakpoint
CREATE TABLE `import_rows` (
	`tenant_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`row_number` integer NOT NULL,
	`raw` text NOT NULL,
	`projection` text NOT NULL,
	`errors` text NOT NULL,
	`merge_candidates` text NOT NULL,
	`confidence` real NOT NULL,
	`status` text NOT NULL,
	`proposal_id` text,
	`customer_id` text,
	PRIMARY KEY(`tenant_id`, `batch_id`, `row_number`)
);
--> statement-breakpoint
CREATE INDEX `import_rows_status` ON `import_rows` (`tenant_id`,`batch_id`,`status`);--> statement-breakpoint
CREATE TABLE `signals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`client_ref` text NOT NULL,
	`source_ref` text NOT NULL,
	`score_type` text NOT NULL,
	`value` real NOT NULL,
	`time_window` text NOT NULL,
	`evidence_refs` text NOT NULL,
	`operator_input` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `signals_tenant_client` ON `signals` (`tenant_id`,`client_ref`);--> statement-breakpoint
CREATE TABLE `transcripts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`interaction_id` text NOT NULL,
	`media_ref` text NOT NULL,
	`language` text NOT NULL,
	`segments` text NOT NULL,
	`text` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `transcripts_tenant_interaction` ON `transcripts` (`tenant_id`,`interaction_id`);