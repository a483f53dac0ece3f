CREATE TABLE `inventory_locations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`tech_id` text
);
--> statement-breakpoint
CREATE INDEX `inventory_locations_tenant` ON `inventory_locations` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `parts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`attributes` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parts_tenant_sku` ON `parts` (`tenant_id`,`sku`);--> statement-breakpoint
CREATE TABLE `price_book_items` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`description` text NOT NULL,
	`vendor` text NOT NULL,
	`category` text NOT NULL,
	`vendor_cost_cents` integer NOT NULL,
	`unit` text DEFAULT 'each' NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_book_tenant_sku` ON `price_book_items` (`tenant_id`,`sku`);--> statement-breakpoint
CREATE INDEX `price_book_tenant_category` ON `price_book_items` (`tenant_id`,`category`);--> statement-breakpoint
CREATE TABLE `public_rate_limits` (
	`tenant_id` text NOT NULL,
	`client_key` text NOT NULL,
	`window_start` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `client_key`, `window_start`)
);
--> statement-breakpoint
CREATE TABLE `repair_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`tech_id` text NOT NULL,
	`customer_id` text,
	`scheduled_job_id` text,
	`call_type` text,
	`equipment` text NOT NULL,
	`record` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `repair_jobs_tenant_tech` ON `repair_jobs` (`tenant_id`,`tech_id`,`status`);--> statement-breakpoint
CREATE TABLE `sales_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`customer_id` text,
	`prepared_by` text NOT NULL,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	`accepted_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sales_proposals_tenant_survey` ON `sales_proposals` (`tenant_id`,`survey_id`);--> statement-breakpoint
CREATE TABLE `stock` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`location_id` text NOT NULL,
	`part_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`reserved` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_tenant_location_part` ON `stock` (`tenant_id`,`location_id`,`part_id`);--> statement-breakpoint
CREATE INDEX `stock_tenant_part` ON `stock` (`tenant_id`,`part_id`);--> statement-breakpoint
CREATE TABLE `stock_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`stock_id` text NOT NULL,
	`job_ref` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reservations_tenant_job` ON `stock_reservations` (`tenant_id`,`job_ref`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text,
	`created_by` text NOT NULL,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `surveys_tenant_customer` ON `surveys` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `tech_profiles` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`epa_type` text NOT NULL,
	`epa_cert_number` text,
	`gates` text NOT NULL,
	`credential_numbers` text NOT NULL,
	`conditional_override` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
