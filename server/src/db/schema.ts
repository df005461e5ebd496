import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** ISO 8601 UTC timestamps as text: readable in any SQL shell and sortable as strings. */
const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const libraries = sqliteTable('libraries', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  phase: text('phase', { enum: ['invite', 'restricted', 'open'] }).notNull().default('invite'),
  createdAt: createdAt(),
});

export const categories = sqliteTable(
  'categories',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    /** Set when a coordinator retires the category: it leaves the filters but stays readable. */
    retiredAt: text('retired_at'),
    mergedIntoId: text('merged_into_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('categories_library_slug').on(t.libraryId, t.slug)],
);

export const skills = sqliteTable(
  'skills',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    categoryId: text('category_id').notNull().references(() => categories.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    retiredAt: text('retired_at'),
    mergedIntoId: text('merged_into_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('skills_library_slug').on(t.libraryId, t.slug), index('skills_category').on(t.categoryId)],
);

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('members_library_email').on(t.libraryId, t.email)],
);

export const profiles = sqliteTable(
  'profiles',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').references(() => members.id),
    displayName: text('display_name').notNull(),
    pronouns: text('pronouns'),
    headline: text('headline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    careerStage: text('career_stage', { enum: ['entry', 'early', 'mid', 'senior', 'executive'] }).notNull(),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    timeZone: text('time_zone').notNull().default('Europe/London'),
    links: text('links', { mode: 'json' }).$type<{ label: string; url: string }[]>().notNull().default(sql`'[]'`),
    photoUrl: text('photo_url'),
    status: text('status', { enum: ['draft', 'submitted', 'published', 'paused'] }).notNull().default('draft'),
    publishedAt: text('published_at'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index('profiles_listing').on(t.libraryId, t.status, t.displayName, t.id)],
);

export const profileSkills = sqliteTable(
  'profile_skills',
  {
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    skillId: text('skill_id').notNull().references(() => skills.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.skillId] }), index('profile_skills_skill').on(t.skillId)],
);

export const profileCategories = sqliteTable(
  'profile_categories',
  {
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    categoryId: text('category_id').notNull().references(() => categories.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.categoryId] }), index('profile_categories_category').on(t.categoryId)],
);

export const stories = sqliteTable(
  'stories',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('stories_profile').on(t.profileId, t.position)],
);
