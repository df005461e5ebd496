import type { WebhookEventType } from '@talking-library/sdk/schema';
import { exchangeView, type Exchange } from './exchange-rows.js';

/**
 * What partner sites hear of an exchange, by the kind of the event a change wrote: the type and
 * the data, `{ exchange }` as the API shows it after the change (the request board's events carry
 * `{ request }` the same way). exchanges.ts queues it in the change's own batch, so it is sent
 * exactly when the change commits. Proposals, declines, lapses, no-shows, confirmations that do
 * not complete and disputes have no webhook type, so partners hear nothing of them.
 */

const TYPE_OF_KIND: Partial<Record<string, WebhookEventType>> = {
  requested: 'exchange.requested',
  scheduled: 'exchange.scheduled',
  rescheduled: 'exchange.rescheduled',
  completed: 'exchange.completed',
  auto_completed: 'exchange.completed',
  cancelled: 'exchange.cancelled',
};

export interface ExchangeWebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** The webhook for the change that left the exchange as `after` with an event of `kind`, or null for none. */
export function exchangeWebhookEvent(kind: string, after: Exchange): ExchangeWebhookEvent | null {
  // A coordinator's ruling ends a dispute either way: paid (completed) or voided (cancelled).
  const type = kind === 'resolved' ? (after.status === 'completed' ? 'exchange.completed' : 'exchange.cancelled') : TYPE_OF_KIND[kind];
  return type ? { type, data: { exchange: exchangeView(after) } } : null;
}
