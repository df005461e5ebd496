import { defineConfig } from 'tsup';

// What partner pages load (the loader and its chunks, in dist/cdn) is built by scripts/build-cdn.ts.
export default defineConfig([
  {
    // For bundlers: our code only; lit, @lit/task and the SDK stay imports the app's bundler shares.
    entry: { index: 'src/index.ts', define: 'src/define.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    outDir: 'dist',
    // Clears its own files, never the partner build in dist/cdn.
    clean: ['*.js', '*.js.map', '*.d.ts'],
    tsconfig: 'tsconfig.json',
    external: ['lit', /^lit\//, '@lit/task', '@talking-library/sdk'],
  },
]);
