import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type {
  BookingPause,
  BookingPauseSet,
  Concern,
  ConcernCreate,
  ConcernPage,
  ConcernReceipt,
  Exchange,
  ExchangeAccept,
  ExchangeCancel,
  ExchangeCreate,
  ExchangeDecline,
  ExchangeDetail,
  ExchangeDispute,
  ExchangeNoShow,
  ExchangePage,
  ExchangePropose,
  ExchangeReschedule,
  ExchangeResolve,
  ExchangesQuery,
} from '../schema/exchanges.js';
import type { PageQuery } from '../schema/common.js';
import type { OutcomeLog, OutcomeLogPage, OutcomeLogWrite } from '../schema/outcomes.js';

/**
 * One-hour exchanges: ask an expert for an hour, answer, and everything after. Every unsafe call
 * carries an Idempotency-Key (generated unless given), reused across retries, so a retried accept
 * never schedules or holds twice. An action the exchange's state does not allow rejects with a
 * ConflictError whose code is `exchange_state_conflict`; `allowedActions` on each exchange says
 * what the caller may do now.
 */
export class Exchanges {
  constructor(private readonly transport: Transport) {}

  /** Asks an expert (by her profile) for an hour at one of up to three times; a slot from availability is a one-item list. */
  create(library: string, body: ExchangeCreate, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/exchanges`, body }, options);
  }

  /** Your exchanges, newest first: await for one page, or `for await` over all. */
  list(library: string, query: ExchangesQuery = {}, options?: RequestOptions): PagePromise<Exchange, ExchangePage> {
    return new PagePromise(
      (cursor) => this.transport.request<ExchangePage>({ method: 'GET', path: path`/v1/libraries/${library}/exchanges`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  /** One exchange with its events. */
  get(library: string, id: string, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/exchanges/${id}` }, options);
  }

  /**
   * The exchange as an iCalendar file's text (for its two parties and coordinators): the same
   * event as the booking mail's invite, moved by each reschedule, its cancellation once it is
   * cancelled. An exchange with no agreed time rejects with a ConflictError
   * (`exchange_state_conflict`) naming its state.
   */
  calendar(library: string, id: string, options?: RequestOptions): Promise<string> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/exchanges/${id}/calendar.ics`, accept: 'text/calendar' }, options);
  }

  #act<B>(library: string, id: string, action: string, body: B, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/exchanges/${id}/${action}`, body }, options);
  }

  /** Picks one of the proposed times and says where you will meet; holds the member's hour. */
  accept(library: string, id: string, body: ExchangeAccept, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'accept', body, options);
  }

  /** Proposes other times; the other side then accepts one. */
  propose(library: string, id: string, body: ExchangePropose, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'propose', body, options);
  }

  decline(library: string, id: string, body: ExchangeDecline = {}, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'decline', body, options);
  }

  cancel(library: string, id: string, body: ExchangeCancel, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'cancel', body, options);
  }

  reschedule(library: string, id: string, body: ExchangeReschedule, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'reschedule', body, options);
  }

  /** Reports that the other party did not come. */
  noShow(library: string, id: string, body: ExchangeNoShow, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'no-show', body, options);
  }

  /** Confirms the hour took place; when both have, the hour moves to the expert. */
  complete(library: string, id: string, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'complete', {}, options);
  }

  dispute(library: string, id: string, body: ExchangeDispute, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'dispute', body, options);
  }

  /** Coordinators: settles a dispute. */
  resolve(library: string, id: string, body: ExchangeResolve, options?: RequestOptions): Promise<ExchangeDetail> {
    return this.#act(library, id, 'resolve', body, options);
  }

  /** Tells the coordinators (only) of a concern about the exchange. */
  reportConcern(library: string, id: string, body: ConcernCreate, options?: RequestOptions): Promise<ConcernReceipt> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/exchanges/${id}/concerns`, body }, options);
  }

  /**
   * Logs what came of a completed exchange you took part in: once per party (a second rejects
   * with a ConflictError, code `outcome_exists`; replace yours with `replaceOutcome`). Before it
   * is completed, a ConflictError with code `exchange_state_conflict`. `valueRating`, `project`
   * and `nameExpert` are the member's; `nameMeInPublic` is the expert's agreement to be named in
   * public. `share` defaults to `private`.
   */
  logOutcome(library: string, id: string, body: OutcomeLogWrite, options?: RequestOptions): Promise<OutcomeLog> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/exchanges/${id}/outcomes`, body }, options);
  }

  /** The exchange's outcome logs (at most two, the member's first), for its parties and coordinators. */
  async outcomes(library: string, id: string, options?: RequestOptions): Promise<OutcomeLog[]> {
    const page = await this.transport.request<OutcomeLogPage>({ method: 'GET', path: path`/v1/libraries/${library}/exchanges/${id}/outcomes` }, options);
    return page.data;
  }

  /** One outcome log. */
  outcome(library: string, id: string, outcomeId: string, options?: RequestOptions): Promise<OutcomeLog> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/exchanges/${id}/outcomes/${outcomeId}` }, options);
  }

  /** Replaces your outcome log whole; pass `ifMatch` (its `version`) to change only the version you read (a PreconditionFailedError otherwise). */
  replaceOutcome(library: string, id: string, outcomeId: string, body: OutcomeLogWrite, options?: RequestOptions): Promise<OutcomeLog> {
    return this.transport.request({ method: 'PUT', path: path`/v1/libraries/${library}/exchanges/${id}/outcomes/${outcomeId}`, body }, options);
  }
}

/** Coordinators' safeguarding: the concerns reported, and pauses on a member's bookings. */
export class Safeguarding {
  constructor(private readonly transport: Transport) {}

  concerns(library: string, query: PageQuery = {}, options?: RequestOptions): PagePromise<Concern, ConcernPage> {
    return new PagePromise(
      (cursor) => this.transport.request<ConcernPage>({ method: 'GET', path: path`/v1/libraries/${library}/concerns`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  pauseBookings(library: string, memberId: string, body: BookingPauseSet, options?: RequestOptions): Promise<BookingPause> {
    return this.transport.request({ method: 'PUT', path: path`/v1/libraries/${library}/members/${memberId}/booking-pause`, body }, options);
  }

  resumeBookings(library: string, memberId: string, options?: RequestOptions): Promise<BookingPause> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/members/${memberId}/booking-pause` }, options);
  }
}
