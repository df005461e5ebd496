// Browser tests for the widget: real Chromium, the real API server on a temp-file database.
//   npx web-test-runner --config test/web-test-runner.config.mjs   (after `npm run build`)
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const serverEntry = join(rootDir, 'server/dist/index.js');

/** @type {{ url: string, close(): Promise<void> } | undefined} */
let api;
/** @type {string | undefined} */
let dataDir;

/** Starts the API before the first test file loads and stops it after the last. */
function apiServerPlugin() {
  return {
    name: 'talking-library-api',
    async serverStart() {
      if (!existsSync(serverEntry)) {
        throw new Error(`${serverEntry} is missing: run \`npm run build\` before the browser tests.`);
      }
      const { startServer } = await import(serverEntry);
      dataDir = await mkdtemp(join(tmpdir(), 'tl-widget-test-'));
      api = await startServer({ databaseUrl: `file:${join(dataDir, 'test.db')}`, port: 0, seed: true, quiet: true });
    },
    async serverStop() {
      await api?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `executeServerCommand('accessibility-tree')`: Chromium's full accessibility tree, including the
 * lists and groups that the stock a11y-snapshot command leaves out as "uninteresting".
 */
function accessibilityTreePlugin() {
  return {
    name: 'accessibility-tree-command',
    async executeCommand({ command, session }) {
      if (command !== 'accessibility-tree') return undefined;
      const page = session.browser.getPage(session.id);
      return page.accessibility.snapshot({ interestingOnly: false });
    },
  };
}

export default {
  rootDir,
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: { exportConditions: ['@talking-library/source', 'browser', 'development'] },
  concurrency: 4,
  testsFinishTimeout: 120_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [
    apiServerPlugin(),
    accessibilityTreePlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(rootDir, 'widget/tsconfig.json') }),
  ],
  // Each test page learns where the API is before its test module runs.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
  <body>
    <script>window.TL_API = ${JSON.stringify(api?.url ?? '')};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  testFramework: { config: { timeout: 10_000 } },
};
