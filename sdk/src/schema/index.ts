/**
 * The API contract: one zod schema for every request and response. The server validates with
 * these; the client imports only their types, so browser bundles carry no zod.
 */
export * from './common.js';
export * from './service.js';
export * from './library.js';
export * from './profile.js';
export * from './identity.js';
export * from './credits.js';
export * from './requests.js';
export * from './exchanges.js';
export * from './webhooks.js';
export * from './slots.js';
export * from './outcomes.js';
export * from './learning.js';
export * from './privacy.js';
export * from './surveys.js';
export * from './reports.js';
