CREATE TABLE `instrument_versions` (
	`library_id` text NOT NULL,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`questions` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`library_id`, `kind`, `version`),
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`instrument_version` integer NOT NULL,
	`exchange_id` text,
	`occasion` text NOT NULL,
	`due_at` text NOT NULL,
	`answers` text,
	`answered_at` text,
	`reminded_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exchange_id`) REFERENCES `exchanges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_occasion_unique` ON `surveys` (`occasion`);--> statement-breakpoint
CREATE INDEX `surveys_member` ON `surveys` (`member_id`,`answered_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `surveys_reminders` ON `surveys` (`answered_at`,`reminded_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `exchanges_status_updated` ON `exchanges` (`status`,`updated_at`);