import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { CreditBalance, CreditTransfer, CreditTransferPage, CreditTransfersQuery, DonationCreate, GrantCreate } from '../schema/credits.js';

/** Time credits: your balance and statement, donations; coordinators' grants from the fund. */
export class Credits {
  constructor(private readonly transport: Transport) {}

  /** Balance, held and available, in hours and in minutes. */
  balance(library: string, options?: RequestOptions): Promise<CreditBalance> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/credits` }, options);
  }

  /** Oldest first, with the running balance: await for one page, or `for await` over every transfer. */
  transfers(library: string, query: CreditTransfersQuery = {}, options?: RequestOptions): PagePromise<CreditTransfer, CreditTransferPage> {
    return new PagePromise(
      (cursor) => this.transport.request<CreditTransferPage>({ method: 'GET', path: path`/v1/libraries/${library}/credits/transfers`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  /** Gives hours to the fund or another member; the client's Idempotency-Key makes a retry move nothing twice. */
  donate(library: string, body: DonationCreate, options?: RequestOptions): Promise<CreditTransfer> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/credits/donations`, body }, options);
  }

  /** Coordinators: grants hours from the library's fund, with a reason. */
  grant(library: string, body: GrantCreate, options?: RequestOptions): Promise<CreditTransfer> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/credits/grants`, body }, options);
  }
}
