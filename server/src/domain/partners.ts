import { and, asc, eq, isNull, like, not, sql } from 'drizzle-orm';
import { importSPKI } from 'jose';
import type { Partner, PartnerWithKeys, PartnerWithWebhookSecret } from '@talking-library/sdk/schema';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { partners } from '../db/schema.js';
import { newId } from '../ids.js';
import { InvalidInputError, NotFoundError, StaleVersionError } from './errors.js';
import { afterKey, toPage, type KeysetPage, type Paged } from './keyset.js';
import type { SecretBox } from './secret-box.js';
import { atVersion, bumped } from './versions.js';
import { hashSecret, randomSecret, secretHint, webhookSigningSecret } from './secrets.js';
import { webhookUrlProblem } from './webhook-urls.js';

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
    webhookSecretHint: row.webhookSecretHint,
    createdAt: row.createdAt,
    version: row.version,
  };
}

/**
 * Fresh keys: the plain values go to the caller once; the row keeps hashes and hints, and the JWT
 * secret (which must stay readable to verify HS256 signatures) sealed with the server key.
 */
async function freshKeys(kinds: readonly KeyKind[], box: SecretBox) {
  const publishableKey = kinds.includes('publishable') ? randomSecret('pk') : undefined;
  const secretKey = kinds.includes('secret') ? randomSecret('sk') : undefined;
  const jwtSecret = kinds.includes('jwt') ? randomSecret('jws') : undefined;
  return {
    plain: { publishableKey, secretKey, jwtSecret },
    columns: {
      ...(publishableKey && { publishableKeyHash: await hashSecret(publishableKey), publishableKeyHint: secretHint(publishableKey) }),
      ...(secretKey && { secretKeyHash: await hashSecret(secretKey), secretKeyHint: secretHint(secretKey) }),
      ...(jwtSecret && { jwtSecret: await box.seal(jwtSecret) }),
    },
  };
}

/**
 * A public key must be one the partner's tokens can be checked with: readable PEM, of the kind its
 * algorithm needs (Ed25519 for EdDSA, RSA for RS256). Refused here, it cannot break sign-in later.
 */
async function checkPublicKey(pem: string | null | undefined, alg: string | null | undefined): Promise<void> {
  if (!pem) return;
  if (!alg) throw new InvalidInputError('A public key needs its algorithm.', [{ field: 'jwtPublicKeyAlg', message: 'is required with jwtPublicKey: EdDSA or RS256' }]);
  try {
    await importSPKI(pem, alg);
  } catch {
    throw new InvalidInputError(`The public key is not a readable ${alg} key.`, [
      { field: 'jwtPublicKey', message: `must be a PEM (SPKI) public key for ${alg}: ${alg === 'EdDSA' ? 'Ed25519' : 'RSA'}` },
    ]);
  }
}

/** A webhook URL this deployment may send to (https and a public host in production). */
function checkWebhookUrl(url: string | null | undefined, env: AppConfig['env']): void {
  const problem = url ? webhookUrlProblem(url, env) : null;
  if (problem) throw new InvalidInputError(`The webhook URL ${problem}.`, [{ field: 'webhookUrl', message: problem }]);
}

/** A fresh webhook signing secret: the plain value for the caller once, the sealed one and its hint for the row. */
async function freshWebhookSecret(box: SecretBox) {
  const plain = webhookSigningSecret();
  return { plain, sealed: await box.seal(plain), hint: secretHint(plain) };
}

/**
 * Adds a partner site. With a webhook URL it also gets its webhook signing secret, shown in this
 * answer only. `env` decides which webhook URLs are allowed (production: public https only).
 */
export async function createPartner(db: Database, libraryId: string, input: PartnerInput, box: SecretBox, env: AppConfig['env'] = 'production'): Promise<PartnerWithKeys> {
  await checkPublicKey(input.jwtPublicKey, input.jwtPublicKeyAlg);
  checkWebhookUrl(input.webhookUrl, env);
  const keys = await freshKeys(['publishable', 'secret', 'jwt'], box);
  const webhook = input.webhookUrl ? await freshWebhookSecret(box) : undefined;
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
      webhookSecret: webhook?.sealed ?? null,
      webhookSecretHint: webhook?.hint ?? null,
    })
    .returning();
  return {
    ...toPartner(row!),
    publishableKey: keys.plain.publishableKey!,
    secretKey: keys.plain.secretKey!,
    jwtSecret: keys.plain.jwtSecret!,
    ...(webhook && { webhookSecret: webhook.plain }),
  };
}

/** A removed partner is gone for every purpose: its row stays only for the record. */
const live = isNull(partners.removedAt);

/** The library's partner sites; `only` narrows the list to one (a partner's own key sees itself). */
export async function listPartners(db: Database, libraryId: string, only?: string): Promise<Partner[]> {
  const rows = await db
    .select()
    .from(partners)
    .where(and(eq(partners.libraryId, libraryId), live, only === undefined ? undefined : eq(partners.id, only)))
    .orderBy(asc(partners.createdAt), asc(partners.id));
  return rows.map(toPartner);
}

/** A page of the library's partner sites, oldest first; `only` narrows it to one (a partner's own `sk_`). */
export async function partnerPage(db: Database, libraryId: string, page: KeysetPage, only?: string): Promise<Paged<Partner>> {
  const rows = await db
    .select()
    .from(partners)
    .where(and(eq(partners.libraryId, libraryId), live, only === undefined ? undefined : eq(partners.id, only), afterKey(partners.createdAt, partners.id, page.after)))
    .orderBy(asc(partners.createdAt), asc(partners.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.createdAt, row.id], (page) => page.map(toPartner));
}

export async function findPartner(db: Database, libraryId: string, partnerId: string): Promise<PartnerRow> {
  const [row] = await db.select().from(partners).where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId), live)).limit(1);
  if (!row) throw new NotFoundError('partner', partnerId);
  return row;
}

/**
 * Removes a partner site. From this write on its keys are refused, its tokens sign no one in and
 * its origins leave CORS; members it signed in before keep their accounts.
 */
export async function removePartner(db: Database, libraryId: string, partnerId: string, now: Date): Promise<PartnerRow> {
  // The row stays (its members' identities point at it); removing it again finds nothing.
  const [removed] = await db
    .update(partners)
    .set({ removedAt: now.toISOString(), updatedAt: now.toISOString(), version: bumped(partners.version) })
    .where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId), live))
    .returning();
  if (!removed) throw new NotFoundError('partner', partnerId);
  return removed;
}

/**
 * Changes a partner site; with `expectedVersions`, only if it is still at one of them. The first
 * webhook URL also makes the webhook signing secret, returned in this answer only.
 */
export async function updatePartner(
  db: Database,
  libraryId: string,
  partnerId: string,
  changes: Partial<PartnerInput>,
  now: Date,
  expectedVersions: readonly number[] | undefined,
  webhooks: { box: SecretBox; env: AppConfig['env'] },
): Promise<PartnerWithWebhookSecret> {
  checkWebhookUrl(changes.webhookUrl, webhooks.env);
  const existing = await findPartner(db, libraryId, partnerId);
  // A key and its algorithm go together: clearing either clears both.
  const clearsKey = changes.jwtPublicKey === null || changes.jwtPublicKeyAlg === null;
  if (!clearsKey && (changes.jwtPublicKey !== undefined || changes.jwtPublicKeyAlg !== undefined)) {
    const pem = changes.jwtPublicKey !== undefined ? changes.jwtPublicKey : existing.jwtPublicKey;
    await checkPublicKey(pem, changes.jwtPublicKeyAlg !== undefined ? changes.jwtPublicKeyAlg : existing.jwtPublicKeyAlg);
  }
  const webhook = changes.webhookUrl && !existing.webhookSecret ? await freshWebhookSecret(webhooks.box) : undefined;
  const [row] = await db
    .update(partners)
    .set({
      ...changes,
      ...(clearsKey && { jwtPublicKey: null, jwtPublicKeyAlg: null }),
      // Only where no secret is there yet: of two first URLs at once, one secret wins, and only its caller is shown it.
      ...(webhook && { webhookSecret: sql`coalesce(${partners.webhookSecret}, ${webhook.sealed})`, webhookSecretHint: sql`coalesce(${partners.webhookSecretHint}, ${webhook.hint})` }),
      updatedAt: now.toISOString(),
      version: bumped(partners.version),
    })
    .where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId), live, atVersion(partners.version, expectedVersions)))
    .returning();
  if (!row) throw new StaleVersionError('partner', partnerId);
  return { ...toPartner(row), ...(webhook && row.webhookSecret === webhook.sealed && { webhookSecret: webhook.plain }) };
}

/**
 * A new webhook signing secret, shown in this answer only. The old one stops signing with this
 * write: messages sent from now on (retries of older ones too) carry the new signature.
 */
export async function rotateWebhookSecret(db: Database, libraryId: string, partnerId: string, now: Date, box: SecretBox): Promise<PartnerWithWebhookSecret> {
  const webhook = await freshWebhookSecret(box);
  const [row] = await db
    .update(partners)
    .set({ webhookSecret: webhook.sealed, webhookSecretHint: webhook.hint, updatedAt: now.toISOString(), version: bumped(partners.version) })
    .where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId), live))
    .returning();
  if (!row) throw new NotFoundError('partner', partnerId);
  return { ...toPartner(row), webhookSecret: webhook.plain };
}

/**
 * Replaces the named keys at once: the old ones stop working with this write. The reply holds
 * only the new keys; the others come back as empty strings, since we cannot show them again.
 */
export async function rotatePartnerKeys(db: Database, libraryId: string, partnerId: string, kinds: readonly KeyKind[], now: Date, box: SecretBox): Promise<PartnerWithKeys> {
  await findPartner(db, libraryId, partnerId);
  const keys = await freshKeys(kinds, box);
  const [row] = await db
    .update(partners)
    .set({ ...keys.columns, updatedAt: now.toISOString(), version: bumped(partners.version) })
    .where(and(eq(partners.id, partnerId), eq(partners.libraryId, libraryId)))
    .returning();
  return { ...toPartner(row!), publishableKey: keys.plain.publishableKey ?? '', secretKey: keys.plain.secretKey ?? '', jwtSecret: keys.plain.jwtSecret ?? '' };
}

/** The partner's HS256 secret, opened with the server key. */
export function partnerJwtSecret(partner: Pick<PartnerRow, 'jwtSecret'>, box: SecretBox): Promise<string> {
  return box.open(partner.jwtSecret);
}

/**
 * Seals JWT secrets still stored in the clear (rows from before secrets were encrypted, or the
 * demo seed). Run at start-up; a sealed row is left alone, so running it again does nothing.
 */
export async function sealPartnerSecrets(db: Database, box: SecretBox): Promise<number> {
  const plain = await db.select({ id: partners.id, jwtSecret: partners.jwtSecret }).from(partners).where(not(like(partners.jwtSecret, 'v1:%')));
  for (const row of plain) {
    // Guarded by the old value, so two instances starting at once cannot seal a row twice.
    await db
      .update(partners)
      .set({ jwtSecret: await box.seal(row.jwtSecret) })
      .where(and(eq(partners.id, row.id), eq(partners.jwtSecret, row.jwtSecret)));
  }
  return plain.length;
}

/** Every origin any of the library's partner sites listed: for CORS and sign-in links. */
export async function partnerOrigins(db: Database, libraryId: string): Promise<Set<string>> {
  const rows = await db.select({ origins: partners.allowedOrigins }).from(partners).where(and(eq(partners.libraryId, libraryId), live));
  return new Set(rows.flatMap((r) => r.origins));
}
