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
  /**
   * How many hits an instance claims from the shared count at once (default 1: every hit is
   * counted in the database as it happens). A claim of n costs one write per n hits; the
   * instances together still never allow more than `max`, though a claim left unused in one
   * instance may leave another short until the window restarts.
   */
  claim?: number;
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
 * budgets: a caller cannot multiply them by reaching several instances. Each hit (or, for a budget
 * with a `claim`, each claim of hits) is one atomic upsert; now and then each budget's passed
 * windows are deleted.
 */
export class DatabaseRateLimiter extends RateLimiter {
  /** When each budget was last swept by this instance. */
  readonly #swept = new Map<string, number>();
  /**
   * Hits claimed from the shared count and not used yet, for budgets with `claim` > 1: the
   * window they belong to, the number the next hit takes, and the last number claimed.
   */
  readonly #claims = new Map<string, { start: number; next: number; last: number }>();
  /** Claims on their way to the database, by budget and caller. */
  readonly #claiming = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Database) {
    super();
  }

  protected override async count(limit: Limit, key: string, now: number): Promise<{ start: number; count: number }> {
    const step = Math.max(1, limit.claim ?? 1);
    if (step === 1) return this.#add(limit, key, now, 1);
    const id = `${limit.name}:${key}`;
    const claimed = this.#claims.get(id);
    // Served from the claim; and once the window's budget is known to be spent, refused without a write.
    if (claimed && claimed.start > now - limit.windowMs && (claimed.next <= claimed.last || claimed.last >= limit.max)) {
      return { start: claimed.start, count: claimed.next++ };
    }
    // Hits that arrive while this instance is claiming wait for that claim rather than make their
    // own: forty at once would otherwise claim forty shares and spend the budget on nothing.
    const inFlight = this.#claiming.get(id);
    if (inFlight) {
      await inFlight;
      return this.count(limit, key, now);
    }
    const claiming = this.#add(limit, key, now, step).then((row) => {
      if (this.#claims.size > 50_000) this.#forgetPassedClaims(limit, now);
      this.#claims.set(id, { start: row.start, next: row.count - step + 2, last: row.count });
      return row;
    });
    this.#claiming.set(id, claiming);
    try {
      const row = await claiming;
      return { start: row.start, count: row.count - step + 1 };
    } finally {
      this.#claiming.delete(id);
    }
  }

  /** One atomic upsert: adds `step` to the caller's count in its current window, or restarts a passed one at `step`. */
  async #add(limit: Limit, key: string, now: number, step: number): Promise<{ start: number; count: number }> {
    await this.#sweepNowAndThen(limit, now);
    const passed = sql`${rateLimitCounters.windowStart} <= ${now - limit.windowMs}`;
    const [row] = await this.db
      .insert(rateLimitCounters)
      .values({ name: limit.name, key, windowStart: now, count: step })
      .onConflictDoUpdate({
        target: [rateLimitCounters.name, rateLimitCounters.key],
        // Both read the row as it was: a passed window restarts, a current one counts on.
        set: {
          count: sql`case when ${passed} then ${step} else ${rateLimitCounters.count} + ${step} end`,
          windowStart: sql`case when ${passed} then ${now} else ${rateLimitCounters.windowStart} end`,
        },
      })
      .returning({ start: rateLimitCounters.windowStart, count: rateLimitCounters.count });
    return row!;
  }

  /** Forgets this budget's claims whose window has passed. */
  #forgetPassedClaims(limit: Limit, now: number): void {
    const prefix = `${limit.name}:`;
    for (const [id, claimed] of this.#claims) if (id.startsWith(prefix) && claimed.start <= now - limit.windowMs) this.#claims.delete(id);
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
    // Reads are many: each instance claims a twentieth of the budget at a time, not a write per read.
    readsPerIp: { name: 'reads', max: config.rateLimits.readsPerMinute, windowMs: 60_000, claim: Math.ceil(config.rateLimits.readsPerMinute / 20) },
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
