/**
 * `@talking-library/widget/tl-request-board.js`: defines `<tl-request-board>` and nothing else, for
 * a page whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlRequestBoardElement } from './tl-request-board.js';

export { TlRequestBoardElement };

defineElement('tl-request-board', TlRequestBoardElement);
