CREATE TABLE `outcome_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`exchange_id` text NOT NULL,
	`author_member_id` text NOT NULL,
	`author_role` text NOT NULL,
	`summary` text NOT NULL,
	`outputs` text DEFAULT '[]' NOT NULL,
	`learning` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`share` text DEFAULT 'private' NOT NULL,
	`value_rating` integer,
	`project_name` text,
	`project_request_id` text,
	`name_expert` integer DEFAULT false NOT NULL,
	`name_me_in_public` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exchange_id`) REFERENCES `exchanges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_logs_author` ON `outcome_logs` (`exchange_id`,`author_member_id`);--> statement-breakpoint
CREATE INDEX `outcome_logs_library` ON `outcome_logs` (`library_id`,`share`,`created_at`);