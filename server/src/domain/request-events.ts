import type { RequestResponse, SkillRequest } from '@talking-library/sdk/schema';

/**
 * What the request board tells partner sites, one function per webhook event: the type and the
 * data it carries. The domain hands each to the `eventStatements` a caller gives (createRequest,
 * respondToRequest), whose statements join the write's own batch, so an event is sent exactly
 * when its change commits. routes/requests.ts wires them to `webhookEventStatement` (domain/webhooks.ts).
 */
export interface RequestEvent {
  type: 'request.created' | 'request.responded';
  data: Record<string, unknown>;
}

/** A request as a partner sees it: what was asked, for which project, with which skills. No one's email. */
function requestData(request: SkillRequest) {
  return {
    id: request.id,
    title: request.title,
    need: request.need,
    project: request.project,
    skills: request.skills.map(({ slug, name }) => ({ slug, name })),
    category: request.category && { slug: request.category.slug, name: request.category.name },
    status: request.status,
    lapsesAt: request.lapsesAt,
    owner: request.owner,
    createdAt: request.createdAt,
  };
}

export const requestCreatedEvent = (request: SkillRequest): RequestEvent => ({ type: 'request.created', data: { request: requestData(request) } });

export const requestRespondedEvent = (request: SkillRequest, response: RequestResponse): RequestEvent => ({
  type: 'request.responded',
  data: {
    request: { id: request.id, title: request.title, owner: request.owner },
    response: { id: response.id, expert: response.expert, proposedTimes: response.proposedTimes, createdAt: response.createdAt },
  },
});
