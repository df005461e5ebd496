/**
 * `@talking-library/widget/tl-learning-feed.js`: defines `<tl-learning-feed>` and nothing else, for
 * a page whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlLearningFeedElement } from './tl-learning-feed.js';

export { TlLearningFeedElement };

defineElement('tl-learning-feed', TlLearningFeedElement);
