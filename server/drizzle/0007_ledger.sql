CREATE TABLE `credit_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`member_id` text,
	`debits_posted` integer DEFAULT 0 NOT NULL,
	`credits_posted` integer DEFAULT 0 NOT NULL,
	`debits_pending` integer DEFAULT 0 NOT NULL,
	`credits_pending` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `credit_accounts_library` ON `credit_accounts` (`library_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_accounts_member` ON `credit_accounts` (`member_id`);--> statement-breakpoint
CREATE TABLE `credit_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`library_id` text NOT NULL,
	`seq` integer NOT NULL,
	`debit_account_id` text NOT NULL,
	`credit_account_id` text NOT NULL,
	`amount_minutes` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`resolves` text,
	`reference` text,
	`reason` text,
	`requested_by` text,
	`idempotency_key` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debit_account_id`) REFERENCES `credit_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_account_id`) REFERENCES `credit_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_transfers_seq` ON `credit_transfers` (`library_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_transfers_resolves` ON `credit_transfers` (`resolves`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_transfers_idempotency` ON `credit_transfers` (`library_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `credit_transfers_debit` ON `credit_transfers` (`debit_account_id`,`seq`);--> statement-breakpoint
CREATE INDEX `credit_transfers_credit` ON `credit_transfers` (`credit_account_id`,`seq`);--> statement-breakpoint
ALTER TABLE `libraries` ADD `starting_grant_minutes` integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE `libraries` ADD `overdraft_minutes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `libraries` ADD `fund_negative_limit_minutes` integer DEFAULT 6000 NOT NULL;--> statement-breakpoint
ALTER TABLE `libraries` ADD `late_cancel_rule` text DEFAULT 'keep' NOT NULL;--> statement-breakpoint
ALTER TABLE `libraries` ADD `late_cancel_window_minutes` integer DEFAULT 1440 NOT NULL;