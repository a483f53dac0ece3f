CREATE TABLE "actors" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"slack_user_id" text,
	"profile" text,
	"created_at" text NOT NULL,
	CONSTRAINT "actors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agent_messages" (
	"tenant_id" text NOT NULL,
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"role" text NOT NULL,
	"content" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_sessions" (
	"tenant_id" text NOT NULL,
	"id" text PRIMARY KEY NOT NULL,
	"actor_id" text NOT NULL,
	"channel" text NOT NULL,
	"mode" text NOT NULL,
	"thread_ref" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"plan" text NOT NULL,
	"status" text NOT NULL,
	"started_at" text NOT NULL,
	"renews_at" text NOT NULL,
	"cancelled_at" text,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"reviewer_id" text NOT NULL,
	"reviewer_role" text NOT NULL,
	"channel" text NOT NULL,
	"decision" text NOT NULL,
	"notes" text,
	"decided_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"tenant_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" text NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"channel" text,
	"tool" text,
	"input" text,
	"outcome" text NOT NULL,
	"failure_class" text,
	"proposal_id" text,
	"reasoning" text,
	"confidence" double precision,
	"trigger_id" text,
	"reviewer" text,
	"mutation" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "channel_events" (
	"channel" text NOT NULL,
	"event_id" text NOT NULL,
	"tenant_id" text,
	"received_at" text NOT NULL,
	CONSTRAINT "channel_events_channel_event_id_pk" PRIMARY KEY("channel","event_id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"phone" text,
	"phone_key" text,
	"email" text,
	"status" text NOT NULL,
	"opted_out" text NOT NULL,
	"tags" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gov_contracts" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"issue_id" text NOT NULL,
	"version" bigint NOT NULL,
	"supersedes" text,
	"status" text NOT NULL,
	"proposed_changes" text NOT NULL,
	"affected_capabilities" text NOT NULL,
	"risk_level" text NOT NULL,
	"requested_by" text NOT NULL,
	"review_proposal_id" text,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL,
	"approved_by" text,
	"approved_at" text,
	"activation" text,
	"health" text,
	"audit_verdict" text,
	"updated_at" text NOT NULL,
	CONSTRAINT "gov_contracts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "gov_events" (
	"tenant_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"issue_id" text NOT NULL,
	"contract_id" text,
	"step" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text NOT NULL,
	"detail" text NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "gov_events_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "gov_incidents" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"contract_id" text,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" text NOT NULL,
	"closed_at" text,
	CONSTRAINT "gov_incidents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "gov_issues" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"source" text NOT NULL,
	"raw_payload" text NOT NULL,
	"received_by" text NOT NULL,
	"received_at" text NOT NULL,
	"status" text NOT NULL,
	"validation" text,
	"eligibility" text,
	CONSTRAINT "gov_issues_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "gov_jobs" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"contract_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"steps" text NOT NULL,
	"done" bigint DEFAULT 0 NOT NULL,
	"outcomes" text NOT NULL,
	"created_at" text NOT NULL,
	"started_at" text,
	"finished_at" text,
	CONSTRAINT "gov_jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"source_system" text NOT NULL,
	"uploaded_filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"storage_ref" text NOT NULL,
	"checksum" text NOT NULL,
	"row_count" bigint NOT NULL,
	"uploaded_by" text NOT NULL,
	"raw_text" text NOT NULL,
	"manifest" text NOT NULL,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"tenant_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"row_number" bigint NOT NULL,
	"raw" text NOT NULL,
	"projection" text NOT NULL,
	"errors" text NOT NULL,
	"merge_candidates" text NOT NULL,
	"confidence" double precision NOT NULL,
	"status" text NOT NULL,
	"proposal_id" text,
	"customer_id" text,
	CONSTRAINT "import_rows_tenant_id_batch_id_row_number_pk" PRIMARY KEY("tenant_id","batch_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "intake_items" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"source" text NOT NULL,
	"raw_text" text NOT NULL,
	"received_at" text NOT NULL,
	"route_confidence" double precision NOT NULL,
	"status" text NOT NULL,
	"extracted" text NOT NULL,
	"missing_fields" text NOT NULL,
	"conflicts" text NOT NULL,
	"suggested_action" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"summary" text NOT NULL,
	"outcome" text,
	"occurred_at" text NOT NULL,
	"raw_refs" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_locations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"tech_id" text
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"title" text NOT NULL,
	"scheduled_at" text NOT NULL,
	"status" text NOT NULL,
	"tech_id" text,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"body" text NOT NULL,
	"author_id" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"title" text NOT NULL,
	"stage" text NOT NULL,
	"value_cents" bigint NOT NULL,
	"source" text NOT NULL,
	"created_at" text NOT NULL,
	"last_activity_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"opportunity_id" text NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"from_value_cents" bigint NOT NULL,
	"to_value_cents" bigint NOT NULL,
	"changed_at" text NOT NULL,
	"changed_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_scans" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"started_at" text NOT NULL,
	"finished_at" text,
	"emitted" bigint DEFAULT 0 NOT NULL,
	"closed" bigint DEFAULT 0 NOT NULL,
	"suggestions" bigint DEFAULT 0 NOT NULL,
	"duration_ms" double precision
);
--> statement-breakpoint
CREATE TABLE "ops_triggers" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"type" text NOT NULL,
	"record_id" text NOT NULL,
	"customer_id" text,
	"context" text NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL,
	"closed_at" text,
	"suggestion_id" text
);
--> statement-breakpoint
CREATE TABLE "outbound_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"body" text NOT NULL,
	"risk_flags" text NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"sku" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"attributes" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_book_items" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"sku" text NOT NULL,
	"description" text NOT NULL,
	"vendor" text NOT NULL,
	"category" text NOT NULL,
	"vendor_cost_cents" bigint NOT NULL,
	"unit" text DEFAULT 'each' NOT NULL,
	"updated_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "properties" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"street" text NOT NULL,
	"unit" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"sqft" bigint,
	"year_built" bigint,
	"equipment" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigint NOT NULL,
	"tool" text NOT NULL,
	"input" text NOT NULL,
	"preview" text NOT NULL,
	"effect" text NOT NULL,
	"risk" text NOT NULL,
	"status" text NOT NULL,
	"version" bigint NOT NULL,
	"supersedes" text,
	"superseded_by" text,
	"requested_by" text NOT NULL,
	"requested_role" text NOT NULL,
	"channel" text NOT NULL,
	"reasoning" text,
	"confidence" double precision,
	"evidence_refs" text NOT NULL,
	"trigger_id" text,
	"idempotency_key" text NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL,
	"decided_at" text,
	"decided_by" text,
	"applied_at" text,
	"result" text,
	"failure" text,
	CONSTRAINT "proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "public_rate_limits" (
	"tenant_id" text NOT NULL,
	"client_key" text NOT NULL,
	"window_start" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "public_rate_limits_tenant_id_client_key_window_start_pk" PRIMARY KEY("tenant_id","client_key","window_start")
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"received_at" text NOT NULL,
	"failure_class" text NOT NULL,
	"reason" text NOT NULL,
	"tool" text,
	"raw" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"opportunity_id" text,
	"title" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"sent_at" text,
	"decided_at" text,
	"created_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"tech_id" text NOT NULL,
	"customer_id" text,
	"scheduled_job_id" text,
	"call_type" text,
	"equipment" text NOT NULL,
	"record" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" text NOT NULL,
	"closed_at" text,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"survey_id" text NOT NULL,
	"customer_id" text,
	"prepared_by" text NOT NULL,
	"status" text NOT NULL,
	"data" text NOT NULL,
	"created_at" text NOT NULL,
	"accepted_at" text,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"client_ref" text NOT NULL,
	"source_ref" text NOT NULL,
	"score_type" text NOT NULL,
	"value" double precision NOT NULL,
	"time_window" text NOT NULL,
	"evidence_refs" text NOT NULL,
	"operator_input" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"location_id" text NOT NULL,
	"part_id" text NOT NULL,
	"quantity" bigint NOT NULL,
	"reserved" bigint DEFAULT 0 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"stock_id" text NOT NULL,
	"job_ref" text NOT NULL,
	"quantity" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text,
	"created_by" text NOT NULL,
	"status" text NOT NULL,
	"data" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"due_at" text,
	"status" text NOT NULL,
	"owner_id" text,
	"outcome" text,
	"created_at" text NOT NULL,
	"completed_at" text,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tech_profiles" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"epa_type" text NOT NULL,
	"epa_cert_number" text,
	"gates" text NOT NULL,
	"credential_numbers" text NOT NULL,
	"conditional_override" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "tech_profiles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"trade_pack" text NOT NULL,
	"approval_policy" text NOT NULL,
	"data_source" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"adapter_health" text DEFAULT 'healthy' NOT NULL,
	"rollback_note" text NOT NULL,
	"release_notes_rule" text NOT NULL,
	"incident_runbook" text NOT NULL,
	"data_boundary" text NOT NULL,
	"branding" text NOT NULL,
	"trade_terms" text NOT NULL,
	"config" text NOT NULL,
	"data_version" bigint DEFAULT 0 NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"hash" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"mode" text NOT NULL,
	"label" text,
	"created_at" text NOT NULL,
	"expires_at" text,
	"revoked_at" text
);
--> statement-breakpoint
CREATE TABLE "transcripts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"interaction_id" text NOT NULL,
	"media_ref" text NOT NULL,
	"language" text NOT NULL,
	"segments" text NOT NULL,
	"text" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "agent_messages_session" ON "agent_messages" USING btree ("tenant_id","session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_sessions_thread" ON "agent_sessions" USING btree ("tenant_id","channel","thread_ref","actor_id");--> statement-breakpoint
CREATE INDEX "agreements_tenant_status_renews" ON "agreements" USING btree ("tenant_id","status","renews_at");--> statement-breakpoint
CREATE INDEX "agreements_tenant_customer" ON "agreements" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "decisions_tenant_proposal" ON "approval_decisions" USING btree ("tenant_id","proposal_id");--> statement-breakpoint
CREATE INDEX "audit_tenant_at" ON "audit_log" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "customers_tenant_name" ON "customers" USING btree ("tenant_id","name_key");--> statement-breakpoint
CREATE INDEX "customers_tenant_phone" ON "customers" USING btree ("tenant_id","phone_key");--> statement-breakpoint
CREATE INDEX "customers_tenant_email" ON "customers" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "customers_tenant_status" ON "customers" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "gov_contracts_tenant_status" ON "gov_contracts" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "gov_contracts_issue" ON "gov_contracts" USING btree ("tenant_id","issue_id");--> statement-breakpoint
CREATE INDEX "gov_events_issue" ON "gov_events" USING btree ("tenant_id","issue_id","seq");--> statement-breakpoint
CREATE INDEX "gov_incidents_tenant_status" ON "gov_incidents" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "gov_jobs_contract_kind" ON "gov_jobs" USING btree ("tenant_id","contract_id","kind");--> statement-breakpoint
CREATE INDEX "gov_jobs_tenant_status" ON "gov_jobs" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "import_batches_tenant_checksum" ON "import_batches" USING btree ("tenant_id","checksum");--> statement-breakpoint
CREATE INDEX "import_rows_status" ON "import_rows" USING btree ("tenant_id","batch_id","status");--> statement-breakpoint
CREATE INDEX "intake_tenant_status_received" ON "intake_items" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE INDEX "interactions_tenant_customer_time" ON "interactions" USING btree ("tenant_id","customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "interactions_tenant_time" ON "interactions" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "inventory_locations_tenant" ON "inventory_locations" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "jobs_tenant_scheduled" ON "jobs" USING btree ("tenant_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "jobs_tenant_customer" ON "jobs" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "notes_tenant_customer" ON "notes" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_tenant_customer" ON "opportunities" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_tenant_stage_activity" ON "opportunities" USING btree ("tenant_id","stage","last_activity_at");--> statement-breakpoint
CREATE INDEX "opportunities_tenant_created" ON "opportunities" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "opportunity_changes_tenant_time" ON "opportunity_changes" USING btree ("tenant_id","changed_at");--> statement-breakpoint
CREATE INDEX "ops_scans_tenant_started" ON "ops_scans" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ops_triggers_open_record" ON "ops_triggers" USING btree ("tenant_id","type","record_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "ops_triggers_tenant_status" ON "ops_triggers" USING btree ("tenant_id","status","type");--> statement-breakpoint
CREATE INDEX "outbound_tenant_status" ON "outbound_drafts" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_tenant_sku" ON "parts" USING btree ("tenant_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "price_book_tenant_sku" ON "price_book_items" USING btree ("tenant_id","sku");--> statement-breakpoint
CREATE INDEX "price_book_tenant_category" ON "price_book_items" USING btree ("tenant_id","category");--> statement-breakpoint
CREATE INDEX "properties_tenant_customer" ON "properties" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_tenant_idempotency" ON "proposals" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "proposals_tenant_status" ON "proposals" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "quarantine_tenant_time" ON "quarantine" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "quotes_tenant_customer" ON "quotes" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "quotes_tenant_status_sent" ON "quotes" USING btree ("tenant_id","status","sent_at");--> statement-breakpoint
CREATE INDEX "repair_jobs_tenant_tech" ON "repair_jobs" USING btree ("tenant_id","tech_id","status");--> statement-breakpoint
CREATE INDEX "sales_proposals_tenant_survey" ON "sales_proposals" USING btree ("tenant_id","survey_id");--> statement-breakpoint
CREATE INDEX "signals_tenant_client" ON "signals" USING btree ("tenant_id","client_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_tenant_location_part" ON "stock" USING btree ("tenant_id","location_id","part_id");--> statement-breakpoint
CREATE INDEX "stock_tenant_part" ON "stock" USING btree ("tenant_id","part_id");--> statement-breakpoint
CREATE INDEX "reservations_tenant_job" ON "stock_reservations" USING btree ("tenant_id","job_ref");--> statement-breakpoint
CREATE INDEX "surveys_tenant_customer" ON "surveys" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "tasks_tenant_customer" ON "tasks" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "tasks_tenant_status_due" ON "tasks" USING btree ("tenant_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_tenant_kind_status" ON "tasks" USING btree ("tenant_id","kind","status");--> statement-breakpoint
CREATE INDEX "tokens_tenant_actor" ON "tokens" USING btree ("tenant_id","actor_id");--> statement-breakpoint
CREATE INDEX "transcripts_tenant_interaction" ON "transcripts" USING btree ("tenant_id","interaction_id");