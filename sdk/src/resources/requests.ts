import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { PageQuery } from '../schema/common.js';
import type { ExchangeDetail } from '../schema/exchanges.js';
import type {
  RequestCreate,
  RequestListQuery,
  RequestResponse,
  RequestResponseAccept,
  RequestResponseCreate,
  RequestResponsePage,
  RequestUpdate,
  SkillRequest,
  SkillRequestPage,
} from '../schema/requests.js';

/**
 * The request board: members post skill requests for their projects, experts respond, the owner
 * accepts one. Every unsafe call carries an Idempotency-Key (the client's, or `options.idempotencyKey`),
 * so a retry never posts, responds or schedules twice.
 */
export class Requests {
  constructor(private readonly transport: Transport) {}

  /** The board: open requests, those matching your skills first. Await for one page, or `for await` over every request. */
  list(library: string, query: RequestListQuery = {}, options?: RequestOptions): PagePromise<SkillRequest, SkillRequestPage> {
    return new PagePromise(
      (cursor) => this.transport.request<SkillRequestPage>({ method: 'GET', path: path`/v1/libraries/${library}/requests`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  /** One request; to its owner with every response, to an expert with her own. */
  get(library: string, id: string, options?: RequestOptions): Promise<SkillRequest> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/requests/${id}` }, options);
  }

  create(library: string, body: RequestCreate, options?: RequestOptions): Promise<SkillRequest> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/requests`, body }, options);
  }

  /** Edits, closes (`status: 'closed'`) or renews (`renew: true`) a request; pass `ifMatch` to change only the version you read. */
  update(library: string, id: string, body: RequestUpdate, options?: RequestOptions): Promise<SkillRequest> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/requests/${id}`, body }, options);
  }

  /** Takes the request off the board. */
  close(library: string, id: string, closedReason?: string, options?: RequestOptions): Promise<SkillRequest> {
    return this.update(library, id, { status: 'closed', ...(closedReason === undefined ? {} : { closedReason }) }, options);
  }

  /** Keeps the request on the board for the library's lapse period from now (reopening a lapsed one). */
  renew(library: string, id: string, options?: RequestOptions): Promise<SkillRequest> {
    return this.update(library, id, { renew: true }, options);
  }

  /** Experts: offer an hour, with a message and one to three times. */
  respond(library: string, id: string, body: RequestResponseCreate, options?: RequestOptions): Promise<RequestResponse> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/requests/${id}/responses`, body }, options);
  }

  /** The owner: the responses to her request, oldest first. */
  responses(library: string, id: string, query: PageQuery = {}, options?: RequestOptions): PagePromise<RequestResponse, RequestResponsePage> {
    return new PagePromise(
      (cursor) =>
        this.transport.request<RequestResponsePage>({ method: 'GET', path: path`/v1/libraries/${library}/requests/${id}/responses`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  /** The owner: accepts a response at one of its times, scheduling the exchange and holding an hour of her credit. */
  accept(library: string, id: string, responseId: string, body: RequestResponseAccept, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/requests/${id}/responses/${responseId}/accept`, body }, options);
  }
}
