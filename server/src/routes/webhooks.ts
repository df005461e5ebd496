import { PartnerPathParams, PartnerWithWebhookSecret, WebhookDeliveriesQuery, WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryPathParams } from '@talking-library/sdk/schema';
import { findPartner, rotateWebhookSecret } from '../domain/partners.js';
import { queueTestWebhook, replayWebhookDelivery, webhookDeliveryPage } from '../domain/webhook-log.js';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from '../domain/webhooks.js';
import { partnerInScope } from '../http/auth.js';
import { keysetAfter, keysetCursor } from '../http/cursor.js';
import { etagHeader } from '../http/etag.js';
import { jsonResponse, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Webhooks'];

const duration = (ms: number) => (ms >= 3600_000 ? `${ms / 3600_000} h` : ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/** For the reference's introduction: what a partner's receiver gets and how it checks it. */
export const WEBHOOKS =
  '**Webhooks** follow the Standard Webhooks specification. Set a partner site’s `webhookUrl` (https on a public host in production); the answer that first sets it holds `webhookSecret` (`whsec_…`), shown once (`POST …/partners/{id}/webhook-secret` replaces it). ' +
  'Each message is a POST of `{ "type", "timestamp", "data" }` with `webhook-id`, `webhook-timestamp` and `webhook-signature` headers: verify it with the `standardwebhooks` package (`new Webhook(secret).verify(body, headers)`) on the raw body. ' +
  `Types: ${WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}, and \`webhook.test\` from \`POST …/webhook-test\`. ` +
  `A 2xx answer delivers a message; anything else (a redirect, a timeout after 10 seconds) is retried after ${WEBHOOK_RETRY_DELAYS_MS.map(duration).join(', ')} (each after the attempt before), and the message fails after ${WEBHOOK_MAX_ATTEMPTS} attempts. ` +
  'Delivery is at least once: the same `webhook-id` may arrive again, so drop repeats. `GET …/partners/{id}/webhook-deliveries` is the log; `POST …/webhook-deliveries/{deliveryId}/replay` sends one again with the same id.';

/**
 * A partner site's webhooks: its signing secret, the log of messages sent to it, replays and a
 * test message. The same rule as the partner routes: a coordinator, or the partner's own `sk_`
 * (another partner's id is a 404).
 */
export function webhookRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const access = 'coordinator-or-own-partner' as const;

  const rotateSecret = guardedRoute(deps, access, {
    method: 'post',
    path: '/v1/libraries/{lib}/partners/{id}/webhook-secret',
    tags,
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the webhook signing secret: the new one is in this response only, and signs every message from now on',
    request: { params: PartnerPathParams },
    responses: { 200: resourceResponse(PartnerWithWebhookSecret, 'The partner with its new `webhookSecret`.'), ...problemResponses(400, 401, 403, 404) },
  });
  const listDeliveries = guardedRoute(deps, access, {
    method: 'get',
    path: '/v1/libraries/{lib}/partners/{id}/webhook-deliveries',
    tags,
    operationId: 'listWebhookDeliveries',
    summary: 'The webhook messages sent (or being sent) to a partner site, newest first, with each one’s attempts and last answer',
    request: { params: PartnerPathParams, query: WebhookDeliveriesQuery },
    responses: { 200: jsonResponse(WebhookDeliveryPage, 'A page of messages, newest first.'), ...problemResponses(400, 401, 403, 404) },
  });
  const replay = guardedRoute(deps, access, {
    method: 'post',
    path: '/v1/libraries/{lib}/partners/{id}/webhook-deliveries/{deliveryId}/replay',
    tags,
    operationId: 'replayWebhookDelivery',
    summary: 'Send a message again, now: same body, same `webhook-id`, a fresh retry schedule',
    description: '409 `delivery_in_flight` while a worker is sending it; 409 `webhook_url_missing` when the partner has no webhook URL.',
    request: { params: WebhookDeliveryPathParams },
    responses: { 202: jsonResponse(WebhookDelivery, 'The message, queued.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const test = guardedRoute(deps, access, {
    method: 'post',
    path: '/v1/libraries/{lib}/partners/{id}/webhook-test',
    tags,
    operationId: 'sendTestWebhook',
    summary: 'Queue a `webhook.test` message to this partner site only, to check its receiver',
    description: '409 `webhook_url_missing` when the partner has no webhook URL.',
    request: { params: PartnerPathParams },
    responses: { 202: jsonResponse(WebhookDelivery, 'The test message, queued.'), ...problemResponses(400, 401, 403, 404, 409) },
  });

  return createRouter()
    .openapi(rotateSecret, async (c) => {
      const partner = await rotateWebhookSecret(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id), clock.now(), deps.secretBox);
      return c.json(partner, 200, etagHeader(partner));
    })
    .openapi(listDeliveries, async (c) => {
      const libraryId = c.get('library').id;
      const partner = await findPartner(db, libraryId, partnerInScope(c, c.req.valid('param').id));
      const { limit, cursor, status } = c.req.valid('query');
      const page = await webhookDeliveryPage(db, { libraryId, partnerId: partner.id, status, limit, before: keysetAfter(cursor) });
      return c.json({ data: page.items, nextCursor: keysetCursor(page.next) }, 200);
    })
    .openapi(replay, async (c) => {
      const libraryId = c.get('library').id;
      const { id, deliveryId } = c.req.valid('param');
      const partner = await findPartner(db, libraryId, partnerInScope(c, id));
      return c.json(await replayWebhookDelivery(db, { libraryId, partnerId: partner.id, deliveryId, now: clock.now() }), 202);
    })
    .openapi(test, async (c) => {
      const libraryId = c.get('library').id;
      const partner = await findPartner(db, libraryId, partnerInScope(c, c.req.valid('param').id));
      return c.json(await queueTestWebhook(db, { libraryId, partnerId: partner.id, now: clock.now() }), 202);
    });
}
