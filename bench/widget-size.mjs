#!/usr/bin/env node
// What partner pages download, from the build's own module graph (dist/cdn/metafile.json, written by widget/scripts/build-cdn.ts):
// the loader; a page that uses only <talking-library> (the loader, the element's chunk and every
// chunk they import, which is all it fetches); each further element's own chunks beyond those; and
// the SDK client a page's own script may import (talking-library-client.js), outside every budget.
// Sizes are those of the precompressed files the server sends (file.js.gz, Zopfli's gzip, and
// file.js.br, brotli 11), written by the build beside each script. Exits 1 when an enforced budget is
// broken or any chunk carries zod (the contract's validator belongs on the server).
//
//   node bench/widget-size.mjs [--dist widget/dist/cdn]
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * Budgets in gzipped bytes. Enforced ones fail the run; a goal not yet reached is printed beside
 * its figure (GOAL) without failing, so CI stays honest about where the widget stands.
 */
const BUDGETS = {
  loader: { bytes: 3 * 1024, enforced: true },
  firstElementPage: { bytes: 20 * 1024, enforced: process.env.WIDGET_ENFORCE_FIRST_PAGE === '1' },
  furtherElement: { bytes: 10 * 1024, enforced: true },
};

const { values } = parseArgs({ options: { dist: { type: 'string', default: fileURLToPath(new URL('../widget/dist/cdn', import.meta.url)) } } });
const dist = values.dist;
let metafile;
try {
  metafile = JSON.parse(await readFile(join(dist, 'metafile.json'), 'utf8'));
} catch {
  console.error(`No build at ${dist}: run \`npm run build -w @talking-library/widget\` first.`);
  process.exit(2);
}

// Paths in the build's metafile are relative to dist/cdn already.
const outputs = metafile.outputs;
const key = (path) => path;
const loaderFile = Object.keys(outputs).find((file) => outputs[file].entryPoint?.endsWith('loader/loader.ts'));
const elementFiles = Object.fromEntries(
  outputs[loaderFile].imports.filter((i) => i.kind === 'dynamic-import').map((i) => [elementName(outputs[key(i.path)]), key(i.path)]),
);

/** A file and everything it imports statically: what the browser fetches once it asks for the file. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const i of outputs[file].imports) if (i.kind === 'import-statement') closure(key(i.path), seen);
  return seen;
}

function elementName(output) {
  return /([^/]+)\/\1\.ts$/.exec(output.entryPoint ?? '')?.[1] ?? output.entryPoint;
}

const sizes = new Map();
for (const file of Object.keys(outputs)) {
  const source = await readFile(join(dist, file));
  sizes.set(file, {
    raw: source.length,
    gzip: (await readFile(join(dist, `${file}.gz`))).length,
    brotli: (await readFile(join(dist, `${file}.br`))).length,
    zod: ['ZodError', '$ZodType', '_zod'].filter((marker) => source.includes(marker)),
  });
}
const total = (files, unit) => [...files].reduce((sum, file) => sum + sizes.get(file)[unit], 0);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const rows = [];
let failed = false;
const report = (label, files, budget) => {
  const gzip = total(files, 'gzip');
  const over = budget !== undefined && gzip > budget.bytes;
  if (over && budget.enforced) failed = true;
  const verdict = !over ? '' : budget.enforced ? '  OVER' : '  GOAL, not yet reached';
  rows.push([label, files.size, kib(total(files, 'raw')), kib(gzip), kib(total(files, 'brotli')), budget === undefined ? '' : `${kib(budget.bytes)}${verdict}`]);
};

const loaderSet = closure(loaderFile);
report('loader (talking-library.js)', new Set([loaderFile]), BUDGETS.loader);
const firstPage = closure(elementFiles['talking-library'], new Set(loaderSet));
report('page with <talking-library> only', firstPage, BUDGETS.firstElementPage);
for (const [element, file] of Object.entries(elementFiles)) {
  if (element === 'talking-library') continue;
  const own = new Set([...closure(file)].filter((f) => !firstPage.has(f)));
  report(`+ <${element}>`, own, BUDGETS.furtherElement);
}
const clientFile = Object.keys(outputs).find((file) => outputs[file].entryPoint?.endsWith('loader/client.ts'));
if (clientFile) report('talking-library-client.js (page scripts)', closure(clientFile));
report('every file', new Set(Object.keys(outputs)));

const COLUMNS = ['what', 'files', 'raw', 'gzip', 'brotli', 'budget (gzip)'];
const width = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length), COLUMNS[column].length));
const line = (cells) => cells.map((cell, column) => String(cell).padEnd(width[column])).join('  ');
console.log(`widget delivery  ${dist}`);
console.log(line(COLUMNS));
for (const row of rows) console.log(line(row));

const withZod = [...sizes].filter(([, size]) => size.zod.length > 0);
if (withZod.length > 0) {
  console.error(`zod found in ${withZod.map(([file]) => file).join(', ')}: the widget must import types only from @talking-library/sdk.`);
  failed = true;
}
if (failed) console.error('The widget is over a budget (see OVER above) or carries zod.');
process.exit(failed ? 1 : 0);
