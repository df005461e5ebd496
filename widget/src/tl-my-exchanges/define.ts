/**
 * `@talking-library/widget/tl-my-exchanges.js`: defines `<tl-my-exchanges>` and nothing else, for a
 * page whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlMyExchangesElement } from './tl-my-exchanges.js';

export { TlMyExchangesElement };

defineElement('tl-my-exchanges', TlMyExchangesElement);
