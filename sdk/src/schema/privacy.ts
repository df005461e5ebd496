import { z } from 'zod';
import { LibraryPathParams, singleLineText } from './common.js';

/**
 * Consent and special-category data (UK GDPR Article 9). Equality-monitoring questions are asked
 * only after a member consents to that purpose, recorded with the version of the wording she was
 * shown; her answers live apart from everything else and go the moment she withdraws.
 */

export const CONSENT_PURPOSES = ['equality_monitoring'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES, { error: `must be one of ${CONSENT_PURPOSES.join(', ')}` });
export const ConsentPathParams = LibraryPathParams.extend({ purpose: ConsentPurpose });

export const ConsentGive = z
  .strictObject({
    wordingVersion: singleLineText({ max: 64, required: true }).meta({
      description: 'The `wording.version` she was shown (from GET …/me/consents). A version that is no longer current is 422 `consent_wording_changed`: show her the new wording.',
    }),
  })
  .meta({ id: 'ConsentGive' });

export const Consent = z
  .object({
    purpose: ConsentPurpose,
    /** What she is asked to agree to, now. */
    wording: z.object({ version: z.string(), text: z.string() }),
    given: z.boolean().meta({ description: 'Whether her consent to this purpose stands now.' }),
    /** The wording she agreed to and when; null if she never did, or withdrew. */
    wordingVersion: z.string().nullable(),
    givenAt: z.string().nullable(),
    /** When she last withdrew it, if she did. */
    withdrawnAt: z.string().nullable(),
  })
  .meta({ id: 'Consent' });

export const ConsentList = z.object({ data: z.array(Consent) }).meta({ id: 'ConsentList' });

/** NHS Data Dictionary ethnic category codes (the 2001 census groups); `Z` is "not stated". */
export const ETHNIC_CATEGORIES = {
  A: 'White: British',
  B: 'White: Irish',
  C: 'White: any other White background',
  D: 'Mixed: White and Black Caribbean',
  E: 'Mixed: White and Black African',
  F: 'Mixed: White and Asian',
  G: 'Mixed: any other mixed background',
  H: 'Asian or Asian British: Indian',
  J: 'Asian or Asian British: Pakistani',
  K: 'Asian or Asian British: Bangladeshi',
  L: 'Asian or Asian British: any other Asian background',
  M: 'Black or Black British: Caribbean',
  N: 'Black or Black British: African',
  P: 'Black or Black British: any other Black background',
  R: 'Other ethnic group: Chinese',
  S: 'Other ethnic group: any other ethnic group',
  Z: 'Not stated (prefer not to say)',
} as const;
export type EthnicCategory = keyof typeof ETHNIC_CATEGORIES;
const ETHNIC_CODES = Object.keys(ETHNIC_CATEGORIES) as [EthnicCategory, ...EthnicCategory[]];

export const GENDERS = ['woman', 'man', 'non_binary', 'in_another_way', 'prefer_not_to_say'] as const;
export const DISABILITY_ANSWERS = ['yes', 'no', 'prefer_not_to_say'] as const;

export const EqualityAnswersWrite = z
  .strictObject({
    ethnicCategory: z.enum(ETHNIC_CODES, { error: `must be an NHS Data Dictionary ethnic category code: ${ETHNIC_CODES.join(', ')} (Z: prefer not to say)` }),
    gender: z.enum(GENDERS, { error: `must be one of ${GENDERS.join(', ')}` }),
    disability: z.enum(DISABILITY_ANSWERS, { error: `must be one of ${DISABILITY_ANSWERS.join(', ')}` }).meta({ description: 'Whether she considers herself to have a disability.' }),
  })
  .meta({ id: 'EqualityAnswersWrite' });

export const EqualityAnswers = EqualityAnswersWrite.extend({ answeredAt: z.string() }).meta({ id: 'EqualityAnswers' });

/** Everything the library holds about the signed-in member, for her to take away (GET …/me/export). */
export const MemberExport = z
  .object({
    exportedAt: z.string(),
    library: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    member: z.record(z.string(), z.unknown()),
    identities: z.array(z.record(z.string(), z.unknown())),
    sessions: z.array(z.record(z.string(), z.unknown())).meta({ description: 'When each session began and ends; never its token.' }),
    profile: z.record(z.string(), z.unknown()).nullable(),
    stories: z.array(z.record(z.string(), z.unknown())),
    requests: z.array(z.record(z.string(), z.unknown())),
    responses: z.array(z.record(z.string(), z.unknown())),
    exchanges: z.array(z.record(z.string(), z.unknown())),
    outcomeLogs: z.array(z.record(z.string(), z.unknown())),
    creditTransfers: z.array(z.record(z.string(), z.unknown())),
    consents: z.array(z.record(z.string(), z.unknown())),
    equalityAnswers: EqualityAnswers.nullable(),
    surveys: z.array(z.record(z.string(), z.unknown())).meta({ description: 'The surveys she owed, with the instrument version each asked and her answers.' }),
  })
  .meta({ id: 'MemberExport' });

export type ConsentPurpose = z.infer<typeof ConsentPurpose>;
export type ConsentGive = z.infer<typeof ConsentGive>;
export type Consent = z.infer<typeof Consent>;
export type ConsentList = z.infer<typeof ConsentList>;
export type EqualityAnswersWrite = z.infer<typeof EqualityAnswersWrite>;
export type EqualityAnswers = z.infer<typeof EqualityAnswers>;
export type MemberExport = z.infer<typeof MemberExport>;
