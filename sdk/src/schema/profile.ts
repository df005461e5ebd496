import { z } from 'zod';
import { Slug, atLeastOneField, Version, LibraryPathParams, multiLineText, PageQuery, pageOf, plainText, PLAIN_TEXT_ERROR, prefixedId, singleLineText, type QueryOf } from './common.js';
import { CategoryRef, Skill } from './library.js';

export const CAREER_STAGES = ['entry', 'early', 'mid', 'senior', 'executive'] as const;
export const CareerStage = z.enum(CAREER_STAGES);

export const PROFILE_STATUSES = ['draft', 'submitted', 'published', 'paused'] as const;
export const ProfileStatus = z.enum(PROFILE_STATUSES);

export const ProfileId = prefixedId('prf');


/** BCP 47 language tags as people write them: `en`, `yo`, `pt-BR`. */
export const LanguageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a language tag such as en or pt-BR' });

const TimeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone such as Europe/London' },
);

/** An http or https URL, at most 2000 characters, with no control characters. */
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).refine(plainText, PLAIN_TEXT_ERROR);
const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const HHMM = z.string().regex(HHMM_PATTERN, { error: 'must be a time such as 09:30' });

export const Story = z.object({ id: prefixedId('sty'), title: z.string(), body: z.string() }).meta({ id: 'Story' });
export const ProfileLink = z.object({ label: z.string(), url: z.string() }).meta({ id: 'ProfileLink' });

export const AvailabilityWindow = z
  .strictObject({
    weekday: z.number().int().min(1, { error: 'must be 1 (Monday) to 7 (Sunday)' }).max(7, { error: 'must be 1 (Monday) to 7 (Sunday)' }),
    start: HHMM,
    end: HHMM,
  })
  // Compared only once both are times: a malformed start is reported once, on start.
  .refine((w) => !HHMM_PATTERN.test(w.start) || !HHMM_PATTERN.test(w.end) || w.end > w.start, { error: 'must end after it starts', path: ['end'] })
  .meta({ id: 'AvailabilityWindow', description: 'A weekly window in the expert’s own time zone.' });

export const Profile = z
  .object({
    id: ProfileId,
    displayName: z.string(),
    pronouns: z.string().nullable(),
    headline: z.string(),
    bio: z.string(),
    careerStage: CareerStage,
    skills: z.array(Skill),
    categories: z.array(CategoryRef),
    stories: z.array(Story),
    languages: z.array(z.string()).meta({ description: 'BCP 47 language tags, such as `en` or `yo`.' }),
    timeZone: z.string().meta({ description: 'IANA time zone, such as `Europe/London`.' }),
    links: z.array(ProfileLink),
    photoUrl: z.string().nullable(),
    status: ProfileStatus,
    availability: z.array(AvailabilityWindow),
    minimumNoticeHours: z.number().meta({ description: 'How long before an hour she must be asked for it.' }),
    weeklyCap: z.number().int().meta({ description: 'At most this many exchanges in one of her weeks (Monday to Sunday on her clock).' }),
    reviewNote: z.string().nullable().optional().meta({ description: 'Shown to the owner and coordinators only.' }),
    version: Version,
  })
  .meta({ id: 'Profile' });

/** A piece of a search snippet: `match` marks the words that matched the query. */
export const SnippetSegment = z.object({ text: z.string(), match: z.boolean() }).meta({ id: 'SnippetSegment' });

export const ProfileHit = Profile.extend({
  snippet: z.array(SnippetSegment).nullable().meta({ description: 'Where the query matched, when there is a query.' }),
}).meta({ id: 'ProfileHit' });

export const FacetCount = z.object({ slug: z.string(), name: z.string(), count: z.number().int() }).meta({ id: 'FacetCount' });

export const ProfileSearchPage = pageOf(ProfileHit)
  .extend({
    total: z.number().int().meta({ description: 'How many profiles match, across all pages; at least this many when `totalIsLowerBound`.' }),
    totalIsLowerBound: z.boolean().meta({
      description: 'True when a search or a listing matched more profiles than it counts (1,000): then `total` is that many, and the pages still go on to every match.',
    }),
    facets: z.object({ categories: z.array(FacetCount), skills: z.array(FacetCount) }).meta({
      description:
        'For the current query and filters: how many matching profiles have each category and skill; past the 1,000 counted (`totalIsLowerBound`), how many of those 1,000 (for a search the ones it ranks, for a listing the newest).',
    }),
  })
  .meta({ id: 'ProfileSearchPage' });

/** `skill=a&skill=b`, `skill=a`, or nothing: always an array to the server. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]), z.array(item).max(10, { error: 'at most 10' }).optional());

export const ProfileListQuery = PageQuery.extend({
  q: z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional().meta({ description: 'Words to search for; the last may be the start of a word.' }),
  category: Slug.optional(),
  skill: repeatable(Slug).meta({ description: 'Repeat for several: a profile must have every one.' }),
  careerStage: CareerStage.optional(),
  language: LanguageTag.optional(),
  availableWithinDays: z.coerce
    .number({ error: 'must be a whole number of days, 1 to 90' })
    .int({ error: 'must be a whole number of days, 1 to 90' })
    .min(1, { error: 'must be between 1 and 90' })
    .max(90, { error: 'must be between 1 and 90' })
    .optional(),
  facets: z
    .stringbool({ error: 'must be true or false' })
    .default(true)
    .meta({ description: 'Count matches per category and skill (the costliest part of a search); false leaves `facets` empty.' }),
});

/** The fields an expert writes, stored exactly as sent. Create requires some; update takes any of them. */
const profileFields = {
  displayName: singleLineText({ max: 80, required: true }),
  pronouns: singleLineText({ max: 30 }).nullable(),
  headline: singleLineText({ max: 140 }),
  bio: multiLineText({ max: 4000 }),
  careerStage: CareerStage,
  skills: z.array(Slug).max(20, { error: 'at most 20 skills' }).meta({ description: 'Skill slugs from the library’s taxonomy.' }),
  categories: z.array(Slug).max(5, { error: 'at most 5 categories' }),
  stories: z
    .array(z.strictObject({ title: singleLineText({ max: 120, required: true }), body: multiLineText({ max: 4000, required: true }) }))
    .max(5, { error: 'at most 5 stories' }),
  languages: z.array(LanguageTag).min(1, { error: 'give at least one language' }).max(10),
  timeZone: TimeZone,
  links: z.array(z.strictObject({ label: singleLineText({ max: 60, required: true }), url: HttpUrl })).max(5, { error: 'at most 5 links' }),
  photoUrl: HttpUrl.nullable(),
};

const requiredOr = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : message);

export const ProfileCreate = z
  .strictObject({
    ...z.object(profileFields).partial().shape,
    displayName: profileFields.displayName,
    careerStage: z.enum(CAREER_STAGES, { error: requiredOr(`must be one of ${CAREER_STAGES.join(', ')}`) }),
  })
  .meta({ id: 'ProfileCreate' });

export const ProfileUpdate = atLeastOneField(z.strictObject(profileFields).partial()).meta({ id: 'ProfileUpdate' });

export const ProfileSendBack = z
  .strictObject({ note: multiLineText({ max: 2000, required: true }).meta({ description: 'What the expert should change.' }) })
  .meta({ id: 'ProfileSendBack' });

const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number({ error: `must be a whole number of ${unit}, ${min} to ${max}` })
    .int({ error: `must be a whole number of ${unit}, ${min} to ${max}` })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

/** Her weekly windows, her notice and her cap: each given replaces the old; those left out stay. */
export const AvailabilityUpdate = atLeastOneField(
  z.strictObject({
    windows: z.array(AvailabilityWindow).max(21, { error: 'at most 21 windows' }).optional(),
    minimumNoticeHours: wholeNumber(0, 336, 'hours').optional().meta({ description: 'How long before an hour she must be asked for it: 0 to 336 (two weeks); 48 at first.' }),
    weeklyCap: wholeNumber(1, 40, 'exchanges').optional().meta({ description: 'At most this many exchanges in one of her weeks: 1 to 40; 3 at first.' }),
  }),
).meta({ id: 'AvailabilityUpdate' });

export const ProfilePathParams = LibraryPathParams.extend({ id: ProfileId });
export const ProfilePage = pageOf(Profile).meta({ id: 'ProfilePage' });

export type CareerStage = z.infer<typeof CareerStage>;
export type ProfileStatus = z.infer<typeof ProfileStatus>;
export type Story = z.infer<typeof Story>;
export type ProfileLink = z.infer<typeof ProfileLink>;
export type AvailabilityWindow = z.infer<typeof AvailabilityWindow>;
export type Profile = z.infer<typeof Profile>;
export type ProfileHit = z.infer<typeof ProfileHit>;
export type SnippetSegment = z.infer<typeof SnippetSegment>;
export type FacetCount = z.infer<typeof FacetCount>;
export type ProfileSearchPage = z.infer<typeof ProfileSearchPage>;
export type ProfileListQuery = QueryOf<typeof ProfileListQuery>;
export type ProfileCreate = z.input<typeof ProfileCreate>;
export type ProfileUpdate = z.input<typeof ProfileUpdate>;
export type AvailabilityUpdate = z.input<typeof AvailabilityUpdate>;
export type ProfilePage = z.infer<typeof ProfilePage>;
