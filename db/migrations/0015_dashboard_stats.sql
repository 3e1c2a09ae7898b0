CREATE TABLE `dashboard_closed_days` (
	`assignee_id` text NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`reason` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`assignee_id`, `channel`, `kind`, `day`, `reason`)
);
--> statement-breakpoint
CREATE TABLE `dashboard_lead_days` (
	`assignee_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` integer NOT NULL,
	`leads` integer NOT NULL,
	`deals` integer NOT NULL,
	`won` integer NOT NULL,
	`touched` integer NOT NULL,
	PRIMARY KEY(`assignee_id`, `channel`, `day`)
);
--> statement-breakpoint
CREATE TABLE `dashboard_touch_buckets` (
	`lo` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dashboard_touch_days` (
	`assignee_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` integer NOT NULL,
	`bucket` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`assignee_id`, `channel`, `day`, `bucket`)
);
