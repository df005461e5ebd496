/**
 * `@talking-library/widget/tl-review-queue.js`: defines `<tl-review-queue>` and nothing else, for a page whose
 * bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlReviewQueueElement } from './tl-review-queue.js';

export { TlReviewQueueElement };

defineElement('tl-review-queue', TlReviewQueueElement);
