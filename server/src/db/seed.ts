import { eq } from 'drizzle-orm';
import { newId } from '../ids.js';
import type { Database } from './index.js';
import { categories, libraries, profileCategories, profiles, profileSkills, skills, stories } from './schema.js';
import { demoCategories, demoLibrary, demoProfiles } from './seed-data.js';

/**
 * Loads the demo library — three categories, their skills and the experts' published profiles —
 * unless a library with its slug is already there. One batch, so it lands whole or not at all.
 */
export async function seedDemoLibrary(db: Database, now: Date = new Date()): Promise<{ seeded: boolean }> {
  const [existing] = await db.select({ id: libraries.id }).from(libraries).where(eq(libraries.slug, demoLibrary.slug)).limit(1);
  if (existing) return { seeded: false };

  const libraryId = newId('lib');
  const categoryIds = new Map(demoCategories.map((c) => [c.slug, newId('cat')]));
  const skillIds = new Map(demoCategories.flatMap((c) => c.skills.map((s) => [s.slug, newId('skl')] as const)));
  const idOf = (ids: Map<string, string>, slug: string) => {
    const id = ids.get(slug);
    if (!id) throw new Error(`Seed data names "${slug}", which is not in the demo taxonomy`);
    return id;
  };
  const stamp = now.toISOString();
  const profileRows = demoProfiles.map((p) => ({ ...p, id: newId('prf') }));

  await db.batch([
    db.insert(libraries).values({ id: libraryId, ...demoLibrary }),
    db.insert(categories).values(demoCategories.map((c, position) => ({ id: idOf(categoryIds, c.slug), libraryId, slug: c.slug, name: c.name, position }))),
    db.insert(skills).values(
      demoCategories.flatMap((c) => c.skills.map((s) => ({ id: idOf(skillIds, s.slug), libraryId, categoryId: idOf(categoryIds, c.slug), slug: s.slug, name: s.name }))),
    ),
    db.insert(profiles).values(
      profileRows.map((p) => ({
        id: p.id,
        libraryId,
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
  ]);
  return { seeded: true };
}
