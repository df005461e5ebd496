import type {
  ProjectStage,
  RequestCreate,
  RequestExchange,
  RequestListQuery,
  RequestResponse,
  RequestResponseAccept,
  RequestResponseCreate,
  RequestResponsePage,
  RequestUpdate,
  SkillRequest,
  SkillRequestPage,
  TalkingLibraryClient,
} from '@talking-library/sdk';

/** The stages a project can be at, in order: the contract's, without bringing its validator along. */
export const PROJECT_STAGES: readonly ProjectStage[] = ['idea', 'planning', 'testing', 'implementing', 'spreading'];

interface Options {
  signal?: AbortSignal;
  ifMatch?: number | string;
}

// PROVISIONAL: `client.requests` as the contract implies, until sdk/src/resources/requests.ts lands
// on branch `requests`; then the SDK's own resource type replaces this interface.
export interface RequestsResource {
  create(library: string, body: RequestCreate, options?: Options): Promise<SkillRequest>;
  list(library: string, query?: RequestListQuery, options?: Options): PromiseLike<SkillRequestPage>;
  get(library: string, id: string, options?: Options): Promise<SkillRequest>;
  update(library: string, id: string, body: RequestUpdate, options?: Options): Promise<SkillRequest>;
  respond(library: string, id: string, body: RequestResponseCreate, options?: Options): Promise<RequestResponse>;
  responses(library: string, id: string, options?: Options): PromiseLike<RequestResponsePage>;
  accept(library: string, id: string, responseId: string, body: RequestResponseAccept, options?: Options): Promise<RequestExchange>;
}

export function requestsOf(client: TalkingLibraryClient): RequestsResource {
  return (client as unknown as { requests: RequestsResource }).requests;
}

export type { ProjectStage, RequestCreate, RequestExchange, RequestListQuery, RequestResponse, SkillRequest };
