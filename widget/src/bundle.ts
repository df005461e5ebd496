/**
 * The one-script bundle, `talking-library.js`: defines every element and exports what a partner
 * page's own script needs, so it can `import { createClient } from '/widget/talking-library.js'`
 * without a build step or a second copy of the SDK.
 */
import './define.js';

export * from './index.js';
export { createClient } from '@talking-library/sdk';
