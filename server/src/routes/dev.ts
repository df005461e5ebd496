import { z } from '@hono/zod-openapi';
import type { DevOutbox } from '../mail/dev-outbox.js';
import { guardedRoute, createRouter, type AppDeps } from '../http/router.js';

/**
 * The development outbox: mail that would have been sent, newest first, so a developer can sign in
 * by email without an SMTP server. Mounted only outside production, and only without SMTP.
 */
export function devOutboxRoutes(deps: AppDeps, outbox: DevOutbox) {
  const getOutbox = guardedRoute(deps, 'public', {
    method: 'get',
    path: '/dev/outbox',
    tags: ['Development'],
    operationId: 'getDevOutbox',
    summary: 'Mail the server would have sent (development only, without SMTP_URL)',
    responses: { 200: { description: 'An HTML page listing the messages.', content: { 'text/html': { schema: z.string() } } } },
  });
  return createRouter().openapi(getOutbox, (c) => {
    const items = outbox.messages.map(
      (m) => `<article><h2>${esc(m.subject)}</h2><p>To ${esc(m.to)} · ${esc(m.sentAt)}</p><pre>${esc(m.text)}</pre></article>`,
    );
    return c.html(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Development outbox</title></head><body><h1>Development outbox</h1>${
        items.join('') || '<p>No mail yet.</p>'
      }</body></html>`,
      200,
    );
  });
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
