import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Besides the whole client (index) and the contract (schema): the transport and each resource on its
// own (`@talking-library/sdk/resources/profiles`), so code that calls two resources, such as a web
// component, bundles those two and not the other sixteen.
const resources = Object.fromEntries(
  readdirSync('src/resources')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`resources/${file.replace(/\.ts$/, '')}`, `src/resources/${file}`]),
);

export default defineConfig({
  entry: { index: 'src/index.ts', 'schema/index': 'src/schema/index.ts', transport: 'src/client.ts', ...resources },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
