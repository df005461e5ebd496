import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AvailabilityWindow, Profile, ProfileStatus } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { availabilityWindows, members, profileCategories, profiles, profileSkills, stories } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, StaleVersionError } from './errors.js';
import { toPage, afterKey, type KeysetPage, type Paged } from './keyset.js';
import type { LibraryRow } from './libraries.js';
import { hasRole, type MemberRow } from './members.js';
import { canManage, findProfileRow, toProfiles, type ProfileRow } from './profiles.js';
import { reindexProfiles } from './search-index.js';
import { resolveTaxonomy } from './taxonomy.js';
import { atVersion, bumped, whileAt } from './versions.js';

/** Who is acting on a profile, and in which library. */
export interface Actor {
  library: LibraryRow;
  member: MemberRow;
}

export interface ProfileFields {
  displayName?: string | undefined;
  pronouns?: string | null | undefined;
  headline?: string | undefined;
  bio?: string | undefined;
  careerStage?: Profile['careerStage'] | undefined;
  skills?: string[] | undefined;
  categories?: string[] | undefined;
  stories?: { title: string; body: string }[] | undefined;
  languages?: string[] | undefined;
  timeZone?: string | undefined;
  links?: { label: string; url: string }[] | undefined;
  photoUrl?: string | null | undefined;
}

const isCoordinator = (actor: Actor) => hasRole(actor.member, 'coordinator');
const viewerOf = (actor: Actor) => ({ memberId: actor.member.id, isCoordinator: isCoordinator(actor) });

/** The library asks a coordinator to approve profiles until it is open to all. */
export const needsApproval = (library: LibraryRow) => library.phase !== 'open';

/** Creates the member's own profile, as a draft; she becomes one of the library's experts. */
export async function createProfile(db: Database, actor: Actor, input: ProfileFields & { displayName: string; careerStage: Profile['careerStage'] }, now: Date): Promise<Profile> {
  const [existing] = await db.select({ id: profiles.id }).from(profiles).where(eq(profiles.memberId, actor.member.id)).limit(1);
  if (existing) throw new DomainError(`You already have a profile (${existing.id}); edit that one.`, 'profile_exists');
  const { skillIds, categoryIds } = await resolveTaxonomy(db, actor.library, input);
  const id = newId('prf');
  await db.batch([
    db.insert(profiles).values({
      id,
      libraryId: actor.library.id,
      memberId: actor.member.id,
      displayName: input.displayName,
      pronouns: input.pronouns ?? null,
      headline: input.headline ?? '',
      bio: input.bio ?? '',
      careerStage: input.careerStage,
      languages: input.languages ?? ['en'],
      timeZone: input.timeZone ?? 'Europe/London',
      links: input.links ?? [],
      photoUrl: input.photoUrl ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    }),
    ...childRows(db, id, { skillIds, categoryIds, stories: input.stories ?? [] }),
    db.update(members).set({ roles: [...new Set([...actor.member.roles, 'expert' as const])] }).where(eq(members.id, actor.member.id)),
  ]);
  return viewProfile(db, id, actor);
}

/**
 * Edits by the owner or a coordinator. Lists given replace the old ones whole. With
 * `expectedVersions`, only if the profile is still at one of them: otherwise nothing changes.
 * Where the library approves profiles, an owner's change to her published profile goes back to
 * review: it leaves search and the public view until a coordinator publishes it again. A
 * coordinator's edit stays live.
 */
export async function updateProfile(db: Database, actor: Actor, profileId: string, input: ProfileFields, now: Date, expectedVersions?: readonly number[]): Promise<Profile> {
  const row = await manageableProfile(db, actor, profileId);
  const { skills: skillSlugs, categories: categorySlugs, stories: storyInput, ...fields } = input;
  const { skillIds, categoryIds } = await resolveTaxonomy(db, actor.library, { skills: skillSlugs, categories: categorySlugs });
  const mayNeedReview = row.status === 'published' && needsApproval(actor.library) && !isCoordinator(actor);
  // Saving the form unchanged is no edit: the profile stays live.
  const backToReview = mayNeedReview && changesProfile(await viewProfile(db, row.id, actor), input);
  const review = backToReview ? { status: 'submitted' as const, submittedAt: now.toISOString() } : {};
  // Every statement but the last is guarded by the version the caller read; the last checks and bumps it.
  const guard = whileAt('profiles', row.id, expectedVersions);
  const results = await db.batch([
    db.delete(profileSkills).where(and(eq(profileSkills.profileId, row.id), skillSlugs ? guard : sql`0`)),
    db.delete(profileCategories).where(and(eq(profileCategories.profileId, row.id), categorySlugs ? guard : sql`0`)),
    db.delete(stories).where(and(eq(stories.profileId, row.id), storyInput ? guard : sql`0`)),
    ...childRows(db, row.id, { skillIds: skillSlugs ? skillIds : [], categoryIds: categorySlugs ? categoryIds : [], stories: storyInput ?? [] }, guard),
    db
      .update(profiles)
      .set({ ...fields, ...review, updatedAt: now.toISOString(), version: bumped(profiles.version) })
      .where(and(eq(profiles.id, row.id), atVersion(profiles.version, expectedVersions)))
      .returning({ id: profiles.id }),
  ]);
  if ((results.at(-1) as unknown[]).length === 0) throw new StaleVersionError('profile', row.id);
  await reindexProfiles(db, [row.id]);
  return viewProfile(db, row.id, actor);
}

/** Draft → submitted, by the owner, once it says enough for a member to choose her. */
export async function submitProfile(db: Database, actor: Actor, profileId: string, now: Date): Promise<Profile> {
  const row = await ownProfile(db, actor, profileId);
  requireStatus(row, ['draft'], 'submit');
  await requireComplete(db, row);
  await setStatus(db, row.id, { status: 'submitted', submittedAt: now.toISOString(), updatedAt: now.toISOString() });
  return viewProfile(db, row.id, actor);
}

/**
 * Puts a profile in the library. A coordinator may publish any profile; its owner may publish
 * her own only when the library needs no approval.
 */
export async function publishProfile(db: Database, actor: Actor, profileId: string, now: Date): Promise<Profile> {
  const row = await manageableProfile(db, actor, profileId);
  if (!isCoordinator(actor) && needsApproval(actor.library)) {
    throw new ForbiddenError(`${actor.library.name} asks a coordinator to approve profiles; submit yours for review.`, 'approval_required');
  }
  requireStatus(row, ['draft', 'submitted', 'paused'], 'publish');
  await requireComplete(db, row);
  await setStatus(db, row.id, { status: 'published', publishedAt: now.toISOString(), reviewNote: null, updatedAt: now.toISOString() });
  return viewProfile(db, row.id, actor);
}

/** Takes a published profile out of the library for now (owner or coordinator). */
export async function pauseProfile(db: Database, actor: Actor, profileId: string, now: Date): Promise<Profile> {
  const row = await manageableProfile(db, actor, profileId);
  requireStatus(row, ['published'], 'pause');
  await setStatus(db, row.id, { status: 'paused', updatedAt: now.toISOString() });
  return viewProfile(db, row.id, actor);
}

/** A coordinator sends a submitted profile back to its expert as a draft, saying what to change. */
export async function sendBackProfile(db: Database, actor: Actor, profileId: string, note: string, now: Date): Promise<Profile> {
  if (!isCoordinator(actor)) throw new ForbiddenError('Only a coordinator reviews profiles.', 'coordinator_only');
  const row = await manageableProfile(db, actor, profileId);
  requireStatus(row, ['submitted'], 'send back');
  await setStatus(db, row.id, { status: 'draft', reviewNote: note, updatedAt: now.toISOString() });
  return viewProfile(db, row.id, actor);
}

/** What an expert sets about when she may be booked; each field given replaces the old one. */
export interface AvailabilitySettings {
  windows?: AvailabilityWindow[] | undefined;
  minimumNoticeHours?: number | undefined;
  weeklyCap?: number | undefined;
}

/** Sets the expert's weekly windows, minimum notice and weekly cap (owner only); those left out stay as they are. */
export async function setAvailability(db: Database, actor: Actor, profileId: string, settings: AvailabilitySettings, now: Date): Promise<Profile> {
  const row = await ownProfile(db, actor, profileId);
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const { windows, minimumNoticeHours, weeklyCap } = settings;
  await db.batch([
    db.delete(availabilityWindows).where(and(eq(availabilityWindows.profileId, row.id), windows ? sql`1` : sql`0`)),
    ...(windows ?? []).map((w) => db.insert(availabilityWindows).values({ profileId: row.id, weekday: w.weekday, startMinute: minutes(w.start), endMinute: minutes(w.end) })),
    db
      .update(profiles)
      .set({
        ...(minimumNoticeHours === undefined ? {} : { minimumNoticeMinutes: minimumNoticeHours * 60 }),
        ...(weeklyCap === undefined ? {} : { weeklyExchangeCap: weeklyCap }),
        updatedAt: now.toISOString(),
        version: bumped(profiles.version),
      })
      .where(eq(profiles.id, row.id)),
  ]);
  // "Available within N days" is answered from the search index.
  if (windows) await reindexProfiles(db, [row.id]);
  return viewProfile(db, row.id, actor);
}

/** The member's own profile, whatever its status. */
export async function myProfile(db: Database, actor: Actor): Promise<Profile> {
  const [row] = await db.select().from(profiles).where(and(eq(profiles.memberId, actor.member.id), eq(profiles.libraryId, actor.library.id))).limit(1);
  if (!row) throw new NotFoundError('profile', 'of yours');
  return (await toProfiles(db, [row], { private: true }))[0]!;
}

/** Profiles waiting for a coordinator, oldest first, a page at a time. */
export async function reviewQueue(db: Database, library: LibraryRow, page: KeysetPage): Promise<Paged<Profile>> {
  const submitted = sql`coalesce(${profiles.submittedAt}, '')`;
  const rows = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.libraryId, library.id), eq(profiles.status, 'submitted'), afterKey(submitted, profiles.id, page.after)))
    .orderBy(asc(submitted), asc(profiles.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.submittedAt ?? '', row.id], (rows) => toProfiles(db, rows, { private: true }));
}

/** Whether the input changes anything members would see: lists compare by what the owner typed or chose. */
function changesProfile(current: Profile, input: ProfileFields): boolean {
  const asTyped: Record<string, unknown> = {
    ...current,
    skills: current.skills.map((skill) => skill.slug),
    categories: current.categories.map((category) => category.slug),
    stories: current.stories.map(({ title, body }) => ({ title, body })),
    links: current.links.map(({ label, url }) => ({ label, url })),
  };
  return Object.entries(input).some(([field, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(asTyped[field]));
}

/** The rows under a profile, each written only while `guard` holds. */
function childRows(db: Database, profileId: string, children: { skillIds: string[]; categoryIds: string[]; stories: { title: string; body: string }[] }, guard: SQL = sql`1`) {
  return [
    ...children.skillIds.map((skillId, position) => db.run(sql`INSERT INTO profile_skills (profile_id, skill_id, position) SELECT ${profileId}, ${skillId}, ${position} WHERE ${guard}`)),
    ...children.categoryIds.map((categoryId, position) =>
      db.run(sql`INSERT INTO profile_categories (profile_id, category_id, position) SELECT ${profileId}, ${categoryId}, ${position} WHERE ${guard}`),
    ),
    ...children.stories.map((story, position) =>
      db.run(sql`INSERT INTO stories (id, profile_id, title, body, position) SELECT ${newId('sty')}, ${profileId}, ${story.title}, ${story.body}, ${position} WHERE ${guard}`),
    ),
  ];
}

async function setStatus(db: Database, profileId: string, set: Partial<ProfileRow>): Promise<void> {
  await db.update(profiles).set({ ...set, version: bumped(profiles.version) }).where(eq(profiles.id, profileId));
  await reindexProfiles(db, [profileId]);
}

async function viewProfile(db: Database, profileId: string, actor: Actor): Promise<Profile> {
  const row = await findProfileRow(db, actor.library.id, profileId);
  return (await toProfiles(db, [row!], { private: canManage(row!, viewerOf(actor)) }))[0]!;
}

/** The profile, if this actor may change it; a published one they may not is 403, a hidden one 404. */
async function manageableProfile(db: Database, actor: Actor, profileId: string): Promise<ProfileRow> {
  const row = await findProfileRow(db, actor.library.id, profileId);
  if (!row || (row.status !== 'published' && !canManage(row, viewerOf(actor)))) throw new NotFoundError('profile', profileId);
  if (!canManage(row, viewerOf(actor))) throw new ForbiddenError('Only the expert who owns this profile, or a coordinator, may change it.', 'not_owner');
  return row;
}

async function ownProfile(db: Database, actor: Actor, profileId: string): Promise<ProfileRow> {
  const row = await manageableProfile(db, actor, profileId);
  if (row.memberId !== actor.member.id) throw new ForbiddenError('Only the expert who owns this profile may do this.', 'not_owner');
  return row;
}

function requireStatus(row: ProfileRow, allowed: ProfileStatus[], action: string): void {
  if (!allowed.includes(row.status)) throw new DomainError(`A ${row.status} profile cannot be asked to ${action}.`, 'invalid_transition');
}

/** Enough for a member to choose: a headline, a bio, a skill and a category. */
async function requireComplete(db: Database, row: ProfileRow): Promise<void> {
  const [profile] = await toProfiles(db, [row]);
  const missing: { field: string; message: string }[] = [];
  if (!profile!.headline) missing.push({ field: 'headline', message: 'is needed before the profile goes to members' });
  if (!profile!.bio) missing.push({ field: 'bio', message: 'is needed before the profile goes to members' });
  if (profile!.skills.length === 0) missing.push({ field: 'skills', message: 'add at least one skill' });
  if (profile!.categories.length === 0) missing.push({ field: 'categories', message: 'add at least one category' });
  if (missing.length) throw new InvalidInputError('The profile is not complete yet.', missing, 'profile_incomplete');
}
