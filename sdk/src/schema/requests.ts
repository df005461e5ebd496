import { z } from 'zod';
import { atLeastOneField, LibraryPathParams, Slug, multiLineText, PageQuery, pageOf, prefixedId, singleLineText, Version, type QueryOf } from './common.js';
import { MemberId } from './identity.js';
import { CategoryRef, Skill } from './library.js';
import { ProfileId } from './profile.js';

/**
 * The request board: a member's skill request, tied to her improvement project, and the experts'
 * responses to it. The owner accepts one response, which schedules a one-hour exchange.
 */

export const REQUEST_STATUSES = ['open', 'matched', 'closed', 'lapsed'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);

export const PROJECT_STAGES = ['idea', 'planning', 'testing', 'implementing', 'spreading'] as const;
export const ProjectStage = z.enum(PROJECT_STAGES);

export const RESPONSE_STATUSES = ['open', 'accepted', 'not_chosen', 'withdrawn'] as const;
export const ResponseStatus = z.enum(RESPONSE_STATUSES);

export const SkillRequestId = prefixedId('req');
export const RequestResponseId = prefixedId('rsp');


/** `skill=a&skill=b`, `skill=a`, or nothing: always an array to the server. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]), z.array(item).max(10, { error: 'at most 10' }).optional());

/** A time of an hour to come: ISO 8601 in UTC (`…Z`), on the minute. Whether it is in the future is checked against the server's clock. */
export const ProposedTime = z.iso
  .datetime({ error: 'must be an ISO 8601 time in UTC, such as 2030-05-01T09:00:00Z' })
  // A time that is no time at all is reported once, as not a time.
  .refine((time) => Number.isNaN(Date.parse(time)) || Date.parse(time) % 60_000 === 0, { error: 'must be on the minute (no seconds)' });

export const RequestProject = z
  .object({
    name: z.string(),
    aim: z.string(),
    stage: ProjectStage,
  })
  .meta({ id: 'RequestProject', description: 'The improvement project the request is for.' });

export const RequestResponse = z
  .object({
    id: RequestResponseId,
    requestId: SkillRequestId,
    expert: z
      .object({ id: MemberId, name: z.string(), profileId: ProfileId, timeZone: z.string().meta({ description: 'Her IANA time zone, to show the offered times on her clock too.' }) })
      .meta({ description: 'The expert who responded, named as her profile names her.' }),
    message: z.string(),
    proposedTimes: z.array(z.string()).meta({ description: 'ISO times in UTC the expert offers; the owner accepts one.' }),
    status: ResponseStatus.meta({ description: '`accepted`: the owner chose it (see `exchangeId`); `not_chosen`: she chose another.' }),
    exchangeId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'RequestResponse' });

export const SkillRequest = z
  .object({
    id: SkillRequestId,
    title: z.string(),
    need: z.string(),
    project: RequestProject,
    skills: z.array(Skill),
    category: CategoryRef.nullable(),
    status: RequestStatus.meta({ description: 'An open request past `lapsesAt` reads as `lapsed`; its owner may renew it.' }),
    closedReason: z.string().nullable(),
    lapsesAt: z.string(),
    owner: z.object({ id: MemberId, name: z.string() }),
    mine: z.boolean().meta({ description: 'Whether the caller posted it.' }),
    matchesYourSkills: z.boolean().meta({ description: 'Whether it wants a skill of the caller’s profile (or, asking for none, is in one of her categories).' }),
    responseCount: z.number().int(),
    yourResponse: RequestResponse.nullable().meta({ description: 'The caller’s own response, when she is an expert who responded.' }),
    responses: z.array(RequestResponse).optional().meta({ description: 'Every response, oldest first: on `GET /requests/{id}` to its owner (and coordinators) only.' }),
    version: Version,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SkillRequest' });

export const SkillRequestPage = pageOf(SkillRequest).meta({ id: 'SkillRequestPage' });
export const RequestResponsePage = pageOf(RequestResponse).meta({ id: 'RequestResponsePage' });

const requestFields = {
  title: singleLineText({ max: 140, required: true }).meta({ description: 'What you need, in a line.' }),
  need: multiLineText({ max: 4000, required: true }).meta({ description: 'The need in your own words.' }),
  skills: z.array(Slug).max(10, { error: 'at most 10 skills' }).meta({ description: 'Slugs of the skills wanted, from the library’s taxonomy.' }),
  category: Slug.meta({ description: 'The slug of the category the request belongs to.' }),
};

const requiredOr = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : message);

export const RequestCreate = z
  .strictObject({
    ...requestFields,
    project: z.strictObject(
      {
        name: singleLineText({ max: 140, required: true }),
        aim: multiLineText({ max: 2000 }).optional(),
        stage: z.enum(PROJECT_STAGES, { error: requiredOr(`must be one of ${PROJECT_STAGES.join(', ')}`) }),
      },
      { error: requiredOr('must be an object with name, aim and stage') },
    ),
    skills: requestFields.skills.optional(),
    category: requestFields.category.optional(),
  })
  .refine((body) => (body.skills?.length ?? 0) > 0 || body.category !== undefined, { error: 'name at least one skill, or a category', path: ['skills'] })
  .meta({ id: 'RequestCreate' });

export const RequestUpdate = atLeastOneField(
  z.strictObject({
    title: requestFields.title.optional(),
    need: requestFields.need.optional(),
    project: z
      .strictObject({
        name: singleLineText({ max: 140, required: true }).optional(),
        aim: multiLineText({ max: 2000 }).optional(),
        stage: ProjectStage.optional(),
      })
      .optional()
      .meta({ description: 'Fields left out stay as they are.' }),
    skills: requestFields.skills.optional().meta({ description: 'Replaces the wanted skills.' }),
    category: requestFields.category.nullable().optional(),
    status: z.literal('closed', { error: 'can only be set to closed' }).optional().meta({ description: '`closed` takes the request off the board.' }),
    closedReason: singleLineText({ max: 500 }).optional().meta({ description: 'Why it was closed; only with `status: "closed"`.' }),
    renew: z.literal(true, { error: 'must be true' }).optional().meta({ description: 'Keeps the request on the board for the library’s lapse period from now, reopening a lapsed one.' }),
  }),
)
  .refine((body) => body.closedReason === undefined || body.status === 'closed', { error: 'goes with status: "closed"', path: ['closedReason'] })
  .refine((body) => !(body.renew && body.status === 'closed'), { error: 'cannot renew and close at once', path: ['renew'] })
  .meta({ id: 'RequestUpdate' });

export const RequestResponseCreate = z
  .strictObject({
    message: multiLineText({ max: 2000, required: true }).meta({ description: 'What you offer, to the request’s owner.' }),
    proposedTimes: z
      .array(ProposedTime, { error: requiredOr('must be a list of one to three times') })
      .min(1, { error: 'propose at least one time' })
      .max(3, { error: 'propose at most three times' })
      .refine((times) => new Set(times.map((t) => new Date(t).getTime())).size === times.length, { error: 'must be different times' }),
  })
  .meta({ id: 'RequestResponseCreate' });

export const RequestResponseAccept = z
  .strictObject({
    startsAt: ProposedTime.meta({ description: 'One of the response’s proposed times.' }),
    meetingPlace: singleLineText({ max: 500, required: true }).meta({ description: 'Where you will meet: a video-call link or a place.' }),
  })
  .meta({ id: 'RequestResponseAccept' });

export const RequestListQuery = PageQuery.extend({
  q: z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional().meta({ description: 'Words to search for in the title, need and project; the last may be the start of a word.' }),
  category: Slug.optional(),
  skill: repeatable(Slug).meta({ description: 'Repeat for several: a request wanting any of them.' }),
  status: RequestStatus.optional().meta({ description: 'Default `open`; with `mine=true`, every status unless given.' }),
  mine: z.stringbool({ error: 'must be true or false' }).optional().meta({ description: 'Only the requests you posted.' }),
});

export const RequestPathParams = LibraryPathParams.extend({ id: SkillRequestId });
export const RequestResponsePathParams = RequestPathParams.extend({ responseId: RequestResponseId });

export type RequestStatus = z.infer<typeof RequestStatus>;
export type ProjectStage = z.infer<typeof ProjectStage>;
export type ResponseStatus = z.infer<typeof ResponseStatus>;
export type RequestProject = z.infer<typeof RequestProject>;
export type RequestResponse = z.infer<typeof RequestResponse>;
export type SkillRequest = z.infer<typeof SkillRequest>;
export type SkillRequestPage = z.infer<typeof SkillRequestPage>;
export type RequestResponsePage = z.infer<typeof RequestResponsePage>;
export type RequestCreate = z.input<typeof RequestCreate>;
export type RequestUpdate = z.input<typeof RequestUpdate>;
export type RequestResponseCreate = z.input<typeof RequestResponseCreate>;
export type RequestResponseAccept = z.input<typeof RequestResponseAccept>;
export type RequestListQuery = QueryOf<typeof RequestListQuery>;
