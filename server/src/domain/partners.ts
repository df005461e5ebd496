import { and, asc, eq } from 'drizzle-orm';
import type { Partner, PartnerWithKeys } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { partners } from '../db/schema.js';
import { newId } from '../ids.js';
import { NotFoundError, StaleVersionError } from './errors.js';
import { afterKey, toPage, type KeysetPage, type Paged } from './keyset.js';
import { atVersion, bumped } from './versions.js';
import { hashSecret, randomSecret, secretHint } from './secrets.js';

export type PartnerRow = typeof partners.$inferSelect;
export type KeyKind = 'publishable' | 'secret' | 'jwt';

export interface PartnerInput {
  name: string;
  allowedOrigins: string[];
  jwtPublicKey?: string | null | undefined;
  jwtPublicKeyAlg?: 'EdDSA' | 'RS256' | null | undefined;
  webhookUrl?: string | null | undefined;
}

export function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowedOrigins,
    publishableKeyHint: row.publishableKeyHint,
    secretKeyHint: row.secretKeyHint,
    jwtPublicKeyAlg: row.jwtPublicKeyAlg,
    webhookUrl: row.webhookUrl,
    createdAt: row.createdAt,
    version: row.version,
  };
}

/** Fresh keys: the plain values go to the caller once; the row keeps hashes and hints. */
async function freshKeys(kinds: readonly KeyKind[]) {
  const publishableKey = kinds.includes('publishable') ? randomSecret('pk') : undefined;
  const secretKey = kinds.includes('secret') ? randomSecret('sk') : undefined;
  const jwtSecret = kinds.includes('jwt') ? randomSecret('jws') : undefined;
  return {
    plain: { publishableKey, secretKey, jwtSecret },
    columns: {
      ...(publishableKey && { publishableKeyHash: await hashSecret(publishableKey), publishableKeyHint: secretHint(publishableKey) }),
      ...(secretKey && { secretKeyHash: await hashSecret(secretKey), secretKeyHint: secretHint(secretKey) }),
      ...(jwtSecret && { jwtSecret }),
    },
  };
}

export async function createPartner(db: Database, libraryId: string, input: PartnerInput): Promise<PartnerWithKeys> {
  const keys = await freshKeys(['publishable', 'secret', 'jwt']);
  const [row] = await db
    .insert(partners)
    .values({
      id: newId('ptn'),
      libraryId,
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      jwtPublicKey: input.jwtPublicKey ?? null,
      jwtPublicKeyAlg: input.jwtPublicKeyAlg ?? null,
      webhookUrl: input.webhookUrl ?? null,
      publishableKeyHash: keys.columns.publishableKeyHash!,
      publishableKeyHint: keys.columns.publishableKeyHint!,
      secretKeyHash: keys.columns.secretKeyHash!,
      secretKeyHint: keys.columns.secretKeyHint!,
      jwtSecret: keys.columns.jwtSecret!,
    })
    .returning();
  return { ...toPartner(row!), publishableKey: keys.plain.publishableKey!, secretKey: keys.plain.secretKey!, jwtSecret: keys.plain.jwtSecret! };
}

export async function listPartners(db: Database, libraryId: string): Promise<Partner[]> {
  const rows = await db.select().from(partners).where(eq(partners.libraryId, libraryId)).orderBy(asc(partners.createdAt), asc(partners.id));
  return rows.map(toPartner);
}

/** A page of the library's partner sites, oldest first. */
export async function partnerPage(db: Database, libraryId: string, page: KeysetPage): Promise<Paged<Partner>> {
  const rows = await db
    .select()
    .from(partners)
    .where(and(eq(partners.libraryId, libraryId), afterKey(partners.createdAt, partners.id, page.after)))
    .orderBy(asc(partners.createdAt), asc(partners.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.createdAt, row.id], (page) => page.map(toPartner));
}

export async function findPartner(db: Database, libraryId: string, partnerId: string): Promise<PartnerRow> {
  const [row] = await db.select().from(partners).where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId))).limit(1);
  if (!row) throw new NotFoundError('partner', partnerId);
  return row;
}

/** Changes a partner site; with `expectedVersions`, only if it is still at one of them. */
export async function updatePartner(db: Database, libraryId: string, partnerId: string, changes: Partial<PartnerInput>, now: Date, expectedVersions?: readonly number[]): Promise<Partner> {
  await findPartner(db, libraryId, partnerId);
  const [row] = await db
    .update(partners)
    .set({ ...changes, updatedAt: now.toISOString(), version: bumped(partners.version) })
    .where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId), atVersion(partners.version, expectedVersions)))
    .returning();
  if (!row) throw new StaleVersionError('partner', partnerId);
  return toPartner(row);
}

/**
 * Replaces the named keys at once: the old ones stop working with this write. The reply holds
 * only the new keys; the others come back as empty strings, since we cannot show them again.
 */
export async function rotatePartnerKeys(db: Database, libraryId: string, partnerId: string, kinds: readonly KeyKind[], now: Date): Promise<PartnerWithKeys> {
  await findPartner(db, libraryId, partnerId);
  const keys = await freshKeys(kinds);
  const [row] = await db
    .update(partners)
    .set({ ...keys.columns, updatedAt: now.toISOString(), version: bumped(partners.version) })
    .where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId)))
    .returning();
  return { ...toPartner(row!), publishableKey: keys.plain.publishableKey ?? '', secretKey: keys.plain.secretKey ?? '', jwtSecret: keys.plain.jwtSecret ?? '' };
}

export async function findPartnerByKey(db: Database, kind: 'publishable' | 'secret', key: string): Promise<PartnerRow | undefined> {
  const hash = await hashSecret(key);
  const column = kind === 'publishable' ? partners.publishableKeyHash : partners.secretKeyHash;
  const [row] = await db.select().from(partners).where(eq(column, hash)).limit(1);
  return row;
}

/** Every origin any of the library's partner sites listed: for CORS and sign-in links. */
export async function partnerOrigins(db: Database, libraryId: string): Promise<Set<string>> {
  const rows = await db.select({ origins: partners.allowedOrigins }).from(partners).where(eq(partners.libraryId, libraryId));
  return new Set(rows.flatMap((r) => r.origins));
}
