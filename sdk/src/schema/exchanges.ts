import { z } from 'zod';
import { LibraryPathParams, multiLineText, PageQuery, pageOf, prefixedId, singleLineText } from './common.js';

/**
 * One-hour exchanges between a member and an expert: a direct request, the answer (accept at one
 * of the proposed times, propose others, decline), and what follows (cancel, reschedule, no-show,
 * confirm, dispute, a coordinator's resolution). Times are ISO 8601 UTC, on the minute.
 */

export const ExchangeId = prefixedId('exc');
export const ExchangePathParams = LibraryPathParams.extend({ id: ExchangeId });

export const EXCHANGE_STATUSES = ['requested', 'scheduled', 'completed', 'declined', 'lapsed', 'cancelled', 'no_show', 'disputed'] as const;
export const ExchangeStatus = z.enum(EXCHANGE_STATUSES, { error: `must be one of ${EXCHANGE_STATUSES.join(', ')}` });

export const ExchangeParty = z.enum(['member', 'expert'], { error: 'must be member or expert' });

/** What the caller may do now; each is the path segment of its POST (`…/exchanges/{id}/no-show`). */
export const ExchangeActionName = z.enum(['accept', 'propose', 'decline', 'cancel', 'reschedule', 'no-show', 'complete', 'dispute', 'resolve', 'lapse', 'auto-complete']);

const ON_THE_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::00(?:\.0{1,3})?)?(?:Z|\+00:00)$/;

/** A time in UTC on the minute, such as `2030-03-01T09:00:00Z`. */
export const UtcMinute = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an ISO 8601 time') })
  .max(40, { error: 'must be an ISO 8601 UTC time on the minute, such as 2030-03-01T09:00:00Z' })
  .refine((value) => ON_THE_MINUTE.test(value) && !Number.isNaN(Date.parse(value)), {
    error: 'must be an ISO 8601 UTC time on the minute, such as 2030-03-01T09:00:00Z',
  })
  .meta({ description: 'ISO 8601, UTC, on the minute.', example: '2030-03-01T09:00:00Z' });

export const ProposedTimes = z
  .array(UtcMinute, { error: 'must be a list of one to three times' })
  .min(1, { error: 'must hold at least one time' })
  .max(3, { error: 'must hold at most three times' })
  .refine((times) => new Set(times.map((t) => Date.parse(t))).size === times.length, { error: 'must be distinct times' })
  .meta({ description: 'One to three distinct times in the future; a slot picked from availability is a one-item list.' });

/** An IANA time zone name the runtime knows, such as `Europe/London`. */
export const TimeZone = z
  .string()
  .max(64, { error: 'must be an IANA time zone such as Europe/London' })
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: zone });
        return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone);
      } catch {
        return false;
      }
    },
    { error: 'must be an IANA time zone such as Europe/London' },
  );

const Reason = multiLineText({ max: 1000, required: true });
const OptionalReason = multiLineText({ max: 1000 }).optional();
const MeetingPlace = singleLineText({ max: 500, required: true }).meta({ description: 'A video-call link or a place.' });

export const ExchangeCreate = z
  .strictObject({
    profileId: prefixedId('prf'),
    message: multiLineText({ max: 2000, required: true }),
    proposedTimes: ProposedTimes,
    timeZone: TimeZone.optional().meta({ description: 'Your IANA time zone, for your mail and invites; Europe/London when left out.' }),
  })
  .meta({ id: 'ExchangeCreate' });

export const ExchangeAccept = z.strictObject({ startsAt: UtcMinute, meetingPlace: MeetingPlace }).meta({ id: 'ExchangeAccept' });
export const ExchangePropose = z.strictObject({ proposedTimes: ProposedTimes, message: multiLineText({ max: 2000 }).optional() }).meta({ id: 'ExchangePropose' });
export const ExchangeDecline = z.strictObject({ reason: OptionalReason }).meta({ id: 'ExchangeDecline' });
export const ExchangeCancel = z.strictObject({ reason: Reason }).meta({ id: 'ExchangeCancel' });
export const ExchangeReschedule = z
  .strictObject({ startsAt: UtcMinute, reason: OptionalReason, meetingPlace: MeetingPlace.optional() })
  .meta({ id: 'ExchangeReschedule' });
export const ExchangeNoShow = z.strictObject({ party: ExchangeParty, reason: OptionalReason }).meta({ id: 'ExchangeNoShow' });
export const ExchangeComplete = z.strictObject({}).meta({ id: 'ExchangeComplete' });
export const ExchangeDispute = z.strictObject({ reason: Reason }).meta({ id: 'ExchangeDispute' });
export const ExchangeResolve = z
  .strictObject({ outcome: z.enum(['completed', 'void'], { error: 'must be completed or void' }), reason: Reason })
  .meta({ id: 'ExchangeResolve' });

const Person = z.object({ id: z.string(), name: z.string() });

export const ExchangeEvent = z
  .object({
    kind: z.string().meta({ description: 'requested, proposed, scheduled, declined, cancelled, rescheduled, no_show, confirmed, completed, disputed, resolved, lapsed, auto_completed' }),
    actor: Person.nullable().meta({ description: 'Who did it; null for the system (a lapse, an automatic completion).' }),
    at: z.string(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ExchangeEvent' });

export const Exchange = z
  .object({
    id: z.string(),
    status: ExchangeStatus,
    member: Person,
    expert: Person.extend({ profileId: z.string() }).meta({ description: 'The expert, named as her profile names her (how the member found her).' }),
    profileId: z.string(),
    requestId: z.string().nullable(),
    message: z.string(),
    proposedTimes: z.array(z.string()),
    proposedBy: ExchangeParty.meta({ description: 'Who proposed the times on the table: the other party accepts one, or proposes others.' }),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    meetingPlace: z.string().nullable(),
    timeZones: z.object({ member: z.string(), expert: z.string() }),
    hold: z.object({ id: z.string(), state: z.enum(['pending', 'posted', 'voided']) }).nullable().meta({ description: 'The member’s held hour, from scheduling until it is posted to the expert or voided.' }),
    confirmations: z.object({ member: z.string().nullable(), expert: z.string().nullable() }),
    noShowParty: ExchangeParty.nullable(),
    reason: z.string().nullable(),
    sequence: z.number().int().meta({ description: 'The calendar invite’s SEQUENCE: bumped by each reschedule and by cancelling.' }),
    lapsesAt: z.string().nullable(),
    autoCompletesAt: z.string().nullable(),
    yourRole: z.enum(['member', 'expert', 'coordinator']),
    allowedActions: z.array(ExchangeActionName).meta({ description: 'What you may do now; offer only these.' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Exchange' });

export const ExchangeDetail = Exchange.extend({ events: z.array(ExchangeEvent) }).meta({ id: 'ExchangeDetail' });
export const ExchangePage = pageOf(Exchange).meta({ id: 'ExchangePage' });

const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]), z.array(item).max(8, { error: 'at most 8' }).optional());

export const ExchangesQuery = PageQuery.extend({
  scope: z
    .enum(['mine', 'library'], { error: 'must be mine or library' })
    .optional()
    .meta({ description: 'Coordinators: `library` lists every exchange in the library (with `status=disputed`, the disputes waiting for them). Default `mine`.' }),
  role: ExchangeParty.optional().meta({ description: 'Your own only: those where you are the member (who asked) or the expert.' }),
  status: repeatable(ExchangeStatus).meta({ description: 'Repeat for several.' }),
});

export const ConcernCreate = z.strictObject({ body: multiLineText({ max: 5000, required: true }) }).meta({ id: 'ConcernCreate' });

export const Concern = z
  .object({
    id: z.string(),
    exchangeId: z.string(),
    reporter: Person,
    body: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Concern' });

export const ConcernReceipt = z
  .object({ id: z.string(), exchangeId: z.string(), createdAt: z.string() })
  .meta({ id: 'ConcernReceipt', description: 'Your concern is with the coordinators only; an acknowledgement is on its way by email.' });

export const ConcernPage = pageOf(Concern).meta({ id: 'ConcernPage' });

export const BookingPauseSet = z.strictObject({ reason: singleLineText({ max: 500, required: true }) }).meta({ id: 'BookingPauseSet' });

export const BookingPause = z
  .object({ memberId: z.string(), paused: z.boolean(), pausedAt: z.string().nullable(), reason: z.string().nullable() })
  .meta({ id: 'BookingPause' });

export type ExchangeStatus = z.infer<typeof ExchangeStatus>;
export type ExchangeParty = z.infer<typeof ExchangeParty>;
export type ExchangeActionName = z.infer<typeof ExchangeActionName>;
export type ExchangeCreate = z.input<typeof ExchangeCreate>;
export type ExchangeAccept = z.input<typeof ExchangeAccept>;
export type ExchangePropose = z.input<typeof ExchangePropose>;
export type ExchangeDecline = z.input<typeof ExchangeDecline>;
export type ExchangeCancel = z.input<typeof ExchangeCancel>;
export type ExchangeReschedule = z.input<typeof ExchangeReschedule>;
export type ExchangeNoShow = z.input<typeof ExchangeNoShow>;
export type ExchangeComplete = z.input<typeof ExchangeComplete>;
export type ExchangeDispute = z.input<typeof ExchangeDispute>;
export type ExchangeResolve = z.input<typeof ExchangeResolve>;
export type ExchangeEvent = z.infer<typeof ExchangeEvent>;
export type Exchange = z.infer<typeof Exchange>;
export type ExchangeDetail = z.infer<typeof ExchangeDetail>;
export type ExchangePage = z.infer<typeof ExchangePage>;
export type ExchangesQuery = Partial<z.output<typeof ExchangesQuery>>;
export type ConcernCreate = z.input<typeof ConcernCreate>;
export type Concern = z.infer<typeof Concern>;
export type ConcernReceipt = z.infer<typeof ConcernReceipt>;
export type ConcernPage = z.infer<typeof ConcernPage>;
export type BookingPauseSet = z.input<typeof BookingPauseSet>;
export type BookingPause = z.infer<typeof BookingPause>;
