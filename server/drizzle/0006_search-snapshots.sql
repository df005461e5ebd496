CREATE TABLE `search_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`query_key` text NOT NULL,
	`rowids` text NOT NULL,
	`overflow` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `search_snapshots_expiry` ON `search_snapshots` (`expires_at`);