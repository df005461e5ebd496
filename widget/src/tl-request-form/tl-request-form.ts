import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus } from '@lit/task';
import type { Library, ProjectStage, RequestCreate } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Libraries } from '@talking-library/sdk/resources/libraries';
import { getMe } from '@talking-library/sdk/resources/me';
import { Requests } from '@talking-library/sdk/resources/requests';
import { TlRequestCreatedEvent } from '../events/request-created.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, fieldErrorsOf, isAbort, statusOf } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { below, heading, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { requestStrings } from '../internal/request.strings.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-request-form.styles.js';
import { requestFormStrings } from './tl-request-form.strings.js';

/** The form as the member has filled it in. */
interface Draft {
  title: string;
  need: string;
  projectName: string;
  projectAim: string;
  projectStage: ProjectStage | '';
  skills: string[];
  category: string;
}

/** Every field, by the id of its control (or its group's fieldset), in the order of the form. */
const FIELDS = ['title', 'need', 'project-name', 'project-aim', 'project-stage', 'skills', 'category'] as const;
type Field = (typeof FIELDS)[number];

/** The stages a project can be at, in order: the contract's, without bringing its validator along. */
const PROJECT_STAGES: readonly ProjectStage[] = ['idea', 'planning', 'testing', 'implementing', 'spreading'];

const LIMITS = { title: 140, need: 4000, projectName: 140, projectAim: 2000 };

const blankDraft = (): Draft => ({ title: '', need: '', projectName: '', projectAim: '', projectStage: '', skills: [], category: '' });

/**
 * A member posts a skill request tied to her improvement project: a title, the need in her own
 * words, the project's name, aim and stage, the skills she is looking for (from the library's
 * taxonomy) and a category. Experts whose skills match are told, and answer on `<tl-request-board>`.
 * Needs a signed-in member: a `member-token` or `getSessionToken`; signed out, it says how to sign in.
 *
 * Required fields are checked before anything is sent; what the API refuses shows beside the
 * field it is about. Either way a summary (`role="alert"`) lists the problems, each a link to its
 * field, and focus moves to the first field to fix.
 *
 * @tag tl-request-form
 *
 * @fires {TlRequestCreatedEvent} tl-request-created - The request was posted; `event.request` is what the API now holds.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Ask for help with your project".
 * @csspart intro - What posting a request does.
 * @csspart status - The polite live region: loading, signed out, posting, posted.
 * @csspart alert - The assertive live region holding the error summary.
 * @csspart error-summary - The list of problems, each a link to its field.
 * @csspart error - The box shown when loading or posting fails for a reason no field explains.
 * @csspart form - The form.
 * @csspart field - A label, its hint and error, and its control.
 * @csspart field-error - The message about one field.
 * @csspart input - Every text box, text area and menu.
 * @csspart project - The group of project fields.
 * @csspart skill-option - One skill's checkbox and label.
 * @csspart button - Every button.
 * @csspart submit-button - "Post request".
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, links and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-link-color=var(--tl-color-accent)] - Links in the error summary are in the danger colour; other links use this.
 * @cssproperty [--tl-color-danger=#b42318] - The error summary's border and each field's message.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlRequestFormElement extends LibraryElement<'libraries' | 'me' | 'requests'> {
  static override defaultText = { ...requestStrings, ...requestFormStrings };
  static override styles = [themeStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'libraries' | 'me' | 'requests'> {
    return { libraries: new Libraries(transport), me: (library, options) => getMe(transport, library, options), requests: new Requests(transport) };
  }

  /**
   * Level of the form's heading, to fit the page's outline; the error summary's is one below it.
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

  @state() private _draft: Draft = blankDraft();
  /** Each field's message, in the words shown beside it. */
  @state() private _errors: Map<Field, string> = new Map();
  /** The failure no field explains, shown as an error box. */
  @state() private _failure: unknown;
  /** The title of the request just posted, said in the status region. */
  @state() private _posted = '';

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) return { signedIn: false as const };
      try {
        const [library] = await Promise.all([client.libraries.get(slug, { signal }), client.me(slug, { signal })]);
        return { signedIn: true as const, library };
      } catch (error) {
        if (statusOf(error) === 401) return { signedIn: false as const };
        throw error;
      }
    },
    onError: (error) => this.reportError(error),
  });

  private _post = new Task(this, {
    autoRun: false,
    task: async ([client, slug, body]: readonly [ClientWith<'libraries' | 'me' | 'requests'> | undefined, string | null, RequestCreate], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      return client.requests.create(slug, body, { signal });
    },
    onComplete: (request) => {
      this._draft = blankDraft();
      this._posted = request.title;
      this.dispatchAfterRender(new TlRequestCreatedEvent(request));
    },
    onError: (error) => this.#fail(error),
  });

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const result = this._load.status === TaskStatus.COMPLETE ? this._load.value : undefined;
    const loadError = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const library = result?.signedIn ? result.library : undefined;
    return html`
      ${heading(this.headingLevel, 'heading', strings.requestFormHeading)}
      <p class="status" part="status" role="status">${this.#statusText(strings, loading, result?.signedIn === false)}</p>
      <div class="alert" part="alert" role="alert">
        ${library ? this.#renderProblems(strings) : nothing}
        ${loadError !== undefined ? renderError(strings.requestFormLoadFailed, loadError, strings, () => void this._load.run()) : nothing}
      </div>
      ${library ? this.#renderForm(strings, library) : nothing}
    `;
  }

  #statusText(strings: TalkingLibraryStrings, loading: boolean, signedOut: boolean): string {
    if (loading) return strings.loadingRequestForm;
    if (signedOut) return strings.requestFormSignedOut;
    if (this._post.status === TaskStatus.PENDING) return strings.postingRequest;
    return this._posted ? strings.requestPosted(this._posted) : '';
  }

  #renderForm(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    const draft = this._draft;
    const busy = this._post.status === TaskStatus.PENDING ? 'true' : 'false';
    return html`
      <p class="intro" part="intro">${strings.requestFormIntro}</p>
      <form part="form" novalidate @submit=${this.#onSubmit} @input=${this.#onEdit} @change=${this.#onEdit}>
        ${this.#field('title', strings.requestTitleLabel, strings.requestTitleHint, (describedBy, invalid) => html`
          <input id="title" part="input" type="text" maxlength=${LIMITS.title} autocomplete="off" required aria-required="true"
            aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid} .value=${draft.title} />`)}
        ${this.#field('need', strings.requestNeedLabel, strings.requestNeedHint, (describedBy, invalid) => html`
          <textarea id="need" part="input" maxlength=${LIMITS.need} required aria-required="true"
            aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid} .value=${draft.need}></textarea>`)}
        <fieldset class="project" part="project">
          <legend>${strings.projectLegend}</legend>
          ${this.#field('project-name', strings.projectNameLabel, undefined, (describedBy, invalid) => html`
            <input id="project-name" part="input" type="text" maxlength=${LIMITS.projectName} autocomplete="off" required aria-required="true"
              aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid} .value=${draft.projectName} />`)}
          ${this.#field('project-aim', strings.projectAimLabel, strings.projectAimHint, (describedBy, invalid) => html`
            <textarea id="project-aim" class="short" part="input" maxlength=${LIMITS.projectAim}
              aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid} .value=${draft.projectAim}></textarea>`)}
          ${this.#field('project-stage', strings.projectStageLabel, undefined, (describedBy, invalid) => html`
            <select id="project-stage" part="input" required aria-required="true" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}>
              <option value="" ?selected=${!draft.projectStage}>${strings.chooseProjectStage}</option>
              ${PROJECT_STAGES.map((stage) => html`<option value=${stage} ?selected=${draft.projectStage === stage}>${strings.projectStage(stage)}</option>`)}
            </select>`)}
        </fieldset>
        ${this.#renderSkills(strings, library)}
        ${this.#field('category', strings.requestCategoryLabel, strings.requestCategoryHint, (describedBy, invalid) => html`
          <select id="category" part="input" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}>
            <option value="" ?selected=${!draft.category}>${strings.chooseRequestCategory}</option>
            ${library.categories.map((category) => html`<option value=${category.slug} ?selected=${draft.category === category.slug}>${category.name}</option>`)}
          </select>`)}
        <div class="actions">
          <button type="submit" part="button submit-button" aria-disabled=${busy}>${strings.postRequest}</button>
        </div>
      </form>
    `;
  }

  #renderSkills(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    const error = this._errors.get('skills');
    const describedBy = ['skills-hint', error ? 'skills-error' : ''].filter(Boolean).join(' ');
    return html`
      <fieldset id="skills" class="skills ${error ? 'invalid' : ''}" part="field" aria-describedby=${describedBy}>
        <legend>${strings.wantedSkillsLabel}</legend>
        <p class="hint" id="skills-hint">${strings.wantedSkillsHint}</p>
        ${error ? html`<p class="field-error" part="field-error" id="skills-error">${error}</p>` : nothing}
        ${library.categories
          .filter((category) => category.skills.length > 0)
          .map(
            (category) => html`<fieldset class="skill-group">
              <legend>${category.name}</legend>
              <div class="options">
                ${category.skills.map(
                  (skill) => html`<label class="option" part="skill-option" data-skill=${skill.slug}
                    ><input type="checkbox" name="skills" value=${skill.slug} .checked=${this._draft.skills.includes(skill.slug)}
                      aria-invalid=${error ? 'true' : 'false'} /> ${skill.name}</label
                  >`,
                )}
              </div>
            </fieldset>`,
          )}
      </fieldset>
    `;
  }

  /** A label, its hint and its message, beside the control they describe. */
  #field(id: Field, label: string, hint: string | undefined, control: (describedBy: string | undefined, invalid: 'true' | 'false') => TemplateResult): TemplateResult {
    const error = this._errors.get(id);
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for=${id}>${label}</label>
        ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="field-error" part="field-error" id="${id}-error">${error}</p>` : nothing}
        ${control(describedBy, error ? 'true' : 'false')}
      </div>
    `;
  }

  // --- problems

  #renderProblems(strings: TalkingLibraryStrings): TemplateResult | typeof nothing {
    if (this._errors.size > 0) {
      return html`
        <div class="summary" part="error-summary">
          ${heading(below(this.headingLevel, 1), undefined, strings.errorSummaryTitle)}
          <ul>
            ${FIELDS.filter((field) => this._errors.has(field)).map(
              (field) => html`<li><a href="#${field}" @click=${(event: Event) => this.#goToField(event, field)}>${this._errors.get(field)}</a></li>`,
            )}
          </ul>
        </div>
      `;
    }
    return this._failure !== undefined ? renderError(strings.requestPostFailed, this._failure, strings) : nothing;
  }

  /** The summary's links move focus within the shadow root, leaving the page's address alone. */
  #goToField(event: Event, field: Field): void {
    event.preventDefault();
    this.#control(field)?.focus();
  }

  /** The control to focus for a field: itself, or a group's first checkbox. */
  #control(field: Field): HTMLElement | null {
    const element = this.renderRoot.querySelector<HTMLElement>(`#${field}`);
    return element?.localName === 'fieldset' ? element.querySelector<HTMLElement>('input') : element;
  }

  #labelOf(field: Field, strings: TalkingLibraryStrings): string {
    const labels: Record<Field, string> = {
      title: strings.requestTitleLabel,
      need: strings.requestNeedLabel,
      'project-name': strings.projectNameLabel,
      'project-aim': strings.projectAimLabel,
      'project-stage': strings.projectStageLabel,
      skills: strings.wantedSkillsLabel,
      category: strings.requestCategoryLabel,
    };
    return labels[field];
  }

  /** Shows the messages beside their fields and in the summary, and takes her to the first field to fix. */
  #showErrors(errors: Map<Field, string>): void {
    this._errors = errors;
    this._failure = undefined;
    const first = FIELDS.find((field) => errors.has(field));
    if (first) this.focusAfterRender(() => this.#control(first));
  }

  #fail(error: unknown): void {
    if (isAbort(error)) return;
    const strings = this.text;
    const errors = new Map<Field, string>();
    for (const { path, message } of fieldErrorsOf(error)) {
      const field = fieldOf(path);
      if (field && !errors.has(field)) errors.set(field, strings.fieldError(this.#labelOf(field, strings), message));
    }
    if (errors.size > 0) {
      this.#showErrors(errors);
    } else {
      this._errors = new Map();
      this._failure = error;
      // No field explains it: the box in the alert says why; focus stays on the button she pressed.
    }
    this.reportError(error);
  }

  // --- what the member does

  #onEdit = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const draft = this._draft;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      if (event.type !== 'change') return;
      const others = draft.skills.filter((slug) => slug !== target.value);
      this._draft = { ...draft, skills: target.checked ? [...others, target.value] : others };
      return;
    }
    const key = ({ title: 'title', need: 'need', 'project-name': 'projectName', 'project-aim': 'projectAim', 'project-stage': 'projectStage', category: 'category' } as const)[
      target.id as Exclude<Field, 'skills'>
    ];
    if (key) this._draft = { ...draft, [key]: target.value };
  };

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this._post.status === TaskStatus.PENDING) return;
    this._posted = '';
    const errors = this.#requiredErrors();
    if (errors.size > 0) {
      this.#showErrors(errors);
      return;
    }
    this._errors = new Map();
    this._failure = undefined;
    const draft = this._draft;
    const body: RequestCreate = {
      title: draft.title.trim(),
      need: draft.need.trim(),
      project: { name: draft.projectName.trim(), aim: draft.projectAim.trim(), stage: draft.projectStage as ProjectStage },
      skills: draft.skills,
      // Left out when not chosen: "no category" is not a slug the API could look up.
      ...(draft.category ? { category: draft.category } : {}),
    };
    void this._post.run([this.sdk, this.library, body]);
  };

  /** What must be filled in before the API is asked: each says what to do, in the form's words. */
  #requiredErrors(): Map<Field, string> {
    const strings = this.text;
    const draft = this._draft;
    const errors = new Map<Field, string>();
    if (!draft.title.trim()) errors.set('title', strings.requestTitleRequired);
    if (!draft.need.trim()) errors.set('need', strings.requestNeedRequired);
    if (!draft.projectName.trim()) errors.set('project-name', strings.projectNameRequired);
    if (!draft.projectStage) errors.set('project-stage', strings.projectStageRequired);
    // The API asks for one or the other; its own message would name the skills field alone.
    if (draft.skills.length === 0 && !draft.category) errors.set('skills', strings.requestSkillsOrCategoryRequired);
    return errors;
  }
}

/** Which field a problem's path is about: `body.project.stage` → `project-stage`, `body.skills.1` → `skills`. */
function fieldOf(path: string): Field | undefined {
  const [first, second] = path.replace(/^body\.?/, '').split('.');
  if (first === 'project') {
    const field = `project-${second ?? 'name'}`;
    return (FIELDS as readonly string[]).includes(field) ? (field as Field) : 'project-name';
  }
  return (FIELDS as readonly string[]).includes(first ?? '') ? (first as Field) : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-request-form': TlRequestFormElement;
  }
}
