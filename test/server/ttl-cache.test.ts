import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TtlCache } from '../../server/src/domain/ttl-cache.js';

test('a kept value is reused until its time is up, then computed again; a failure is not kept', async () => {
  const cache = new TtlCache<number>(60_000);
  let computed = 0;
  const compute = async () => ++computed;
  assert.equal(await cache.get('facets', 0, compute), 1);
  assert.equal(await cache.get('facets', 59_999, compute), 1, 'within the minute, the kept counts');
  assert.equal(await cache.get('facets', 60_000, compute), 2, 'after it, counted again');
  assert.equal(await cache.get('other', 60_000, compute), 3, 'each key on its own');

  await assert.rejects(cache.get('broken', 0, async () => Promise.reject(new Error('database gone'))));
  assert.equal(await cache.get('broken', 1, compute), 4, 'a failure is tried again at once');
});

test('the oldest entry makes way when the cache is full', async () => {
  const cache = new TtlCache<string>(60_000, 2);
  await cache.get('a', 0, async () => 'first a');
  await cache.get('b', 0, async () => 'b');
  await cache.get('c', 0, async () => 'c');
  assert.equal(await cache.get('a', 1, async () => 'second a'), 'second a');
  assert.equal(await cache.get('c', 1, async () => 'not used'), 'c');
});
