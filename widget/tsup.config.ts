import { defineConfig } from 'tsup';
import { minifyLitTemplates } from './scripts/minify-templates.ts';
import { precompress } from './scripts/precompress.ts';

// Resolve our own packages from TypeScript source, so the bundle never depends on sdk/dist being fresh.
const sourceConditions = ['@talking-library/source', 'browser', 'import', 'module', 'default'];

export default defineConfig([
  {
    // For bundlers: our code only; lit, @lit/task and the SDK stay imports the app's bundler shares.
    // Each element also has its own entry, which defines that one tag, for pages that import them one
    // by one; `jsx` is types only.
    entry: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      'talking-library': 'src/talking-library/define.ts',
      'tl-sign-in': 'src/tl-sign-in/define.ts',
      'tl-profile-editor': 'src/tl-profile-editor/define.ts',
      'tl-review-queue': 'src/tl-review-queue/define.ts',
      'jsx/index': 'src/jsx/index.ts',
      'jsx/react': 'src/jsx/react.ts',
      'jsx/preact': 'src/jsx/preact.ts',
    },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    outDir: 'dist',
    // Both builds run at once: this one clears its own files, never the partner build in dist/cdn.
    clean: ['*.js', '*.js.map', '*.d.ts'],
    tsconfig: 'tsconfig.json',
    external: ['lit', /^lit\//, '@lit/task', '@talking-library/sdk', 'react', 'preact'],
  },
  {
    // What partner pages load: `talking-library.js`, a small loader, and content-hashed chunks it
    // fetches as tags appear (one per element, and the Lit and SDK code they share). Each file is
    // also written brotli- and gzip-compressed, for the server to send as the browser accepts.
    entry: { 'talking-library': 'src/loader/loader.ts' },
    format: ['esm'],
    splitting: true,
    dts: false,
    sourcemap: true,
    minify: true,
    metafile: true,
    target: 'es2021',
    platform: 'browser',
    outDir: 'dist/cdn',
    clean: true,
    tsconfig: 'tsconfig.json',
    noExternal: [/.*/],
    esbuildPlugins: [minifyLitTemplates()],
    esbuildOptions(options) {
      options.conditions = sourceConditions;
      options.legalComments = 'none';
      options.entryNames = '[name]';
      options.chunkNames = 'chunks/[name]-[hash]';
    },
    onSuccess: () => precompress('dist/cdn'),
  },
]);
