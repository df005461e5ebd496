import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq, isNotNull } from 'drizzle-orm';
import { DEMO_PEOPLE, schema } from '@talking-library/server';
import { acceptExchange, confirmExchange, requestExchange } from '../../server/src/domain/exchanges.js';
import { logOutcome } from '../../server/src/domain/outcomes.js';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { CONSENT_WORDING } from '../../server/src/domain/consents.js';
import { grantRoles } from '../../server/src/domain/members.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Every route of the app's own table × every class of bad input, sent by a caller who may use the
 * route. Whatever arrives: never a 5xx, always a problem, input errors name their field, and a
 * refused request changes no row of any table. A route without a row here fails the test.
 */

interface Ids {
  profileId: string;
  partnerId: string;
  /** A webhook message to that partner. */
  deliveryId: string;
  memberId: string;
  categoryId: string;
  skillId: string;
  requestId: string;
  responseId: string;
  /** An exchange between the demo member and the demo expert (the `owner`), asked at `startsAt`. */
  exchangeId: string;
  startsAt: string;
  /** A completed exchange between the same two, and the expert's outcome log of it. */
  completedId: string;
  outcomeId: string;
  /** A baseline survey the demo expert (the `owner`) owes. */
  surveyId: string;
}
interface Row {
  /** A path the caller could use, with real ids. */
  path: (ids: Ids) => string;
  /** Who sends it: a coordinator unless the route is the owner's alone. */
  as?: 'coordinator' | 'owner';
  /** A body the route would accept: the hostile ones are made from it. Never sent as it is. */
  body?: (ids: Ids) => Record<string, unknown>;
  /** The route lists, paged by cursor. */
  list?: boolean;
  /** Every field of the body is optional (`{}` confirms an exchange, declines without a note): an empty object is a fair request. */
  emptyBodyAllowed?: boolean;
}

const PEM = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const profileBody = () => ({
  displayName: 'Hostile Expert',
  pronouns: 'she/her',
  headline: 'A headline',
  bio: 'A bio\nover lines.',
  careerStage: 'mid',
  skills: ['fhir'],
  categories: ['leadership'],
  stories: [{ title: 'A story', body: 'Its body.' }],
  languages: ['en'],
  timeZone: 'Europe/London',
  links: [{ label: 'Site', url: 'https://example.org/' }],
  photoUrl: 'https://example.org/photo.jpg',
});
// The owner is the expert: her log takes no rating or project, and may agree to name her.
const outcomeBody = () => ({
  summary: 'What we did\nover lines.',
  outputs: [{ title: 'Slides', url: 'https://example.org/slides' }],
  learning: 'What I learned.',
  nextSteps: 'What comes next.',
  share: 'library' as const,
  nameMeInPublic: true,
});
const requestBody = () => ({
  title: 'Hostile request',
  need: 'A need\nover lines.',
  project: { name: 'Hostile project', aim: 'An aim', stage: 'testing' },
  skills: ['fhir', 'coaching'],
  category: 'digital-health',
});
const partnerBody = () => ({ name: 'Hostile partner', allowedOrigins: ['https://hostile.example'], jwtPublicKey: PEM, jwtPublicKeyAlg: 'EdDSA', webhookUrl: 'https://hostile.example/hook' });

const ROUTES: Record<string, Row> = {
  'GET /v1/health': { path: () => '/v1/health' },
  'GET /openapi.json': { path: () => '/openapi.json' },
  'GET /docs': { path: () => '/docs' },
  'GET /dev/outbox': { path: () => '/dev/outbox' },
  'GET /v1/libraries/{lib}': { path: () => '/v1/libraries/demo' },
  'PATCH /v1/libraries/{lib}': { path: () => '/v1/libraries/demo', body: () => ({ name: 'Demo', description: 'About\nit.', phase: 'open' }) },
  'GET /v1/libraries/{lib}/profiles': { path: () => '/v1/libraries/demo/profiles', list: true },
  'GET /v1/libraries/{lib}/profiles/{id}': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}` },
  'POST /v1/libraries/{lib}/profiles': { path: () => '/v1/libraries/demo/profiles', body: profileBody },
  'PATCH /v1/libraries/{lib}/profiles/{id}': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}`, body: profileBody },
  'GET /v1/libraries/{lib}/me/profile': { path: () => '/v1/libraries/demo/me/profile', as: 'owner' },
  'POST /v1/libraries/{lib}/profiles/{id}/submit': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}/submit`, as: 'owner' },
  'POST /v1/libraries/{lib}/profiles/{id}/publish': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}/publish` },
  'POST /v1/libraries/{lib}/profiles/{id}/pause': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}/pause` },
  'POST /v1/libraries/{lib}/profiles/{id}/send-back': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}/send-back`, body: () => ({ note: 'Please add\na story.' }) },
  'PUT /v1/libraries/{lib}/profiles/{id}/availability': {
    path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}/availability`,
    as: 'owner',
    body: () => ({ windows: [{ weekday: 2, start: '09:00', end: '11:00' }], minimumNoticeHours: 48, weeklyCap: 3 }),
  },
  'GET /v1/libraries/{lib}/profiles/{id}/slots': { path: (ids) => `/v1/libraries/demo/profiles/${ids.profileId}/slots` },
  'GET /v1/libraries/{lib}/review-queue': { path: () => '/v1/libraries/demo/review-queue', list: true },
  'POST /v1/libraries/{lib}/categories': { path: () => '/v1/libraries/demo/categories', body: () => ({ name: 'Hostile', slug: 'hostile' }) },
  'PATCH /v1/libraries/{lib}/categories/{id}': { path: (ids) => `/v1/libraries/demo/categories/${ids.categoryId}`, body: (ids) => ({ name: 'Renamed', position: 3, mergeInto: ids.categoryId }) },
  'DELETE /v1/libraries/{lib}/categories/{id}': { path: (ids) => `/v1/libraries/demo/categories/${ids.categoryId}` },
  'POST /v1/libraries/{lib}/skills': { path: () => '/v1/libraries/demo/skills', body: () => ({ name: 'Hostile skill', category: 'leadership', slug: 'hostile-skill' }) },
  'PATCH /v1/libraries/{lib}/skills/{id}': { path: (ids) => `/v1/libraries/demo/skills/${ids.skillId}`, body: (ids) => ({ name: 'Renamed', category: 'leadership', mergeInto: ids.skillId }) },
  'DELETE /v1/libraries/{lib}/skills/{id}': { path: (ids) => `/v1/libraries/demo/skills/${ids.skillId}` },
  'POST /v1/libraries/{lib}/sessions': { path: () => '/v1/libraries/demo/sessions', body: () => ({ token: 'a.b.c' }) },
  'POST /v1/libraries/{lib}/email-links': { path: () => '/v1/libraries/demo/email-links', body: () => ({ email: 'hostile@example.org', redirectUrl: 'https://hostile.example/in' }) },
  'POST /v1/libraries/{lib}/email-links/verify': { path: () => '/v1/libraries/demo/email-links/verify', body: () => ({ email: 'hostile@example.org', code: '123456' }) },
  'POST /v1/libraries/{lib}/dev/sessions': { path: () => '/v1/libraries/demo/dev/sessions', body: () => ({ as: 'member' }) },
  'GET /v1/dev/clock': { path: () => '/v1/dev/clock' },
  'POST /v1/dev/clock': { path: () => '/v1/dev/clock', body: () => ({ advanceMinutes: 60 }) },
  'DELETE /v1/libraries/{lib}/sessions/current': { path: () => '/v1/libraries/demo/sessions/current' },
  'GET /v1/libraries/{lib}/me': { path: () => '/v1/libraries/demo/me' },
  'PATCH /v1/libraries/{lib}/me': { path: () => '/v1/libraries/demo/me', body: () => ({ name: 'A chosen name', requestAlerts: 'weekly' }) },
  'POST /v1/libraries/{lib}/me/identities': { path: () => '/v1/libraries/demo/me/identities', body: () => ({ token: 'a.b.c' }) },
  // The coordinator's own data: she has given no consent, so a fair answer is a 409 and writes nothing.
  'GET /v1/libraries/{lib}/me/consents': { path: () => '/v1/libraries/demo/me/consents' },
  'PUT /v1/libraries/{lib}/me/consents/{purpose}': { path: () => '/v1/libraries/demo/me/consents/equality_monitoring', body: () => ({ wordingVersion: CONSENT_WORDING.equality_monitoring.version }) },
  'DELETE /v1/libraries/{lib}/me/consents/{purpose}': { path: () => '/v1/libraries/demo/me/consents/equality_monitoring' },
  'GET /v1/libraries/{lib}/me/equality': { path: () => '/v1/libraries/demo/me/equality' },
  'PUT /v1/libraries/{lib}/me/equality': { path: () => '/v1/libraries/demo/me/equality', body: () => ({ ethnicCategory: 'Z', gender: 'prefer_not_to_say', disability: 'prefer_not_to_say' }) },
  'GET /v1/libraries/{lib}/me/export': { path: () => '/v1/libraries/demo/me/export' },
  'GET /v1/libraries/{lib}/reports/summary': { path: () => '/v1/libraries/demo/reports/summary' },
  'GET /v1/libraries/{lib}/reports/export': { path: () => '/v1/libraries/demo/reports/export?format=csv' },
  // Only hostile path segments are sent to it, each refused before it could erase anyone.
  'DELETE /v1/libraries/{lib}/me': { path: () => '/v1/libraries/demo/me' },
  'POST /v1/libraries/{lib}/partners': { path: () => '/v1/libraries/demo/partners', body: partnerBody },
  'GET /v1/libraries/{lib}/partners': { path: () => '/v1/libraries/demo/partners', list: true },
  'GET /v1/libraries/{lib}/partners/{id}': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}` },
  'PATCH /v1/libraries/{lib}/partners/{id}': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}`, body: partnerBody },
  'DELETE /v1/libraries/{lib}/partners/{id}': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}` },
  'POST /v1/libraries/{lib}/partners/{id}/rotate': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}/rotate`, body: () => ({ keys: ['jwt', 'secret'] }) },
  'POST /v1/libraries/{lib}/partners/{id}/webhook-secret': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}/webhook-secret` },
  'GET /v1/libraries/{lib}/partners/{id}/webhook-deliveries': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}/webhook-deliveries`, list: true },
  'POST /v1/libraries/{lib}/partners/{id}/webhook-deliveries/{deliveryId}/replay': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}/webhook-deliveries/${ids.deliveryId}/replay` },
  'POST /v1/libraries/{lib}/partners/{id}/webhook-test': { path: (ids) => `/v1/libraries/demo/partners/${ids.partnerId}/webhook-test` },
  'GET /v1/libraries/{lib}/members': { path: () => '/v1/libraries/demo/members', list: true },
  'PATCH /v1/libraries/{lib}/members/{id}': { path: (ids) => `/v1/libraries/demo/members/${ids.memberId}`, body: () => ({ roles: ['member', 'expert'] }) },
  'POST /v1/libraries/{lib}/invites': { path: () => '/v1/libraries/demo/invites', body: () => ({ email: 'invitee@example.org' }) },
  'GET /v1/libraries/{lib}/invites': { path: () => '/v1/libraries/demo/invites', list: true },
  'GET /v1/libraries/{lib}/requests': { path: () => '/v1/libraries/demo/requests', list: true },
  'POST /v1/libraries/{lib}/requests': { path: () => '/v1/libraries/demo/requests', body: requestBody },
  'GET /v1/libraries/{lib}/requests/{id}': { path: (ids) => `/v1/libraries/demo/requests/${ids.requestId}` },
  'PATCH /v1/libraries/{lib}/requests/{id}': { path: (ids) => `/v1/libraries/demo/requests/${ids.requestId}`, body: requestBody },
  'POST /v1/libraries/{lib}/requests/{id}/responses': {
    path: (ids) => `/v1/libraries/demo/requests/${ids.requestId}/responses`,
    as: 'owner',
    body: () => ({ message: 'I can help,\nhappily.', proposedTimes: ['2099-01-05T09:00:00Z', '2099-01-06T09:00:00Z'] }),
  },
  'GET /v1/libraries/{lib}/requests/{id}/responses': { path: (ids) => `/v1/libraries/demo/requests/${ids.requestId}/responses`, list: true },
  'POST /v1/libraries/{lib}/requests/{id}/responses/{responseId}/accept': {
    path: (ids) => `/v1/libraries/demo/requests/${ids.requestId}/responses/${ids.responseId}/accept`,
    body: () => ({ startsAt: '2099-01-05T09:00:00Z', meetingPlace: 'https://meet.example.org/hostile' }),
  },
  'POST /v1/libraries/{lib}/exchanges': {
    path: () => '/v1/libraries/demo/exchanges',
    body: (ids) => ({ profileId: ids.profileId, message: 'Help\nplease', proposedTimes: [ids.startsAt], timeZone: 'Europe/London' }),
  },
  'GET /v1/libraries/{lib}/exchanges': { path: () => '/v1/libraries/demo/exchanges', as: 'owner', list: true },
  'GET /v1/libraries/{lib}/exchanges/{id}': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}`, as: 'owner' },
  // The exchange is only requested, so the file itself is a 409: what matters here is that bad input never gets further.
  'GET /v1/libraries/{lib}/exchanges/{id}/calendar.ics': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/calendar.ics`, as: 'owner' },
  'POST /v1/libraries/{lib}/exchanges/{id}/accept': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/accept`, as: 'owner', body: (ids) => ({ startsAt: ids.startsAt, meetingPlace: 'https://meet.example.org/x' }) },
  'POST /v1/libraries/{lib}/exchanges/{id}/propose': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/propose`, as: 'owner', body: (ids) => ({ proposedTimes: [ids.startsAt], message: 'Or\nthen' }) },
  'POST /v1/libraries/{lib}/exchanges/{id}/decline': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/decline`, as: 'owner', body: () => ({ reason: 'Sorry\nno' }), emptyBodyAllowed: true },
  'POST /v1/libraries/{lib}/exchanges/{id}/cancel': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/cancel`, as: 'owner', body: () => ({ reason: 'Sorry\nno' }) },
  'POST /v1/libraries/{lib}/exchanges/{id}/reschedule': {
    path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/reschedule`,
    as: 'owner',
    body: (ids) => ({ startsAt: ids.startsAt, reason: 'Moved\nit', meetingPlace: 'Room 2' }),
  },
  'POST /v1/libraries/{lib}/exchanges/{id}/no-show': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/no-show`, as: 'owner', body: () => ({ party: 'member', reason: 'Waited' }) },
  'POST /v1/libraries/{lib}/exchanges/{id}/complete': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/complete`, as: 'owner', body: () => ({}), emptyBodyAllowed: true },
  'POST /v1/libraries/{lib}/exchanges/{id}/dispute': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/dispute`, as: 'owner', body: () => ({ reason: 'It\nwent wrong' }) },
  'POST /v1/libraries/{lib}/exchanges/{id}/resolve': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/resolve`, body: () => ({ outcome: 'void', reason: 'Settled\nthus' }) },
  'POST /v1/libraries/{lib}/exchanges/{id}/concerns': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/concerns`, as: 'owner', body: () => ({ body: 'A concern\nover lines' }) },
  'GET /v1/libraries/{lib}/concerns': { path: () => '/v1/libraries/demo/concerns', list: true },
  'POST /v1/libraries/{lib}/exchanges/{id}/outcomes': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.completedId}/outcomes`, as: 'owner', body: outcomeBody },
  'GET /v1/libraries/{lib}/exchanges/{id}/outcomes': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.completedId}/outcomes`, as: 'owner' },
  'GET /v1/libraries/{lib}/learning': { path: () => '/v1/libraries/demo/learning', list: true },
  'GET /v1/libraries/{lib}/exchanges/{id}/outcomes/{outcomeId}': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.completedId}/outcomes/${ids.outcomeId}`, as: 'owner' },
  'PUT /v1/libraries/{lib}/exchanges/{id}/outcomes/{outcomeId}': { path: (ids) => `/v1/libraries/demo/exchanges/${ids.completedId}/outcomes/${ids.outcomeId}`, as: 'owner', body: outcomeBody },
  'GET /v1/libraries/{lib}/surveys/due': { path: () => '/v1/libraries/demo/surveys/due', as: 'owner' },
  'GET /v1/libraries/{lib}/surveys/{surveyId}': { path: (ids) => `/v1/libraries/demo/surveys/${ids.surveyId}`, as: 'owner' },
  // The seeded baseline's questions: a choice, a short text, a 1–7 scale and an optional longer text.
  'POST /v1/libraries/{lib}/surveys/{surveyId}/answers': {
    path: (ids) => `/v1/libraries/demo/surveys/${ids.surveyId}/answers`,
    as: 'owner',
    body: () => ({ answers: { career_stage: 'Senior', role_or_band: 'Band 7', confidence: 4, goals: 'To give back,\nand learn.' } }),
  },
  'GET /v1/libraries/{lib}/instruments': { path: () => '/v1/libraries/demo/instruments' },
  'PUT /v1/libraries/{lib}/instruments/{kind}': {
    path: () => '/v1/libraries/demo/instruments/baseline',
    body: () => ({
      title: 'About you',
      questions: [
        { id: 'confidence', text: 'How confident are you?', type: 'scale', min: 1, max: 7, minLabel: 'Not at all', maxLabel: 'Very' },
        { id: 'career_stage', text: 'Your career stage', type: 'choice', options: ['Early', 'Senior'] },
        { id: 'goals', text: 'Your goals', type: 'text', maxLength: 200, required: false },
        { id: 'new_role', text: 'A new role?', type: 'yes_no' },
      ],
    }),
  },
  'PUT /v1/libraries/{lib}/members/{id}/booking-pause': { path: (ids) => `/v1/libraries/demo/members/${ids.memberId}/booking-pause`, body: () => ({ reason: 'Safeguarding review' }) },
  'DELETE /v1/libraries/{lib}/members/{id}/booking-pause': { path: (ids) => `/v1/libraries/demo/members/${ids.memberId}/booking-pause` },
  'GET /v1/libraries/{lib}/credits': { path: () => '/v1/libraries/demo/credits' },
  'GET /v1/libraries/{lib}/credits/transfers': { path: () => '/v1/libraries/demo/credits/transfers', list: true },
  'POST /v1/libraries/{lib}/credits/donations': { path: () => '/v1/libraries/demo/credits/donations', body: () => ({ to: 'fund', hours: 0.5 }) },
  'POST /v1/libraries/{lib}/credits/grants': { path: () => '/v1/libraries/demo/credits/grants', body: (ids) => ({ to: ids.memberId, hours: 0.5, reason: 'Hostile grant' }) },
};

// ---- the classes of bad input -------------------------------------------------------------

const CONTROL = ['\u0000', '\u001b', '\u007f', '\u0085'];
const LONE_SURROGATES = ['\ud800', '\udfff'];
const WRONG_TYPES: unknown[] = [{}, [], true, null, 1e308];
const NESTING = 4000;

/** Raw bodies, whatever the route. */
const RAW_BODIES: [string, string][] = [
  ['malformed JSON', '{"name": '],
  ['a lone brace', '{'],
  ['empty body with a JSON content type', ''],
  ['a JSON array', '[]'],
  ['a JSON array of objects', '[{"name":"x"}]'],
  ['a JSON string', '"text"'],
  ['JSON null', 'null'],
  ['a JSON number', '1e308'],
  ['deeply nested arrays', '['.repeat(NESTING) + ']'.repeat(NESTING)],
  ['trailing garbage', '{} x'],
];
/** Bodies that parse to an object, and must still be refused. */
const ODD_OBJECTS: [string, string][] = [
  ['deeply nested objects', '{"a":'.repeat(NESTING) + '1' + '}'.repeat(NESTING)],
  ['a byte-order mark before an empty object', '\ufeff{}'],
  ['an empty object', '{}'],
];

type Leaf = { path: (string | number)[]; value: unknown };
function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}
function withLeaf(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(body) ? [...body] : { ...(body as object) };
  copy[head!] = withLeaf(copy[head!], rest, value);
  return copy;
}

interface Case {
  what: string;
  body?: string;
  /** The field a 400 must name; any field when undefined. */
  names?: string;
  /** The request must be refused (4xx), not merely survive. */
  refused?: boolean;
}

function bodyCases(body: Record<string, unknown>, emptyBodyAllowed = false): Case[] {
  const cases: Case[] = RAW_BODIES.map(([what, text]) => ({ what, body: text, refused: true, names: 'body' }));
  cases.push(...ODD_OBJECTS.map(([what, text]) => ({ what, body: text, refused: !(emptyBodyAllowed && text.endsWith('{}')) })));
  cases.push({ what: 'an unknown field', body: JSON.stringify({ ...body, headlien: 'typo' }), refused: true, names: 'body.headlien' });
  cases.push({ what: 'an unknown field only', body: JSON.stringify({ zzz: 1 }), refused: true, names: 'body.zzz' });
  cases.push({ what: '__proto__ as a field', body: JSON.stringify(body).replace(/^\{/, '{"__proto__":{"admin":true},'), refused: true });
  cases.push({ what: 'a NaN number', body: JSON.stringify(body).replace(/^\{/, '{"zzz":NaN,'), refused: true, names: 'body' });
  for (const key of Object.keys(body)) {
    for (const wrong of WRONG_TYPES) cases.push({ what: `${key} as ${JSON.stringify(wrong)}`, body: JSON.stringify({ ...body, [key]: wrong }) });
    cases.push({ what: `${key} as 1e999`, body: JSON.stringify({ ...body, [key]: '__HUGE__' }).replace('"__HUGE__"', '1e999') });
  }
  for (const leaf of leaves(body)) {
    const field = ['body', ...leaf.path].join('.');
    const at = (value: unknown) => JSON.stringify(withLeaf(body, leaf.path, value));
    if (typeof leaf.value === 'string') {
      const s = leaf.value;
      for (const ch of [...CONTROL, ...LONE_SURROGATES]) {
        cases.push({ what: `${field} with U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`, body: at(s.slice(0, 1) + ch + s.slice(1)), refused: true, names: field });
      }
      cases.push({ what: `${field} over-long`, body: at(s + 'x'.repeat(9000)), refused: true, names: field });
      cases.push({ what: `${field} as a huge number`, body: at(2 ** 64), refused: true, names: field });
    }
    if (typeof leaf.value === 'number') {
      for (const huge of [1e308, 2 ** 64, -0, -1, 0.5, 'NaN', 'Infinity']) cases.push({ what: `${field} as ${String(huge)}`, body: at(huge) });
    }
  }
  return cases;
}

const HOSTILE_SEGMENTS = ['a%00b', '%2E%2E%2F%2E%2E%2Fhealth', 'x'.repeat(3000), '%F0%9F%98%80', '%E0%A4%A', '%ED%A0%80', 'prf_' + 'A'.repeat(200), "'%20OR%201=1--"];
/** Conditional headers that can match no version: a guarded write must be refused. */
const HOSTILE_IF_MATCH = ['x'.repeat(2000), '"v99999999999999999999"', '"prf_notthisone0000.v1"', '"v0"', ',,,', 'W/'];
const HOSTILE_CURSORS = [
  ...['[1e308]', `[${2 ** 64}]`, '[-0]', '[-1]', '[1.5]', '[{"a":1}]', '"x"', 'null', '[]', '[1,2,3]', '["\\ud800","x"]', '[null,null]', '[true,1]', '["a","b","c"]', '[1e308,"x"]'].map((json) =>
    Buffer.from(json).toString('base64url'),
  ),
  '!!!',
  '%00',
  Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'),
  'x'.repeat(600),
];
const HOSTILE_QUERIES = [
  'limit=1e308',
  'limit=-0',
  'limit=NaN',
  'limit=18446744073709551616',
  'limit=%00',
  'limit=1&limit=2',
  'q=%00',
  'q=a%00b',
  `q=${'x'.repeat(5000)}`,
  'q=%ED%A0%80',
  'q=%E0%A4%A',
  'q="*^NEAR(a b)',
  'category=%00',
  ...['skill=fhir'].map(() => Array.from({ length: 50 }, (_, i) => `skill=s${i}`).join('&')),
  'careerStage=%00',
  'language=%ED%A0%80',
  'availableWithinDays=1e308',
  'availableWithinDays=-0',
  'facets=%00',
  'format=%00',
  'from=%00',
  'from=2026-02-30T00:00:00Z',
  'to=1e308',
  'from=9999-12-31T23:59:59Z',
  'from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
  'from=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z',
  'unknown=1',
  '%=%',
];

// ---- the run -------------------------------------------------------------------------------

let server: TestServer;
let ids: Ids;
let callers: Record<'coordinator' | 'owner', Record<string, string>>;
before(async () => {
  // No worker: it would change the jobs table between a request and the digest that checks it changed nothing.
  server = await startTestServer({ seed: true, worker: false, rateLimits: { signInPerMinute: 1e9, writesPerMinute: 1e9, codesPerEmail: 1e9 } });
  const coordinator = bearer(await demoSession(server, 'coordinator'));
  callers = { coordinator, owner: bearer(await demoSession(server, 'expert')) };
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Hostile target', webhookUrl: 'http://127.0.0.1:9/hostile-hook' }, coordinator));
  const delivery = await server.request(`/v1/libraries/demo/partners/${partner.body.id}/webhook-test`, send('POST', undefined, coordinator));
  const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Hostile target' }, coordinator));
  const skill = await server.request('/v1/libraries/demo/skills', send('POST', { name: 'Hostile target skill', category: 'leadership' }, coordinator));
  const member = await grantRoles(server.db, await findLibrary(server.db, 'demo'), { email: 'hostile.bystander@example.org', name: 'Bystander' }, ['member']);
  const [owned] = await server.db.select().from(schema.profiles).where(isNotNull(schema.profiles.memberId));
  // A request the coordinator posts, with the demo expert's response: the board's routes act on them.
  const request = await server.request('/v1/libraries/demo/requests', send('POST', requestBody(), coordinator));
  const response = await server.request(`/v1/libraries/demo/requests/${request.body.id}/responses`, send('POST', { message: 'Yes', proposedTimes: ['2099-01-07T09:00:00Z'] }, callers.owner));
  const startsAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 72 * 3_600_000).toISOString();
  const asked = await server.request('/v1/libraries/demo/exchanges', send('POST', { profileId: owned!.id, message: 'Hostile target', proposedTimes: [startsAt] }, bearer(await demoSession(server, 'member'))));
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  // An hour between the demo member and the demo expert, three weeks ago, completed and logged by the expert.
  const library = await findLibrary(server.db, 'demo');
  const [demoMember] = await server.db.select().from(schema.members).where(eq(schema.members.email, DEMO_PEOPLE.member.email));
  const setupNow = new Date(Date.parse(startsAt) - 21 * 24 * 3_600_000);
  const pastStart = new Date(setupNow.getTime() + 72 * 3_600_000).toISOString();
  const afterHour = new Date(Date.parse(pastStart) + 3_600_000);
  const asker = { kind: 'member' as const, memberId: demoMember!.id, isCoordinator: false };
  const giver = { kind: 'member' as const, memberId: owned!.memberId!, isCoordinator: false };
  const past = await requestExchange(server.db, { libraryId: library.id, memberId: demoMember!.id, profileId: owned!.id, message: 'Hostile past', proposedTimes: [pastStart], now: setupNow });
  const act = { libraryId: library.id, exchangeId: past.id };
  await acceptExchange(server.db, { ...act, actor: giver, startsAt: pastStart, meetingPlace: 'Video', now: setupNow });
  await confirmExchange(server.db, { ...act, actor: asker, now: afterHour });
  await confirmExchange(server.db, { ...act, actor: giver, now: afterHour });
  const log = await logOutcome(server.db, { ...act, actor: giver, log: outcomeBody(), now: afterHour });
  const surveyId = 'svy_hostilesurvey0001';
  const at = new Date().toISOString();
  await server.db.insert(schema.surveys).values({ id: surveyId, libraryId: library.id, memberId: owned!.memberId!, kind: 'baseline', instrumentVersion: 1, occasion: 'hostile', dueAt: at, createdAt: at });
  ids = {
    surveyId,
    profileId: owned!.id,
    partnerId: partner.body.id,
    deliveryId: delivery.body.id,
    memberId: member.id,
    categoryId: category.body.id,
    skillId: skill.body.id,
    requestId: request.body.id,
    responseId: response.body.id,
    exchangeId: asked.body.id,
    startsAt,
    completedId: past.id,
    outcomeId: log.id,
  };
});
after(() => server.close());

/** Counters that a refused request may rightly move (it was still a request), and the index's own storage. */
const NOT_DATA = new Set(['rate_limit_counters', 'idempotency_keys', '__drizzle_migrations']);
async function digest(): Promise<string> {
  const tables = await server.db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'profiles_fts_%' ORDER BY name");
  const hash = createHash('sha256');
  for (const { name } of tables.rows) {
    if (NOT_DATA.has(String(name))) continue;
    const rows = await server.db.$client.execute(`SELECT * FROM "${String(name)}" ORDER BY 1`);
    hash.update(`${String(name)}:${JSON.stringify(rows.rows)}`);
  }
  return hash.digest('hex');
}

test('every route survives every class of bad input: a problem naming the field, and nothing changed', { timeout: 600_000 }, async () => {
  const routes = [...new Set(server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`))];
  assert.deepEqual(routes.filter((route) => !ROUTES[route]), [], 'routes without a row in the hostile-input table');
  const document = (await server.request('/openapi.json')).body;
  const failures: string[] = [];
  let baseline = await digest();
  let sent = 0;

  const check = async (route: string, label: string, path: string, init: RequestInit, expect: { refused?: boolean; names?: string } = {}) => {
    sent++;
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    const where = `${route} · ${label}`;
    if (res.status >= 500) return void failures.push(`${where}: ${res.status} ${text.slice(0, 200)}`);
    if (res.status >= 400 && res.headers.get('content-type') !== 'application/problem+json') failures.push(`${where}: ${res.status} as ${res.headers.get('content-type')}`);
    if (expect.refused && res.status < 400) failures.push(`${where}: accepted with ${res.status}`);
    if (res.status === 400) {
      const problem = JSON.parse(text);
      const paths: string[] = (problem.errors ?? []).map((e: { path: string }) => e.path);
      if (!paths.length || !paths.every((p) => /^(body|query|path|header)(\.|$)/.test(p))) failures.push(`${where}: 400 without field errors ${text.slice(0, 200)}`);
      else if (expect.names && !paths.includes(expect.names)) failures.push(`${where}: names ${paths.join(', ')}, not ${expect.names}`);
    }
    const now = await digest();
    if (res.status >= 400 && now !== baseline) failures.push(`${where}: refused with ${res.status} but changed data`);
    baseline = now;
  };

  for (const route of routes) {
    const row = ROUTES[route]!;
    const [method, pattern] = route.split(' ') as [string, string];
    const headers = callers[row.as ?? 'coordinator'];
    const path = row.path(ids);
    const operation = document.paths[pattern]?.[method.toLowerCase()];
    if (operation) assert.equal(!!operation.requestBody, !!row.body, `${route}: the row's body agrees with the OpenAPI document`);

    if (row.body) {
      for (const c of bodyCases(row.body(ids), row.emptyBodyAllowed)) {
        await check(route, c.what, path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: c.body! }, c);
      }
    }
    // Every path parameter, in turn, hostile.
    const segments = pattern.split('/');
    for (const [i, segment] of segments.entries()) {
      if (!segment.startsWith('{')) continue;
      for (const hostile of HOSTILE_SEGMENTS) {
        const real = path.split('/');
        real[i] = hostile;
        const init: RequestInit = row.body ? { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(row.body(ids)) } : { method, headers };
        await check(route, `${segment} = ${hostile.slice(0, 40)}`, real.join('/'), init, { refused: true });
      }
    }
    if ((method === 'PATCH' || method === 'PUT') && operation?.parameters?.some((p: { name: string }) => p.name === 'if-match')) {
      for (const tag of HOSTILE_IF_MATCH) {
        const init = { method, headers: { ...headers, 'content-type': 'application/json', 'if-match': tag }, body: JSON.stringify(row.body!(ids)) };
        await check(route, `If-Match ${tag.slice(0, 30)}`, path, init, { refused: true });
      }
    }
    if (method === 'GET') {
      for (const tag of HOSTILE_IF_MATCH) await check(route, `If-None-Match ${tag.slice(0, 30)}`, path, { headers: { ...headers, 'if-none-match': tag } });
      for (const query of HOSTILE_QUERIES) await check(route, `?${query.slice(0, 40)}`, `${path}?${query}`, { headers });
    }
    if (row.list) {
      for (const cursor of HOSTILE_CURSORS) await check(route, `cursor ${cursor.slice(0, 40)}`, `${path}?cursor=${cursor}`, { headers }, { refused: true, names: 'query.cursor' });
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(sent > 1000, `sent ${sent} hostile requests`);
});

test('the table has no rows for routes the app does not serve', () => {
  const routes = new Set(server.app.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  assert.deepEqual(Object.keys(ROUTES).filter((route) => !routes.has(route)), []);
});
