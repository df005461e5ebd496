import type { TalkingLibraryStrings } from '../strings.js';

/** Hours as a person reads them: "1 hour", "2.5 hours", "−1 hour". */
const hours = (value: number) => `${value < 0 ? '−' : ''}${Math.abs(value)} ${Math.abs(value) === 1 ? 'hour' : 'hours'}`;

/** What `<tl-credits>` says. */
export const creditsStrings = {
  creditsHeading: 'Your time credits',
  creditsSignedOut: 'Sign in to see your time credits.',
  loadingCredits: 'Loading your time credits…',
  creditsLoadFailed: 'Sorry, your time credits could not be loaded.',
  hours,
  balanceLabel: 'Balance',
  heldLabel: 'Held for exchanges',
  availableLabel: 'Available to spend',
  noCredit: 'You have no hours to spend yet. Earn some by giving an hour of your time to another member, or ask the library’s coordinators for a grant.',
  statementHeading: 'Your statement',
  fundStatementHeading: 'The library fund’s statement',
  statementEmpty: 'No hours have moved yet.',
  statementCaption: (shown: number) => `${shown === 1 ? '1 transfer' : `${shown} transfers`}, oldest first.`,
  dateColumn: 'Date',
  whatColumn: 'What',
  amountColumn: 'Hours',
  runningBalanceColumn: 'Balance after',
  transferKinds: (kind: string) =>
    ({ grant: 'Grant', exchange: 'Exchange', donation: 'Donation', adjustment: 'Adjustment', starting_grant: 'Starting grant' })[kind] ?? kind,
  loadingMoreTransfers: 'Loading more transfers…',
  grantHeading: 'Grant hours from the fund',
  grantMemberLabel: 'Member ID',
  grantMemberHint: 'The member’s ID, such as mem_…, as shown in the library’s members list.',
  grantHoursLabel: 'Hours',
  grantHoursHint: 'Whole or half hours, such as 1 or 1.5.',
  grantReasonLabel: 'Reason',
  grantReasonHint: 'Said on both statements.',
  grant: 'Grant hours',
  granting: 'Granting…',
  granted: (amount: number) => `Granted ${hours(amount)} from the fund.`,
  grantFailed: 'Sorry, the hours could not be granted.',
} satisfies Partial<TalkingLibraryStrings>;
