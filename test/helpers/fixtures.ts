import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { schema, type Database } from '@talking-library/server';
import { reindexProfiles } from '../../server/src/domain/search-index.js';
import { newId } from '../../server/src/ids.js';

export async function libraryId(db: Database, slug = 'demo'): Promise<string> {
  const [row] = await db.select({ id: schema.libraries.id }).from(schema.libraries).where(eq(schema.libraries.slug, slug));
  if (!row) throw new Error(`no library ${slug}`);
  return row.id;
}

/** A slug no other library has, even on a shared remote database that keeps earlier runs' libraries. */
export const uniqueSlug = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function addLibrary(db: Database, slug: string): Promise<string> {
  const id = newId('lib');
  await db.insert(schema.libraries).values({ id, slug, name: `Library ${slug}`, phase: 'open' });
  return id;
}

/** A profile straight into the database, for lists that need a particular shape. */
export async function addProfile(
  db: Database,
  values: { libraryId: string; displayName: string; status?: 'draft' | 'submitted' | 'published' | 'paused' },
): Promise<string> {
  const id = newId('prf');
  await db.insert(schema.profiles).values({
    id,
    libraryId: values.libraryId,
    displayName: values.displayName,
    headline: `Headline of ${values.displayName}`,
    careerStage: 'mid',
    status: values.status ?? 'published',
  });
  await reindexProfiles(db, [id]);
  return id;
}
