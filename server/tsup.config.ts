import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', edge: 'src/edge.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', edge: 'src/edge.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
});
