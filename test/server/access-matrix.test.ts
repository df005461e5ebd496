import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { DEMO_PEOPLE, DEMO_PUBLISHABLE_KEY, schema } from '@talking-library/server';
import { grantRoles } from '../../server/src/domain/members.js';
import { acceptExchange, confirmExchange, disputeExchange, requestExchange } from '../../server/src/domain/exchanges.js';
import { logOutcome } from '../../server/src/domain/outcomes.js';
import { CONSENT_WORDING } from '../../server/src/domain/consents.js';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { bearer, demoSession, send, sessionFor } from '../helpers/callers.js';
import { addLibrary } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Every route × every kind of caller, with the status each must get. The routes come from the
 * app's own table, so a route added without a row here fails this test.
 */
const CALLERS = ['anonymous', 'member', 'ownerExpert', 'otherExpert', 'coordinator', 'otherLibraryCoordinator', 'secretKey', 'publishableKeyWrongOrigin'] as const;
type CallerName = (typeof CALLERS)[number];
type Row = {
  request: (ids: Ids) => { path: string; init?: RequestInit };
  expect: Record<CallerName, number>;
  /** The status the demo expert's own profile must have before each cell (default: published). */
  ownedProfileStatus?: 'draft' | 'submitted' | 'published';
  /** A fresh exchange, demo member asking the demo expert, in this state before each cell (its id is `ids.exchangeId`). */
  exchange?: ExchangeSetup;
  /**
   * The route acts on the caller herself, for good (erasing her account): each signed-in caller is
   * a fresh person with the same roles, so the demo people of later cells are still there.
   */
  freshCallers?: true;
};
type ExchangeSetup = 'requested' | 'scheduled' | 'started' | 'disputed' | 'completed' | 'logged';
interface Ids {
  /** The demo expert's own profile: the object whose owner is one of the callers. */
  profileId: string;
  partnerId: string;
  /** A partner that the coordinator's cell removes. */
  removablePartnerId: string;
  /** A webhook message to the target partner (`partnerId`), which has a webhook URL. */
  deliveryId: string;
  memberId: string;
  categoryId: string;
  skillId: string;
  /** A skill request the demo member posted, and another with the demo expert's response, for accepting. */
  requestId: string;
  acceptRequestId: string;
  acceptResponseId: string;
  unique: string;
  /** Set for rows with `exchange`: the exchange, the time it proposes (or is at), and an hour free for both its parties. */
  exchangeId: string;
  startsAt: string;
  freeTime: string;
  /** For `logged`: the demo member's outcome log of the completed exchange. */
  outcomeId: string;
  /** A survey the demo member owes (her cell answers it, once). */
  surveyId: string;
}

// Columns in CALLERS order.
const statuses = (...codes: number[]): Record<CallerName, number> => Object.fromEntries(CALLERS.map((c, i) => [c, codes[i]!])) as Record<CallerName, number>;
const anyone = (ok: number) => statuses(ok, ok, ok, ok, ok, ok, ok, 403);
const withKey = (ok: number) => statuses(401, ok, ok, ok, ok, 403, ok, 403);
const signedIn = (ok: number) => statuses(401, ok, ok, ok, ok, 403, 401, 403);
// A partner's secret key is known but no coordinator: 403.
const coordinatorOnly = (ok: number) => statuses(401, 403, 403, 403, ok, 403, 403, 403);
// The matrix's secret key belongs to another partner than the one in the path: it learns nothing (404).
const coordinatorOrOwnPartner = (ok: number) => statuses(401, 403, 403, 403, ok, 403, 404, 403);
const get = (path: string) => ({ path });
// The owner may act on her profile; other members meet a 403 on a published profile and a 404 on one they cannot see.
const ownerOrCoordinator = (ok: number) => statuses(401, 403, ok, 403, ok, 403, 401, 403);
const ownerOnly = (ok: number) => statuses(401, 403, ok, 403, 403, 403, 401, 403);
const json = (method: string, path: string, body: unknown) => ({ path, init: send(method, body) });
// Exchanges between the demo member and the demo expert (`ownerExpert`): each party may act as the state machine says, another member never learns of it (404), a coordinator sees it but is no party (403).
const exchangeParties = (member: number, expert: number, coordinator = 403) => statuses(401, member, expert, 404, coordinator, 403, 401, 403);
// A survey is its member's alone: to anyone else, coordinators included, it does not exist.
const surveyOwner = (ok: number) => statuses(401, ok, 404, 404, 404, 403, 401, 403);
const exchangePath = (ids: Ids, action: string) => `/v1/libraries/demo/exchanges/${ids.exchangeId}/${action}`;

const MATRIX: Record<string, Row> = {
  'GET /v1/health': { request: () => get('/v1/health'), expect: anyone(200) },
  'GET /openapi.json': { request: () => get('/openapi.json'), expect: anyone(200) },
  'GET /docs': { request: () => get('/docs'), expect: anyone(200) },
  'GET /dev/outbox': { request: () => get('/dev/outbox'), expect: anyone(200) },
  'GET /v1/libraries/{lib}': { request: () => get('/v1/libraries/demo'), expect: withKey(200) },
  'PATCH /v1/libraries/{lib}': { request: () => json('PATCH', '/v1/libraries/demo', { description: 'Edited by the matrix' }), expect: coordinatorOnly(200) },
  'GET /v1/libraries/{lib}/profiles': { request: () => get('/v1/libraries/demo/profiles'), expect: withKey(200) },
  'GET /v1/libraries/{lib}/profiles/{id}': { request: (ids) => get(`/v1/libraries/demo/profiles/${ids.profileId}`), expect: withKey(200) },
  // Sign-in routes are open to all; the answer depends on the body, not the caller.
  'POST /v1/libraries/{lib}/sessions': { request: () => json('POST', '/v1/libraries/demo/sessions', { token: 'not.a.jwt' }), expect: anyone(401) },
  'POST /v1/libraries/{lib}/email-links': { request: (ids) => json('POST', '/v1/libraries/demo/email-links', { email: `${ids.unique}@example.org` }), expect: anyone(202) },
  'POST /v1/libraries/{lib}/email-links/verify': { request: (ids) => json('POST', '/v1/libraries/demo/email-links/verify', { email: `${ids.unique}@example.org`, code: '000000' }), expect: anyone(401) },
  'POST /v1/libraries/{lib}/dev/sessions': { request: () => json('POST', '/v1/libraries/demo/dev/sessions', { as: 'member' }), expect: anyone(201) },
  // A minute a cell: sessions made for later cells stay valid.
  'GET /v1/dev/clock': { request: () => get('/v1/dev/clock'), expect: anyone(200) },
  'POST /v1/dev/clock': { request: () => json('POST', '/v1/dev/clock', { advanceMinutes: 1 }), expect: anyone(200) },
  'DELETE /v1/libraries/{lib}/sessions/current': { request: () => ({ path: '/v1/libraries/demo/sessions/current', init: { method: 'DELETE' } }), expect: signedIn(204) },
  'GET /v1/libraries/{lib}/me': { request: () => get('/v1/libraries/demo/me'), expect: signedIn(200) },
  // Erasing an account is hers alone; a key, or a session elsewhere, erases nobody.
  'DELETE /v1/libraries/{lib}/me': { request: () => ({ path: '/v1/libraries/demo/me', init: { method: 'DELETE' } }), freshCallers: true, expect: signedIn(204) },
  'GET /v1/libraries/{lib}/me/export': { request: () => get('/v1/libraries/demo/me/export'), expect: signedIn(200) },
  'GET /v1/libraries/{lib}/me/consents': { request: () => get('/v1/libraries/demo/me/consents'), expect: signedIn(200) },
  'PUT /v1/libraries/{lib}/me/consents/{purpose}': {
    request: () => json('PUT', '/v1/libraries/demo/me/consents/equality_monitoring', { wordingVersion: CONSENT_WORDING.equality_monitoring.version }),
    expect: signedIn(200),
  },
  'DELETE /v1/libraries/{lib}/me/consents/{purpose}': { request: () => ({ path: '/v1/libraries/demo/me/consents/equality_monitoring', init: { method: 'DELETE' } }), expect: signedIn(204) },
  // Each caller reads and writes only her own answers: none yet (404), and no consent to give them under (409).
  'GET /v1/libraries/{lib}/me/equality': { request: () => get('/v1/libraries/demo/me/equality'), expect: signedIn(404) },
  'PUT /v1/libraries/{lib}/me/equality': { request: () => json('PUT', '/v1/libraries/demo/me/equality', { ethnicCategory: 'Z', gender: 'prefer_not_to_say', disability: 'prefer_not_to_say' }), expect: signedIn(409) },
  'PATCH /v1/libraries/{lib}/me': { request: () => json('PATCH', '/v1/libraries/demo/me', { name: 'Chosen in the matrix' }), expect: signedIn(200) },
  // A fresh partner token for each cell: a new partner account, linked by whoever is signed in.
  'POST /v1/libraries/{lib}/me/identities': { request: (ids) => json('POST', '/v1/libraries/demo/me/identities', { token: partnerTokens.get(ids.unique) }), expect: signedIn(201) },
  'POST /v1/libraries/{lib}/partners': { request: () => json('POST', '/v1/libraries/demo/partners', { name: 'Matrix partner' }), expect: coordinatorOnly(201) },
  // A secret key lists only its own partner site: 200.
  'GET /v1/libraries/{lib}/partners': { request: () => get('/v1/libraries/demo/partners'), expect: statuses(401, 403, 403, 403, 200, 403, 200, 403) },
  'GET /v1/libraries/{lib}/partners/{id}': { request: (ids) => get(`/v1/libraries/demo/partners/${ids.partnerId}`), expect: coordinatorOrOwnPartner(200) },
  'PATCH /v1/libraries/{lib}/partners/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/partners/${ids.partnerId}`, { name: 'Renamed' }), expect: coordinatorOrOwnPartner(200) },
  'POST /v1/libraries/{lib}/partners/{id}/rotate': { request: (ids) => json('POST', `/v1/libraries/demo/partners/${ids.partnerId}/rotate`, { keys: ['jwt'] }), expect: coordinatorOrOwnPartner(200) },
  // Only the coordinator's cell removes its partner; the secret key's, later, meets a 404 either way.
  'DELETE /v1/libraries/{lib}/partners/{id}': {
    request: (ids) => ({ path: `/v1/libraries/demo/partners/${ids.removablePartnerId}`, init: { method: 'DELETE' } }),
    expect: coordinatorOrOwnPartner(204),
  },
  'POST /v1/libraries/{lib}/partners/{id}/webhook-secret': { request: (ids) => ({ path: `/v1/libraries/demo/partners/${ids.partnerId}/webhook-secret`, init: { method: 'POST' } }), expect: coordinatorOrOwnPartner(200) },
  'GET /v1/libraries/{lib}/partners/{id}/webhook-deliveries': { request: (ids) => get(`/v1/libraries/demo/partners/${ids.partnerId}/webhook-deliveries`), expect: coordinatorOrOwnPartner(200) },
  'POST /v1/libraries/{lib}/partners/{id}/webhook-deliveries/{deliveryId}/replay': {
    request: (ids) => ({ path: `/v1/libraries/demo/partners/${ids.partnerId}/webhook-deliveries/${ids.deliveryId}/replay`, init: { method: 'POST' } }),
    expect: coordinatorOrOwnPartner(202),
  },
  'POST /v1/libraries/{lib}/partners/{id}/webhook-test': { request: (ids) => ({ path: `/v1/libraries/demo/partners/${ids.partnerId}/webhook-test`, init: { method: 'POST' } }), expect: coordinatorOrOwnPartner(202) },
  'GET /v1/libraries/{lib}/members': { request: () => get('/v1/libraries/demo/members'), expect: coordinatorOnly(200) },
  'PATCH /v1/libraries/{lib}/members/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/members/${ids.memberId}`, { roles: ['member'] }), expect: coordinatorOnly(200) },
  'POST /v1/libraries/{lib}/invites': { request: (ids) => json('POST', '/v1/libraries/demo/invites', { email: `${ids.unique}@example.org` }), expect: coordinatorOnly(201) },
  'GET /v1/libraries/{lib}/invites': { request: () => get('/v1/libraries/demo/invites'), expect: coordinatorOnly(200) },
  // The request board: every member reads and posts; the owner (the demo member) or a coordinator edits; an expert with a published profile responds.
  'GET /v1/libraries/{lib}/requests': { request: () => get('/v1/libraries/demo/requests'), expect: signedIn(200) },
  'POST /v1/libraries/{lib}/requests': {
    request: () => json('POST', '/v1/libraries/demo/requests', { title: 'Matrix request', need: 'A need', project: { name: 'Matrix', stage: 'idea' }, category: 'leadership' }),
    expect: signedIn(201),
  },
  'GET /v1/libraries/{lib}/requests/{id}': { request: (ids) => get(`/v1/libraries/demo/requests/${ids.requestId}`), expect: signedIn(200) },
  'PATCH /v1/libraries/{lib}/requests/{id}': {
    request: (ids) => json('PATCH', `/v1/libraries/demo/requests/${ids.requestId}`, { title: 'Edited by the matrix' }),
    expect: statuses(401, 200, 403, 403, 200, 403, 401, 403),
  },
  'POST /v1/libraries/{lib}/requests/{id}/responses': {
    request: (ids) => json('POST', `/v1/libraries/demo/requests/${ids.requestId}/responses`, { message: 'From the matrix', proposedTimes: ['2099-01-05T09:00:00Z'] }),
    expect: statuses(401, 403, 201, 403, 403, 403, 401, 403),
  },
  'GET /v1/libraries/{lib}/requests/{id}/responses': { request: (ids) => get(`/v1/libraries/demo/requests/${ids.requestId}/responses`), expect: statuses(401, 200, 403, 403, 200, 403, 401, 403) },
  'POST /v1/libraries/{lib}/requests/{id}/responses/{responseId}/accept': {
    request: (ids) => json('POST', `/v1/libraries/demo/requests/${ids.acceptRequestId}/responses/${ids.acceptResponseId}/accept`, { startsAt: '2099-01-06T09:00:00Z', meetingPlace: 'Online' }),
    expect: statuses(401, 201, 403, 403, 403, 403, 401, 403),
  },
  'GET /v1/libraries/{lib}/credits': { request: () => get('/v1/libraries/demo/credits'), expect: signedIn(200) },
  // Members read their own statement; `account=fund` is for coordinators (credits.test.ts).
  'GET /v1/libraries/{lib}/credits/transfers': { request: () => get('/v1/libraries/demo/credits/transfers'), expect: signedIn(200) },
  'POST /v1/libraries/{lib}/credits/donations': { request: () => json('POST', '/v1/libraries/demo/credits/donations', { to: 'fund', hours: 0.5 }), expect: signedIn(201) },
  'POST /v1/libraries/{lib}/credits/grants': { request: (ids) => json('POST', '/v1/libraries/demo/credits/grants', { to: ids.memberId, hours: 0.5, reason: 'Matrix grant' }), expect: coordinatorOnly(201) },
  // A request to the demo expert's profile: her own profile is refused (422); anyone else with an hour of credit may ask.
  'POST /v1/libraries/{lib}/exchanges': {
    request: (ids) => json('POST', '/v1/libraries/demo/exchanges', { profileId: ids.profileId, message: 'Matrix request', proposedTimes: [ids.freeTime] }),
    exchange: 'requested',
    expect: statuses(401, 201, 422, 201, 201, 403, 401, 403),
  },
  'GET /v1/libraries/{lib}/exchanges': { request: () => get('/v1/libraries/demo/exchanges'), expect: signedIn(200) },
  'GET /v1/libraries/{lib}/exchanges/{id}': { request: (ids) => get(`/v1/libraries/demo/exchanges/${ids.exchangeId}`), exchange: 'requested', expect: exchangeParties(200, 200, 200) },
  'GET /v1/libraries/{lib}/exchanges/{id}/calendar.ics': { request: (ids) => get(exchangePath(ids, 'calendar.ics')), exchange: 'scheduled', expect: exchangeParties(200, 200, 200) },
  'POST /v1/libraries/{lib}/exchanges/{id}/accept': {
    request: (ids) => json('POST', exchangePath(ids, 'accept'), { startsAt: ids.startsAt, meetingPlace: 'https://meet.example.org/matrix' }),
    exchange: 'requested',
    expect: exchangeParties(403, 200),
  },
  'POST /v1/libraries/{lib}/exchanges/{id}/propose': { request: (ids) => json('POST', exchangePath(ids, 'propose'), { proposedTimes: [ids.freeTime] }), exchange: 'requested', expect: exchangeParties(403, 200) },
  'POST /v1/libraries/{lib}/exchanges/{id}/decline': { request: (ids) => json('POST', exchangePath(ids, 'decline'), {}), exchange: 'requested', expect: exchangeParties(403, 200) },
  'POST /v1/libraries/{lib}/exchanges/{id}/cancel': { request: (ids) => json('POST', exchangePath(ids, 'cancel'), { reason: 'Matrix' }), exchange: 'scheduled', expect: exchangeParties(200, 200) },
  'POST /v1/libraries/{lib}/exchanges/{id}/reschedule': { request: (ids) => json('POST', exchangePath(ids, 'reschedule'), { startsAt: ids.freeTime }), exchange: 'scheduled', expect: exchangeParties(200, 200) },
  // The member reports the expert; the expert reporting herself is her input error.
  'POST /v1/libraries/{lib}/exchanges/{id}/no-show': { request: (ids) => json('POST', exchangePath(ids, 'no-show'), { party: 'expert' }), exchange: 'started', expect: exchangeParties(200, 400) },
  'POST /v1/libraries/{lib}/exchanges/{id}/complete': { request: (ids) => json('POST', exchangePath(ids, 'complete'), {}), exchange: 'started', expect: exchangeParties(200, 200) },
  'POST /v1/libraries/{lib}/exchanges/{id}/dispute': { request: (ids) => json('POST', exchangePath(ids, 'dispute'), { reason: 'Matrix' }), exchange: 'started', expect: exchangeParties(200, 200) },
  'POST /v1/libraries/{lib}/exchanges/{id}/resolve': {
    request: (ids) => json('POST', exchangePath(ids, 'resolve'), { outcome: 'void', reason: 'Matrix' }),
    exchange: 'disputed',
    expect: exchangeParties(403, 403, 200),
  },
  'POST /v1/libraries/{lib}/exchanges/{id}/concerns': { request: (ids) => json('POST', exchangePath(ids, 'concerns'), { body: 'Matrix concern' }), exchange: 'scheduled', expect: exchangeParties(201, 201) },
  // Outcome logs: the parties write once the hour is completed; they and a coordinator read; the author alone replaces hers.
  'POST /v1/libraries/{lib}/exchanges/{id}/outcomes': { request: (ids) => json('POST', exchangePath(ids, 'outcomes'), { summary: 'Matrix outcome' }), exchange: 'completed', expect: exchangeParties(201, 201) },
  'GET /v1/libraries/{lib}/exchanges/{id}/outcomes': { request: (ids) => get(exchangePath(ids, 'outcomes')), exchange: 'completed', expect: exchangeParties(200, 200, 200) },
  // The feed: `public` items for the key, `library` items too for members; the same 200 for each.
  'GET /v1/libraries/{lib}/learning': { request: () => get('/v1/libraries/demo/learning'), expect: withKey(200) },
  'GET /v1/libraries/{lib}/exchanges/{id}/outcomes/{outcomeId}': { request: (ids) => get(exchangePath(ids, `outcomes/${ids.outcomeId}`)), exchange: 'logged', expect: exchangeParties(200, 200, 200) },
  'PUT /v1/libraries/{lib}/exchanges/{id}/outcomes/{outcomeId}': {
    request: (ids) => json('PUT', exchangePath(ids, `outcomes/${ids.outcomeId}`), { summary: 'Matrix outcome, edited' }),
    exchange: 'logged',
    expect: exchangeParties(200, 403),
  },
  'GET /v1/libraries/{lib}/surveys/due': { request: () => get('/v1/libraries/demo/surveys/due'), expect: signedIn(200) },
  'GET /v1/libraries/{lib}/surveys/{surveyId}': { request: (ids) => get(`/v1/libraries/demo/surveys/${ids.surveyId}`), expect: surveyOwner(200) },
  'POST /v1/libraries/{lib}/surveys/{surveyId}/answers': {
    request: (ids) => json('POST', `/v1/libraries/demo/surveys/${ids.surveyId}/answers`, { answers: { value: 4, learning: 3, would_recommend: true } }),
    expect: surveyOwner(200),
  },
  'GET /v1/libraries/{lib}/instruments': { request: () => get('/v1/libraries/demo/instruments'), expect: coordinatorOnly(200) },
  'PUT /v1/libraries/{lib}/instruments/{kind}': {
    request: () => json('PUT', '/v1/libraries/demo/instruments/follow_up_3m', { title: 'Matrix follow-up', questions: [{ id: 'confidence', text: 'How confident?', type: 'scale', min: 1, max: 7 }] }),
    expect: coordinatorOnly(200),
  },
  'GET /v1/libraries/{lib}/reports/summary': { request: () => get('/v1/libraries/demo/reports/summary'), expect: coordinatorOnly(200) },
  // The de-identified export also goes to the partner back end that runs the evaluation (its `sk_`).
  'GET /v1/libraries/{lib}/reports/export': { request: () => get('/v1/libraries/demo/reports/export?format=json'), expect: statuses(401, 403, 403, 403, 200, 403, 200, 403) },
  'GET /v1/libraries/{lib}/concerns': { request: () => get('/v1/libraries/demo/concerns'), expect: coordinatorOnly(200) },
  'PUT /v1/libraries/{lib}/members/{id}/booking-pause': { request: (ids) => json('PUT', `/v1/libraries/demo/members/${ids.memberId}/booking-pause`, { reason: 'Matrix' }), expect: coordinatorOnly(200) },
  'DELETE /v1/libraries/{lib}/members/{id}/booking-pause': { request: (ids) => ({ path: `/v1/libraries/demo/members/${ids.memberId}/booking-pause`, init: { method: 'DELETE' } }), expect: coordinatorOnly(200) },
  // Profiles: one per member, so each cell starts from the seeded state.
  'POST /v1/libraries/{lib}/profiles': {
    request: () => json('POST', '/v1/libraries/demo/profiles', { displayName: 'New Expert', careerStage: 'early' }),
    expect: statuses(401, 201, 409, 201, 201, 403, 401, 403),
  },
  'PATCH /v1/libraries/{lib}/profiles/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/profiles/${ids.profileId}`, { pronouns: 'she/her' }), expect: ownerOrCoordinator(200) },
  'GET /v1/libraries/{lib}/me/profile': { request: () => get('/v1/libraries/demo/me/profile'), expect: statuses(401, 404, 200, 404, 404, 403, 401, 403) },
  'POST /v1/libraries/{lib}/profiles/{id}/submit': {
    request: (ids) => ({ path: `/v1/libraries/demo/profiles/${ids.profileId}/submit`, init: { method: 'POST' } }),
    ownedProfileStatus: 'draft',
    expect: statuses(401, 404, 200, 404, 403, 403, 401, 403),
  },
  'POST /v1/libraries/{lib}/profiles/{id}/publish': {
    request: (ids) => ({ path: `/v1/libraries/demo/profiles/${ids.profileId}/publish`, init: { method: 'POST' } }),
    ownedProfileStatus: 'submitted',
    expect: statuses(401, 404, 200, 404, 200, 403, 401, 403),
  },
  'POST /v1/libraries/{lib}/profiles/{id}/pause': { request: (ids) => ({ path: `/v1/libraries/demo/profiles/${ids.profileId}/pause`, init: { method: 'POST' } }), expect: ownerOrCoordinator(200) },
  'POST /v1/libraries/{lib}/profiles/{id}/send-back': {
    request: (ids) => json('POST', `/v1/libraries/demo/profiles/${ids.profileId}/send-back`, { note: 'Add a story, please.' }),
    ownedProfileStatus: 'submitted',
    expect: coordinatorOnly(200),
  },
  'PUT /v1/libraries/{lib}/profiles/{id}/availability': {
    request: (ids) => json('PUT', `/v1/libraries/demo/profiles/${ids.profileId}/availability`, { windows: [{ weekday: 2, start: '09:00', end: '11:00' }], minimumNoticeHours: 48, weeklyCap: 3 }),
    expect: ownerOnly(200),
  },
  'GET /v1/libraries/{lib}/profiles/{id}/slots': { request: (ids) => get(`/v1/libraries/demo/profiles/${ids.profileId}/slots`), expect: withKey(200) },
  'GET /v1/libraries/{lib}/review-queue': { request: () => get('/v1/libraries/demo/review-queue'), expect: coordinatorOnly(200) },
  'POST /v1/libraries/{lib}/categories': { request: (ids) => json('POST', '/v1/libraries/demo/categories', { name: `Matrix ${ids.unique}` }), expect: coordinatorOnly(201) },
  'PATCH /v1/libraries/{lib}/categories/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/categories/${ids.categoryId}`, { name: 'Renamed' }), expect: coordinatorOnly(200) },
  'DELETE /v1/libraries/{lib}/categories/{id}': { request: (ids) => ({ path: `/v1/libraries/demo/categories/${ids.categoryId}`, init: { method: 'DELETE' } }), expect: coordinatorOnly(204) },
  'POST /v1/libraries/{lib}/skills': { request: (ids) => json('POST', '/v1/libraries/demo/skills', { name: `Matrix ${ids.unique}`, category: 'leadership' }), expect: coordinatorOnly(201) },
  'PATCH /v1/libraries/{lib}/skills/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/skills/${ids.skillId}`, { name: 'Renamed skill' }), expect: coordinatorOnly(200) },
  'DELETE /v1/libraries/{lib}/skills/{id}': { request: (ids) => ({ path: `/v1/libraries/demo/skills/${ids.skillId}`, init: { method: 'DELETE' } }), expect: coordinatorOnly(204) },
};

let server: TestServer;
let ids: Omit<Ids, 'unique' | 'exchangeId' | 'startsAt' | 'freeTime' | 'outcomeId'>;
let demoMemberId: string;
let expertMemberId: string;
let secretKey: string;
/** A partner token per cell (by its `unique`), signed up front since a row's request is synchronous. */
const partnerTokens = new Map<string, string>();
before(async () => {
  // No worker: cells set exchanges up in the past through the domain, and a worker on the real
  // clock may lapse a request made twenty days ago between its making and its acceptance.
  server = await startTestServer({ seed: true, worker: false, rateLimits: { signInPerMinute: 10_000, writesPerMinute: 10_000, codesPerEmail: 10_000, readsPerMinute: 10_000 } });
  const coordinator = bearer(await demoSession(server, 'coordinator'));
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Server-to-server' }, coordinator));
  secretKey = partner.body.secretKey;
  for (let cell = 1; cell <= 100 * CALLERS.length; cell++) {
    const sub = `matrix-user-${cell}`;
    const token = await new SignJWT({ email: `${sub}@partner.example` })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(partner.body.id)
      .setAudience('demo')
      .setSubject(sub)
      .setJti(sub)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(partner.body.jwtSecret));
    partnerTokens.set(`matrix${cell}`, token);
  }
  // With a webhook URL (never reached: no worker runs here), so its webhook routes have something to act on.
  const target = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Matrix target', webhookUrl: 'http://127.0.0.1:9/matrix-hook' }, coordinator));
  const delivery = await server.request(`/v1/libraries/demo/partners/${target.body.id}/webhook-test`, send('POST', undefined, coordinator));
  const removable = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Matrix removal target' }, coordinator));
  const library = await findLibrary(server.db, 'demo');
  const bystander = await grantRoles(server.db, library, { email: 'bystander@example.org', name: 'Bystander' }, ['member']);
  const [owned] = await server.db.select().from(schema.profiles).where(isNotNull(schema.profiles.memberId));
  expertMemberId = owned!.memberId!;
  const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Matrix target' }, coordinator));
  const skill = await server.request('/v1/libraries/demo/skills', send('POST', { name: 'Matrix target skill', category: 'leadership' }, coordinator));
  const [demoMember] = await server.db.select().from(schema.members).where(eq(schema.members.email, DEMO_PEOPLE.member.email));
  demoMemberId = demoMember!.id;
  // Every cell's exchange holds an hour of the demo member's: let her go far below zero rather than run out.
  await server.db.update(schema.libraries).set({ overdraftMinutes: 1_000_000 }).where(eq(schema.libraries.slug, 'demo'));
  const member = bearer(await demoSession(server, 'member'));
  const expert = bearer(await demoSession(server, 'expert'));
  const requestBody = { title: 'Matrix target', need: 'A need', project: { name: 'Matrix', stage: 'idea' }, category: 'leadership' };
  const request = await server.request('/v1/libraries/demo/requests', send('POST', requestBody, member));
  const toAccept = await server.request('/v1/libraries/demo/requests', send('POST', requestBody, member));
  const response = await server.request(`/v1/libraries/demo/requests/${toAccept.body.id}/responses`, send('POST', { message: 'Yes', proposedTimes: ['2099-01-06T09:00:00Z'] }, expert));
  const surveyId = 'svy_matrixsurvey0001';
  await server.db.insert(schema.surveys).values({
    id: surveyId,
    libraryId: library.id,
    memberId: demoMemberId,
    kind: 'after_exchange',
    instrumentVersion: 1,
    occasion: 'matrix',
    dueAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
  });
  ids = {
    surveyId,
    profileId: owned!.id,
    partnerId: target.body.id,
    removablePartnerId: removable.body.id,
    deliveryId: delivery.body.id,
    memberId: bystander.id,
    categoryId: category.body.id,
    skillId: skill.body.id,
    requestId: request.body.id,
    acceptRequestId: toAccept.body.id,
    acceptResponseId: response.body.id,
  };
});
after(() => server.close());

/**
 * Profiles made by earlier cells go; the demo expert's own profile takes the status the row needs,
 * and a weekly cap above the many hours the cells book with her (the availability row sets it back).
 */
async function resetProfiles(status: 'draft' | 'submitted' | 'published') {
  await server.db.delete(schema.profiles).where(and(isNotNull(schema.profiles.memberId), ne(schema.profiles.memberId, expertMemberId)));
  await server.db.update(schema.profiles).set({ status, weeklyExchangeCap: 1_000 }).where(eq(schema.profiles.id, ids.profileId));
}

const HOUR = 3_600_000;
let slot = 0;
/**
 * A fresh exchange for a cell, made through the domain at a `now` of its own: upcoming hours start
 * three days ahead (past the expert's notice), started ones lie in the past. Each cell's hour
 * (and the free hour after it) is its own, so no two overlap.
 */
async function exchangeIn(state: ExchangeSetup): Promise<{ exchangeId: string; startsAt: string; freeTime: string; outcomeId: string }> {
  const k = ++slot;
  const realNow = Date.now();
  const setupNow = new Date(state === 'requested' || state === 'scheduled' ? realNow : realNow - 20 * 24 * HOUR);
  const startsAt = new Date(Math.floor(setupNow.getTime() / HOUR) * HOUR + 72 * HOUR + k * 2 * HOUR).toISOString();
  const freeTime = new Date(Date.parse(startsAt) + HOUR).toISOString();
  const library = await findLibrary(server.db, 'demo');
  const asker = { kind: 'member' as const, memberId: demoMemberId, isCoordinator: false };
  const made = await requestExchange(server.db, { libraryId: library.id, memberId: demoMemberId, profileId: ids.profileId, message: 'Matrix', proposedTimes: [startsAt], now: setupNow });
  const input = { libraryId: library.id, exchangeId: made.id, now: setupNow };
  if (state !== 'requested') await acceptExchange(server.db, { ...input, actor: { kind: 'member', memberId: expertMemberId, isCoordinator: false }, startsAt, meetingPlace: 'Video' });
  const afterHour = new Date(Date.parse(startsAt) + HOUR);
  if (state === 'disputed') await disputeExchange(server.db, { ...input, actor: asker, reason: 'Matrix', now: afterHour });
  let outcomeId = 'out_nonenonenone';
  if (state === 'completed' || state === 'logged') {
    await confirmExchange(server.db, { ...input, actor: asker, now: afterHour });
    await confirmExchange(server.db, { ...input, actor: { kind: 'member', memberId: expertMemberId, isCoordinator: false }, now: afterHour });
  }
  if (state === 'logged') outcomeId = (await logOutcome(server.db, { ...input, actor: asker, log: { summary: 'Matrix outcome' }, now: afterHour })).id;
  return { exchangeId: made.id, startsAt, freeTime, outcomeId };
}

/** Fresh credentials for each cell, so a cell that signs out cannot spoil the next; fresh people too, given `unique`. */
async function headersFor(caller: CallerName, unique?: string): Promise<Record<string, string>> {
  const fresh = (roles: ('member' | 'expert' | 'coordinator')[], library = 'demo') => sessionFor(server, { email: `${unique}-${caller}@example.org`, name: `Fresh ${caller}`, roles, library });
  if (unique && caller === 'member') return fresh(['member']);
  if (unique && (caller === 'ownerExpert' || caller === 'otherExpert')) return fresh(['expert']);
  if (unique && caller === 'coordinator') return fresh(['coordinator']);
  if (unique && caller === 'otherLibraryCoordinator') {
    await headersFor(caller);
    return fresh(['coordinator'], 'elsewhere');
  }
  switch (caller) {
    case 'anonymous':
      return {};
    case 'member':
      return bearer(await demoSession(server, 'member'));
    case 'ownerExpert':
      return bearer(await demoSession(server, 'expert'));
    case 'otherExpert':
      return sessionFor(server, { email: 'other.expert@example.org', name: 'Other Expert', roles: ['expert'] });
    case 'coordinator':
      return bearer(await demoSession(server, 'coordinator'));
    case 'otherLibraryCoordinator': {
      const [existing] = await server.db.select().from(schema.libraries).where(eq(schema.libraries.slug, 'elsewhere'));
      if (!existing) await addLibrary(server.db, 'elsewhere');
      return sessionFor(server, { email: 'coordinator@elsewhere.example', name: 'Elsewhere Coordinator', roles: ['coordinator'], library: 'elsewhere' });
    }
    case 'secretKey':
      return bearer(secretKey);
    case 'publishableKeyWrongOrigin':
      return { 'x-tl-key': DEMO_PUBLISHABLE_KEY, origin: 'https://evil.example' };
  }
}

test('every route answers every kind of caller as the access rules say', async () => {
  const routes = [...new Set(server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`))];
  const missing = routes.filter((route) => !MATRIX[route]);
  assert.deepEqual(missing, [], 'routes without a row in the access matrix');

  const wrong: string[] = [];
  let cell = 0;
  for (const route of routes) {
    for (const caller of CALLERS) {
      await resetProfiles(MATRIX[route]!.ownedProfileStatus ?? 'published');
      const setup = MATRIX[route]!.exchange;
      const exchange = setup ? await exchangeIn(setup) : { exchangeId: 'exc_nonenonenone', startsAt: '', freeTime: '', outcomeId: 'out_nonenonenone' };
      const unique = `matrix${++cell}`;
      const { path, init = {} } = MATRIX[route]!.request({ ...ids, ...exchange, unique });
      const headers = { ...(init.headers as Record<string, string>), ...(await headersFor(caller, MATRIX[route]!.freshCallers && unique)) };
      const res = await server.request(path, { ...init, headers });
      const expected = MATRIX[route]!.expect[caller];
      if (res.status !== expected) wrong.push(`${route} as ${caller}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      if (res.status >= 400) assert.equal(res.headers.get('content-type'), 'application/problem+json', `${route} as ${caller}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(cell, routes.length * CALLERS.length);
});

test('the matrix has no rows for routes the app does not serve', () => {
  const routes = new Set(server.app.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  assert.deepEqual(Object.keys(MATRIX).filter((route) => !routes.has(route)), []);
});
