CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`member_id` text NOT NULL,
	`purpose` text NOT NULL,
	`wording_version` text NOT NULL,
	`given_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consents_member` ON `consents` (`member_id`,`purpose`,`given_at`);--> statement-breakpoint
CREATE TABLE `equality_answers` (
	`member_id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`ethnic_category` text NOT NULL,
	`gender` text NOT NULL,
	`disability` text NOT NULL,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `members` ADD `erased_at` text;