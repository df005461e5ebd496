import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const LOGGER = new URL('../../server/src/stdout-logger.ts', import.meta.url).href;

/**
 * The Node server's log (server/src/stdout-logger.ts), in a process of its own with stdout a pipe,
 * as in a container: what it writes, and in how many writes.
 */

/** Runs `body` (a module's code, with `log`, a stdoutLogger, in scope) and returns its stdout, and its stderr, where it reports. */
async function inProcess(body: string): Promise<{ stdout: string; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-stdout-logger-'));
  try {
    const script = join(dir, 'script.mts');
    await writeFile(
      script,
      `import { stdoutLogger } from '${LOGGER}';
const writes: string[] = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), write(chunk))) as typeof process.stdout.write;
const log = stdoutLogger();
${body}`,
    );
    const child = spawn(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    return { stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const records = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as { level: string; message: string; n?: number });

test('lines logged in one turn of the event loop reach stdout as one write, in order, one JSON record a line', async () => {
  const { stdout, stderr } = await inProcess(`
for (let n = 0; n < 50; n++) log.info('request', { n });
log.error('failed', { n: 50 });
setImmediate(() => setImmediate(() => process.stderr.write(String(writes.length))));
`);
  assert.equal(stderr, '1', 'one write for the turn');
  const logged = records(stdout);
  assert.deepEqual(logged.map((record) => record.n), Array.from({ length: 51 }, (_, n) => n));
  assert.equal(logged.at(-1)!.level, 'error');
});

test('a line logged just before the process exits is written, not lost in the queue', async () => {
  const { stdout } = await inProcess(`
log.info('request', { n: 1 });
log.error('about to stop', { n: 2 });
process.exit(0);
`);
  assert.deepEqual(records(stdout).map((record) => record.message), ['request', 'about to stop']);
});

test('turns are written apart: a line of the next turn is not held back for the one after it', async () => {
  const { stdout, stderr } = await inProcess(`
log.info('first', { n: 1 });
setTimeout(() => {
  log.info('second', { n: 2 });
  setTimeout(() => process.stderr.write(String(writes.length)), 20);
}, 20);
`);
  assert.equal(stderr, '2');
  assert.deepEqual(records(stdout).map((record) => record.message), ['first', 'second']);
});
