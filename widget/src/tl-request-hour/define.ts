/**
 * `@talking-library/widget/tl-request-hour.js`: defines `<tl-request-hour>` and nothing else, for a
 * page whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlRequestHourElement } from './tl-request-hour.js';

export { TlRequestHourElement };

defineElement('tl-request-hour', TlRequestHourElement);
