/**
 * `@talking-library/widget/tl-surveys.js`: defines `<tl-surveys>` and nothing else, for a page
 * whose bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlSurveysElement } from './tl-surveys.js';

export { TlSurveysElement };

defineElement('tl-surveys', TlSurveysElement);
