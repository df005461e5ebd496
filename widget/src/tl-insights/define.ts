/**
 * `@talking-library/widget/tl-insights.js`: defines `<tl-insights>` and nothing else, for a page
 * whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlInsightsElement } from './tl-insights.js';

export { TlInsightsElement };

defineElement('tl-insights', TlInsightsElement);
