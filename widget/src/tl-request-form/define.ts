/**
 * `@talking-library/widget/tl-request-form.js`: defines `<tl-request-form>` and nothing else, for a
 * page whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlRequestFormElement } from './tl-request-form.js';

export { TlRequestFormElement };

defineElement('tl-request-form', TlRequestFormElement);
