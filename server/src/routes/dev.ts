import { z } from '@hono/zod-openapi';
import { LibraryPathParams, Role, Session } from '@talking-library/sdk/schema';
import type { AdjustableClock } from '../clock.js';
import { DEMO_PEOPLE } from '../db/seed.js';
import { NotFoundError } from '../domain/errors.js';
import { findByEmail, toMember } from '../domain/members.js';
import { createSession } from '../domain/sessions.js';
import type { DevOutbox } from '../mail/dev-outbox.js';
import { locationIn } from '../http/location.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { guardedRoute, createRouter, type AppDeps } from '../http/router.js';

/**
 * Demo sign-in: a session as the seeded member, expert or coordinator, for `npm start` and tests.
 * Mounted only outside production; `guardDevRoutes` keeps other origins out.
 */
export function devSessionRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const devSignIn = guardedRoute(deps, 'public', {
    method: 'post',
    path: '/v1/libraries/{lib}/dev/sessions',
    tags: ['Development'],
    operationId: 'createDevSession',
    summary: 'Sign in as the demo member, expert or coordinator (development servers only, from their own origin)',
    request: { params: LibraryPathParams, body: jsonBody(z.strictObject({ as: Role }).meta({ id: 'DevSessionRequest' })) },
    responses: { 201: jsonResponse(Session, 'Signed in as the demo person.'), ...problemResponses(400, 403, 404) },
  });
  return createRouter().openapi(devSignIn, async (c) => {
    const library = c.get('library');
    const person = DEMO_PEOPLE[c.req.valid('json').as];
    const member = await findByEmail(db, library.id, person.email);
    if (!member) throw new NotFoundError('demo person', person.email);
    return c.json({ ...(await createSession(db, member, clock.now())), member: toMember(member, library) }, 201, locationIn(c, 'sessions', 'current'));
  });
}

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
      (m) =>
        `<article><h2>${esc(m.subject)}</h2><p>To ${esc(m.to)} · ${esc(m.sentAt)}</p><pre>${esc(m.text)}</pre>${
          m.calendar ? `<section><h3>Calendar invite (${esc(m.calendar.method)})</h3><pre>${esc(m.calendar.content)}</pre></section>` : ''
        }</article>`,
    );
    return c.html(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Development outbox</title></head><body><h1>Development outbox</h1>${
        items.join('') || '<p>No mail yet.</p>'
      }</body></html>`,
      200,
    );
  });
}

const MINUTES_IN_A_YEAR = 525_600;

const DevClock = z.object({ now: z.iso.datetime().meta({ description: 'The server’s time, after any move.' }) }).meta({ id: 'DevClock' });

/**
 * The development clock: reads the server's time, and moves it forward, so reminders and other due
 * work can be seen falling due in a demo or a system check; the demo page shows its control only
 * where reading it answers. Mounted only outside production, where
 * `startServer` runs the app and its worker on one `AdjustableClock`.
 */
export function devClockRoutes(deps: AppDeps, clock: AdjustableClock) {
  const advanceClock = guardedRoute(deps, 'public', {
    method: 'post',
    path: '/v1/dev/clock',
    tags: ['Development'],
    operationId: 'advanceDevClock',
    summary: 'Move the server’s clock forward (development servers only, from their own origin)',
    request: {
      body: jsonBody(
        z
          .strictObject({
            advanceMinutes: z.int().min(1).max(MINUTES_IN_A_YEAR).meta({ description: 'Whole minutes to move forward, at most a year.' }),
          })
          .meta({ id: 'DevClockAdvance' }),
      ),
    },
    responses: {
      200: jsonResponse(DevClock, 'The clock moved.'),
      ...problemResponses(400, 403),
    },
  });
  const readClock = guardedRoute(deps, 'public', {
    method: 'get',
    path: '/v1/dev/clock',
    tags: ['Development'],
    operationId: 'getDevClock',
    summary: 'The server’s time, as the development clock has it (development servers only, from their own origin)',
    responses: { 200: jsonResponse(DevClock, 'The server’s time.'), ...problemResponses(403) },
  });
  return createRouter()
    .openapi(readClock, (c) => c.json({ now: clock.now().toISOString() }, 200))
    .openapi(advanceClock, (c) => {
      const now = clock.advance(c.req.valid('json').advanceMinutes);
      return c.json({ now: now.toISOString() }, 200);
    });
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
