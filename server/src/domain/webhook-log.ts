import { and, desc, eq, sql } from 'drizzle-orm';
import type { WebhookDelivery, WebhookDeliveryStatus } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { webhookDeliveries } from '../db/schema.js';
import { DomainError, NotFoundError } from './errors.js';
import { beforeKey, toPage, type Paged } from './keyset.js';
import { WEBHOOK_TEST_EVENT, webhookEventStatement } from './webhooks.js';

/** A partner's webhook messages as a coordinator (or the partner) reads them, and replays them. */

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export function toWebhookDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    partnerId: row.partnerId,
    eventType: row.eventType as WebhookDelivery['eventType'],
    payload: JSON.parse(row.payload) as WebhookDelivery['payload'],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}

export interface DeliveryPageQuery {
  libraryId: string;
  partnerId: string;
  status?: WebhookDeliveryStatus | undefined;
  limit: number;
  /** The creation time and id of the last message of the previous page. */
  before?: readonly [string, string] | undefined;
}

/** A page of one partner's messages, newest first. */
export async function webhookDeliveryPage(db: Database, query: DeliveryPageQuery): Promise<Paged<WebhookDelivery>> {
  const { libraryId, partnerId, status, limit, before } = query;
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.libraryId, libraryId),
        eq(webhookDeliveries.partnerId, partnerId),
        status === undefined ? undefined : eq(webhookDeliveries.status, status),
        beforeKey(webhookDeliveries.createdAt, webhookDeliveries.id, before),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.createdAt, row.id], (page) => page.map(toWebhookDelivery));
}

export class WebhookUrlMissingError extends DomainError {
  override name = 'WebhookUrlMissingError';
  constructor() {
    super('This partner site has no webhook URL: set `webhookUrl` first.', 'webhook_url_missing');
  }
}

export class DeliveryInFlightError extends DomainError {
  override name = 'DeliveryInFlightError';
  constructor(id: string) {
    super(`The message "${id}" is being sent right now; replay it once this attempt is recorded.`, 'delivery_in_flight');
  }
}

/**
 * Queues the message again, due now, with its retry schedule started afresh. It keeps its id
 * (the `webhook-id`), as the spec asks of a replay, so a receiver that had it already can tell.
 * One guarded UPDATE: a message a worker is sending at this moment is refused, not sent twice.
 */
export async function replayWebhookDelivery(db: Database, input: { libraryId: string; partnerId: string; deliveryId: string; now: Date }): Promise<WebhookDelivery> {
  const now = input.now.toISOString();
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseExpiresAt: null })
    .where(
      and(
        eq(webhookDeliveries.id, input.deliveryId),
        eq(webhookDeliveries.partnerId, input.partnerId),
        eq(webhookDeliveries.libraryId, input.libraryId),
        sql`(${webhookDeliveries.leaseExpiresAt} IS NULL OR ${webhookDeliveries.leaseExpiresAt} <= ${now})`,
        sql`EXISTS (SELECT 1 FROM partners p WHERE p.id = ${webhookDeliveries.partnerId} AND p.removed_at IS NULL AND p.webhook_url IS NOT NULL AND p.webhook_secret IS NOT NULL)`,
      ),
    )
    .returning();
  if (row) return toWebhookDelivery(row);
  return explainRefusedReplay(db, input);
}

async function explainRefusedReplay(db: Database, input: { libraryId: string; partnerId: string; deliveryId: string; now: Date }): Promise<never> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.partnerId, input.partnerId), eq(webhookDeliveries.libraryId, input.libraryId)));
  if (!row) throw new NotFoundError('webhook delivery', input.deliveryId);
  if (row.leaseExpiresAt !== null && row.leaseExpiresAt > input.now.toISOString()) throw new DeliveryInFlightError(row.id);
  throw new WebhookUrlMissingError();
}

/** A `webhook.test` message to this partner only, due now: to check the receiver and its verification. */
export async function queueTestWebhook(db: Database, input: { libraryId: string; partnerId: string; now: Date }): Promise<WebhookDelivery> {
  const statement = webhookEventStatement({
    libraryId: input.libraryId,
    partnerId: input.partnerId,
    type: WEBHOOK_TEST_EVENT,
    data: { partnerId: input.partnerId, message: 'A test message from Talking Library. If its signature verifies, your receiver is ready.' },
    now: input.now,
  });
  const result = await db.$client.execute(statement);
  const id = result.rows[0]?.id;
  if (id === undefined) throw new WebhookUrlMissingError();
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, String(id)));
  return toWebhookDelivery(row!);
}
