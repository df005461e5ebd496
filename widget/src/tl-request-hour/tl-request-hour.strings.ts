import type { TalkingLibraryStrings } from '../strings.js';
import { creditsStrings } from '../tl-credits/tl-credits.strings.js';
import { exchangeCommonStrings } from '../exchanges/exchange.strings.js';

const { hours, balanceLabel, heldLabel, availableLabel } = creditsStrings;

/** What `<tl-request-hour>` says. */
export const requestHourStrings = {
  ...exchangeCommonStrings,
  hours,
  balanceLabel,
  heldLabel,
  availableLabel,
  requestHourHeading: (name: string) => `Ask ${name} for an hour`,
  requestHourSignedOut: (name: string) => `Sign in to ask ${name} for an hour. Use the sign-in on this page, with the email address the library knows you by.`,
  loadingRequestHour: 'Loading her free times and your time credits…',
  requestHourLoadFailed: 'Sorry, the request form could not be loaded.',
  yourCreditHeading: 'Your time credits',
  holdsOneHour: (name: string) => `This will hold 1 hour of your credit when ${name} accepts, until the hour has happened.`,
  noCreditToRequest:
    'You have no hours available to spend, so you cannot ask for an hour yet. Earn one by giving an hour of your time to another member, or ask the library’s coordinators for a grant.',
  whenLegend: 'When',
  chooseSlot: 'One of her free times',
  chooseProposed: 'Propose times of your own',
  slotsLegend: (name: string) => `${name}’s free times`,
  slotsHint: (viewerZone: string, expertZone: string) =>
    viewerZone === expertZone ? `Times are in your time zone, ${viewerZone}, which is hers too.` : `Times are in your time zone, ${viewerZone}. She is in ${expertZone}; her time is in brackets.`,
  slotLabel: (start: string, end: string, expertTime: string | undefined) => `${start} to ${end}${expertTime ? ` (${expertTime} her time)` : ''}`,
  noSlots: (name: string) => `${name} has no free times in the next three weeks. Propose times of your own.`,
  slotsUnavailable: 'Her free times could not be loaded. Propose times of your own.',
  proposedLegend: 'Times you propose',
  proposedHint: (viewerZone: string, expertZone: string) =>
    viewerZone === expertZone ? `Up to three, in your time zone, ${viewerZone}.` : `Up to three, in your time zone, ${viewerZone}. She is in ${expertZone}.`,
  messageLabel: 'Your message',
  messageHint: 'Say what your project is and what you would like to get from the hour.',
  sendRequest: 'Send request',
  sendingRequest: 'Sending your request…',
  requestFailed: 'Sorry, your request could not be sent.',
  requestSentHeading: 'Request sent',
  requestSent: (name: string) => `Your request is with ${name}. You will hear by email when she answers, and the hour will then be held from your credit.`,
  requestedTimesLabel: 'You asked for',
} satisfies Partial<TalkingLibraryStrings>;
