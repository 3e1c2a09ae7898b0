CREATE INDEX `deals_channel_open` ON `deals` (`channel`,`stage`,`id`);--> statement-breakpoint
CREATE INDEX `deals_assignee_open` ON `deals` (`assignee_id`,`stage`,`id`);