import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { openDatabase } from '@talking-library/server';
import { findByEmail } from '../../server/src/domain/members.js';
import { findLibrary } from '../../server/src/domain/libraries.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../../server/src/cli.ts');
let dir: string;
let databaseUrl: string;

/** Runs the talking-library CLI from source against the test's database file. */
function talkingLibrary(...args: string[]) {
  return run(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', cli, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  }).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-cli-'));
  databaseUrl = `file:${join(dir, 'cli.db')}`;
});
after(() => rm(dir, { recursive: true, force: true }));

test('seed loads the demo library once', async () => {
  const first = await talkingLibrary('seed');
  assert.equal(first.code, 0);
  assert.match(first.stdout, /Loaded the demo library/);
  const second = await talkingLibrary('seed');
  assert.match(second.stdout, /already there/);
});

test('create-coordinator makes the first coordinator of a library', async () => {
  const res = await talkingLibrary('create-coordinator', '--library', 'demo', '--email', 'First.Coordinator@Example.org', '--name', 'Funmi');
  assert.equal(res.code, 0, res.stderr);
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const member = await findByEmail(db, (await findLibrary(db, 'demo')).id, 'first.coordinator@example.org');
    assert.deepEqual(member?.roles, ['member', 'coordinator']);
    assert.equal(member?.name, 'Funmi');
  } finally {
    close();
  }
});

test('create-coordinator explains what is missing or wrong, and exits non-zero', async () => {
  const missing = await talkingLibrary('create-coordinator', '--library', 'demo');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /needs --library and --email/);
  const unknown = await talkingLibrary('create-coordinator', '--library', 'atlantis', '--email', 'a@example.org');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /No library "atlantis"/);
});
