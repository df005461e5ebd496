/**
 * The "Show more" read of a cursor-paged list: one at a time, and dropped when a new search
 * replaces the list while it is on its way, so the old query's next page never joins the new list.
 */
export class NextPageRead {
  #request: AbortController | undefined;

  /** Whether a read is on its way. */
  get busy(): boolean {
    return this.#request !== undefined;
  }

  /** The page `read` returns, or undefined when it was dropped meanwhile; its error otherwise. */
  async run<P>(read: (signal: AbortSignal) => PromiseLike<P>): Promise<P | undefined> {
    const request = new AbortController();
    this.#request = request;
    try {
      const page = await read(request.signal);
      return request.signal.aborted ? undefined : page;
    } catch (error) {
      if (request.signal.aborted) return undefined;
      throw error;
    } finally {
      if (this.#request === request) this.#request = undefined;
    }
  }

  /** Aborts the read on its way, if any: a new search has begun. Returns whether there was one. */
  drop(): boolean {
    const dropped = this.#request !== undefined;
    this.#request?.abort();
    this.#request = undefined;
    return dropped;
  }
}
