import type { ExchangeStatus } from '../db/schema.js';

/**
 * The exchange's state machine: the one table every change of an exchange goes through. Each row
 * says from which states an action may start, who may take it, when (relative to the hour's
 * start), and where it can lead. `domain/exchanges.ts` runs each row as one guarded write; the
 * API's `allowedActions` are read off the same rows, so the widget never offers what would fail.
 */

export type Party = 'member' | 'expert';

/** Action names are the API's path segments (`…/exchanges/{id}/no-show`); `lapse` and `auto-complete` are the system's. */
export const EXCHANGE_ACTIONS = ['accept', 'propose', 'decline', 'cancel', 'reschedule', 'no-show', 'complete', 'dispute', 'resolve', 'lapse', 'auto-complete'] as const;
export type ExchangeAction = (typeof EXCHANGE_ACTIONS)[number];

/**
 * `responder`: the party who did not propose the times on the table (normally the expert; the
 * member after the expert proposed others). `coordinator`: a coordinator of the library who is
 * not a party to the exchange.
 */
export type Who = Party | 'either' | 'responder' | 'coordinator' | 'system';

/** `before-start` and `after-start` only apply once the exchange has a time. */
export type Timing = 'any' | 'before-start' | 'after-start';

export interface Transition {
  action: ExchangeAction;
  from: readonly ExchangeStatus[];
  who: Who;
  timing: Timing;
  /** Where it can lead: `complete` stays `scheduled` until both have confirmed; `resolve` goes either way. */
  to: readonly ExchangeStatus[];
}

export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: ['requested'], who: 'responder', timing: 'any', to: ['scheduled'] },
  { action: 'propose', from: ['requested'], who: 'responder', timing: 'any', to: ['requested'] },
  { action: 'decline', from: ['requested'], who: 'expert', timing: 'any', to: ['declined'] },
  { action: 'cancel', from: ['requested', 'scheduled'], who: 'either', timing: 'before-start', to: ['cancelled'] },
  { action: 'reschedule', from: ['scheduled'], who: 'either', timing: 'any', to: ['scheduled'] },
  { action: 'no-show', from: ['scheduled'], who: 'either', timing: 'after-start', to: ['no_show'] },
  { action: 'complete', from: ['scheduled'], who: 'either', timing: 'after-start', to: ['scheduled', 'completed'] },
  { action: 'dispute', from: ['scheduled'], who: 'either', timing: 'after-start', to: ['disputed'] },
  { action: 'resolve', from: ['disputed'], who: 'coordinator', timing: 'any', to: ['completed', 'cancelled'] },
  { action: 'lapse', from: ['requested'], who: 'system', timing: 'any', to: ['lapsed'] },
  { action: 'auto-complete', from: ['scheduled'], who: 'system', timing: 'after-start', to: ['completed'] },
];

export function transitionFor(action: ExchangeAction): Transition {
  return TRANSITIONS.find((t) => t.action === action)!;
}

/** What the state machine needs to know of an exchange. */
export interface ExchangeFacts {
  status: ExchangeStatus;
  memberId: string;
  expertMemberId: string;
  proposedBy: Party;
  startsAt: string | null;
  confirmations: { member: string | null; expert: string | null };
}

/** Who is asking: a member (maybe a coordinator), or the system (the job worker). */
export type Actor = { kind: 'member'; memberId: string; isCoordinator: boolean } | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

export function partyOf(facts: ExchangeFacts, actor: Actor): Party | null {
  if (actor.kind !== 'member') return null;
  if (actor.memberId === facts.memberId) return 'member';
  if (actor.memberId === facts.expertMemberId) return 'expert';
  return null;
}

export function mayAct(who: Who, facts: ExchangeFacts, actor: Actor): boolean {
  const party = partyOf(facts, actor);
  switch (who) {
    case 'system':
      return actor.kind === 'system';
    case 'coordinator':
      return actor.kind === 'member' && actor.isCoordinator && party === null;
    case 'either':
      return party !== null;
    case 'responder':
      return party !== null && party !== facts.proposedBy;
    default:
      return party === who;
  }
}

/** `null` when the timing allows the action now; otherwise why not. */
export function timingProblem(timing: Timing, facts: ExchangeFacts, now: Date): 'not-started' | 'started' | null {
  if (timing === 'any' || facts.startsAt === null) return null;
  const started = now.getTime() >= Date.parse(facts.startsAt);
  if (timing === 'after-start' && !started) return 'not-started';
  if (timing === 'before-start' && started) return 'started';
  return null;
}

/** Rules that hang on the party herself: she confirms once, and disputes only what she has not confirmed. */
export function partyProblem(action: ExchangeAction, facts: ExchangeFacts, actor: Actor): string | null {
  const party = partyOf(facts, actor);
  if (!party) return null;
  if ((action === 'complete' || action === 'dispute') && facts.confirmations[party] !== null) return 'You have already confirmed that this hour took place.';
  return null;
}

/** What `actor` may do with the exchange now: the widget offers only these. */
export function allowedActions(facts: ExchangeFacts, actor: Actor, now: Date): ExchangeAction[] {
  return TRANSITIONS.filter(
    (t) =>
      t.who !== 'system' &&
      t.from.includes(facts.status) &&
      mayAct(t.who, facts, actor) &&
      timingProblem(t.timing, facts, now) === null &&
      partyProblem(t.action, facts, actor) === null,
  ).map((t) => t.action);
}
