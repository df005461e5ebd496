import type { Exchange, ExchangeActionName } from '@talking-library/sdk';

/** What may be done with an exchange, as the element names its buttons. */
export const ACTIONS = ['accept', 'propose', 'decline', 'reschedule', 'cancel', 'confirm', 'dispute', 'noShow', 'concern'] as const;
export type Action = (typeof ACTIONS)[number];

/** The API's names in `allowedActions` that a party can take here, mapped to the element's. */
const FROM_API: Partial<Record<ExchangeActionName, Action>> = {
  accept: 'accept',
  propose: 'propose',
  decline: 'decline',
  reschedule: 'reschedule',
  cancel: 'cancel',
  complete: 'confirm',
  dispute: 'dispute',
  'no-show': 'noShow',
};

/**
 * Only what the API says may be done now, in the order the buttons show. A concern is not a step
 * of the exchange (`allowedActions` never lists it): either party may report one at any time.
 */
export function actionsOf(exchange: Exchange): Action[] {
  const allowed = new Set(exchange.allowedActions.map((name) => FROM_API[name]).filter((action): action is Action => action !== undefined));
  if (exchange.yourRole !== 'coordinator') allowed.add('concern');
  return ACTIONS.filter((action) => allowed.has(action));
}

export const SECTIONS = ['upcoming', 'waiting', 'confirm', 'history'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Where an exchange belongs for the viewer: waiting for her answer; the hour is over and she has
 * to confirm it; coming up (hers to wait for); or done with.
 */
export function sectionOf(exchange: Exchange): Section {
  const actions = new Set(actionsOf(exchange));
  // Her turn when she may accept: the times on the table are the other party's.
  if (exchange.status === 'requested' && actions.has('accept')) return 'waiting';
  if (actions.has('confirm')) return 'confirm';
  if (exchange.status === 'requested' || exchange.status === 'scheduled') return 'upcoming';
  return 'history';
}

export interface Parties {
  myRole: 'member' | 'expert';
  otherRole: 'member' | 'expert';
  otherName: string;
  otherTimeZone: string;
}

/** Who the viewer is in this exchange, and who the other party is. */
export function partiesOf(exchange: Exchange): Parties {
  return exchange.yourRole === 'expert'
    ? { myRole: 'expert', otherRole: 'member', otherName: exchange.member.name, otherTimeZone: exchange.timeZones.member }
    : { myRole: 'member', otherRole: 'expert', otherName: exchange.expert.name, otherTimeZone: exchange.timeZones.expert };
}
