import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

// Each fixture is a small app of its framework, type-checked as that app would be: against the built
// packages' types (run `npm run build` first). Its right usages must compile, and every wrong usage
// carries `@ts-expect-error`, which is itself an error when the line compiles.

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = promisify(execFile);

async function typecheck(project: string): Promise<void> {
  try {
    await run(process.execPath, [tsc, '-p', project]);
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    assert.fail(`tsc -p ${project} failed:\n${stdout}${stderr}`);
  }
}

const fixture = (name: string) => fileURLToPath(new URL(`jsx/${name}/tsconfig.json`, import.meta.url));

test('in React 19, the elements and the @talking-library/react components take their props and typed tl-* handlers, and refuse wrong ones', () =>
  typecheck(fixture('react')));

test('in Preact, the elements take their props and typed tl-* handlers, and refuse wrong ones', () => typecheck(fixture('preact')));

test('the React example type-checks, raw <tl-sign-in> and its ontl-signed-in handler included', () =>
  typecheck(fileURLToPath(new URL('../../examples/react/tsconfig.json', import.meta.url))));
