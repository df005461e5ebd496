/**
 * `@talking-library/widget/tl-credits.js`: defines `<tl-credits>` and nothing else, for a page whose
 * bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlCreditsElement } from './tl-credits.js';

export { TlCreditsElement };

defineElement('tl-credits', TlCreditsElement);
