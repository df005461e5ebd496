import type { Context } from 'hono';
import { LibraryPathParams, Survey, SurveyAnswersWrite, SurveyList, SurveyPathParams } from '@talking-library/sdk/schema';
import { answerSurvey, dueSurveys, getSurvey } from '../domain/surveys.js';
import { currentActor } from '../http/auth.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';

const tags = ['Surveys'];

const OWNED = 'A survey is owed by one member: to anyone else, coordinators included, it does not exist (404).';

const owner = (c: Context<AppEnv>) => ({ libraryId: c.get('library').id, memberId: currentActor(c).member.id });

/** The surveys a member owes, and answering them. */
export function surveyRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const due = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/surveys/due',
    tags,
    operationId: 'listDueSurveys',
    summary: 'The surveys waiting for you, oldest due first, each with its questions',
    description:
      'Surveys fall due by themselves: a baseline when you become an expert, a short survey for both parties after each completed exchange, and follow-ups 3 and 6 months after your first exchange as an expert. Each asks the version of its instrument current when it fell due. One reminder is emailed if it is still unanswered a week later.',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(SurveyList, 'Your unanswered surveys.'), ...problemResponses(401, 403, 404) },
  });
  const read = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/surveys/{surveyId}',
    tags,
    operationId: 'getSurvey',
    summary: 'One of your surveys, answered or not',
    description: OWNED,
    request: { params: SurveyPathParams },
    responses: { 200: jsonResponse(Survey, 'The survey.'), ...problemResponses(400, 401, 403, 404) },
  });
  const answer = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/surveys/{surveyId}/answers',
    tags,
    operationId: 'answerSurvey',
    summary: 'Answer one of your surveys, once',
    description: `Answers by question id, checked against the questions of the survey's version: a scale takes a whole number in its range, a choice one of its options, a yes/no true or false, a text at most its length. Each answer that does not fit is a 400 naming \`body.answers.<questionId>\`. The answers are kept with that version. A second answer is 409 \`survey_answered\`. ${OWNED}`,
    request: { params: SurveyPathParams, body: jsonBody(SurveyAnswersWrite) },
    responses: { 200: jsonResponse(Survey, 'The survey with your answers.'), ...problemResponses(400, 401, 403, 404, 409) },
  });

  return createRouter()
    .openapi(due, async (c) => c.json({ data: await dueSurveys(db, { ...owner(c), now: clock.now() }) }, 200))
    .openapi(read, async (c) => c.json(await getSurvey(db, { ...owner(c), surveyId: c.req.valid('param').surveyId }), 200))
    .openapi(answer, async (c) => {
      const survey = await answerSurvey(db, { ...owner(c), surveyId: c.req.valid('param').surveyId, answers: c.req.valid('json').answers, now: clock.now() });
      return c.json(survey, 200);
    });
}
