import { path, type RequestOptions, type Transport } from '../client.js';
import type { ReportQuery, ReportSummary } from '../schema/reports.js';

/** The coordinators' evaluation figures; any figure about fewer than 5 people is `"fewer than 5"`. */
export class Reports {
  constructor(private readonly transport: Transport) {}

  /** `from` and `to` are days (YYYY-MM-DD, both inclusive); `category` a taxonomy slug. */
  summary(library: string, query: ReportQuery = {}, options?: RequestOptions): Promise<ReportSummary> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/reports/summary`, query }, options);
  }
}
