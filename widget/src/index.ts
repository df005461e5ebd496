/**
 * The Talking Library elements, without defining them: import `@talking-library/widget/define.js`
 * (or load `talking-library.js`) to register the tags, or call `defineElement` with your own.
 */
export { TalkingLibraryElement } from './talking-library/talking-library.js';
export { TlSignInElement } from './tl-sign-in/tl-sign-in.js';
export { TlProfilesLoadedEvent, type ProfilesLoadedDetail } from './events/profiles-loaded.js';
export { TlErrorEvent } from './events/error.js';
export { TlSignedInEvent } from './events/signed-in.js';
export { TlSignedOutEvent } from './events/signed-out.js';
export { defineElement } from './internal/define.js';
export type { SessionTokenGetter } from './internal/client.js';
export {
  defaultStrings,
  getStrings,
  setStrings,
  onStringsChange,
  type StringOverrides,
  type TalkingLibraryStrings,
} from './strings.js';
export type { CareerStage, Category, Library, Member, Profile, Session, Skill, TalkingLibraryClient } from '@talking-library/sdk';
