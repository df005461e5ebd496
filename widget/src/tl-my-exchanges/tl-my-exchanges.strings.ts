import { plural, type TalkingLibraryStrings } from '../strings.js';
import { exchangeCommonStrings } from '../exchanges/exchange.strings.js';

/** A word from a table, or the key itself for one the table does not know (a newer API's). */
const lookup = (table: Record<string, string>, key: string): string => table[key] ?? key.replace(/_/g, ' ');

/** What `<tl-my-exchanges>` says. */
export const myExchangesStrings = {
  ...exchangeCommonStrings,
  myExchangesHeading: 'Your exchanges',
  myExchangesSignedOut: 'Sign in to see your exchanges. Use the sign-in on this page, with the email address the library knows you by.',
  loadingExchanges: 'Loading your exchanges…',
  exchangesLoadFailed: 'Sorry, your exchanges could not be loaded.',
  /** `upcoming`, `waiting` (for you to answer), `confirm` (that it happened), `history`. */
  exchangeSection: (section: string) => lookup({ upcoming: 'Upcoming', waiting: 'Waiting for you', confirm: 'To confirm', history: 'History' }, section),
  exchangeSectionEmpty: (section: string) =>
    lookup(
      { upcoming: 'No exchanges coming up.', waiting: 'Nothing is waiting for you.', confirm: 'No hours to confirm.', history: 'No past exchanges yet.' },
      section,
    ),
  exchangeCount: (count: number) => plural(count, 'exchange', 'exchanges'),
  exchangeWith: (name: string) => `With ${name}`,
  youAskedLabel: 'You asked for this hour.',
  theyAskedLabel: (name: string) => `${name} asked you for this hour.`,
  exchangeStatusLabel: 'Status',
  exchangeStatus: (status: string) =>
    lookup(
      {
        requested: 'Requested',
        scheduled: 'Scheduled',
        completed: 'Completed',
        declined: 'Declined',
        lapsed: 'Lapsed',
        cancelled: 'Cancelled',
        no_show: 'No-show',
        disputed: 'Disputed',
      },
      status,
    ),
  whenLabel: 'When',
  proposedTimesLabel: (byMe: boolean, name: string) => (byMe ? 'Times you proposed' : `Times ${name} proposed`),
  /** A time on the viewer's clock, and on the other party's when it differs, naming both zones. */
  timeWithZones: (viewerTime: string, viewerZone: string, otherTime: string | undefined, otherZone: string, otherName: string) =>
    otherTime ? `${viewerTime} your time (${viewerZone}); ${otherTime} for ${otherName} (${otherZone})` : `${viewerTime} (${viewerZone}, for you both)`,
  whereLabel: 'Where',
  noPlaceYet: 'Not said yet',
  exchangeMessageLabel: 'Message',
  reasonGiven: 'Reason given',
  historyLabel: 'What has happened',
  historyEvent: (when: string, who: string, what: string) => `${when}: ${who} ${what}`,
  historyWhoYou: 'You',
  historyWhoSystem: 'The library',
  historyKind: (kind: string) =>
    lookup(
      {
        requested: 'asked for the hour',
        times_proposed: 'proposed other times',
        proposed: 'proposed other times',
        accepted: 'accepted',
        scheduled: 'scheduled it',
        declined: 'declined',
        rescheduled: 'moved it to a new time',
        cancelled: 'cancelled',
        confirmed: 'confirmed it happened',
        completed: 'completed it',
        disputed: 'disputed it',
        no_show: 'reported a no-show',
        lapsed: 'let it lapse: nobody answered in time',
        concern_reported: 'reported a concern',
      },
      kind,
    ),
  /** A button for what may be done with an exchange: `accept`, `propose`, `decline`, `reschedule`, `cancel`, `confirm`, `dispute`, `noShow`, `concern`. */
  exchangeAction: (action: string) =>
    lookup(
      {
        accept: 'Accept',
        propose: 'Propose other times',
        decline: 'Decline',
        reschedule: 'Reschedule',
        cancel: 'Cancel',
        confirm: 'Confirm it happened',
        dispute: 'It did not happen',
        noShow: 'Report a no-show',
        concern: 'Report a concern',
      },
      action,
    ),
  actionHeading: (action: string) =>
    lookup(
      {
        accept: 'Accept this hour',
        propose: 'Propose other times',
        decline: 'Decline this request',
        reschedule: 'Move this hour to a new time',
        cancel: 'Cancel this exchange',
        confirm: 'Confirm the hour happened',
        dispute: 'Say the hour did not happen',
        noShow: 'Report a no-show',
        concern: 'Report a concern',
      },
      action,
    ),
  actionIntro: (action: string) =>
    lookup(
      {
        accept: 'Choose one of the proposed times and say where you will meet. The member’s hour of credit is then held.',
        propose: 'None of these times suit? Propose up to three others; the other party chooses one.',
        decline: 'The request ends and nothing is held. You may add a note.',
        reschedule: 'The same exchange at a new time. You both get an updated calendar invite.',
        cancel: 'The exchange ends. Inside the library’s late-cancellation window, its credit rule applies.',
        confirm: 'Once you both confirm, or the other party does not dispute within 7 days, the hour moves to the expert.',
        dispute: 'The library’s coordinators look into it. No credit moves until they have.',
        noShow: 'Say who did not come. The library’s credit rules for a no-show then apply.',
        concern: 'Your concern goes only to the library’s coordinators, who will reply by email. The other party is not told.',
      },
      action,
    ),
  actionSubmit: (action: string) =>
    lookup(
      {
        accept: 'Accept and schedule',
        propose: 'Send these times',
        decline: 'Decline the request',
        reschedule: 'Move the hour',
        cancel: 'Cancel the exchange',
        confirm: 'Confirm it happened',
        dispute: 'Send to the coordinators',
        noShow: 'Report the no-show',
        concern: 'Send the concern',
      },
      action,
    ),
  /** Announced once an action is done; `name` is the other party's. */
  actionDone: (action: string, name: string): string =>
    ({
      accept: `Accepted: your hour with ${name} is scheduled.`,
      propose: `Your times have been sent to ${name}.`,
      decline: `You declined ${name}’s request.`,
      reschedule: `Your hour with ${name} has moved.`,
      cancel: `Your exchange with ${name} is cancelled.`,
      confirm: `Thank you: you confirmed your hour with ${name}.`,
      dispute: `Your dispute about the hour with ${name} has gone to the coordinators.`,
      noShow: `The no-show for your hour with ${name} is recorded.`,
      concern: `Your concern about the hour with ${name} has gone to the coordinators.`,
    })[action] ?? '',
  keepExchange: 'Go back',
  chooseTimeLabel: 'Time',
  meetingPlaceLabel: 'Where you will meet',
  meetingPlaceHint: 'A video-call link, or a place.',
  newTimeLabel: 'New time',
  timeInYourZone: (viewerZone: string) => `In your time zone, ${viewerZone}.`,
  reasonLabel: 'Reason',
  noteLabel: 'Note (optional)',
  concernLabel: 'What concerns you',
  noShowPartyLabel: 'Who did not come',
  noShowParty: (party: 'me' | 'other', name: string) => (party === 'other' ? `${name} did not come` : 'I could not come'),
  actionFailed: 'Sorry, this could not be done.',
  savingAction: 'Saving…',
  addToCalendar: 'Add to calendar',
  calendarFileReady: (name: string) => `The calendar file for your hour with ${name} is downloading. Open it to add the hour to your calendar.`,
  calendarFileFailed: 'Sorry, the calendar file could not be made.',
} satisfies Partial<TalkingLibraryStrings>;
