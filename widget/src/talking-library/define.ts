/**
 * `@talking-library/widget/talking-library.js`: defines `<talking-library>` and nothing else, for a page whose
 * bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TalkingLibraryElement } from './talking-library.js';

export { TalkingLibraryElement };

defineElement('talking-library', TalkingLibraryElement);
