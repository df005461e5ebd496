import { Transport, type ClientOptions, type RequestOptions } from './client.js';
import { Libraries, getHealth } from './resources/libraries.js';
import { Profiles } from './resources/profiles.js';
import type { Health } from './schema/service.js';

export type { ClientOptions, RequestOptions, TokenSource } from './client.js';
export * from './errors.js';
export { PagePromise } from './pagination.js';
export type * from './schema/index.js';

export interface TalkingLibraryClient {
  health(options?: RequestOptions): Promise<Health>;
  libraries: Libraries;
  profiles: Profiles;
}

/** A typed client for the Talking Library API. Carries no zod: types come from the contract. */
export function createClient(options: ClientOptions): TalkingLibraryClient {
  const transport = new Transport(options);
  return {
    health: (requestOptions) => getHealth(transport, requestOptions),
    libraries: new Libraries(transport),
    profiles: new Profiles(transport),
  };
}
