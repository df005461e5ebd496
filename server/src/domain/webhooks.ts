import type { InStatement, InValue } from '@libsql/client';
import { inArray } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT, type WebhookEventType } from '@talking-library/sdk/schema';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { partners } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { SecretBox } from './secret-box.js';
import type { SqlGuard } from './ledger.js';
import { webhookUrlProblem } from './webhook-urls.js';

/**
 * Webhooks to partner sites, after the Standard Webhooks specification. An event becomes one
 * pending row per partner that has a webhook URL, written in the same batch as the change it
 * reports (so no event is lost and none is sent for a change that did not happen). Rows are their
 * own leased queue: `deliverDueWebhooks` claims due ones, signs and POSTs each, and records what
 * came back. Delivery is at least once: a worker that dies after sending but before recording
 * leaves the row to be sent again when its lease runs out, with the same `webhook-id`, which is
 * how receivers drop repeats.
 */

export { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT, type WebhookEventType };

/**
 * The spec's suggested schedule: the first attempt at once, then each retry this long after the
 * attempt before it failed. One attempt more than there are delays; after the last, `failed`.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

export interface WebhookEventInput {
  libraryId: string;
  type: WebhookEventType;
  /** The exchange or request as the API shows it: what partners read as `data`. */
  data: Record<string, unknown>;
  now: Date;
  /** Only this partner site (the test event); every partner of the library with a webhook URL otherwise. */
  partnerId?: string | undefined;
  /**
   * Only if the statement just before this one in the batch changed a row (SQLite's `changes()`):
   * put it right after the guarded UPDATE or INSERT whose success it reports, and a transition
   * that lost a race (and so changed nothing) sends nothing either.
   */
  onlyAfterChange?: boolean | undefined;
  /** Only if this holds as the batch runs: the sturdier form of `onlyAfterChange`, wherever the statement sits in the batch. */
  onlyIf?: SqlGuard | undefined;
}

/**
 * ONE `INSERT … SELECT` that makes a pending message for each live partner of the library with a
 * webhook URL and a signing secret. Put it in the same `db.$client.batch([...], 'write')` as the
 * change it reports. Message ids are made by SQLite (`msg_` and 128 random bits as hex), one per
 * partner, since how many partners there are is known only inside the statement. Returns `id`s.
 *
 * For a transition guarded in SQL, put it straight after the guarded statement:
 *
 *     await db.$client.batch([
 *       { sql: "UPDATE exchanges SET status = 'scheduled', … WHERE id = ? AND status = 'requested'", args },
 *       webhookEventStatement({ libraryId, type: 'exchange.scheduled', data: exchangeAsApiShowsIt, now, onlyAfterChange: true }),
 *     ], 'write');
 */
export function webhookEventStatement(input: WebhookEventInput): InStatement {
  const payload = JSON.stringify({ type: input.type, timestamp: input.now.toISOString(), data: input.data });
  const now = input.now.toISOString();
  const args: InValue[] = [input.type, payload, now, now, input.libraryId];
  if (input.partnerId !== undefined) args.push(input.partnerId);
  if (input.onlyIf) args.push(...input.onlyIf.args);
  return {
    sql: `INSERT INTO webhook_deliveries (id, library_id, partner_id, event_type, payload, status, attempts, next_attempt_at, created_at)
      SELECT 'msg_' || lower(hex(randomblob(16))), p.library_id, p.id, ?, ?, 'pending', 0, ?, ?
      FROM partners p
      WHERE p.library_id = ? AND p.removed_at IS NULL AND p.webhook_url IS NOT NULL AND p.webhook_secret IS NOT NULL
      ${input.partnerId !== undefined ? 'AND p.id = ?' : ''}
      ${input.onlyAfterChange ? 'AND changes() > 0' : ''}
      ${input.onlyIf ? `AND (${input.onlyIf.sql})` : ''}
      RETURNING id`,
    args,
  };
}

export interface WebhookDeliveryDeps {
  db: Database;
  secretBox: SecretBox;
  logger: Logger;
  /** Decides which URLs may be sent to: production sends to public https hosts only. */
  env: AppConfig['env'];
  /** The HTTP client; the platform's `fetch` unless a runtime needs another. */
  fetch?: typeof fetch;
  /** How long one attempt may take; 10 seconds unless given. Keep it well inside `leaseMs`. */
  timeoutMs?: number;
}

export interface DeliverOptions {
  now: Date;
  /** This worker's name, on the rows it holds. */
  owner: string;
  /** Most messages sent in one call, all at once. */
  limit?: number;
  /** How long the claim holds: past it, another worker may send the message again. */
  leaseMs?: number;
}

type Claimed = { id: string; partnerId: string; payload: string; attempts: number; leaseExpiresAt: string };
type Outcome = { delivered: true; statusCode: number } | { delivered: false; statusCode: number | null; error: string; final: boolean };

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

/**
 * Sends the messages that are due: claims up to `limit` of them with one guarded UPDATE (so two
 * workers never send one message at once), POSTs each, signed, and records the answer: a 2xx is
 * `delivered`; anything else is tried again on the schedule, and `failed` after the last attempt.
 * A receiver's failure never throws. Returns how many messages it tried.
 */
export async function deliverDueWebhooks(deps: WebhookDeliveryDeps, options: DeliverOptions): Promise<number> {
  const { db } = deps;
  const { now, owner, limit = 20, leaseMs = 60_000 } = options;
  const leaseExpiresAt = new Date(now.getTime() + leaseMs).toISOString();
  const claimed = await db.$client.execute({
    sql: `UPDATE webhook_deliveries SET lease_owner = ?, lease_expires_at = ?
      WHERE status = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at <= ?) AND id IN (
        SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
        ORDER BY next_attempt_at, id LIMIT ?)
      RETURNING id, partner_id, payload, attempts`,
    args: [owner, leaseExpiresAt, now.toISOString(), now.toISOString(), now.toISOString(), limit],
  });
  const rows: Claimed[] = claimed.rows.map((r) => ({ id: String(r.id), partnerId: String(r.partner_id), payload: String(r.payload), attempts: Number(r.attempts), leaseExpiresAt }));
  if (rows.length === 0) return 0;

  const targets = await db
    .select({ id: partners.id, webhookUrl: partners.webhookUrl, webhookSecret: partners.webhookSecret, removedAt: partners.removedAt })
    .from(partners)
    .where(inArray(partners.id, [...new Set(rows.map((r) => r.partnerId))]));
  const byId = new Map(targets.map((t) => [t.id, t]));

  await Promise.all(
    rows.map(async (row) => {
      const outcome = await attempt(deps, row, byId.get(row.partnerId), now);
      await record(db, row, owner, outcome, now);
      if (!outcome.delivered) deps.logger.info('webhook attempt failed', { deliveryId: row.id, partnerId: row.partnerId, attempt: row.attempts + 1, statusCode: outcome.statusCode, final: outcome.final });
    }),
  );
  return rows.length;
}

type Target = { webhookUrl: string | null; webhookSecret: string | null; removedAt: string | null };

/** One signed POST. Never throws: whatever goes wrong is the outcome. */
async function attempt(deps: WebhookDeliveryDeps, row: Claimed, target: Target | undefined, now: Date): Promise<Outcome> {
  // Nothing to send to any more: no later attempt could do better, so the message fails now.
  if (!target || target.removedAt) return { delivered: false, statusCode: null, error: 'The partner site was removed.', final: true };
  if (!target.webhookUrl || !target.webhookSecret) return { delivered: false, statusCode: null, error: 'The partner site has no webhook URL.', final: true };
  const refused = webhookUrlProblem(target.webhookUrl, deps.env);
  if (refused) return { delivered: false, statusCode: null, error: `Not sent: the webhook URL ${refused}.`, final: true };
  try {
    const secret = await deps.secretBox.open(target.webhookSecret);
    const signature = new Webhook(secret).sign(row.id, now, row.payload);
    const response = await (deps.fetch ?? fetch)(target.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'TalkingLibrary-Webhooks/1',
        'webhook-id': row.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: row.payload,
      // A redirect is not a delivery: following it would send the signed body somewhere the partner did not register.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    // The answer's body is not read; dropping it frees the connection.
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status };
    return { delivered: false, statusCode: response.status, error: `The receiver answered ${response.status}.`, final: false };
  } catch (error) {
    return { delivered: false, statusCode: null, error: describeFailure(error), final: false };
  }
}

/** Why a request got no answer, in words for the delivery log: no stack, nothing of ours. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'The request failed.';
  if (error.name === 'TimeoutError') return 'The receiver did not answer in time.';
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message ?? error.message;
  return `The request failed: ${detail}`.slice(0, MAX_ERROR_LENGTH);
}

/** Writes the outcome, only while this worker still holds the row (a lease taken over is not ours to settle). */
async function record(db: Database, row: Claimed, owner: string, outcome: Outcome, now: Date): Promise<void> {
  const attempts = row.attempts + 1;
  const at = now.toISOString();
  const guard = `WHERE id = ? AND status = 'pending' AND lease_owner = ? AND lease_expires_at = ?`;
  const held = [row.id, owner, row.leaseExpiresAt];
  if (outcome.delivered) {
    await db.$client.execute({
      sql: `UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, next_attempt_at = NULL, last_status_code = ?, last_error = NULL,
        lease_owner = NULL, lease_expires_at = NULL ${guard}`,
      args: [attempts, at, outcome.statusCode, ...held],
    });
    return;
  }
  const failed = outcome.final || attempts >= WEBHOOK_MAX_ATTEMPTS;
  const next = failed ? null : new Date(now.getTime() + WEBHOOK_RETRY_DELAYS_MS[attempts - 1]!).toISOString();
  await db.$client.execute({
    sql: `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?,
      lease_owner = NULL, lease_expires_at = NULL ${guard}`,
    args: [failed ? 'failed' : 'pending', attempts, next, outcome.statusCode, outcome.error.slice(0, MAX_ERROR_LENGTH), ...held],
  });
}
