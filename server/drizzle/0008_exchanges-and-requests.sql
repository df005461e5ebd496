CREATE TABLE `concerns` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`exchange_id` text NOT NULL,
	`reporter_member_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exchange_id`) REFERENCES `exchanges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `concerns_library` ON `concerns` (`library_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `exchange_events` (
	`id` text PRIMARY KEY NOT NULL,
	`exchange_id` text NOT NULL,
	`actor_member_id` text,
	`kind` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`exchange_id`) REFERENCES `exchanges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exchange_events_exchange` ON `exchange_events` (`exchange_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `exchanges` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`member_id` text NOT NULL,
	`expert_member_id` text NOT NULL,
	`profile_id` text NOT NULL,
	`request_id` text,
	`response_id` text,
	`status` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`proposed_times` text DEFAULT '[]' NOT NULL,
	`proposed_by` text DEFAULT 'member' NOT NULL,
	`starts_at` text,
	`ends_at` text,
	`meeting_place` text,
	`member_time_zone` text DEFAULT 'Europe/London' NOT NULL,
	`expert_time_zone` text DEFAULT 'Europe/London' NOT NULL,
	`hold_id` text,
	`member_confirmed_at` text,
	`expert_confirmed_at` text,
	`no_show_party` text,
	`reason` text,
	`cancelled_by` text,
	`sequence` integer DEFAULT 0 NOT NULL,
	`lapses_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exchanges_member` ON `exchanges` (`library_id`,`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `exchanges_expert` ON `exchanges` (`library_id`,`expert_member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `exchanges_expert_schedule` ON `exchanges` (`expert_member_id`,`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `exchanges_member_schedule` ON `exchanges` (`member_id`,`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `exchanges_request` ON `exchanges` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`expert_member_id` text NOT NULL,
	`profile_id` text NOT NULL,
	`message` text NOT NULL,
	`proposed_times` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`exchange_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `skill_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_responses_expert` ON `request_responses` (`request_id`,`expert_member_id`);--> statement-breakpoint
CREATE TABLE `request_skills` (
	`request_id` text NOT NULL,
	`skill_id` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`request_id`, `skill_id`),
	FOREIGN KEY (`request_id`) REFERENCES `skill_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`skill_id`) REFERENCES `skills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_skills_skill` ON `request_skills` (`skill_id`);--> statement-breakpoint
CREATE TABLE `skill_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`member_id` text NOT NULL,
	`title` text NOT NULL,
	`need` text NOT NULL,
	`project_name` text NOT NULL,
	`project_aim` text DEFAULT '' NOT NULL,
	`project_stage` text NOT NULL,
	`category_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`lapses_at` text NOT NULL,
	`closed_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `skill_requests_board` ON `skill_requests` (`library_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `skill_requests_member` ON `skill_requests` (`member_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `libraries` ADD `request_lapse_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `libraries` ADD `direct_request_lapse_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `libraries` ADD `auto_complete_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `booking_paused_at` text;--> statement-breakpoint
ALTER TABLE `members` ADD `booking_paused_reason` text;--> statement-breakpoint
ALTER TABLE `members` ADD `request_alerts` text DEFAULT 'instant' NOT NULL;--> statement-breakpoint
ALTER TABLE `profiles` ADD `minimum_notice_minutes` integer DEFAULT 2880 NOT NULL;--> statement-breakpoint
ALTER TABLE `profiles` ADD `weekly_exchange_cap` integer DEFAULT 3 NOT NULL;