import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { categories, members, partners, profiles, skills } from '../db/schema.js';
import { listInvites } from './invites.js';
import type { LibraryRow } from './libraries.js';
import { toPartner } from './partners.js';
import { toProfiles } from './profiles.js';

export const LIBRARY_EXPORT_FORMAT = 'talking-library/library-export@1';

/**
 * Everything an operator needs to move or archive a library, as one JSON document: the library,
 * its whole taxonomy (retired and merged entries too, which old profiles still name), every
 * profile in every state, its partner sites without their keys or secrets, its members without
 * their sessions, and its invites. Nothing that signs anyone in leaves the database.
 */
export async function exportLibrary(db: Database, library: LibraryRow, now: Date) {
  const [categoryRows, skillRows, profileRows, partnerRows, memberRows, inviteRows] = await Promise.all([
    db.select().from(categories).where(eq(categories.libraryId, library.id)).orderBy(asc(categories.position), asc(categories.id)),
    db.select().from(skills).where(eq(skills.libraryId, library.id)).orderBy(asc(skills.name), asc(skills.id)),
    db.select().from(profiles).where(eq(profiles.libraryId, library.id)).orderBy(asc(profiles.createdAt), asc(profiles.id)),
    db.select().from(partners).where(eq(partners.libraryId, library.id)).orderBy(asc(partners.createdAt), asc(partners.id)),
    db.select().from(members).where(eq(members.libraryId, library.id)).orderBy(asc(members.createdAt), asc(members.id)),
    listInvites(db, library.id),
  ]);
  const owners = new Map(profileRows.map((p) => [p.id, p.memberId]));
  return {
    format: LIBRARY_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    library: { id: library.id, slug: library.slug, name: library.name, description: library.description, phase: library.phase, createdAt: library.createdAt },
    taxonomy: {
      categories: categoryRows.map(({ libraryId: _, version: __, ...category }) => category),
      skills: skillRows.map(({ libraryId: _, version: __, ...skill }) => skill),
    },
    profiles: (await toProfiles(db, profileRows, { private: true })).map((profile) => ({ ...profile, memberId: owners.get(profile.id) ?? null })),
    partners: partnerRows.map((row) => ({ ...toPartner(row), removedAt: row.removedAt })),
    members: memberRows.map((m) => ({ id: m.id, email: m.email, name: m.name, roles: m.roles, createdAt: m.createdAt, lastSignInAt: m.lastSignInAt })),
    invites: inviteRows,
  };
}
