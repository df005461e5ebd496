import type { Context } from 'hono';
import { Consent, ConsentGive, ConsentList, ConsentPathParams, EqualityAnswers, EqualityAnswersWrite, LibraryPathParams, MemberExport } from '@talking-library/sdk/schema';
import { answerEquality, equalityAnswersOf, giveConsent, listConsents, withdrawConsent } from '../domain/consents.js';
import { NotFoundError } from '../domain/errors.js';
import { eraseMember, exportMemberData } from '../domain/member-data.js';
import { currentActor } from '../http/auth.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';

const tags = ['Privacy'];

const EQUALITY_APART =
  'The answers are special-category data: they live in their own table, are never joined into profiles, search, public payloads, webhooks or logs, and reach coordinators only as report totals of 5 or more people.';

const who = (c: Context<AppEnv>) => ({ libraryId: c.get('library').id, memberId: currentActor(c).member.id });

/** A member's consents, her equality-monitoring answers, her data to take away, and erasing her account. */
export function privacyRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const consentsRoute = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/me/consents',
    tags,
    operationId: 'listConsents',
    summary: 'Each purpose you may consent to: its wording now, and whether your consent stands',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(ConsentList, 'One entry per purpose.'), ...problemResponses(401, 403, 404) },
  });
  const give = guardedRoute(deps, 'member', {
    method: 'put',
    path: '/v1/libraries/{lib}/me/consents/{purpose}',
    tags,
    operationId: 'giveConsent',
    summary: 'Give your consent to a purpose, to the wording you were shown',
    description: 'Recorded with who, when and which version of the wording. Giving it again to the same wording changes nothing. Consent to wording that has since changed is 422 `consent_wording_changed` naming `wordingVersion`.',
    request: { params: ConsentPathParams, body: jsonBody(ConsentGive) },
    responses: { 200: jsonResponse(Consent, 'Your consent.'), ...problemResponses(400, 401, 403, 404, 422) },
  });
  const withdraw = guardedRoute(deps, 'member', {
    method: 'delete',
    path: '/v1/libraries/{lib}/me/consents/{purpose}',
    tags,
    operationId: 'withdrawConsent',
    summary: 'Withdraw your consent: what it allowed is deleted at once',
    description: 'Withdrawing `equality_monitoring` deletes your equality-monitoring answers in the same write. Withdrawing a consent you have not given changes nothing.',
    request: { params: ConsentPathParams },
    responses: { 204: { description: 'Withdrawn.' }, ...problemResponses(400, 401, 403, 404) },
  });
  const readEquality = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/me/equality',
    tags,
    operationId: 'getEqualityAnswers',
    summary: 'Your equality-monitoring answers (only yours: nobody else reads them)',
    description: `404 when you have given none. ${EQUALITY_APART}`,
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(EqualityAnswers, 'Your answers.'), ...problemResponses(401, 403, 404) },
  });
  const answer = guardedRoute(deps, 'member', {
    method: 'put',
    path: '/v1/libraries/{lib}/me/equality',
    tags,
    operationId: 'answerEquality',
    summary: 'Answer the equality-monitoring questions (ethnic group, gender, disability), each with “prefer not to say”',
    description: `Only while your consent to \`equality_monitoring\` stands (otherwise 409 \`consent_required\`). Replaces earlier answers. \`ethnicCategory\` is an NHS Data Dictionary ethnic category code; \`Z\` means not stated. ${EQUALITY_APART}`,
    request: { params: LibraryPathParams, body: jsonBody(EqualityAnswersWrite) },
    responses: { 200: jsonResponse(EqualityAnswers, 'Your answers.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const exportRoute = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/me/export',
    tags,
    operationId: 'exportMyData',
    summary: 'Everything this library holds about you, as one JSON file',
    description: 'Your account, partner identities, sessions (never their tokens), profile and stories, skill requests, responses, exchanges, outcome logs, credit transfers, consents, equality answers and surveys with their answers.',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(MemberExport, 'Your data, as an attachment.'), ...problemResponses(401, 403, 404) },
  });
  const erase = guardedRoute(deps, 'member', {
    method: 'delete',
    path: '/v1/libraries/{lib}/me',
    tags,
    operationId: 'eraseMe',
    summary: 'Erase your account',
    description:
      'Your profile and stories, outcome logs, equality answers and consents, sessions and partner identities go, and your words in requests, responses and exchanges are emptied. ' +
      'Your credit transfers stay, on an account that no longer names you, so the library’s books still balance. While an exchange of yours is under way (requested, scheduled or disputed) it is 409 `open_exchanges`: cancel it or see it through first. Nobody can sign in to an erased account.',
    request: { params: LibraryPathParams },
    responses: { 204: { description: 'Erased; this session has ended with it.' }, ...problemResponses(401, 403, 404, 409) },
  });

  return createRouter()
    .openapi(consentsRoute, async (c) => c.json({ data: await listConsents(db, who(c)) }, 200))
    .openapi(give, async (c) => {
      const { purpose } = c.req.valid('param');
      return c.json(await giveConsent(db, { ...who(c), purpose, wordingVersion: c.req.valid('json').wordingVersion, now: clock.now() }), 200);
    })
    .openapi(withdraw, async (c) => {
      await withdrawConsent(db, { ...who(c), purpose: c.req.valid('param').purpose, now: clock.now() });
      return c.body(null, 204);
    })
    .openapi(readEquality, async (c) => {
      const answers = await equalityAnswersOf(db, who(c));
      if (!answers) throw new NotFoundError('equality answers', 'yours');
      return c.json(answers, 200);
    })
    .openapi(answer, async (c) => c.json(await answerEquality(db, { ...who(c), answers: c.req.valid('json'), now: clock.now() }), 200))
    .openapi(exportRoute, async (c) => {
      const data = await exportMemberData(db, who(c), clock.now());
      return c.json(data, 200, { 'content-disposition': `attachment; filename="talking-library-${c.get('library').slug}-my-data.json"`, 'cache-control': 'no-store' });
    })
    .openapi(erase, async (c) => {
      await eraseMember(db, who(c), clock.now());
      return c.body(null, 204);
    });
}
