ALTER TABLE `libraries` ADD `search_key` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `libraries_search_key_unique` ON `libraries` (`search_key`);--> statement-breakpoint
ALTER TABLE `profiles` ADD `search_rowid` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `profiles_search_rowid_unique` ON `profiles` (`search_rowid`);--> statement-breakpoint
-- Each library owns a block of 2^32 index rowids, so a search keeps to one library with a rowid
-- range (which FTS5 answers by seeking) instead of a term every row carries (which bm25 must
-- count on every query). Filters become index tokens in `tags`; spelling: domain/search-index.ts.
UPDATE `libraries` SET `search_key` = rowid;--> statement-breakpoint
UPDATE `profiles` SET `search_rowid` = (SELECT l.`search_key` FROM `libraries` l WHERE l.`id` = `profiles`.`library_id`) * 4294967296 + rowid;--> statement-breakpoint
DROP TABLE `profiles_fts`;--> statement-breakpoint
CREATE VIRTUAL TABLE `profiles_fts` USING fts5(
	`profile_id` UNINDEXED,
	`display_name`,
	`headline`,
	`skills`,
	`bio`,
	`stories`,
	`tags`,
	tokenize = 'unicode61 remove_diacritics 2',
	-- Prefixes up to 8 characters are indexed: search-as-you-type stays on the index until then.
	prefix = '2 3 4 5 6 7 8'
);--> statement-breakpoint
INSERT INTO `profiles_fts` (`profiles_fts`, `rank`) VALUES ('rank', 'bm25(0, 6.0, 4.0, 3.0, 1.0, 1.0, 0)');--> statement-breakpoint
INSERT INTO `profiles_fts` (`rowid`, `profile_id`, `display_name`, `headline`, `skills`, `bio`, `stories`, `tags`)
SELECT
	p.`search_rowid`,
	p.`id`,
	p.`display_name`,
	p.`headline`,
	coalesce((SELECT group_concat(s.`name`, ' · ') FROM `profile_skills` ps JOIN `skills` s ON s.`id` = ps.`skill_id` WHERE ps.`profile_id` = p.`id`), ''),
	p.`bio`,
	coalesce((SELECT group_concat(st.`title` || ' ' || st.`body`, ' · ') FROM `stories` st WHERE st.`profile_id` = p.`id`), ''),
	trim(
		coalesce((SELECT group_concat('skl' || lower(substr(ps.`skill_id`, 5)), ' ') FROM `profile_skills` ps WHERE ps.`profile_id` = p.`id`), '') || ' ' ||
		coalesce((SELECT group_concat('cat' || lower(substr(pc.`category_id`, 5)), ' ') FROM `profile_categories` pc WHERE pc.`profile_id` = p.`id`), '') || ' ' ||
		'stage' || p.`career_stage` || ' ' ||
		coalesce((SELECT group_concat('lang' || lower(replace(l.`value`, '-', '')), ' ') FROM json_each(p.`languages`) l), '') || ' ' ||
		coalesce((SELECT group_concat(DISTINCT 'day' || aw.`weekday`) FROM `availability_windows` aw WHERE aw.`profile_id` = p.`id`), '')
	)
FROM `profiles` p
WHERE p.`status` = 'published';
