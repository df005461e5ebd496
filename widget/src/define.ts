/**
 * Defines every Talking Library element: import this once, for its side effect. To define only the
 * elements a page uses, import their own entry points (`@talking-library/widget/talking-library.js`, …).
 */
import './talking-library/define.js';
import './tl-sign-in/define.js';
import './tl-profile-editor/define.js';
import './tl-review-queue/define.js';
