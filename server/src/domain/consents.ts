import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Consent, ConsentPurpose, EqualityAnswers, EqualityAnswersWrite } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { consents, equalityAnswers, CONSENT_PURPOSES } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, InvalidInputError } from './errors.js';

/**
 * Consents a member gives for a purpose, and the special-category answers that one of them
 * allows. The equality answers are read here and by the reports' totals only: nothing else
 * selects from their table, so they cannot reach a profile, a search row, a webhook or a log.
 */

/** What she is asked to agree to. A change of wording is a new version: consent to an old one no longer counts. */
export const CONSENT_WORDING: Record<ConsentPurpose, { version: string; text: string }> = {
  equality_monitoring: {
    version: '2026-12-01',
    text:
      'We would like to ask about your ethnic group, gender and any disability, only to check that the Talking Library serves everyone fairly. ' +
      'Your answers are kept apart from your profile and shown to nobody: coordinators see only totals, and never a total of fewer than 5 people. ' +
      'Every question has “prefer not to say”. You can withdraw at any time, and your answers are then deleted at once.',
  },
};

export class ConsentRequiredError extends DomainError {
  override name = 'ConsentRequiredError';
  constructor(readonly purpose: ConsentPurpose) {
    super(`Equality-monitoring questions are asked only with your consent: give it first (PUT …/me/consents/${purpose}).`, 'consent_required');
  }
}

type Who = { libraryId: string; memberId: string };

async function currentConsent(db: Database, who: Who, purpose: ConsentPurpose) {
  const [row] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.memberId, who.memberId), eq(consents.libraryId, who.libraryId), eq(consents.purpose, purpose)))
    .orderBy(desc(consents.givenAt), desc(consents.id))
    .limit(1);
  return row;
}

function toConsent(purpose: ConsentPurpose, row: typeof consents.$inferSelect | undefined): Consent {
  const given = !!row && !row.withdrawnAt && row.wordingVersion === CONSENT_WORDING[purpose].version;
  return {
    purpose,
    wording: CONSENT_WORDING[purpose],
    given,
    wordingVersion: given ? row.wordingVersion : null,
    givenAt: given ? row.givenAt : null,
    withdrawnAt: row?.withdrawnAt ?? null,
  };
}

export async function listConsents(db: Database, who: Who): Promise<Consent[]> {
  return Promise.all(CONSENT_PURPOSES.map(async (purpose) => toConsent(purpose, await currentConsent(db, who, purpose))));
}

/** Records her consent to the wording she was shown; giving it again to the same wording changes nothing. */
export async function giveConsent(db: Database, input: Who & { purpose: ConsentPurpose; wordingVersion: string; now: Date }): Promise<Consent> {
  const wording = CONSENT_WORDING[input.purpose];
  if (input.wordingVersion !== wording.version) {
    throw new InvalidInputError(
      `The wording of this consent is now version ${wording.version}: show it to her, and send the version she agreed to.`,
      [{ field: 'wordingVersion', message: `is not the current wording, ${wording.version}` }],
      'consent_wording_changed',
    );
  }
  const current = toConsent(input.purpose, await currentConsent(db, input, input.purpose));
  if (current.given) return current;
  await db.insert(consents).values({
    id: newId('cns'),
    libraryId: input.libraryId,
    memberId: input.memberId,
    purpose: input.purpose,
    wordingVersion: wording.version,
    givenAt: input.now.toISOString(),
  });
  return toConsent(input.purpose, await currentConsent(db, input, input.purpose));
}

/** Withdraws her consent and, in the same batch, deletes what it allowed: nothing outlives it. */
export async function withdrawConsent(db: Database, input: Who & { purpose: ConsentPurpose; now: Date }): Promise<void> {
  await db.batch([
    db
      .update(consents)
      .set({ withdrawnAt: input.now.toISOString() })
      .where(and(eq(consents.memberId, input.memberId), eq(consents.libraryId, input.libraryId), eq(consents.purpose, input.purpose), isNull(consents.withdrawnAt))),
    db.delete(equalityAnswers).where(eq(equalityAnswers.memberId, input.memberId)),
  ]);
}

export async function equalityAnswersOf(db: Database, who: Who): Promise<EqualityAnswers | null> {
  const [row] = await db
    .select()
    .from(equalityAnswers)
    .where(and(eq(equalityAnswers.memberId, who.memberId), eq(equalityAnswers.libraryId, who.libraryId)));
  if (!row) return null;
  return { ethnicCategory: row.ethnicCategory as EqualityAnswers['ethnicCategory'], gender: row.gender as EqualityAnswers['gender'], disability: row.disability as EqualityAnswers['disability'], answeredAt: row.answeredAt };
}

/**
 * Stores her answers, replacing any earlier ones, only while her consent to the current wording
 * stands; the check and the write are one statement, so a withdrawal in between leaves nothing.
 */
export async function answerEquality(db: Database, input: Who & { answers: EqualityAnswersWrite; now: Date }): Promise<EqualityAnswers> {
  const { version } = CONSENT_WORDING.equality_monitoring;
  const answeredAt = input.now.toISOString();
  const result = await db.$client.execute({
    sql: `INSERT INTO equality_answers (member_id, library_id, ethnic_category, gender, disability, answered_at)
      SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM consents WHERE member_id = ? AND library_id = ? AND purpose = 'equality_monitoring' AND wording_version = ? AND withdrawn_at IS NULL)
      ON CONFLICT (member_id) DO UPDATE SET ethnic_category = excluded.ethnic_category, gender = excluded.gender, disability = excluded.disability, answered_at = excluded.answered_at`,
    args: [input.memberId, input.libraryId, input.answers.ethnicCategory, input.answers.gender, input.answers.disability, answeredAt, input.memberId, input.libraryId, version],
  });
  if (result.rowsAffected === 0) throw new ConsentRequiredError('equality_monitoring');
  return { ...input.answers, answeredAt };
}
