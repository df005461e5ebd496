CREATE TABLE `availability_windows` (
	`profile_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `availability_profile` ON `availability_windows` (`profile_id`,`weekday`);--> statement-breakpoint
ALTER TABLE `profiles` ADD `review_note` text;--> statement-breakpoint
ALTER TABLE `profiles` ADD `submitted_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `profiles_member` ON `profiles` (`member_id`);