ALTER TABLE `libraries` ADD `stamp` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `stamp` text;--> statement-breakpoint
-- Every insert and update gives the row a new random stamp, whoever makes the write (an instance,
-- the CLI, an operator by hand): an instance that remembers a row compares one short value, not
-- every column, to know it is still the row (http/caller-lookups.ts). An update that sets the stamp
-- itself (these triggers' own) is left alone, so nothing loops.
UPDATE `libraries` SET `stamp` = lower(hex(randomblob(8)));--> statement-breakpoint
UPDATE `partners` SET `stamp` = lower(hex(randomblob(8)));--> statement-breakpoint
CREATE TRIGGER `libraries_stamp_insert` AFTER INSERT ON `libraries` BEGIN UPDATE `libraries` SET `stamp` = lower(hex(randomblob(8))) WHERE `rowid` = NEW.`rowid`; END;--> statement-breakpoint
CREATE TRIGGER `libraries_stamp_update` AFTER UPDATE ON `libraries` WHEN NEW.`stamp` IS OLD.`stamp` BEGIN UPDATE `libraries` SET `stamp` = lower(hex(randomblob(8))) WHERE `rowid` = NEW.`rowid`; END;--> statement-breakpoint
CREATE TRIGGER `partners_stamp_insert` AFTER INSERT ON `partners` BEGIN UPDATE `partners` SET `stamp` = lower(hex(randomblob(8))) WHERE `rowid` = NEW.`rowid`; END;--> statement-breakpoint
CREATE TRIGGER `partners_stamp_update` AFTER UPDATE ON `partners` WHEN NEW.`stamp` IS OLD.`stamp` BEGIN UPDATE `partners` SET `stamp` = lower(hex(randomblob(8))) WHERE `rowid` = NEW.`rowid`; END;
