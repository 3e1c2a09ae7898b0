CREATE TABLE `team_chat_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`kind` text NOT NULL,
	`lead_ids` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_chat_cards_message` ON `team_chat_cards` (`chat_id`,`message_id`);