DROP INDEX `deals_stage_assignee`;--> statement-breakpoint
CREATE INDEX `deals_stage_assignee_amount` ON `deals` (`stage`,`assignee_id`,`amount`);--> statement-breakpoint
DROP INDEX `activities_lead_open`;--> statement-breakpoint
DROP INDEX `activities_deal_open`;--> statement-breakpoint
CREATE INDEX `activities_deal_next` ON `activities` (`due_at`,`deal_id`) WHERE done_at IS NULL AND deal_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `activities_lead_open` ON `activities` (`lead_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_deal_open` ON `activities` (`deal_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `leads_pool` ON `leads` (`created_at`,`number`) WHERE assignee_id IS NULL AND status NOT IN ('converted', 'junk');