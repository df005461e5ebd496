import { eq } from 'drizzle-orm';
import { schema, type Database } from '@talking-library/server';
import { reindexProfiles } from '../../server/src/domain/search-index.js';

let counter = 0;

export async function libraryId(db: Database, slug = 'demo'): Promise<string> {
  const [row] = await db.select({ id: schema.libraries.id }).from(schema.libraries).where(eq(schema.libraries.slug, slug));
  if (!row) throw new Error(`no library ${slug}`);
  return row.id;
}

export async function addLibrary(db: Database, slug: string): Promise<string> {
  const id = `lib_test${String(++counter).padStart(8, '0')}`;
  await db.insert(schema.libraries).values({ id, slug, name: `Library ${slug}`, phase: 'open' });
  return id;
}

/** A profile straight into the database, for lists that need a particular shape. */
export async function addProfile(
  db: Database,
  values: { libraryId: string; displayName: string; status?: 'draft' | 'submitted' | 'published' | 'paused' },
): Promise<string> {
  const id = `prf_test${String(++counter).padStart(8, '0')}`;
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
