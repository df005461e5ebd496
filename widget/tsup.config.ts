import { defineConfig } from 'tsup';

// What partner pages load (the loader and its chunks, in dist/cdn) is built by scripts/build-cdn.ts.
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
      'tl-credits': 'src/tl-credits/define.ts',
      'tl-request-hour': 'src/tl-request-hour/define.ts',
      'tl-my-exchanges': 'src/tl-my-exchanges/define.ts',
      'tl-request-form': 'src/tl-request-form/define.ts',
      'tl-request-board': 'src/tl-request-board/define.ts',
      'tl-learning-feed': 'src/tl-learning-feed/define.ts',
      'tl-insights': 'src/tl-insights/define.ts',
      'tl-surveys': 'src/tl-surveys/define.ts',
      'jsx/index': 'src/jsx/index.ts',
      'jsx/react': 'src/jsx/react.ts',
      'jsx/preact': 'src/jsx/preact.ts',
    },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    outDir: 'dist',
    // Clears its own files, never the partner build in dist/cdn.
    clean: ['*.js', '*.js.map', '*.d.ts'],
    tsconfig: 'tsconfig.json',
    external: ['lit', /^lit\//, '@lit/task', /^@talking-library\/sdk(\/|$)/, 'react', 'preact'],
  },
]);
