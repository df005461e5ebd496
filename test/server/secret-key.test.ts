import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, resolveSecretKey } from '@talking-library/server';
import { decodeSecretKey } from '../../server/src/config.js';

test('a development server makes its secret key once, beside the database, readable only by its owner', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-key-'));
  try {
    const config = { env: 'development' as const, secretKey: undefined, databaseUrl: `file:${join(dir, 'library.db')}` };
    const first = await resolveSecretKey(config);
    assert.equal(decodeSecretKey(first)?.length, 32);
    assert.equal(await resolveSecretKey(config), first, 'a restart keeps the key');
    assert.equal((await stat(join(dir, 'secret.key'))).mode & 0o777, 0o600);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('production refuses to start without SECRET_KEY rather than invent one', async () => {
  await assert.rejects(resolveSecretKey({ env: 'production', secretKey: undefined, databaseUrl: 'file:/tmp/never.db' }), ConfigError);
});

test('SECRET_KEY must be 32 bytes in base64 or hex', () => {
  assert.throws(() => loadConfig({ SECRET_KEY: 'too-short' }), /SECRET_KEY: must be 32 random bytes/);
  assert.equal(loadConfig({ SECRET_KEY: 'ab'.repeat(32) }).secretKey, 'ab'.repeat(32));
  assert.equal(decodeSecretKey(Buffer.alloc(32, 7).toString('base64'))?.[0], 7);
});
