import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

// What a server-side renderer (Next.js, Remix, Astro) does with our packages: import them in plain
// Node, with no DOM and no `@talking-library/source` condition, so the built files a user installs.
// Each import runs in a child process of its own, so one entry cannot set up globals for another.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const TAGS = ['talking-library', 'tl-sign-in', 'tl-profile-editor', 'tl-review-queue', 'tl-credits', 'tl-request-hour', 'tl-my-exchanges', 'tl-request-form', 'tl-request-board', 'tl-learning-feed', 'tl-insights', 'tl-surveys'];

/** Imports `specifier` in a fresh `node`, runs `then`, and reports which of our tags ended up defined. */
async function importInNode(specifier: string, then = ''): Promise<{ exports: string[]; defined: string[] }> {
  const script = `
    const module = await import(${JSON.stringify(specifier)});
    ${then}
    const registry = globalThis.customElements;
    const defined = ${JSON.stringify(TAGS)}.filter((tag) => registry?.get(tag) !== undefined);
    console.log(JSON.stringify({ exports: Object.keys(module), defined }));`;
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], { cwd: root });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } catch (error) {
    const { stderr } = error as { stderr: string };
    assert.fail(`importing ${specifier} in Node threw:\n${stderr}`);
  }
}

const entries: [specifier: string, exported: string][] = [
  ['@talking-library/widget', 'TalkingLibraryElement'],
  ['@talking-library/widget/define.js', ''],
  ['@talking-library/widget/talking-library.js', 'TalkingLibraryElement'],
  ['@talking-library/widget/tl-sign-in.js', 'TlSignInElement'],
  ['@talking-library/widget/tl-profile-editor.js', 'TlProfileEditorElement'],
  ['@talking-library/widget/tl-review-queue.js', 'TlReviewQueueElement'],
  ['@talking-library/widget/tl-credits.js', 'TlCreditsElement'],
  ['@talking-library/widget/tl-request-hour.js', 'TlRequestHourElement'],
  ['@talking-library/widget/tl-my-exchanges.js', 'TlMyExchangesElement'],
  ['@talking-library/widget/tl-request-form.js', 'TlRequestFormElement'],
  ['@talking-library/widget/tl-request-board.js', 'TlRequestBoardElement'],
  ['@talking-library/widget/tl-learning-feed.js', 'TlLearningFeedElement'],
  ['@talking-library/widget/tl-insights.js', 'TlInsightsElement'],
  ['@talking-library/widget/tl-surveys.js', 'TlSurveysElement'],
  ['@talking-library/widget/loader.js', 'loadElement'],
  ['@talking-library/react', 'TalkingLibrary'],
];

for (const [specifier, exported] of entries) {
  test(`${specifier} imports in plain Node without throwing and defines no element there`, async () => {
    const { exports, defined } = await importInNode(specifier);
    if (exported) assert.ok(exports.includes(exported), `${specifier} exports ${exports.join(', ')}`);
    assert.deepEqual(defined, []);
  });
}

test('defineElement, called in Node, registers nothing, not even in the stand-in registry Lit puts there', async () => {
  const { defined } = await importInNode('@talking-library/widget', `
    if (typeof globalThis.customElements?.define !== 'function') throw new Error('expected Lit’s stand-in registry');
    module.defineElement('talking-library', module.TalkingLibraryElement);`);
  assert.deepEqual(defined, []);
});

test('React renders the @talking-library/react components to HTML on the server as their bare tags', async () => {
  const { defined } = await importInNode('@talking-library/react', `
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const html = renderToString(createElement(module.TalkingLibrary, { api: '/', library: 'demo', className: 'experts' }));
    if (!/^<talking-library class="experts"[^>]*><\\/talking-library>$/.test(html)) throw new Error('rendered ' + html);`);
  assert.deepEqual(defined, []);
});
