import type { TalkingLibraryClient } from '@talking-library/sdk';

// PROVISIONAL: the request board's contract as the widget expects it, until branch `requests`
// brings `client.requests` and its types into the SDK. Replaced by SDK imports at that merge.

export type ProjectStage = 'idea' | 'planning' | 'testing' | 'implementing' | 'spreading';
export const PROJECT_STAGES: readonly ProjectStage[] = ['idea', 'planning', 'testing', 'implementing', 'spreading'];

export interface SkillRequestCreate {
  title: string;
  need: string;
  project: { name: string; aim: string; stage: ProjectStage };
  skills: string[];
  category: string;
}

export interface RequestResponse {
  id: string;
  expert: { id: string; name: string; profileId?: string; timeZone?: string };
  message: string;
  proposedTimes: string[];
  status: 'open' | 'accepted' | 'not_chosen' | 'withdrawn';
  exchangeId: string | null;
  createdAt: string;
}

export interface SkillRequest {
  id: string;
  title: string;
  need: string;
  project: { name: string; aim: string; stage: ProjectStage };
  skills: { id: string; slug: string; name: string }[];
  category: { id: string; slug: string; name: string } | null;
  status: 'open' | 'matched' | 'closed' | 'lapsed';
  lapsesAt: string;
  member: { id: string; name: string };
  responseCount?: number;
  /** The owner's view. */
  responses?: RequestResponse[];
  /** An expert's own response, when she has one. */
  myResponse?: RequestResponse | null;
  version: number;
  createdAt: string;
}

export interface SkillRequestPage {
  data: SkillRequest[];
  nextCursor: string | null;
}

export interface SkillRequestQuery {
  q?: string;
  category?: string;
  skill?: string[];
  mine?: boolean;
  limit?: number;
  cursor?: string;
}

export interface ScheduledExchange {
  id: string;
  status: string;
  startsAt: string | null;
  meetingPlace: string | null;
}

interface Options {
  signal?: AbortSignal;
  ifMatch?: number | string;
}

export interface RequestsResource {
  create(library: string, body: SkillRequestCreate, options?: Options): Promise<SkillRequest>;
  list(library: string, query?: SkillRequestQuery, options?: Options): PromiseLike<SkillRequestPage>;
  get(library: string, id: string, options?: Options): Promise<SkillRequest>;
  update(library: string, id: string, body: { status?: 'closed'; closedReason?: string; renew?: true }, options?: Options): Promise<SkillRequest>;
  respond(library: string, id: string, body: { message: string; proposedTimes: string[] }, options?: Options): Promise<RequestResponse>;
  responses(library: string, id: string, options?: Options): PromiseLike<{ data: RequestResponse[] }>;
  accept(library: string, id: string, responseId: string, body: { startsAt: string; meetingPlace: string }, options?: Options): Promise<ScheduledExchange>;
}

export function requestsOf(client: TalkingLibraryClient): RequestsResource {
  return (client as unknown as { requests: RequestsResource }).requests;
}
