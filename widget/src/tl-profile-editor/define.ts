/**
 * `@talking-library/widget/tl-profile-editor.js`: defines `<tl-profile-editor>` and nothing else, for a page whose
 * bundler imports the elements one by one. Importing it again, or beside another entry, is harmless.
 */
import { defineElement } from '../internal/define.js';
import { TlProfileEditorElement } from './tl-profile-editor.js';

export { TlProfileEditorElement };

defineElement('tl-profile-editor', TlProfileEditorElement);
