/**
 * `@talking-library/widget/tl-sign-in.js`: defines `<tl-sign-in>` and nothing else, for a page whose
 * bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlSignInElement } from './tl-sign-in.js';

export { TlSignInElement };

defineElement('tl-sign-in', TlSignInElement);
