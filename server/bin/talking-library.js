#!/usr/bin/env node
// The CLI is built into dist/; this file exists before the first build, so `npm install` can link
// the `talking-library` command in a fresh clone (npm skips a bin whose target is missing).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('talking-library: the server is not built yet; run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
await import(cli.href);
