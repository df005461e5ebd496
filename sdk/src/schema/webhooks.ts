import { z } from 'zod';
import { PageQuery, pageOf, prefixedId, type QueryOf } from './common.js';
import { Partner, PartnerPathParams } from './identity.js';

/**
 * Webhooks to partner sites, after the Standard Webhooks specification: each message is a POST
 * of `{ type, timestamp, data }` with `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * headers, so a partner verifies it with the `standardwebhooks` package and its `whsec_` secret.
 */
export const WEBHOOK_EVENT_TYPES = [
  'exchange.requested',
  'exchange.scheduled',
  'exchange.rescheduled',
  'exchange.completed',
  'exchange.cancelled',
  'request.created',
  'request.responded',
] as const;

/** Sent only by `POST …/webhook-test`, to the one partner that asked. */
export const WEBHOOK_TEST_EVENT = 'webhook.test' as const;

export const WebhookEventType = z.enum([...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT]).meta({ id: 'WebhookEventType' });

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const WebhookDeliveryStatus = z.enum(WEBHOOK_DELIVERY_STATUSES);

export const WebhookDeliveryId = prefixedId('msg');

/** The body of every webhook: what the signature covers, byte for byte. */
export const WebhookEvent = z
  .object({
    type: WebhookEventType,
    timestamp: z.iso.datetime().meta({ description: 'When the event happened (not when this attempt was sent: that is `webhook-timestamp`).' }),
    data: z.record(z.string(), z.unknown()).meta({ description: 'The exchange or request as the API shows it.' }),
  })
  .meta({ id: 'WebhookEvent' });

export const WebhookDelivery = z
  .object({
    id: WebhookDeliveryId.meta({ description: 'The `webhook-id` header: the same on every attempt and replay, so a receiver can drop repeats.' }),
    partnerId: z.string(),
    eventType: WebhookEventType,
    payload: WebhookEvent,
    status: WebhookDeliveryStatus.meta({ description: '`pending`: due again at `nextAttemptAt`; `delivered`: a 2xx came back; `failed`: every attempt was refused.' }),
    attempts: z.number().int().min(0),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable().meta({ description: 'The HTTP status of the last attempt; null when none came back (a timeout, a refused connection).' }),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookDeliveryPage = pageOf(WebhookDelivery).meta({ id: 'WebhookDeliveryPage' });

export const WebhookDeliveriesQuery = PageQuery.extend({
  status: WebhookDeliveryStatus.optional().meta({ description: 'Only messages in this state.' }),
});

export const WebhookDeliveryPathParams = PartnerPathParams.extend({ deliveryId: WebhookDeliveryId });

/** A partner with its webhook signing secret, shown in the one response that made it. */
export const PartnerWithWebhookSecret = Partner.extend({
  webhookSecret: z
    .string()
    .optional()
    .meta({ description: '`whsec_…`: present only in the response that made it (the first webhook URL, or a rotation). Keep it secret.' }),
}).meta({ id: 'PartnerWithWebhookSecret' });

export type WebhookEventType = z.infer<typeof WebhookEventType>;
export type WebhookEvent = z.infer<typeof WebhookEvent>;
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;
export type WebhookDeliveriesQuery = QueryOf<typeof WebhookDeliveriesQuery>;
export type PartnerWithWebhookSecret = z.infer<typeof PartnerWithWebhookSecret>;
