import { plural } from '../strings.js';
import type { TalkingLibraryStrings } from '../strings.js';

/** What `<tl-review-queue>` says. */
export const reviewQueueStrings = {
  reviewHeading: 'Profiles waiting for review',
  loadingQueue: 'Loading profiles to review…',
  queueCount: (count: number) => `${plural(count, 'profile', 'profiles')} waiting for review, oldest first.`,
  queueEmpty: 'No profiles are waiting for review.',
  queueLoadFailed: 'Sorry, the profiles to review could not be loaded.',
  refresh: 'Refresh',
  reviewActionsLabel: (name: string) => `Review ${name}`,
  sendBackNoteLabel: 'What should the expert change?',
  sendBackNoteHint: 'The expert sees this note beside the profile when editing it.',
  sendBack: 'Send back',
  publishedProfile: (name: string) => `Published ${name}’s profile.`,
  sentBackProfile: (name: string) => `Sent ${name}’s profile back with your note.`,
  reviewFailed: (name: string) => `Sorry, ${name}’s profile could not be updated.`,
} satisfies Partial<TalkingLibraryStrings>;
