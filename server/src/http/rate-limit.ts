import type { Context, MiddlewareHandler } from 'hono';
import { TooManyRequestsError } from '../domain/errors.js';
import type { AppConfig } from '../config.js';
import type { AppDeps, AppEnv } from './router.js';

export interface Limit {
  /** Names the budget, so separate limits never share a count. */
  name: string;
  max: number;
  windowMs: number;
}

/**
 * Fixed-window counters in memory. Each API instance counts on its own, so with N instances a
 * caller gets up to N times the budget: enough to stop floods and guessing, not a quota.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  /** Counts one hit; throws TooManyRequestsError when the budget for `key` is spent. */
  hit(limit: Limit, key: string, now: number): void {
    const id = `${limit.name}:${key}`;
    let window = this.#windows.get(id);
    if (!window || now - window.start >= limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(id, window);
      if (this.#windows.size > 50_000) this.#sweep(now, limit.windowMs);
    }
    window.count++;
    if (window.count > limit.max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
      throw new TooManyRequestsError(`Too many requests; try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
    }
  }

  #sweep(now: number, windowMs: number): void {
    for (const [id, window] of this.#windows) if (now - window.start >= windowMs) this.#windows.delete(id);
  }
}

/** The budgets, sized by configuration. */
export function limitsFor(config: AppConfig) {
  return {
    signInPerIp: { name: 'sign-in-ip', max: config.rateLimits.signInPerMinute, windowMs: 60_000 },
    codesPerEmail: { name: 'sign-in-email', max: config.rateLimits.codesPerEmail, windowMs: 15 * 60_000 },
    writesPerCaller: { name: 'writes', max: config.rateLimits.writesPerMinute, windowMs: 60_000 },
  } satisfies Record<string, Limit>;
}

/** Limits a route by the caller's IP address. */
export function limitByIp(limit: Limit, deps: Pick<AppDeps, 'rateLimiter' | 'clock' | 'clientIp'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    deps.rateLimiter.hit(limit, deps.clientIp(c), deps.clock.now().getTime());
    await next();
  };
}

/** Limits every write by who makes it: the session, the partner key, or else the IP address. */
export function limitWrites(deps: Pick<AppDeps, 'rateLimiter' | 'clock' | 'clientIp' | 'config'>): MiddlewareHandler<AppEnv> {
  const limit = limitsFor(deps.config).writesPerCaller;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
      const caller = c.get('caller');
      const key = caller.sessionId ?? caller.secretPartner?.id ?? caller.publishablePartner?.id ?? `ip:${deps.clientIp(c)}`;
      deps.rateLimiter.hit(limit, key, deps.clock.now().getTime());
    }
    await next();
  };
}

export type ClientIp = (c: Context) => string;
