CREATE TABLE `telegram_pacing` (
	`key` text PRIMARY KEY NOT NULL,
	`next_at` real NOT NULL,
	`blocked_until` real DEFAULT 0 NOT NULL
);
