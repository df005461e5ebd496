import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { Library, ReportQuery, ReportSummary } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Libraries } from '@talking-library/sdk/resources/libraries';
import { Reports } from '@talking-library/sdk/resources/reports';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, NotSignedInError, isAbort, statusOf } from '../internal/errors.js';
import { figureStyles } from '../internal/figures.styles.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { below, heading, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { renderBarChart, type BarChart, type Figure } from './bar-chart.js';
import { styles } from './tl-insights.styles.js';
import { insightsStrings } from './tl-insights.strings.js';

/** The period and category the figures are for; '' for none. */
interface Filters {
  from: string;
  to: string;
  category: string;
}

const OUTCOMES = ['completed', 'cancelled', 'declined', 'lapsed', 'no_show', 'disputed', 'open'] as const;
const RATINGS = [1, 2, 3, 4, 5] as const;

/**
 * The library's evaluation figures, for its coordinators: exchanges and how they stand, members'
 * ratings of the value to their project, supply against demand by category and how evenly credit
 * flows, for a period and category. Each chart has a text alternative stating its numbers and shows
 * as a table on request. A figure about fewer than 5 people reads "fewer than 5", never 0. Needs a
 * coordinator's session: a `member-token` or `getSessionToken`.
 *
 * @tag tl-insights
 *
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Library insights".
 * @csspart status - The polite live region: loading, and which period and category the figures are for.
 * @csspart alert - The assertive live region for errors and refusals.
 * @csspart error - The box shown when a request fails.
 * @csspart retry-button - "Try again", where trying again can help.
 * @csspart signed-out - Told to a visitor who is not signed in.
 * @csspart not-coordinator - Told to a signed-in member who is not a coordinator.
 * @csspart filters - The form of the period and category.
 * @csspart from-input - The period's first day.
 * @csspart to-input - The period's last day.
 * @csspart category-select - The category.
 * @csspart apply-button - "Show figures".
 * @csspart section-heading - Each section's heading.
 * @csspart figures - A list of headline figures.
 * @csspart chart - A chart with its toggle.
 * @csspart chart-image - A chart's SVG.
 * @csspart chart-table - A chart's figures as a table.
 * @csspart table-toggle - "Show as table".
 * @csspart experts-table - Hours each expert gave and received.
 * @csspart careers-table - Experts' follow-ups against their baseline.
 * @csspart button - Every button.
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, bars and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-chart-color=var(--tl-color-accent)] - The bars of a chart, and the outline of a pair's second bar.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons, outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlInsightsElement extends LibraryElement<'libraries' | 'reports'> {
  static override defaultText = insightsStrings;
  static override styles = [themeStyles, formStyles, figureStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'libraries' | 'reports'> {
    return { libraries: new Libraries(transport), reports: new Reports(transport) };
  }

  /**
   * Level of the element's heading, to fit the page's outline; each section's is one below it.
   * 2 to 6, by default 2; any other value counts as 2, as HTML treats a bad enumerated attribute.
   */
  @property({ attribute: 'heading-level', type: Number, reflect: true })
  get headingLevel(): HeadingLevel {
    return this.#headingLevel;
  }
  set headingLevel(value: HeadingLevel) {
    this.#headingLevel = toHeadingLevel(value);
  }
  #headingLevel: HeadingLevel = 2;

  @state() private _filters: Filters = { from: '', to: '', category: '' };
  /** The charts showing as tables, by id. */
  @state() private _tables: ReadonlySet<string> = new Set();

  #libraryCache: { client: ClientWith<'libraries' | 'reports'>; slug: string; library: Library } | undefined;

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken, this._filters] as const,
    task: async ([client, slug, , , filters], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) throw new NotSignedInError();
      const cached = this.#libraryCache?.client === client && this.#libraryCache.slug === slug ? this.#libraryCache.library : undefined;
      const [library, summary] = await Promise.all([cached ?? client.libraries.get(slug, { signal }), client.reports.summary(slug, queryOf(filters), { signal })]);
      this.#libraryCache = { client, slug, library };
      return { library, summary };
    },
    onError: (error) => this.reportError(error),
  });

  /** Reads the figures again: for a page that knows they changed (an exchange completed meanwhile). */
  reload(): Promise<unknown> {
    return this._load.run();
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const refused = error instanceof NotSignedInError || statusOf(error) === 403;
    const value = error === undefined ? this._load.value : undefined;
    const library = refused ? undefined : (value?.library ?? this.#libraryCache?.library);
    return html`
      ${heading(this.headingLevel, 'heading', strings.insightsHeading)}
      <p class="status" part="status" role="status">${loading ? strings.loadingInsights : value ? this.#periodText(value.summary, value.library, strings) : ''}</p>
      <div class="alert" part="alert" role="alert">
        ${error instanceof NotSignedInError
          ? html`<p class="note" part="signed-out">${strings.insightsSignedOut}</p>`
          : statusOf(error) === 403
            ? html`<p class="note" part="not-coordinator">${strings.insightsNotCoordinator}</p>`
            : error !== undefined
              ? renderError(strings.insightsLoadFailed, error, strings, () => void this._load.run())
              : nothing}
      </div>
      ${library ? this.#renderFilters(library, strings) : nothing}
      ${value ? html`<div aria-busy=${loading ? 'true' : 'false'}>${this.#renderSummary(value.summary, strings)}</div>` : nothing}
    `;
  }

  #periodText(summary: ReportSummary, library: Library, strings: TalkingLibraryStrings): string {
    const day = (date: string | null) => (date ? new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) : null);
    const category = summary.category ? (library.categories.find((c) => c.slug === summary.category)?.name ?? summary.category) : null;
    return strings.insightsShown(day(summary.period.from), day(summary.period.to), category);
  }

  #renderFilters(library: Library, strings: TalkingLibraryStrings): TemplateResult {
    const { from, to, category } = this._filters;
    return html`
      <form class="filters" part="filters" aria-label=${strings.insightsFiltersLabel} @submit=${this.#onApply}>
        <div class="field">
          <label for="from">${strings.insightsFromLabel}</label>
          <input id="from" name="from" type="date" part="from-input" .value=${from} max=${to || nothing} />
        </div>
        <div class="field">
          <label for="to">${strings.insightsToLabel}</label>
          <input id="to" name="to" type="date" part="to-input" .value=${to} min=${from || nothing} />
        </div>
        <div class="field">
          <label for="category">${strings.insightsCategoryLabel}</label>
          <select id="category" name="category" part="category-select" @change=${this.#onApply}>
            <option value="" ?selected=${!category}>${strings.insightsAnyCategory}</option>
            ${library.categories.map((c) => html`<option value=${c.slug} ?selected=${category === c.slug}>${c.name}</option>`)}
          </select>
        </div>
        <button type="submit" part="button apply-button">${strings.insightsApply}</button>
      </form>
    `;
  }

  #renderSummary(summary: ReportSummary, strings: TalkingLibraryStrings): TemplateResult {
    const { exchanges, firstResponseHours, valueToProject, supplyAndDemand, creditEquity, careerOutcomes } = summary;
    const numbers = new Intl.NumberFormat(strings.locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(strings.locale, { style: 'percent', maximumFractionDigits: 0 });
    const twoPlaces = new Intl.NumberFormat(strings.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const say = (figure: Figure, format: Intl.NumberFormat = numbers) =>
      figure === null ? strings.noData : typeof figure === 'number' ? format.format(figure) : strings.fewerThan5;
    const sub = below(this.headingLevel, 1);
    const section = (id: string, title: string, content: TemplateResult) =>
      html`<section aria-labelledby=${id} data-section=${id}>${heading(sub, 'section-heading', title, id)}${content}</section>`;
    const chart = (spec: BarChart) =>
      renderBarChart(spec, { asTable: this._tables.has(spec.id), onToggle: () => this.#toggleTable(spec.id), toggleLabel: strings.showAsTable, say: (figure) => say(figure) });
    return html`
      ${section(
        'exchanges',
        strings.exchangesHeading,
        renderFigures([
          ['requested', strings.requestedLabel, say(exchanges.requested)],
          ['scheduled', strings.scheduledLabel, say(exchanges.scheduled)],
          ['completed', strings.completedLabel, say(exchanges.completed)],
          ['hours', strings.hoursExchangedLabel, say(exchanges.hoursExchanged)],
          ['completion-rate', strings.completionRateLabel, say(exchanges.completionRate, percent)],
          ['no-show-rate', strings.noShowRateLabel, say(exchanges.noShowRate, percent)],
          ['cancellation-rate', strings.cancellationRateLabel, say(exchanges.cancellationRate, percent)],
        ]),
      )}
      ${section(
        'response',
        strings.responseHeading,
        renderFigures([
          ['first-answer-hours', strings.firstAnswerLabel, say(firstResponseHours.exchanges)],
          ['first-response-hours', strings.firstResponseLabel, say(firstResponseHours.requests)],
        ]),
      )}
      ${section(
        'outcomes',
        strings.outcomesHeading,
        chart({
          id: 'outcomes-chart',
          title: strings.outcomesHeading,
          labelColumn: strings.outcomeColumn,
          series: [strings.exchangesColumn],
          rows: OUTCOMES.map((outcome) => ({ label: strings.outcomeNames(outcome), values: [exchanges.byOutcome[outcome]] })),
        }),
      )}
      ${section(
        'ratings',
        strings.ratingsHeading,
        html`${renderFigures([
          ['ratings', strings.ratingsCountLabel, say(valueToProject.ratings)],
          ['mean-rating', strings.ratingsMeanLabel, say(valueToProject.mean)],
        ])}${chart({
          id: 'ratings-chart',
          title: strings.ratingsHeading,
          labelColumn: strings.ratingColumn,
          series: [strings.ratingsCountLabel],
          rows: RATINGS.map((rating) => ({ label: strings.ratingName(rating), values: [valueToProject.byRating[rating]] })),
        })}`,
      )}
      ${section(
        'supply',
        strings.supplyHeading,
        chart({
          id: 'supply-chart',
          title: strings.supplyHeading,
          labelColumn: strings.categoryColumn,
          series: [strings.offeringColumn, strings.askingColumn],
          rows: supplyAndDemand.categories.map((c) => ({ label: c.name, values: [c.profilesOffering, c.requestsAsking] })),
        }),
      )}
      ${section(
        'equity',
        strings.equityHeading,
        html`${renderFigures([
          ['experts', strings.expertsCountLabel, say(creditEquity.experts)],
          ['top-tenth-share', strings.topTenthShareLabel, say(creditEquity.topTenthShare, percent)],
          ['gini', strings.giniLabel, say(creditEquity.gini, twoPlaces)],
        ])}${creditEquity.byExpert.length === 0
          ? html`<p class="empty">${strings.noExpertHours}</p>`
          : html`<table part="experts-table">
              <caption>${strings.expertsTableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">${strings.expertColumn}</th>
                  <th scope="col" class="number">${strings.givenColumn}</th>
                  <th scope="col" class="number">${strings.receivedColumn}</th>
                  <th scope="col" class="number">${strings.netColumn}</th>
                </tr>
              </thead>
              <tbody>
                ${creditEquity.byExpert.map(
                  (expert) => html`<tr data-profile-id=${expert.profileId}>
                    <th scope="row">${expert.displayName}</th>
                    <td class="number">${say(expert.hoursGiven)}</td>
                    <td class="number">${say(expert.hoursReceived)}</td>
                    <td class="number">${say(expert.net)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}`,
      )}
      ${section(
        'careers',
        strings.careersHeading,
        html`<table part="careers-table">
          <caption>${strings.careersTableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${strings.followUpColumn}</th>
              <th scope="col" class="number">${strings.expertsCountLabel}</th>
              <th scope="col" class="number">${strings.confidenceChangeColumn}</th>
              ${CAREER_QUESTIONS.map((question) => html`<th scope="col" class="number">${strings.careerYesNo(question)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${FOLLOW_UPS.map((followUp) => {
              const outcome = careerOutcomes[followUp];
              return html`<tr data-follow-up=${followUp}>
                <th scope="row">${strings.followUpName(followUp)}</th>
                <td class="number">${say(outcome.experts)}</td>
                <td class="number">${say(outcome.confidenceChange)}</td>
                ${CAREER_QUESTIONS.map((question) => html`<td class="number">${strings.yesNoCounts(say(outcome[question].yes), say(outcome[question].no))}</td>`)}
              </tr>`;
            })}
          </tbody>
        </table>`,
      )}
    `;
  }

  #toggleTable(id: string): void {
    const tables = new Set(this._tables);
    if (!tables.delete(id)) tables.add(id);
    this._tables = tables;
  }

  /** The form was sent, or its category changed: the figures for what it says now. */
  #onApply = (event: Event): void => {
    event.preventDefault();
    const target = event.currentTarget as HTMLFormElement | HTMLSelectElement;
    const form = target instanceof HTMLFormElement ? target : target.form;
    if (!form) return;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '');
    this._filters = { from: field('from'), to: field('to'), category: field('category') };
  };
}

const FOLLOW_UPS = ['threeMonths', 'sixMonths'] as const;
const CAREER_QUESTIONS = ['promotion', 'newRole', 'newResponsibilities'] as const;

/** Headline figures, each with its name: `[data-figure, name, the figure in words]`. */
function renderFigures(figures: [string, string, string][]): TemplateResult {
  return html`<dl class="figures" part="figures">
    ${figures.map(([id, name, words]) => html`<div class="figure"><dt>${name}</dt><dd data-figure=${id}>${words}</dd></div>`)}
  </dl>`;
}

function queryOf({ from, to, category }: Filters): ReportQuery {
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(category ? { category } : {}) };
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-insights': TlInsightsElement;
  }
}
