import type { Context, MiddlewareHandler } from 'hono';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { rateLimitCounters } from '../db/schema.js';
import { TooManyRequestsError } from '../domain/errors.js';
import type { AppConfig } from '../config.js';
import type { AppDeps, AppEnv } from './router.js';

export interface Limit {
  /** Names the budget, so separate limits never share a count; also its name in the RateLimit headers. */
  name: string;
  max: number;
  windowMs: number;
}

/** One budget as it stands after a hit: what the RateLimit headers report. */
export interface Usage {
  limit: Limit;
  remaining: number;
  /** Seconds until the window restarts. */
  resetSeconds: number;
}

/** A spent budget: a 429 whose RateLimit headers name the budget. */
export class RateLimitExceeded extends TooManyRequestsError {
  override name = 'RateLimitExceeded';
  constructor(readonly usage: Usage) {
    super(`Too many requests; try again in ${usage.resetSeconds} s.`, usage.resetSeconds);
  }
}

/**
 * Fixed-window counters: each budget (`Limit.name`) and caller (`key`) has a window that opens at
 * its first hit and restarts once `windowMs` has passed. This base class counts in memory, for one
 * process alone (tests may inject it); `DatabaseRateLimiter`, the default, keeps the counters where
 * every API instance on the database shares them.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  /** Counts one hit; throws TooManyRequestsError, carrying the usage, when the budget for `key` is spent. */
  async hit(limit: Limit, key: string, now: number): Promise<Usage> {
    const window = await this.count(limit, key, now);
    const resetSeconds = Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
    const usage = { limit, remaining: Math.max(0, limit.max - window.count), resetSeconds };
    if (window.count > limit.max) throw new RateLimitExceeded(usage);
    return usage;
  }

  /** Adds one to the caller's count in its current window (restarting a passed one); returns the window. */
  protected async count(limit: Limit, key: string, now: number): Promise<{ start: number; count: number }> {
    const id = `${limit.name}:${key}`;
    let window = this.#windows.get(id);
    if (!window || window.start <= now - limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(id, window);
      if (this.#windows.size > 50_000) this.#sweep(limit, now);
    }
    window.count++;
    return window;
  }

  /** Forgets only this budget's windows that have passed: other budgets keep their own windows. */
  #sweep(limit: Limit, now: number): void {
    const prefix = `${limit.name}:`;
    for (const [id, window] of this.#windows) if (id.startsWith(prefix) && window.start <= now - limit.windowMs) this.#windows.delete(id);
  }
}

/**
 * Counters in `rate_limit_counters`, so that every API instance on one database spends the same
 * budgets: a caller cannot multiply them by reaching several instances. Each hit is one atomic
 * upsert; now and then each budget's passed windows are deleted.
 */
export class DatabaseRateLimiter extends RateLimiter {
  /** When each budget was last swept by this instance. */
  readonly #swept = new Map<string, number>();

  constructor(private readonly db: Database) {
    super();
  }

  protected override async count(limit: Limit, key: string, now: number): Promise<{ start: number; count: number }> {
    await this.#sweepNowAndThen(limit, now);
    const passed = sql`${rateLimitCounters.windowStart} <= ${now - limit.windowMs}`;
    const [row] = await this.db
      .insert(rateLimitCounters)
      .values({ name: limit.name, key, windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: [rateLimitCounters.name, rateLimitCounters.key],
        // Both read the row as it was: a passed window restarts at one, a current one counts on.
        set: {
          count: sql`case when ${passed} then 1 else ${rateLimitCounters.count} + 1 end`,
          windowStart: sql`case when ${passed} then ${now} else ${rateLimitCounters.windowStart} end`,
        },
      })
      .returning({ start: rateLimitCounters.windowStart, count: rateLimitCounters.count });
    return row!;
  }

  /** At most once a window per budget: deletes that budget's rows whose own window has passed. */
  async #sweepNowAndThen(limit: Limit, now: number): Promise<void> {
    const last = this.#swept.get(limit.name);
    if (last !== undefined && now - last < limit.windowMs) return;
    this.#swept.set(limit.name, now);
    await this.db.delete(rateLimitCounters).where(and(eq(rateLimitCounters.name, limit.name), lte(rateLimitCounters.windowStart, now - limit.windowMs)));
  }
}

/** The budgets, sized by configuration. */
export function limitsFor(config: AppConfig) {
  return {
    signInPerIp: { name: 'sign-in', max: config.rateLimits.signInPerMinute, windowMs: 60_000 },
    codesPerEmail: { name: 'sign-in-email', max: config.rateLimits.codesPerEmail, windowMs: 15 * 60_000 },
    writesPerCaller: { name: 'writes', max: config.rateLimits.writesPerMinute, windowMs: 60_000 },
    readsPerIp: { name: 'reads', max: config.rateLimits.readsPerMinute, windowMs: 60_000 },
  } satisfies Record<string, Limit>;
}

type LimitDeps = Pick<AppDeps, 'rateLimiter' | 'clock' | 'clientIp'>;

/** Counts a hit and remembers its usage for the response's RateLimit headers. */
async function spend(c: Context<AppEnv>, deps: LimitDeps, limit: Limit, key: string): Promise<void> {
  const usage = await deps.rateLimiter.hit(limit, key, deps.clock.now().getTime());
  c.set('rateLimits', [...(c.get('rateLimits') ?? []), usage]);
}

/** Limits a route by the caller's client address. */
export function limitByIp(limit: Limit, deps: LimitDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await spend(c, deps, limit, deps.clientIp(c));
    await next();
  };
}

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * Limits every write by who makes it: a member by her id (a new session does not start a new
 * budget), a partner's back end by its `sk_`, a browser with only a `pk_` by its address within
 * that partner (so one visitor cannot spend the budget of everyone on the partner's pages), and
 * anyone else by address.
 */
export function limitWrites(deps: LimitDeps & Pick<AppDeps, 'config'>): MiddlewareHandler<AppEnv> {
  const limit = limitsFor(deps.config).writesPerCaller;
  return async (c, next) => {
    if (!isRead(c.req.method) && c.req.method !== 'OPTIONS') {
      const caller = c.get('caller');
      const key = caller.member
        ? `member:${caller.member.id}`
        : caller.secretPartner
          ? `sk:${caller.secretPartner.id}`
          : caller.publishablePartner
            ? `pk:${caller.publishablePartner.id}:${deps.clientIp(c)}`
            : `ip:${deps.clientIp(c)}`;
      await spend(c, deps, limit, key);
    }
    await next();
  };
}

/** Limits reads and searches of the libraries by client address, whatever the credentials. */
export function limitReads(deps: LimitDeps & Pick<AppDeps, 'config'>): MiddlewareHandler<AppEnv> {
  const limit = limitsFor(deps.config).readsPerIp;
  return async (c, next) => {
    if (isRead(c.req.method) && c.req.path.startsWith('/v1/libraries/')) await spend(c, deps, limit, deps.clientIp(c));
    await next();
  };
}

/**
 * Reports the budgets a request spent in the `RateLimit-Policy` and `RateLimit` headers
 * (draft-ietf-httpapi-ratelimit-headers): quota and window of each, what remains and when it
 * restarts. A 429 reports the budget it ran out of too. Registered before the limits, it sees
 * the answer whether it succeeded or failed.
 */
export function rateLimitHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const spent = [...(c.get('rateLimits') ?? []), ...(c.error instanceof RateLimitExceeded ? [c.error.usage] : [])];
    if (spent.length === 0) return;
    // Each budget once, as it stood last.
    const usages = [...new Map(spent.map((u) => [u.limit.name, u])).values()];
    c.res.headers.set('RateLimit-Policy', usages.map((u) => `"${u.limit.name}";q=${u.limit.max};w=${u.limit.windowMs / 1000}`).join(', '));
    c.res.headers.set('RateLimit', usages.map((u) => `"${u.limit.name}";r=${u.remaining};t=${u.resetSeconds}`).join(', '));
  };
}

export type ClientIp = (c: Context) => string;
