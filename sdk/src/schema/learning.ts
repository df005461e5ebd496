import { z } from 'zod';
import { PageQuery, pageOf, Slug, type QueryOf } from './common.js';
import { CategoryRef, Skill } from './library.js';
import { OutcomeLogId, OutcomeOutput } from './outcomes.js';
import { ProfileId } from './profile.js';

/**
 * The shared learning feed: outcome logs their authors chose to share, newest first. `public`
 * ones go to anyone with the library's key, `library` ones to its signed-in members as well;
 * `private` ones never. It carries what was learned, never who the member was, how she rated the
 * hour, or her project.
 */

export const MAX_FEED_PAGE = 50;

const pageSize = `must be a whole number between 1 and ${MAX_FEED_PAGE}`;

export const LearningQuery = z.object({
  limit: z.coerce
    .number({ error: pageSize })
    .int({ error: pageSize })
    .min(1, { error: `must be between 1 and ${MAX_FEED_PAGE}` })
    .max(MAX_FEED_PAGE, { error: `must be between 1 and ${MAX_FEED_PAGE}` })
    .default(20)
    .meta({ description: `How many items to return, 1 to ${MAX_FEED_PAGE}.` }),
  cursor: PageQuery.shape.cursor,
  q: z
    .string()
    .trim()
    .max(200, { error: 'must be at most 200 characters' })
    .optional()
    .meta({ description: 'Text to find in the summary, what was learned, the next steps or an output’s title, as written (A–Z match either case).' }),
  category: Slug.optional().meta({ description: 'A category’s slug: items whose exchange was about it. One the library does not have is a 400.' }),
  skill: Slug.optional().meta({ description: 'A skill’s slug: items whose exchange was about it. One the library does not have is a 400.' }),
});

export const LearningItem = z
  .object({
    id: OutcomeLogId,
    authorRole: z.enum(['member', 'expert']).meta({ description: 'Which party wrote it: the member who asked for the hour, or the expert who gave it.' }),
    summary: z.string(),
    outputs: z.array(OutcomeOutput),
    learning: z.string(),
    nextSteps: z.string(),
    share: z.enum(['library', 'public']).meta({ description: '`public`: shown to anyone with the key; `library`: to the library’s signed-in members only.' }),
    categories: z.array(CategoryRef).meta({ description: 'What the exchange was about: the request’s category when it was booked from the request board, else the expert’s profile’s.' }),
    skills: z.array(Skill.omit({ version: true })).meta({ description: 'Likewise: the request’s skills, or the expert’s profile’s.' }),
    expert: z
      .object({ profileId: ProfileId, displayName: z.string() })
      .nullable()
      .meta({ description: 'The expert, only where she may be named: a public item, her agreement on her own log, and (on the member’s) the member’s wish. Otherwise null.' }),
    loggedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LearningItem' });

export const LearningPage = pageOf(LearningItem).meta({ id: 'LearningPage' });

export type LearningQuery = QueryOf<typeof LearningQuery>;
export type LearningItem = z.infer<typeof LearningItem>;
export type LearningPage = z.infer<typeof LearningPage>;
