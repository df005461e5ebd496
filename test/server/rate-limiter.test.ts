import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter, RateLimitExceeded } from '../../server/src/http/rate-limit.js';

// The in-memory counter that tests may inject in place of the database's: the same rules.
const minute = { name: 'per-minute', max: 1_000_000, windowMs: 60_000 };
const quarter = { name: 'per-quarter-hour', max: 2, windowMs: 15 * 60_000 };

test('a sweep of one budget’s passed windows leaves another budget’s windows alone', async () => {
  const limiter = new RateLimiter();
  const start = Date.now();
  await limiter.hit(quarter, 'someone@example.org', start);
  await limiter.hit(quarter, 'someone@example.org', start);
  // Enough callers on the one-minute budget, a minute later, that it sweeps.
  for (let i = 0; i <= 50_000; i++) await limiter.hit(minute, `caller-${i}`, start + 61_000 + (i % 10));
  await assert.rejects(limiter.hit(quarter, 'someone@example.org', start + 62_000), (error) => {
    assert.ok(error instanceof RateLimitExceeded);
    assert.equal(error.usage.limit.name, quarter.name);
    assert.ok(error.retryAfterSeconds > 60, 'the address waits out its own 15-minute window');
    return true;
  });
});

test('a window restarts once its own time has passed', async () => {
  const limiter = new RateLimiter();
  const start = Date.now();
  await limiter.hit(quarter, 'k', start);
  await limiter.hit(quarter, 'k', start);
  await assert.rejects(limiter.hit(quarter, 'k', start + 1), RateLimitExceeded);
  const fresh = await limiter.hit(quarter, 'k', start + quarter.windowMs);
  assert.deepEqual({ remaining: fresh.remaining, resetSeconds: fresh.resetSeconds }, { remaining: 1, resetSeconds: 900 });
});
