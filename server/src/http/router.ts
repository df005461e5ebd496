import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppConfig } from '../config.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/index.js';
import type { Logger } from '../logger.js';
import { validationHook } from './validation.js';

/** What every request handler may use. Passed to `createApp`; nothing is global. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  clock: Clock;
  logger: Logger;
}

export interface AppEnv {
  Variables: { requestId: string };
}

/** A router whose validators report failures as our problem+json, never as raw zod issues. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
