import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { AnswerValue, Question, Survey } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Surveys } from '@talking-library/sdk/resources/surveys';
import { TlSurveyAnsweredEvent } from '../events/survey-answered.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, NotSignedInError, fieldErrorsOf, isAbort } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { below, heading, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-surveys.styles.js';
import { surveysStrings } from './tl-surveys.strings.js';

/** One survey's answers as the form holds them, by question id. */
type Answers = Record<string, AnswerValue>;

/**
 * The surveys waiting for the signed-in member: her baseline as she joins as an expert, a short
 * survey after each completed exchange, and her follow-ups. Each shows the questions of the version
 * it fell due with, and is answered once; the API checks every answer and the element shows its
 * words beside the question. Needs a session: a `member-token` or `getSessionToken`.
 *
 * @tag tl-surveys
 *
 * @fires {TlSurveyAnsweredEvent} tl-survey-answered - She answered a survey; `event.survey` has her answers.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Surveys for you".
 * @csspart status - The polite live region: loading, how many wait, what was just saved.
 * @csspart alert - The assertive live region for errors.
 * @csspart error - The box shown when a request fails for a reason no question explains.
 * @csspart retry-button - "Try again", where trying again can help.
 * @csspart empty - Said when no survey waits for her.
 * @csspart survey - One survey's form.
 * @csspart survey-title - Its title, the survey's heading.
 * @csspart question - One question: its label or legend, hint, error and input.
 * @csspart field-error - The API's message about an answer.
 * @csspart button - Every button.
 * @csspart send-button - "Send answers".
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlSurveysElement extends LibraryElement<'surveys'> {
  static override defaultText = surveysStrings;
  static override styles = [themeStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'surveys'> {
    return { surveys: new Surveys(transport) };
  }

  /**
   * Level of the element's heading, to fit the page's outline; each survey's title is one below it.
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

  @state() private _answers: Record<string, Answers> = {};
  @state() private _errors: Record<string, Record<string, string>> = {};
  @state() private _failure: { surveyId: string; error: unknown } | undefined;
  @state() private _sending: string | undefined;
  /** Surveys answered here since they loaded: they leave the list. */
  @state() private _answered: ReadonlySet<string> = new Set();
  @state() private _notice = '';

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) throw new NotSignedInError();
      return client.surveys.due(slug, { signal });
    },
    onComplete: () => {
      this._answered = new Set();
      this._errors = {};
      this._failure = undefined;
    },
    onError: (error) => this.reportError(error),
  });

  /** Reads her surveys again: for a page that knows one fell due (an hour just completed). */
  reload(): Promise<unknown> {
    return this._load.run();
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const signedOut = error instanceof NotSignedInError;
    const surveys = error === undefined ? (this._load.value ?? []).filter((survey) => !this._answered.has(survey.id)) : [];
    const status = loading ? strings.loadingSurveys : this._sending ? strings.sendingAnswers : this._notice || (this._load.value && surveys.length ? strings.surveysWaiting(surveys.length) : '');
    return html`
      ${heading(this.headingLevel, 'heading', strings.surveysHeading, 'surveys-heading', true)}
      <p class="status" part="status" role="status">${status}</p>
      <div class="alert" part="alert" role="alert">${error !== undefined ? renderError(signedOut ? strings.surveysSignedOut : strings.surveysLoadFailed, error, strings) : nothing}</div>
      ${error !== undefined && !signedOut ? html`<button type="button" part="button retry-button" @click=${() => void this._load.run()}>${strings.retry}</button>` : nothing}
      ${this._load.value && error === undefined && surveys.length === 0 ? html`<p class="empty" part="empty">${strings.noSurveys}</p>` : nothing}
      ${surveys.map((survey) => this.#renderSurvey(survey, strings))}
    `;
  }

  #renderSurvey(survey: Survey, strings: TalkingLibraryStrings): TemplateResult {
    const titleId = `${survey.id}-title`;
    const failure = this._failure?.surveyId === survey.id ? this._failure.error : undefined;
    return html`
      <form class="survey" part="survey" novalidate aria-labelledby=${titleId} data-survey-id=${survey.id} @submit=${(event: SubmitEvent) => this.#onSubmit(event, survey)}>
        ${heading(below(this.headingLevel, 1), 'survey-title', survey.instrument.title, titleId, true)}
        ${survey.exchangeId ? html`<p class="hint">${strings.surveyAboutExchange}</p>` : nothing}
        <div role="alert">${failure !== undefined ? renderError(strings.answersFailed, failure, strings) : nothing}</div>
        ${survey.instrument.questions.map((question) => this.#renderQuestion(survey, question, strings))}
        <div class="actions">
          <button type="submit" part="button send-button" aria-disabled=${this._sending === survey.id ? 'true' : 'false'}>${strings.sendAnswers}</button>
        </div>
      </form>
    `;
  }

  #renderQuestion(survey: Survey, question: Question, strings: TalkingLibraryStrings): TemplateResult {
    const id = `${survey.id}-${question.id}`;
    const error = this._errors[survey.id]?.[question.id];
    const value = this._answers[survey.id]?.[question.id];
    const label = html`${question.text}${question.required ? nothing : html` <span class="hint">${strings.surveyOptional}</span>`}`;
    const errorText = error ? html`<p class="field-error" part="field-error" id="${id}-error">${strings.fieldError(question.text, error)}</p>` : nothing;
    const set = (answer: AnswerValue) => this.#set(survey.id, question.id, answer);
    if (question.type === 'text') {
      return html`
        <div class="field ${error ? 'invalid' : ''}" part="question" data-question-id=${question.id}>
          <label for=${id}>${label}</label>
          <p class="hint" id="${id}-hint">${strings.surveyTextHint(question.maxLength)}</p>
          ${errorText}
          <textarea id=${id} data-focus maxlength=${question.maxLength} aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}" aria-invalid=${error ? 'true' : 'false'}
            .value=${typeof value === 'string' ? value : ''} @input=${(event: Event) => set((event.target as HTMLTextAreaElement).value)}></textarea>
        </div>
      `;
    }
    const options: { value: AnswerValue; label: string }[] =
      question.type === 'scale'
        ? Array.from({ length: question.max - question.min + 1 }, (_, i) => ({ value: question.min + i, label: String(question.min + i) }))
        : question.type === 'choice'
          ? question.options.map((option) => ({ value: option, label: option }))
          : [
              { value: true, label: strings.surveyYes },
              { value: false, label: strings.surveyNo },
            ];
    const hint = question.type === 'scale' ? strings.surveyScaleHint(question.min, question.max, question.minLabel, question.maxLabel) : undefined;
    const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
    return html`
      <fieldset part="question" class=${error ? 'invalid' : ''} aria-describedby=${describedBy || nothing} data-question-id=${question.id}>
        <legend>${label}</legend>
        ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
        ${errorText}
        <div class=${question.type === 'scale' ? 'scale' : 'options'}>
          ${options.map(
            (option, i) => html`<label class="option">
              <input type="radio" name=${id} value=${String(option.value)} ?data-focus=${i === 0} .checked=${value === option.value}
                aria-invalid=${error ? 'true' : 'false'} @change=${() => set(option.value)} />
              ${option.label}
            </label>`,
          )}
        </div>
      </fieldset>
    `;
  }

  #set(surveyId: string, questionId: string, answer: AnswerValue): void {
    this._answers = { ...this._answers, [surveyId]: { ...this._answers[surveyId], [questionId]: answer } };
  }

  async #onSubmit(event: SubmitEvent, survey: Survey): Promise<void> {
    event.preventDefault();
    const client = this.sdk;
    if (!client || !this.library || this._sending) return;
    this._sending = survey.id;
    this._failure = undefined;
    this._notice = '';
    this._errors = { ...this._errors, [survey.id]: {} };
    try {
      // What she left blank is not sent: the API says which of those it needs.
      const answers = Object.fromEntries(Object.entries(this._answers[survey.id] ?? {}).filter(([, value]) => value !== ''));
      const saved = await client.surveys.answer(this.library, survey.id, answers);
      this._answered = new Set([...this._answered, survey.id]);
      this._notice = this.text.answersSent;
      this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>('#surveys-heading'));
      this.dispatchAfterRender(new TlSurveyAnsweredEvent(saved));
    } catch (error) {
      if (isAbort(error)) return;
      const errors: Record<string, string> = {};
      for (const { path, message } of fieldErrorsOf(error)) {
        const questionId = /^body\.answers\.(.+)$/.exec(path)?.[1];
        if (questionId && survey.instrument.questions.some((q) => q.id === questionId) && !errors[questionId]) errors[questionId] = message;
      }
      this._errors = { ...this._errors, [survey.id]: errors };
      const first = survey.instrument.questions.find((q) => errors[q.id]);
      if (first) this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`[data-survey-id="${survey.id}"] [data-question-id="${first.id}"] [data-focus]`));
      else this._failure = { surveyId: survey.id, error };
      this.reportError(error);
    } finally {
      this._sending = undefined;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-surveys': TlSurveysElement;
  }
}
