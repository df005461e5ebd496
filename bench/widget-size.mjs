#!/usr/bin/env node
// What a partner page downloads for <talking-library>: the one-script bundle, raw, gzip and brotli.
// Fails when the bundle is over budget or carries zod (the contract's validator belongs on the server).
//
//   node bench/widget-size.mjs [--budget-kib 30] [path/to/bundle.js]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const { values, positionals } = parseArgs({
  options: { 'budget-kib': { type: 'string', default: process.env.WIDGET_BUDGET_KIB ?? '30' } },
  allowPositionals: true,
});
const budgetBytes = Number(values['budget-kib']) * 1024;
const bundlePath = positionals[0] ?? fileURLToPath(new URL('../widget/dist/talking-library.js', import.meta.url));

let source;
try {
  source = await readFile(bundlePath);
} catch {
  console.error(`No bundle at ${bundlePath}: run \`npm run build -w @talking-library/widget\` first.`);
  process.exit(2);
}

const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

// Names that survive minification in any zod build: its error class and its internal marker.
const zodMarkers = ['ZodError', '$ZodType', '_zod', 'zod'].filter((marker) => source.includes(marker));

console.log(`widget bundle  ${bundlePath}`);
console.log(`  raw          ${kib(source.length)}`);
console.log(`  gzip -9      ${kib(gzip)}   (budget ${kib(budgetBytes)})`);
console.log(`  brotli 11    ${kib(brotli)}`);
console.log(`  zod          ${zodMarkers.length === 0 ? 'absent' : `PRESENT (${zodMarkers.join(', ')})`}`);

let failed = false;
if (gzip > budgetBytes) {
  console.error(`Over budget by ${kib(gzip - budgetBytes)} gzipped.`);
  failed = true;
}
if (zodMarkers.length > 0) {
  console.error('The widget bundle must not include zod: import types only from @talking-library/sdk.');
  failed = true;
}
process.exit(failed ? 1 : 0);
