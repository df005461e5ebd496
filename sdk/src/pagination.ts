import type { Page } from './schema/common.js';

type FetchPage<T, P extends Page<T>> = (cursor: string | undefined) => Promise<P>;

/**
 * A list call: `await` it for the first page, or `for await` over it to walk every item of every
 * page, fetching the next page only when the previous one is used up.
 */
export class PagePromise<T, P extends Page<T> = Page<T>> implements PromiseLike<P>, AsyncIterable<T> {
  readonly #fetchPage: FetchPage<T, P>;
  readonly #firstCursor: string | undefined;
  #first: Promise<P> | undefined;

  constructor(fetchPage: FetchPage<T, P>, firstCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#firstCursor = firstCursor;
  }

  #firstPage(): Promise<P> {
    this.#first ??= this.#fetchPage(this.#firstCursor);
    return this.#first;
  }

  then<A = P, B = never>(
    onFulfilled?: ((page: P) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.#firstPage().catch(onRejected);
  }

  /** Every page in turn, starting with the first. */
  async *pages(): AsyncGenerator<P> {
    let page = await this.#firstPage();
    yield page;
    while (page.nextCursor) {
      page = await this.#fetchPage(page.nextCursor);
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page.data;
  }
}
