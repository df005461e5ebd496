import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { PageQuery } from '../schema/common.js';
import type { Partner, PartnerCreate, PartnerPage, PartnerUpdate, PartnerWithKeys } from '../schema/identity.js';
import type { PartnerWithWebhookSecret, WebhookDeliveriesQuery, WebhookDelivery, WebhookDeliveryPage } from '../schema/webhooks.js';

export type PartnerKeyKind = 'publishable' | 'secret' | 'jwt';

/**
 * Partner sites. A coordinator's session manages all of them; a partner's `sk_` key sees and
 * manages only its own site, and cannot create others. Keys come back only on create and rotate.
 */
export class Partners {
  constructor(private readonly transport: Transport) {}

  create(library: string, body: PartnerCreate, options?: RequestOptions): Promise<PartnerWithKeys> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/partners`, body }, options);
  }

  /** Oldest first: await for one page, or `for await` over every partner site. */
  list(library: string, query: PageQuery = {}, options?: RequestOptions): PagePromise<Partner, PartnerPage> {
    return new PagePromise(
      (cursor) => this.transport.request<PartnerPage>({ method: 'GET', path: path`/v1/libraries/${library}/partners`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  get(library: string, id: string, options?: RequestOptions): Promise<Partner> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/partners/${id}` }, options);
  }

  /** The first `webhookUrl` also returns the webhook signing secret, `webhookSecret`, this once. */
  update(library: string, id: string, body: PartnerUpdate, options?: RequestOptions): Promise<PartnerWithWebhookSecret> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/partners/${id}`, body }, options);
  }

  /** New keys of the named kinds; the old ones stop working at once. */
  rotate(library: string, id: string, keys: PartnerKeyKind[], options?: RequestOptions): Promise<PartnerWithKeys> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/partners/${id}/rotate`, body: { keys } }, options);
  }

  /** Removes the partner site: from then on its keys are refused and its tokens sign no one in. */
  async remove(library: string, id: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/partners/${id}` }, options);
  }

  /** A new webhook signing secret (`webhookSecret`, shown this once); the old one stops signing at once. */
  rotateWebhookSecret(library: string, id: string, options?: RequestOptions): Promise<PartnerWithWebhookSecret> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/partners/${id}/webhook-secret` }, options);
  }

  /** The webhook messages sent to the partner site, newest first; `status` narrows them. */
  webhookDeliveries(library: string, id: string, query: WebhookDeliveriesQuery = {}, options?: RequestOptions): PagePromise<WebhookDelivery, WebhookDeliveryPage> {
    return new PagePromise(
      (cursor) => this.transport.request<WebhookDeliveryPage>({ method: 'GET', path: path`/v1/libraries/${library}/partners/${id}/webhook-deliveries`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  /** Sends a message again now, with the same `webhook-id`. */
  replayWebhookDelivery(library: string, id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/partners/${id}/webhook-deliveries/${deliveryId}/replay` }, options);
  }

  /** Queues a `webhook.test` message to this partner site only. */
  sendTestWebhook(library: string, id: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/partners/${id}/webhook-test` }, options);
  }
}
