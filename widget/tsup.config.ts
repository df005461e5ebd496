import { defineConfig } from 'tsup';

// Resolve our own packages from TypeScript source, so the bundle never depends on sdk/dist being fresh.
const sourceConditions = ['@talking-library/source', 'browser', 'import', 'module', 'default'];

export default defineConfig([
  {
    // For bundlers: our code only; lit, @lit/task and the SDK stay imports the app's bundler shares.
    entry: { index: 'src/index.ts', define: 'src/define.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    // Both builds share dist/ and run at once: this one clears stale chunks but not the other's bundle.
    clean: ['!talking-library.js', '!talking-library.js.map'],
    tsconfig: 'tsconfig.json',
    external: ['lit', /^lit\//, '@lit/task', '@talking-library/sdk'],
  },
  {
    // The one <script type="module"> a partner page loads: everything bundled, elements defined,
    // and the page's own script can import createClient and the rest from it.
    entry: { 'talking-library': 'src/bundle.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    minify: true,
    target: 'es2021',
    platform: 'browser',
    tsconfig: 'tsconfig.json',
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.conditions = sourceConditions;
      options.legalComments = 'none';
    },
  },
]);
