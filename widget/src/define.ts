/**
 * Defines every Talking Library element. Import this once, for its side effect; the one-script
 * bundle `talking-library.js` is this module with everything it needs.
 */
import { defineElement } from './internal/define.js';
import { TalkingLibraryElement } from './talking-library/talking-library.js';
import { TlProfileEditorElement } from './tl-profile-editor/tl-profile-editor.js';
import { TlReviewQueueElement } from './tl-review-queue/tl-review-queue.js';
import { TlSignInElement } from './tl-sign-in/tl-sign-in.js';

defineElement('talking-library', TalkingLibraryElement);
defineElement('tl-sign-in', TlSignInElement);
defineElement('tl-profile-editor', TlProfileEditorElement);
defineElement('tl-review-queue', TlReviewQueueElement);
