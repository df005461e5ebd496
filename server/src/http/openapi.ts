import { z } from '@hono/zod-openapi';
import { Problem } from '@talking-library/sdk/schema';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid; `errors` names each field and why.',
  401: 'Sign-in is required.',
  403: 'The caller may not do this.',
  404: 'The library or the item does not exist.',
  405: 'The path does not answer this method; `Allow` lists those it does.',
  409: 'The request conflicts with the current state.',
  412: 'The resource changed since the version in `If-Match`; nothing was changed. Read it again.',
  413: 'The request body is too large.',
  415: 'The body must be JSON, sent with `Content-Type: application/json`.',
  429: 'Too many requests; wait as long as `Retry-After` says.',
  503: 'The service cannot reach its database.',
};

/** The error responses a route documents, each an RFC 9457 problem. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'An error.',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** An iCalendar file (RFC 5545): the one answer that is not JSON, so a client knows to read it as text. */
export function calendarResponse(description: string) {
  return {
    description,
    headers: { 'Content-Disposition': { description: 'Always `attachment`, with the file’s name.', schema: { type: 'string' as const } } },
    content: { 'text/calendar': { schema: z.string().meta({ description: 'A VCALENDAR with one VEVENT.', example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n…\r\nEND:VCALENDAR\r\n' }) } },
  };
}

/** A required JSON request body validated by `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

const ETAG_HEADER = { description: 'The resource’s version as an entity tag; send it back as `If-Match` or `If-None-Match`.', schema: { type: 'string' as const } };
const LOCATION_HEADER = { description: 'The path of what the request created.', schema: { type: 'string' as const } };

/** A versioned resource (profile, library, partner, category, skill), with its `ETag`. */
export function resourceResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, headers: { ETag: ETAG_HEADER }, content: { 'application/json': { schema } } };
}

/** A 201: what was created, with its `Location` (and its `ETag` when it is versioned). */
export function createdResponse<T extends z.ZodType>(schema: T, description: string, options: { versioned?: boolean } = {}) {
  return { description, headers: { Location: LOCATION_HEADER, ...(options.versioned && { ETag: ETAG_HEADER }) }, content: { 'application/json': { schema } } };
}
