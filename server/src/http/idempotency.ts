import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { idempotencyKeys } from '../db/schema.js';
import type { Caller } from './auth.js';
import { HttpProblem, validationProblem } from './problem.js';
import type { ClientIp } from './rate-limit.js';
import { answerSeal } from './sealed-answer.js';
import type { AppEnv } from './router.js';

export interface IdempotencyOptions {
  db: Database;
  clock: Clock;
  clientIp: ClientIp;
  /** Seals stored answers at rest (they may hold session tokens and keys); see sealed-answer.ts. */
  config: Pick<AppConfig, 'secretKey'>;
  /**
   * How long a running request holds its key. Past it, the key may be taken over: the instance
   * that held it is presumed dead. Longer than any request should take; default one minute.
   */
  leaseMs?: number;
  /** How long a finished answer is kept for replay; default 24 hours, the least the API promises. */
  retentionMs?: number;
  /** How often expired keys are swept from the table; default every ten minutes, per instance. */
  sweepEveryMs?: number;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Visible ASCII only, so a key survives every proxy and log line unchanged. */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** The response headers a replay must carry to mean the same as the first answer. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;
/** Most requests finish within a second; the lease is only the upper bound. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;
/** Claim, find the row gone (released or swept), claim again: more rounds than that is a bug. */
const MAX_CLAIM_ROUNDS = 3;

type Claim = { kind: 'run'; lockedUntil: string } | { kind: 'replay'; status: number; body: string | null; headers: Record<string, string> };

/**
 * `Idempotency-Key` on every unsafe request. The first request with a key runs and its answer is
 * stored in the database; a repeat (same caller, route and request) gets that answer again
 * without running, on any instance and after restarts. The key is claimed before the request
 * runs, so two requests with one key never both run: the second hears 409 until the first ends.
 * Keys are per caller: one member's key never replays to another.
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  const { db, clock, clientIp } = options;
  const sealed = answerSeal(options.config.secretKey);
  const leaseMs = options.leaseMs ?? 60_000;
  const retentionMs = options.retentionMs ?? 24 * 60 * 60_000;
  const sweepEveryMs = options.sweepEveryMs ?? 10 * 60_000;
  let lastSweep = 0;

  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!UNSAFE_METHODS.has(c.req.method) || key === undefined) return next();
    if (!VALID_KEY.test(key)) {
      throw validationProblem([{ path: 'header.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }

    const now = clock.now();
    if (now.getTime() - lastSweep >= sweepEveryMs) {
      lastSweep = now.getTime();
      await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now.toISOString()));
    }

    const id = { scope: scopeOf(c.get('caller'), clientIp(c)), route: `${c.req.method} ${c.req.path}`, key };
    const requestHash = await hashRequest(c);
    const claim = await claimKey(db, id, requestHash, now, leaseMs);
    if (claim.kind === 'replay') {
      const headers = { ...claim.headers, 'idempotent-replayed': 'true' };
      if (claim.body === null) return c.body(null, claim.status as StatusCode, headers);
      return c.body(await sealed.open(claim.body), claim.status as ContentfulStatusCode, headers);
    }

    await next();

    const thisKey = and(
      eq(idempotencyKeys.scope, id.scope),
      eq(idempotencyKeys.route, id.route),
      eq(idempotencyKeys.key, id.key),
      eq(idempotencyKeys.lockedUntil, claim.lockedUntil),
      isNull(idempotencyKeys.status),
    );
    const status = c.res.status;
    // Nothing was done (429), or we cannot tell what was (5xx): let a retry with this key run.
    if (status >= 500 || status === 429) {
      await db.delete(idempotencyKeys).where(thisKey);
      return;
    }
    const finished = clock.now();
    await db
      .update(idempotencyKeys)
      .set({
        status,
        responseBody: status === 204 || status === 304 ? null : await sealed.seal(await c.res.clone().text()),
        responseHeaders: pickHeaders(c.res.headers),
        expiresAt: new Date(finished.getTime() + retentionMs).toISOString(),
      })
      .where(thisKey);
  };
}

/** Who asks: a member whatever her session, else a partner's back end, else a browser or client by address. */
function scopeOf(caller: Caller, ip: string): string {
  if (caller.member) return `member:${caller.member.id}`;
  if (caller.secretPartner) return `secret:${caller.secretPartner.id}`;
  if (caller.publishablePartner) return `publishable:${caller.publishablePartner.id}:${ip}`;
  return `ip:${ip}`;
}

/**
 * Node's own hash where there is one: it answers at once, where WebCrypto's digest is a job on the
 * thread pool that costs more to start than a request body costs to hash. Edge runtimes have
 * WebCrypto only.
 */
const nodeCrypto = typeof process !== 'undefined' ? process.getBuiltinModule?.('node:crypto') : undefined;

/** SHA-256 of what makes two requests the same request: method, path, query and body bytes. */
async function hashRequest(c: Context): Promise<string> {
  const url = new URL(c.req.url);
  const head = new TextEncoder().encode(`${c.req.method}\n${url.pathname}\n${url.search}\n`);
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(head).update(body).digest('hex');
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  const digest = await crypto.subtle.digest('SHA-256', all);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Takes the key for this request, or says why not. One `INSERT … ON CONFLICT DO NOTHING` decides
 * between concurrent first requests; a key whose holder died, or whose answer expired, is taken
 * over with an UPDATE conditional on the row being as we read it, so only one taker wins.
 */
async function claimKey(db: Database, id: { scope: string; route: string; key: string }, requestHash: string, now: Date, leaseMs: number): Promise<Claim> {
  const nowIso = now.toISOString();
  const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
  // Held until the answer is stored, which sets the real expiry.
  const fresh = { requestHash, status: null, responseBody: null, responseHeaders: null, createdAt: nowIso, lockedUntil, expiresAt: lockedUntil };
  const thisKey = and(eq(idempotencyKeys.scope, id.scope), eq(idempotencyKeys.route, id.route), eq(idempotencyKeys.key, id.key));

  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    const inserted = await db.insert(idempotencyKeys).values({ ...id, ...fresh }).onConflictDoNothing();
    if (inserted.rowsAffected === 1) return { kind: 'run', lockedUntil };

    const [row] = await db.select().from(idempotencyKeys).where(thisKey);
    if (!row) continue;
    const expired = row.status !== null && row.expiresAt <= nowIso;
    const abandoned = row.status === null && row.lockedUntil <= nowIso;
    if (expired || abandoned) {
      const taken = await db
        .update(idempotencyKeys)
        .set(fresh)
        .where(and(thisKey, eq(idempotencyKeys.lockedUntil, row.lockedUntil), eq(idempotencyKeys.expiresAt, row.expiresAt)));
      if (taken.rowsAffected === 1) return { kind: 'run', lockedUntil };
      continue;
    }
    if (row.requestHash !== requestHash) {
      throw new HttpProblem({
        status: 422,
        code: 'idempotency_key_reused',
        title: 'Idempotency key reused',
        detail: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        errors: [{ path: 'header.idempotency-key', message: 'was used with another request body' }],
      });
    }
    if (row.status === null) {
      throw new HttpProblem({
        status: 409,
        code: 'request_in_progress',
        title: 'Request in progress',
        detail: 'A request with this Idempotency-Key is still running; retry after it ends to get its answer.',
        headers: { 'retry-after': String(IN_PROGRESS_RETRY_AFTER_SECONDS) },
      });
    }
    return { kind: 'replay', status: row.status, body: row.responseBody, headers: row.responseHeaders ?? {} };
  }
  throw new Error(`Could not claim idempotency key after ${MAX_CLAIM_ROUNDS} rounds`);
}

function pickHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}
