import { z } from 'zod';
import { multiLineText, pageOf, prefixedId, singleLineText, Version } from './common.js';
import { ExchangePathParams } from './exchanges.js';
import { HttpUrl } from './profile.js';
import { SkillRequestId } from './requests.js';

/**
 * Outcome logs: after a completed exchange each party writes what came of it. Each author picks
 * who may read hers beyond the two parties and the coordinators (who always may): nobody
 * (`private`), the library's members (`library`), or anyone (`public`, in the learning feed).
 */

export const SHARE_LEVELS = ['private', 'library', 'public'] as const;
export const ShareLevel = z.enum(SHARE_LEVELS);

export const OutcomeLogId = prefixedId('out');
export const OutcomeLogPathParams = ExchangePathParams.extend({ outcomeId: OutcomeLogId });

export const MAX_OUTPUTS = 10;

export const OutcomeOutput = z.object({ title: z.string(), url: z.string() }).meta({ id: 'OutcomeOutput' });

/**
 * What an author sends, to log (POST) or to replace her log (PUT): the whole log each time.
 * `valueRating`, `project` and `nameExpert` are the member's; `nameMeInPublic` is the expert's.
 */
export const OutcomeLogWrite = z
  .strictObject({
    summary: multiLineText({ max: 4000, required: true }).meta({ description: 'What was done in the hour.' }),
    outputs: z
      .array(z.strictObject({ title: singleLineText({ max: 200, required: true }), url: HttpUrl }), { error: 'must be a list of { title, url }' })
      .max(MAX_OUTPUTS, { error: `at most ${MAX_OUTPUTS} outputs` })
      .optional()
      .meta({ description: `What the hour produced, each a title and an http(s) link; at most ${MAX_OUTPUTS}.` }),
    learning: multiLineText({ max: 4000 }).optional().meta({ description: 'What was learned.' }),
    nextSteps: multiLineText({ max: 4000 }).optional().meta({ description: 'What happens next.' }),
    share: z
      .enum(SHARE_LEVELS, { error: `must be one of ${SHARE_LEVELS.join(', ')}` })
      .optional()
      .meta({ description: 'Who else may read it: `private` (the default: the two parties and the coordinators only), `library` (the library’s members), `public` (anyone).' }),
    valueRating: z
      .number({ error: 'must be a whole number from 1 to 5' })
      .int({ error: 'must be a whole number from 1 to 5' })
      .min(1, { error: 'must be a whole number from 1 to 5' })
      .max(5, { error: 'must be a whole number from 1 to 5' })
      .nullable()
      .optional()
      .meta({ description: 'The member only: how much the hour did for her improvement project, 1 (little) to 5 (a great deal).' }),
    project: z
      .strictObject({ name: singleLineText({ max: 140, required: true }) }, { error: 'must be an object with the project’s name' })
      .nullable()
      .optional()
      .meta({ description: 'The member only: the improvement project the hour served. Left out on an hour booked from the request board, it is the request’s project.' }),
    nameExpert: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .meta({ description: 'The member only: whether her public log names the expert. It does only if the expert agreed (`nameMeInPublic` on her own log).' }),
    nameMeInPublic: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .meta({ description: 'The expert only: whether she agrees to be named on this exchange’s public logs (default false: she is not).' }),
  })
  .meta({ id: 'OutcomeLogWrite' });

export const OutcomeLog = z
  .object({
    id: OutcomeLogId,
    exchangeId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    authorRole: z.enum(['member', 'expert']).meta({ description: 'Which party wrote it.' }),
    mine: z.boolean().meta({ description: 'Whether the caller wrote it (and so may edit it).' }),
    summary: z.string(),
    outputs: z.array(OutcomeOutput),
    learning: z.string(),
    nextSteps: z.string(),
    share: ShareLevel,
    valueRating: z.number().int().nullable().meta({ description: 'The member’s rating, 1 to 5; null on the expert’s log or when she gave none.' }),
    project: z
      .object({ name: z.string(), requestId: SkillRequestId.nullable().meta({ description: 'The skill request it came from, when the project is that request’s.' }) })
      .nullable(),
    nameExpert: z.boolean().meta({ description: 'On the member’s log, whether she asked to name the expert; false on the expert’s.' }),
    nameMeInPublic: z.boolean().meta({ description: 'On the expert’s log, whether she agreed to be named in public; false on the member’s.' }),
    expertNamed: z.boolean().meta({ description: 'Whether this log, shared in public, names the expert: it is public, the expert agreed, and (on the member’s log) the member asked to.' }),
    version: Version,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OutcomeLog' });

export const OutcomeLogPage = pageOf(OutcomeLog).meta({ id: 'OutcomeLogPage' });

export type ShareLevel = z.infer<typeof ShareLevel>;
export type OutcomeLogWrite = z.input<typeof OutcomeLogWrite>;
export type OutcomeOutput = z.infer<typeof OutcomeOutput>;
export type OutcomeLog = z.infer<typeof OutcomeLog>;
export type OutcomeLogPage = z.infer<typeof OutcomeLogPage>;
