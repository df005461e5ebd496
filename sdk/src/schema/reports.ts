import { z } from 'zod';
import { Slug } from './common.js';

/**
 * The coordinators' evaluation summary. Any figure about fewer than 5 people is the string
 * `"fewer than 5"` instead of a number, and so is a second cell wherever one hidden cell could be
 * had back by subtraction from a total.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (what: string) =>
  z
    .string()
    .regex(ISO_DATE, { error: 'must be a date, YYYY-MM-DD' })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: 'must be a real date, YYYY-MM-DD' })
    .optional()
    .meta({ description: what });

const PeriodFields = z.object({
  from: isoDate('The first day of the period (UTC), inclusive; from the library’s start when absent.'),
  to: isoDate('The last day of the period (UTC), inclusive; up to now when absent.'),
  category: Slug.optional().meta({ description: 'A category’s slug: only exchanges, requests and profiles about it. One the library does not have is a 400.' }),
});
const inOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const IN_ORDER = { error: 'must not be before `from`', path: ['to'] };

export const ReportQuery = PeriodFields.refine(inOrder, IN_ORDER);

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export const ReportExportQuery = PeriodFields.extend({
  format: z.enum(EXPORT_FORMATS, { error: 'must be csv or json' }).meta({ description: '`csv` (one file, opens in a spreadsheet) or `json` (rows and the data dictionary together).' }),
  part: z
    .enum(['rows', 'dictionary'], { error: 'must be rows or dictionary' })
    .default('rows')
    .meta({ description: 'For `csv`: the rows, or the data dictionary describing each column. `json` always carries both.' }),
}).refine(inOrder, IN_ORDER);

export const ExportColumn = z.object({ name: z.string(), type: z.enum(['text', 'integer', 'number', 'boolean', 'date']), description: z.string() }).meta({ id: 'ExportColumn' });
export const ReportExport = z
  .object({
    generatedAt: z.string(),
    period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    category: z.string().nullable(),
    dictionary: z.array(ExportColumn),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  })
  .meta({ id: 'ReportExport' });

export const FEWER_THAN_5 = 'fewer than 5' as const;
const Shown = z.union([z.number(), z.literal(FEWER_THAN_5)]).meta({ id: 'ShownFigure', description: 'A number, or "fewer than 5" where it would be about fewer than 5 people.' });
const ShownOrNone = Shown.nullable().meta({ description: 'As a figure, or null when there is nothing to work it out from.' });
const YesNo = z.object({ yes: Shown, no: Shown }).meta({ description: 'Both hidden together wherever one would be about fewer than 5 people.' });
const CareerOutcome = z.object({
  experts: Shown.meta({ description: 'Experts who answered this follow-up in the period.' }),
  confidenceChange: ShownOrNone.meta({ description: 'Mean change in confidence leading digital improvement (1–7), follow-up less baseline.' }),
  promotion: YesNo,
  newRole: YesNo,
  newResponsibilities: YesNo,
});
const Supply = z.object({ slug: z.string(), name: z.string(), profilesOffering: Shown, requestsAsking: Shown });

export const ReportSummary = z
  .object({
    period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    category: z.string().nullable(),
    generatedAt: z.string(),
    exchanges: z.object({
      requested: Shown,
      scheduled: Shown.meta({ description: 'Reached `scheduled` at some point.' }),
      completed: Shown,
      byOutcome: z.object({ completed: Shown, cancelled: Shown, declined: Shown, lapsed: Shown, no_show: Shown, disputed: Shown, open: Shown }),
      hoursExchanged: Shown,
      completionRate: ShownOrNone.meta({ description: 'Completed, of those scheduled (0 to 1).' }),
      noShowRate: ShownOrNone.meta({ description: 'No-shows, of those scheduled (0 to 1).' }),
      cancellationRate: ShownOrNone.meta({ description: 'Cancelled, of those asked for (0 to 1).' }),
    }),
    firstResponseHours: z.object({
      exchanges: ShownOrNone.meta({ description: 'Median hours from an exchange being asked for to the expert’s first answer.' }),
      requests: ShownOrNone.meta({ description: 'Median hours from a skill request being posted to its first response.' }),
    }),
    supplyAndDemand: z.object({ categories: z.array(Supply), skills: z.array(Supply) }),
    valueToProject: z.object({
      ratings: Shown,
      byRating: z.object({ 1: Shown, 2: Shown, 3: Shown, 4: Shown, 5: Shown }),
      mean: ShownOrNone,
    }),
    careerOutcomes: z
      .object({ threeMonths: CareerOutcome, sixMonths: CareerOutcome })
      .meta({ description: 'Experts’ follow-ups 3 and 6 months after their first exchange, answered in the period, against their baseline.' }),
    creditEquity: z.object({
      experts: Shown,
      topTenthShare: ShownOrNone.meta({ description: 'Share of the hours given that the top tenth of experts gave (0 to 1).' }),
      gini: ShownOrNone.meta({ description: 'Gini coefficient of the hours each expert gave: 0 even, towards 1 uneven.' }),
      byExpert: z.array(z.object({ profileId: z.string(), displayName: z.string(), hoursGiven: z.number(), hoursReceived: z.number(), net: z.number() })),
    }),
  })
  .meta({ id: 'ReportSummary' });

export type ReportQuery = z.input<typeof ReportQuery>;
export type ReportSummary = z.infer<typeof ReportSummary>;
export type ReportExportQuery = z.input<typeof ReportExportQuery>;
export type ReportExport = z.infer<typeof ReportExport>;
