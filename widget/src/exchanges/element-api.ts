import type { TalkingLibraryClient } from '@talking-library/sdk';
import { NotConfiguredError } from '../internal/errors.js';
import { exchangesApi, type ExchangesApi } from './exchanges-api.js';

/** What an exchange element knows of where and as whom it calls the API. */
interface ElementSettings {
  api: string | null;
  publishableKey: string | null;
  requestTimeout: number;
  client: TalkingLibraryClient | undefined;
  sessionToken(): Promise<string | undefined>;
}

/** The exchange calls for an element: its client's own, or direct ones built from its attributes. */
export function exchangesOf(element: ElementSettings, client: TalkingLibraryClient): ExchangesApi {
  const direct = element.client || !element.api ? undefined : {
    api: element.api,
    publishableKey: element.publishableKey || null,
    sessionToken: () => element.sessionToken(),
    timeoutMs: Number.isFinite(element.requestTimeout) && element.requestTimeout > 0 ? element.requestTimeout : 8_000,
  };
  const api = exchangesApi(client, direct);
  if (!api) throw new NotConfiguredError();
  return api;
}
