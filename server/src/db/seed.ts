import { eq } from 'drizzle-orm';
import { reindexProfiles } from '../domain/search-index.js';
import { hashSecret, randomSecret, secretHint } from '../domain/secrets.js';
import { newId } from '../ids.js';
import type { Database } from './index.js';
import { availabilityWindows, categories, libraries, members, partners, profileCategories, profiles, profileSkills, skills, stories, type Role } from './schema.js';
import { demoCategories, demoLibrary, demoProfiles } from './seed-data.js';

/**
 * The demo library's partner site is the page `npm start` serves. A publishable key is public by
 * design (it sits in the page's HTML), so the demo's is fixed and written into that page.
 */
export const DEMO_PUBLISHABLE_KEY = 'pk_demo_talking_library_partner_site';

/** The people "sign in as" offers on the demo page (development only). */
export const DEMO_PEOPLE: Record<Role, { email: string; name: string; roles: Role[] }> = {
  member: { email: 'member@demo.talking-library.test', name: 'Dele Member', roles: ['member'] },
  // The expert is the person behind the first seeded profile, so she can edit it.
  expert: { email: 'expert@demo.talking-library.test', name: demoProfiles[0]!.displayName, roles: ['member', 'expert'] },
  coordinator: { email: 'coordinator@demo.talking-library.test', name: 'Chioma Coordinator', roles: ['member', 'coordinator'] },
};

/**
 * Where the demo library is loaded: `demo` with the fixed key, unless several copies must share one
 * database (tests on one remote libSQL server), where each needs a slug and a publishable key of its
 * own, both being unique across the database.
 */
export interface DemoLibraryPlace {
  slug: string;
  publishableKey: string;
}

/**
 * Loads the demo library — three categories, their skills and the experts' published profiles —
 * unless a library with its slug is already there. One batch, so it lands whole or not at all.
 */
export async function seedDemoLibrary(
  db: Database,
  now: Date = new Date(),
  place: DemoLibraryPlace = { slug: demoLibrary.slug, publishableKey: DEMO_PUBLISHABLE_KEY },
): Promise<{ seeded: boolean }> {
  if (await libraryExists(db, place.slug)) return { seeded: false };

  const libraryId = newId('lib');
  const categoryIds = new Map(demoCategories.map((c) => [c.slug, newId('cat')]));
  const skillIds = new Map(demoCategories.flatMap((c) => c.skills.map((s) => [s.slug, newId('skl')] as const)));
  const idOf = (ids: Map<string, string>, slug: string) => {
    const id = ids.get(slug);
    if (!id) throw new Error(`Seed data names "${slug}", which is not in the demo taxonomy`);
    return id;
  };
  const stamp = now.toISOString();
  const memberIds = { member: newId('mem'), expert: newId('mem'), coordinator: newId('mem') };
  const profileRows = demoProfiles.map((p, i) => ({ ...p, id: newId('prf'), memberId: i === 0 ? memberIds.expert : null }));
  const secretKey = randomSecret('sk');

  try {
    await db.batch([
      db.insert(libraries).values({ id: libraryId, ...demoLibrary, slug: place.slug }),
      db.insert(members).values(
        (Object.keys(DEMO_PEOPLE) as Role[]).map((who) => ({ id: memberIds[who], libraryId, ...DEMO_PEOPLE[who] })),
      ),
      db.insert(partners).values({
        id: newId('ptn'),
        libraryId,
        name: 'Demo partner site',
        allowedOrigins: ['http://localhost:8787', 'http://127.0.0.1:8787'],
        publishableKeyHash: await hashSecret(place.publishableKey),
        publishableKeyHint: secretHint(place.publishableKey),
        secretKeyHash: await hashSecret(secretKey),
        secretKeyHint: secretHint(secretKey),
        jwtSecret: randomSecret('jws'),
      }),
      db.insert(categories).values(demoCategories.map((c, position) => ({ id: idOf(categoryIds, c.slug), libraryId, slug: c.slug, name: c.name, position }))),
      db.insert(skills).values(
        demoCategories.flatMap((c) => c.skills.map((s) => ({ id: idOf(skillIds, s.slug), libraryId, categoryId: idOf(categoryIds, c.slug), slug: s.slug, name: s.name }))),
      ),
      db.insert(profiles).values(
        profileRows.map((p) => ({
          id: p.id,
          libraryId,
          memberId: p.memberId,
          displayName: p.displayName,
          pronouns: p.pronouns,
          headline: p.headline,
          bio: p.bio,
          careerStage: p.careerStage,
          languages: p.languages,
          timeZone: p.timeZone,
          links: p.links,
          status: 'published' as const,
          publishedAt: stamp,
        })),
      ),
      db.insert(profileSkills).values(profileRows.flatMap((p) => p.skills.map((slug, position) => ({ profileId: p.id, skillId: idOf(skillIds, slug), position })))),
      db.insert(profileCategories).values(profileRows.flatMap((p) => p.categories.map((slug, position) => ({ profileId: p.id, categoryId: idOf(categoryIds, slug), position })))),
      db.insert(stories).values(profileRows.flatMap((p) => p.stories.map((s, position) => ({ id: newId('sty'), profileId: p.id, title: s.title, body: s.body, position })))),
      db.insert(availabilityWindows).values(profileRows.flatMap((p, i) => demoAvailability(i).map((w) => ({ profileId: p.id, ...w })))),
    ]);
  } catch (error) {
    // Another instance starting at the same moment loaded it first: our batch failed whole on the
    // slug, and the library is there.
    if (await libraryExists(db, place.slug)) return { seeded: false };
    throw error;
  }
  await reindexProfiles(db, profileRows.map((p) => p.id));
  return { seeded: true };
}

async function libraryExists(db: Database, slug: string): Promise<boolean> {
  const [existing] = await db.select({ id: libraries.id }).from(libraries).where(eq(libraries.slug, slug)).limit(1);
  return existing !== undefined;
}

/** Two weekly windows an expert, spread over the week so "available within N days" has something to find. */
function demoAvailability(index: number) {
  const morning = { weekday: (index % 7) + 1, startMinute: 9 * 60, endMinute: 12 * 60 };
  const afternoon = { weekday: ((index + 3) % 5) + 1, startMinute: 14 * 60, endMinute: 17 * 60 + 30 };
  return [morning, afternoon];
}
