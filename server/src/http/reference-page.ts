import { PAGE_POLICY } from './security.js';

/** The subset of an OpenAPI 3.1 document the reference page reads. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation | undefined> | undefined>;
  components?: { schemas?: Record<string, unknown>; parameters?: Record<string, Parameter> };
}
interface Parameter { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> }
interface Operation {
  summary?: string;
  description?: string;
  'x-access'?: string;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  tags?: string[];
  operationId?: string;
  parameters?: (Parameter | { $ref: string })[];
  responses?: Record<string, { description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The access rules (http/auth.ts) in words. */
const ACCESS: Record<string, string> = {
  public: 'anyone',
  key: 'anyone with a credential of the library: a publishable key, a secret key or a session',
  member: 'a signed-in member of the library (owners and coordinators for their objects)',
  coordinator: 'a coordinator of the library',
  'coordinator-or-secret': 'a coordinator, or the library’s partner back end with its secret key',
  'coordinator-or-own-partner': 'a coordinator, or a partner back end with its secret key, for its own partner site only',
};

const STYLES = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:62rem;padding:1.5rem;color:#1d1d1f}
h1{margin-bottom:.25rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
.op{border:1px solid #ddd;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.op h3{margin:0;font-size:1rem;font-family:ui-monospace,monospace}
.method{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .75rem .2rem 0;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}.access{font-size:.9rem;color:#555}
code,pre{font-family:ui-monospace,monospace;font-size:.9rem}pre{background:#f6f6f7;padding:.75rem;overflow:auto;border-radius:.4rem}
`;

/** Renders the reference as one self-contained page, and the CSP that lets its stylesheet in. */
export async function renderReference(doc: OpenApiDocument): Promise<{ html: string; csp: string }> {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op, doc.components?.parameters ?? {})]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<section><h2 id="${esc(slug(tag))}">${esc(tag)}</h2>${ops.join('')}</section>`);
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(
    ([name, schema]) => `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code></summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`,
  );
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} reference</title><style>${STYLES}</style></head><body>
<header><h1>${esc(doc.info.title)}</h1><p>Version ${esc(doc.info.version)} · <a href="/openapi.json">openapi.json</a></p>${(doc.info.description ?? '').split('\n\n').map((paragraph) => `<p>${esc(paragraph)}</p>`).join('')}</header>
<main>${sections.join('')}<section><h2 id="schemas">Schemas</h2>${schemas.join('')}</section></main></body></html>`;
  const styleHash = await sha256Base64(STYLES);
  return { html, csp: PAGE_POLICY.replace("style-src 'self'", `style-src 'sha256-${styleHash}'`) };
}

function renderOperation(method: string, path: string, op: Operation, shared: Record<string, Parameter>): string {
  // Shared parameters (Idempotency-Key) are references into components.
  const resolved = (op.parameters ?? []).flatMap((p) => ('$ref' in p ? (shared[p.$ref.split('/').pop()!] ?? []) : p));
  const params = resolved.map(
    (p) =>
      `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'required' : 'optional'}</td><td>${esc(describeSchema(p.schema))}</td><td>${esc(p.description ?? '')}</td></tr>`,
  );
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => `<tr><td><code>${esc(status)}</code></td><td>${esc(r.description ?? '')}</td></tr>`);
  const body = op.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop();
  return `<article class="op" id="${esc(op.operationId ?? `${method}-${path}`)}"><h3><span class="method">${esc(method)}</span> ${esc(path)}</h3>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p class="access">Who may call: ${esc(ACCESS[op['x-access'] ?? ''] ?? op['x-access'] ?? 'anyone')}${body ? ` · Body: <a href="#schema-${esc(body)}"><code>${esc(body)}</code></a>` : ''}</p>
${params.length ? `<table><caption>Parameters</caption><tbody>${params.join('')}</tbody></table>` : ''}
<table><caption>Responses</caption><tbody>${responses.join('')}</tbody></table></article>`;
}

function describeSchema(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '';
  const parts = [schema.type, schema.pattern && `pattern ${schema.pattern}`, schema.minimum !== undefined && `≥ ${schema.minimum}`, schema.maximum !== undefined && `≤ ${schema.maximum}`];
  return parts.filter(Boolean).join(', ');
}

function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}
