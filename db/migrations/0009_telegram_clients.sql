CREATE TABLE `business_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`telegram_user_id` integer NOT NULL,
	`enabled` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `client_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`client_telegram_id` integer NOT NULL,
	`direction` text NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`via` text NOT NULL,
	`kind` text NOT NULL,
	`file_id` text,
	`text` text,
	`member_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_messages_chat_message` ON `client_messages` (`via`,`chat_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `client_messages_lead` ON `client_messages` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `relayed_messages` (
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`lead_id` text NOT NULL,
	`client_message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_message_id`) REFERENCES `client_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relayed_messages_pk` ON `relayed_messages` (`chat_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `telegram_clients` (
	`telegram_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`username` text,
	`phone` text,
	`language_code` text,
	`lead_id` text,
	`blocked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
