import { path, type RequestOptions, type Transport } from '../client.js';
import type { ReportExport, ReportExportQuery, ReportQuery, ReportSummary } from '../schema/reports.js';

/** The coordinators' evaluation figures; any figure about fewer than 5 people is `"fewer than 5"`. */
export class Reports {
  constructor(private readonly transport: Transport) {}

  /** `from` and `to` are days (YYYY-MM-DD, both inclusive); `category` a taxonomy slug. */
  summary(library: string, query: ReportQuery = {}, options?: RequestOptions): Promise<ReportSummary> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/reports/summary`, query }, options);
  }

  /** The de-identified export for publication, rows and data dictionary together (coordinators, or a partner's secret key). */
  exportJson(library: string, query: Omit<ReportExportQuery, 'format' | 'part'> = {}, options?: RequestOptions): Promise<ReportExport> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/reports/export`, query: { ...query, format: 'json' } }, options);
  }

  /** The same as one spreadsheet-ready CSV file (`part: 'dictionary'` for the columns' descriptions). */
  exportCsv(library: string, query: Omit<ReportExportQuery, 'format'> = {}, options?: RequestOptions): Promise<string> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/reports/export`, query: { ...query, format: 'csv' }, accept: 'text/csv' }, options);
  }
}
