-- Full-text search over the request board: a skill request's title, need and project, kept in
-- step by triggers, so no write to skill_requests (in a batch or not) can leave the index behind.
-- Rows are found by `request_id`; skill_requests has a text key, whose implicit rowid VACUUM may renumber.
CREATE VIRTUAL TABLE `requests_fts` USING fts5(
	`request_id` UNINDEXED,
	`library_id` UNINDEXED,
	`title`,
	`need`,
	`project`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4 5 6 7 8'
);--> statement-breakpoint
-- A match in the title counts most, then the need, then the project.
INSERT INTO `requests_fts` (`requests_fts`, `rank`) VALUES ('rank', 'bm25(0, 0, 5.0, 2.0, 1.0)');--> statement-breakpoint
INSERT INTO `requests_fts` (`request_id`, `library_id`, `title`, `need`, `project`)
SELECT r.`id`, r.`library_id`, r.`title`, r.`need`, r.`project_name` || ' ' || r.`project_aim` FROM `skill_requests` r;--> statement-breakpoint
CREATE TRIGGER `skill_requests_fts_insert` AFTER INSERT ON `skill_requests` BEGIN
	INSERT INTO `requests_fts` (`request_id`, `library_id`, `title`, `need`, `project`)
	VALUES (new.`id`, new.`library_id`, new.`title`, new.`need`, new.`project_name` || ' ' || new.`project_aim`);
END;--> statement-breakpoint
CREATE TRIGGER `skill_requests_fts_update` AFTER UPDATE OF `title`, `need`, `project_name`, `project_aim` ON `skill_requests` BEGIN
	DELETE FROM `requests_fts` WHERE `request_id` = old.`id`;
	INSERT INTO `requests_fts` (`request_id`, `library_id`, `title`, `need`, `project`)
	VALUES (new.`id`, new.`library_id`, new.`title`, new.`need`, new.`project_name` || ' ' || new.`project_aim`);
END;--> statement-breakpoint
CREATE TRIGGER `skill_requests_fts_delete` AFTER DELETE ON `skill_requests` BEGIN
	DELETE FROM `requests_fts` WHERE `request_id` = old.`id`;
END;
