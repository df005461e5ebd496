import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  // The app's own React and widget: one copy of each on the page.
  external: ['react', '@lit/react', /^@talking-library\/widget/],
});
