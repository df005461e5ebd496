import type { Access } from './auth.js';

/**
 * What the app does to every request, which no single route declares: credentials read on every
 * route, `Idempotency-Key` on every write, body limits, rate limits, 405 for a wrong method, 500 when
 * something breaks. The generated document knows only what each route says, so this step adds the
 * rest from the same rules the middleware follows, and the document tells the whole truth.
 */

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  schema?: Json;
  $ref?: string;
}
interface Operation {
  'x-access'?: Access;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, Json>;
  security?: Record<string, string[]>[];
}
export interface OpenApiDocumentJson {
  info: Json;
  paths?: Record<string, Record<string, Operation>>;
  components?: Json & { schemas?: Record<string, Json>; parameters?: Record<string, Json>; securitySchemes?: Record<string, Json>; headers?: Record<string, Json> };
  servers?: { url: string; description?: string }[];
  [key: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const SECURITY_SCHEMES = {
  publishableKey: { type: 'apiKey', in: 'header', name: 'X-TL-Key', description: 'A partner site’s publishable key (`pk_…`), from a browser on one of its allowed origins.' },
  publishableKeyInQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description:
      'The same publishable key as `?key=pk_…`, on GET and HEAD only: a cross-origin read that sends no custom header needs no CORS preflight. The origin check is the same; if `X-TL-Key` is sent too, the two must agree.',
  },
  sessionToken: { type: 'http', scheme: 'bearer', description: 'A member’s session token (`tls_…`), from signing in.' },
  secretKey: { type: 'http', scheme: 'bearer', description: 'A partner site’s secret key (`sk_…`), for its back end only.' },
};

/** Who may call (http/auth.ts), as the credentials that can prove it; any one suffices. */
const SECURITY_BY_ACCESS: Record<Access, Record<string, string[]>[]> = {
  public: [],
  key: [{ publishableKey: [] }, { sessionToken: [] }, { secretKey: [] }],
  member: [{ sessionToken: [] }],
  coordinator: [{ sessionToken: [] }],
  'coordinator-or-secret': [{ sessionToken: [] }, { secretKey: [] }],
  'coordinator-or-own-partner': [{ sessionToken: [] }, { secretKey: [] }],
};

/** Reads also take the publishable key in the query (http/auth.ts `publishableKeyOf`); writes do not. */
const READ_WITH_KEY_SECURITY: Record<string, string[]>[] = [{ publishableKey: [] }, { publishableKeyInQuery: [] }, { sessionToken: [] }, { secretKey: [] }];

/** Why each status can come from any route, whatever the route itself says. */
const GENERAL_REASONS: Record<number, string> = {
  400: 'The request is invalid; `errors` names each field and why.',
  401: 'A credential was sent but is not valid (an expired session, a rotated key), or sign-in is required.',
  403: 'The caller may not do this, or a publishable key was sent from an origin its partner did not list.',
  404: 'The library or the item does not exist.',
  405: 'The path exists but not with this method; `Allow` lists the methods it has.',
  409: 'The request conflicts with the current state.',
  412: 'The resource changed since the `If-Match` version was read; read it again and reapply the change.',
  413: 'The request body is too large.',
  415: 'The body must be JSON, sent with `Content-Type: application/json`.',
  422: 'The request is well formed but cannot be done.',
  429: 'Too many requests; wait as long as `Retry-After` says.',
  500: 'Something went wrong on the server; quote the request id if you report it. A write that failed this way may be retried with the same `Idempotency-Key`.',
};
const IN_PROGRESS = '`request_in_progress`: a request with this `Idempotency-Key` is still running; retry after `Retry-After`.';
const KEY_REUSED = '`idempotency_key_reused`: this `Idempotency-Key` was used with another request.';

export interface ConventionOptions {
  /** Where the API is served, for `servers`. */
  serverUrl: string;
  license: { name: string; identifier: string };
}

/** Returns the document with the app-wide conventions added; the input is not changed. */
export function applyConventions(input: OpenApiDocumentJson, options: ConventionOptions): OpenApiDocumentJson {
  const doc = structuredClone(input);
  doc.info = { ...doc.info, license: options.license };
  doc.servers = [{ url: options.serverUrl }];
  doc.components = {
    ...doc.components,
    securitySchemes: { ...doc.components?.securitySchemes, ...SECURITY_SCHEMES },
    parameters: { ...doc.components?.parameters, IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER },
    headers: { ...doc.components?.headers, ...HEADERS },
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) conventionsFor(method, op);
    }
  }
  for (const schema of Object.values(doc.components.schemas ?? {})) markEmails(schema);
  return doc;
}

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first answer to this key is kept for 24 hours and replayed (with `Idempotent-Replayed: true`) to a repeat of the same request by the same caller, which does nothing twice. 1 to 255 visible ASCII characters, such as a UUID.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
};

const HEADERS = {
  RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
  IdempotentReplayed: { description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.', schema: { type: 'string', enum: ['true'] } },
};

function conventionsFor(method: (typeof METHODS)[number], op: Operation): void {
  if (op['x-access']) op.security = method === 'get' && op['x-access'] === 'key' ? READ_WITH_KEY_SECURITY : SECURITY_BY_ACCESS[op['x-access']];
  const unsafe = UNSAFE.has(method);
  const parameters = op.parameters ?? [];
  const hasParameters = parameters.length > 0;
  const takesBody = op.requestBody !== undefined;
  const has = (header: string) => parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === header);

  for (const parameter of parameters) if (isStringBool(parameter)) parameter.schema = { ...parameter.schema, type: 'boolean' };
  if (unsafe) op.parameters = [...parameters, { $ref: '#/components/parameters/IdempotencyKey' } as Parameter];

  const statuses: number[] = [401, 403, 405, 500];
  if (hasParameters || takesBody || unsafe) statuses.push(400);
  if (parameters.some((p) => p.in === 'path')) statuses.push(404);
  if (takesBody) statuses.push(413, 415);
  if (has('if-match')) statuses.push(412);
  if (unsafe) statuses.push(409, 422, 429);
  const responses = (op.responses ??= {});
  for (const status of statuses.sort()) {
    const existing = responses[status];
    responses[status] = existing ?? problem(GENERAL_REASONS[status]!);
    if (unsafe && status === 409) appendReason(responses[status], IN_PROGRESS);
    if (unsafe && status === 422) appendReason(responses[status], KEY_REUSED);
    if ((status === 429 || (unsafe && status === 409)) && !responses[status].headers) responses[status].headers = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
  }
  if (has('if-none-match') && !responses[304]) responses[304] = { description: 'Not modified: the `If-None-Match` version is still current.' };
  if (unsafe) {
    for (const [status, response] of Object.entries(responses)) {
      if (status.startsWith('2')) response.headers = { ...(response.headers as Json | undefined), 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } };
    }
  }
}

function problem(description: string): Json {
  return { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
}

function appendReason(response: Json, reason: string): void {
  const description = typeof response.description === 'string' ? response.description : '';
  if (!description.includes(reason)) response.description = description ? `${description} Or ${reason}` : reason;
}

/** zod's `stringbool` accepts "true"/"false" but renders as a string with a boolean default. */
function isStringBool(parameter: Parameter): boolean {
  return parameter.in === 'query' && parameter.schema?.type === 'string' && typeof parameter.schema.default === 'boolean';
}

/** Every `email` property holds an address; zod's pipe through `z.email()` renders only as a string. */
function markEmails(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach(markEmails);
  const node = schema as Json;
  const properties = node.properties as Record<string, Json> | undefined;
  if (properties?.email?.type === 'string' && !properties.email.format) properties.email.format = 'email';
  for (const value of Object.values(node)) markEmails(value);
}
