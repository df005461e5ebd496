-- Full-text search over published profiles. The application keeps it in step: a profile is in
-- the index exactly while it is published (domain/search-index.ts).
CREATE VIRTUAL TABLE `profiles_fts` USING fts5(
	`profile_id` UNINDEXED,
	`library_id` UNINDEXED,
	`display_name`,
	`headline`,
	`skills`,
	`bio`,
	`stories`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);--> statement-breakpoint
-- Ranking weights per column: a match in the name or headline counts more than one in a story.
INSERT INTO `profiles_fts` (`profiles_fts`, `rank`) VALUES ('rank', 'bm25(0, 0, 6.0, 4.0, 3.0, 1.0, 1.0)');--> statement-breakpoint
INSERT INTO `profiles_fts` (`profile_id`, `library_id`, `display_name`, `headline`, `skills`, `bio`, `stories`)
SELECT
	p.`id`,
	p.`library_id`,
	p.`display_name`,
	p.`headline`,
	coalesce((SELECT group_concat(s.`name`, ' · ') FROM `profile_skills` ps JOIN `skills` s ON s.`id` = ps.`skill_id` WHERE ps.`profile_id` = p.`id`), ''),
	p.`bio`,
	coalesce((SELECT group_concat(st.`title` || ' ' || st.`body`, ' · ') FROM `stories` st WHERE st.`profile_id` = p.`id`), '')
FROM `profiles` p
WHERE p.`status` = 'published';
