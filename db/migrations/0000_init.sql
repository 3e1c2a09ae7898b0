CREATE TABLE `invites` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`telegram_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`name` text NOT NULL,
	`username` text,
	`phone` text,
	`role` text NOT NULL,
	`language` text DEFAULT 'ru' NOT NULL,
	`time_zone` text DEFAULT 'Europe/Moscow' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_assigned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_telegram_id_unique` ON `members` (`telegram_id`);--> statement-breakpoint
CREATE INDEX `members_active_role` ON `members` (`active`,`role`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `intake_keys` (
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`outcome` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intake_keys_pk` ON `intake_keys` (`source`,`external_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`name` text,
	`phone` text,
	`phone_ext` text,
	`phone_raw` text,
	`email` text,
	`company_name` text,
	`comment` text,
	`channel` text NOT NULL,
	`source` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_content` text,
	`utm_term` text,
	`page_url` text,
	`referrer` text,
	`status` text DEFAULT 'new' NOT NULL,
	`junk_reason` text,
	`junk_note` text,
	`assignee_id` text,
	`contact_id` text,
	`partner_id` text,
	`repeat_count` integer DEFAULT 0 NOT NULL,
	`extra` text,
	`first_touched_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignee_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_number_unique` ON `leads` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `leads_open_phone` ON `leads` (`phone`) WHERE phone IS NOT NULL AND status NOT IN ('converted', 'junk');--> statement-breakpoint
CREATE UNIQUE INDEX `leads_open_email` ON `leads` (`email`) WHERE email IS NOT NULL AND status NOT IN ('converted', 'junk');--> statement-breakpoint
CREATE INDEX `leads_phone` ON `leads` (`phone`);--> statement-breakpoint
CREATE INDEX `leads_email` ON `leads` (`email`);--> statement-breakpoint
CREATE INDEX `leads_status_assignee` ON `leads` (`status`,`assignee_id`);--> statement-breakpoint
CREATE INDEX `leads_assignee` ON `leads` (`assignee_id`);--> statement-breakpoint
CREATE INDEX `leads_created_at` ON `leads` (`created_at`);--> statement-breakpoint
CREATE INDEX `leads_contact` ON `leads` (`contact_id`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`phone` text,
	`email` text,
	`website` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_name_key_unique` ON `companies` (`name_key`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`phone` text,
	`phone_ext` text,
	`email` text,
	`position` text,
	`company_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_phone` ON `contacts` (`phone`);--> statement-breakpoint
CREATE INDEX `contacts_email` ON `contacts` (`email`);--> statement-breakpoint
CREATE INDEX `contacts_company` ON `contacts` (`company_id`);--> statement-breakpoint
CREATE TABLE `deal_items` (
	`id` text PRIMARY KEY NOT NULL,
	`deal_id` text NOT NULL,
	`product_id` text,
	`name` text NOT NULL,
	`quantity` real DEFAULT 1 NOT NULL,
	`price` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_items_deal` ON `deal_items` (`deal_id`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`stage` text DEFAULT 'in_progress' NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'RUB' NOT NULL,
	`amount_manual` integer DEFAULT false NOT NULL,
	`lost_reason` text,
	`lost_note` text,
	`lead_id` text,
	`contact_id` text,
	`company_id` text,
	`assignee_id` text,
	`channel` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_content` text,
	`utm_term` text,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deals_number_unique` ON `deals` (`number`);--> statement-breakpoint
CREATE INDEX `deals_stage_assignee` ON `deals` (`stage`,`assignee_id`);--> statement-breakpoint
CREATE INDEX `deals_lead` ON `deals` (`lead_id`);--> statement-breakpoint
CREATE INDEX `deals_contact` ON `deals` (`contact_id`);--> statement-breakpoint
CREATE INDEX `deals_company` ON `deals` (`company_id`);--> statement-breakpoint
CREATE INDEX `deals_created_at` ON `deals` (`created_at`);--> statement-breakpoint
CREATE INDEX `deals_closed_at` ON `deals` (`closed_at`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`price` integer NOT NULL,
	`currency` text DEFAULT 'RUB' NOT NULL,
	`unit` text,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`due_at` integer NOT NULL,
	`done_at` integer,
	`result` text,
	`note` text,
	`assignee_id` text,
	`lead_id` text,
	`deal_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignee_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_lead_open` ON `activities` (`lead_id`,`done_at`);--> statement-breakpoint
CREATE INDEX `activities_deal_open` ON `activities` (`deal_id`,`done_at`);--> statement-breakpoint
CREATE INDEX `activities_assignee_due` ON `activities` (`assignee_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_due_open` ON `activities` (`done_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `history` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`changes` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `history_entity` ON `history` (`entity_type`,`entity_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`partner_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `intake_log` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`content_type` text,
	`body` text NOT NULL,
	`outcome` text NOT NULL,
	`lead_id` text,
	`error` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_log_received` ON `intake_log` (`received_at`);--> statement-breakpoint
CREATE INDEX `intake_log_outcome` ON `intake_log` (`outcome`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_key_hash_unique` ON `partners` (`key_hash`);--> statement-breakpoint
CREATE TABLE `bot_sessions` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`key` text PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`chat_id` integer,
	`member_id` text,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`dedupe_key` text,
	`telegram_message_id` integer,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`next_attempt_at`);