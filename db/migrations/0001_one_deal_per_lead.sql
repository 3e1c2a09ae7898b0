DROP INDEX `deals_lead`;--> statement-breakpoint
CREATE UNIQUE INDEX `deals_lead` ON `deals` (`lead_id`);