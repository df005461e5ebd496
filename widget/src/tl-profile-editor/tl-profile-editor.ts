import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus } from '@lit/task';
import type { AvailabilityUpdate, AvailabilityWindow, CareerStage, Library, Profile, ProfileCreate } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Libraries } from '@talking-library/sdk/resources/libraries';
import { Profiles } from '@talking-library/sdk/resources/profiles';
import { TlProfileSavedEvent } from '../events/profile-saved.js';
import { TlProfileSubmittedEvent } from '../events/profile-submitted.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, describeError, fieldErrorsOf, isAbort, statusOf } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { profileDetailStyles } from '../internal/profile-detail.styles.js';
import { profileStyles } from '../internal/profile.styles.js';
import { renderDetail } from '../internal/profile-detail.js';
import { below, heading, renderCard, toHeadingLevel, weekdayName, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-profile-editor.styles.js';
import { profileStrings } from '../internal/profile.strings.js';
import { profileEditorStrings } from './tl-profile-editor.strings.js';

/** The form as the expert has filled it in: text as typed, lists as rows. */
interface Draft {
  displayName: string;
  pronouns: string;
  headline: string;
  bio: string;
  careerStage: CareerStage | '';
  skills: string[];
  categories: string[];
  stories: { title: string; body: string }[];
  /** As typed: `en, yo`. */
  languages: string;
  timeZone: string;
  links: { label: string; url: string }[];
  photoUrl: string;
  availability: AvailabilityWindow[];
  /** As typed, in whole hours and exchanges. */
  minimumNoticeHours: string;
  weeklyCap: string;
}

type TextField = 'displayName' | 'pronouns' | 'headline' | 'bio' | 'languages' | 'photoUrl';
type NumberField = 'minimumNoticeHours' | 'weeklyCap';
type Action = 'save' | 'submit' | 'publish';
type RowList = 'stories' | 'links' | 'availability';

const LIMITS = { displayName: 80, pronouns: 30, headline: 140, bio: 4000, stories: 5, storyTitle: 120, storyBody: 4000, links: 5, linkLabel: 60, windows: 21 };

/**
 * An expert's own profile: create it, edit every field, preview it as members will see it, and
 * send it for review (or publish it, where the library needs no approval). A coordinator's note
 * shows when she sent the profile back. Where the library needs approval, saving a change to her
 * published profile sends it back to review, and the element tells her so.
 * Needs a signed-in member: a `member-token` or `getSessionToken`.
 *
 * The API's messages show beside the fields they are about, and in a summary (`role="alert"`)
 * whose links move focus to each field.
 *
 * @tag tl-profile-editor
 *
 * @fires {TlProfileSavedEvent} tl-profile-saved - The profile was created or saved; `event.profile` is what the API now holds.
 * @fires {TlProfileSubmittedEvent} tl-profile-submitted - Sent for review, or published; `event.profile.status` says which.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Your expert profile" or "Create your profile".
 * @csspart status - The polite live region: saving, saved, submitted.
 * @csspart alert - The assertive live region holding the error summary.
 * @csspart error-summary - The list of problems, each a link to its field.
 * @csspart error - The box shown when loading or saving fails for a reason no field explains.
 * @csspart changed-meanwhile - That box, when someone else saved the profile while she was editing it.
 * @csspart reload-button - Reloads the profile as it is now, in that box.
 * @csspart profile-status - The profile's status and what it means.
 * @csspart review-note - The coordinator's note, when she sent the profile back.
 * @csspart form - The form.
 * @csspart field - A label, its hint and error, and its control.
 * @csspart field-error - The API's message about one field.
 * @csspart input - Every text box, text area and menu.
 * @csspart button - Every button.
 * @csspart save-button - "Save".
 * @csspart submit-button - "Submit for review", or "Publish".
 * @csspart preview-button - Shows and hides the preview.
 * @csspart preview - The card and full profile as members will see them.
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, links, tags and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons, outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-link-color=var(--tl-color-accent)] - Links in the profile.
 * @cssproperty [--tl-chip-color=var(--tl-color-accent)] - Skill tags.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlProfileEditorElement extends LibraryElement<'libraries' | 'profiles'> {
  static override defaultText = { ...profileStrings, ...profileEditorStrings };
  static override styles = [themeStyles, profileStyles, profileDetailStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'libraries' | 'profiles'> {
    return { libraries: new Libraries(transport), profiles: new Profiles(transport) };
  }

  /**
   * Level of the editor's heading, to fit the page's outline; the review note, the error summary and
   * the preview are one below it, the previewed profile two.
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

  @state() private _library: Library | undefined;
  /** The profile as the API holds it; null when she has none yet. */
  @state() private _profile: Profile | null = null;
  /**
   * Replaced by the loaded profile's before the form shows. Until then in no time zone: finding the
   * viewer's is the page's first use of Intl, which costs a slow phone tens of milliseconds (75 ms
   * at 4× CPU), and this element is often made long before anyone opens it.
   */
  @state() private _draft: Draft = draftOf(null, '');
  @state() private _errors: Map<string, string> = new Map();
  /** Messages the API sent about no field that is on screen. */
  @state() private _otherErrors: string[] = [];
  @state() private _failure: { action: Action; error: unknown } | undefined;
  @state() private _notice: 'saved' | 'savedForReview' | 'submitted' | 'published' | undefined;
  @state() private _preview = false;

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) return { signedIn: false as const };
      try {
        const [library, profile] = await Promise.all([
          client.libraries.get(slug, { signal }),
          client.profiles.mine(slug, { signal }).catch((error: unknown) => {
            if (statusOf(error) === 404) return null;
            throw error;
          }),
        ]);
        return { signedIn: true as const, library, profile };
      } catch (error) {
        if (statusOf(error) === 401) return { signedIn: false as const };
        throw error;
      }
    },
    onComplete: (result) => {
      if (!result.signedIn) return;
      this._library = result.library;
      this._profile = result.profile;
      this._draft = draftOf(result.profile);
      this._errors = new Map();
      this._otherErrors = [];
      this._failure = undefined;
      this._notice = undefined;
    },
    onError: (error) => this.reportError(error),
  });

  private _save = new Task(this, {
    autoRun: false,
    task: async ([client, slug, action]: readonly [ClientWith<'libraries' | 'profiles'> | undefined, string | null, Action], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      const body = bodyOf(this._draft);
      let profile = this._profile;
      const wasPublished = profile?.status === 'published';
      let saved = false;
      // Each step that succeeds is kept even if a later one fails (the profile exists once created),
      // while the form keeps what she typed until everything has gone through.
      if (!profile) {
        profile = this._profile = await client.profiles.create(slug, body, { signal });
        saved = true;
      } else if (action === 'save' || JSON.stringify(body) !== JSON.stringify(bodyOf(draftOf(profile)))) {
        // Only over the version she loaded: if someone saved meanwhile, the API refuses (412).
        profile = this._profile = await client.profiles.update(slug, profile.id, body, { signal, ifMatch: profile.version });
        saved = true;
      }
      const availability = availabilityOf(this._draft);
      if (JSON.stringify(availability) !== JSON.stringify(availabilityOf(draftOf(profile)))) {
        profile = this._profile = await client.profiles.setAvailability(slug, profile.id, availability, { signal });
        saved = true;
      }
      if (saved) this.dispatchAfterRender(new TlProfileSavedEvent(profile));
      // Where a coordinator approves profiles, a change to a live one goes back to review (the API says so by its status).
      const sentForReview = wasPublished && profile.status === 'submitted';
      if (action === 'save') return { action, profile, sentForReview };
      const sent = action === 'publish' ? await client.profiles.publish(slug, profile.id, { signal }) : await client.profiles.submit(slug, profile.id, { signal });
      this._profile = sent;
      this.dispatchAfterRender(new TlProfileSubmittedEvent(sent));
      return { action, profile: sent, sentForReview: false };
    },
    onComplete: ({ action, profile, sentForReview }) => {
      // The form now shows what the API keeps (its text as sent, the taxonomy's own order).
      this._draft = draftOf(profile);
      this._notice = action === 'save' ? (sentForReview ? 'savedForReview' : 'saved') : action === 'publish' ? 'published' : 'submitted';
    },
    onError: (error) => this.#fail(error),
  });

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const result = this._load.status === TaskStatus.COMPLETE ? this._load.value : undefined;
    const loadError = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const signedOut = result?.signedIn === false;
    const ready = result?.signedIn === true && this._library !== undefined;
    return html`
      ${heading(this.headingLevel, 'heading', ready && !this._profile ? strings.createHeading : strings.editorHeading)}
      <p class="status" part="status" role="status">${this.#statusText(strings, loading, signedOut)}</p>
      <div class="alert" part="alert" role="alert">${ready ? this.#renderProblems(strings) : nothing}</div>
      ${loadError !== undefined ? renderError(strings.editorLoadFailed, loadError, strings, () => void this._load.run()) : nothing}
      ${ready ? this.#renderEditor(strings, this._library!) : nothing}
    `;
  }

  #statusText(strings: TalkingLibraryStrings, loading: boolean, signedOut: boolean): string {
    if (loading) return strings.loadingEditor;
    if (signedOut) return strings.editorSignedOut;
    if (this._save.status === TaskStatus.PENDING) {
      const action = this.#action;
      return action === 'publish' ? strings.publishing : action === 'submit' ? strings.submitting : strings.saving;
    }
    if (this._notice === 'saved') return strings.saved;
    if (this._notice === 'savedForReview') return strings.savedForReview;
    if (this._notice === 'submitted') return strings.submitted;
    if (this._notice === 'published') return strings.published;
    return '';
  }

  #action: Action = 'save';

  #renderEditor(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    const profile = this._profile;
    const draft = this._draft;
    const busy = this._save.status === TaskStatus.PENDING ? 'true' : 'false';
    const needsApproval = library.phase !== 'open';
    const canSend = !profile || (needsApproval ? profile.status === 'draft' : profile.status !== 'published');
    return html`
      ${profile
        ? html`<p class="profile-status" part="profile-status">
            <strong>${strings.statusLabel}: ${strings.profileStatuses[profile.status]}.</strong>
            ${profile.status === 'published' && needsApproval ? strings.publishedNeedsReviewHint : strings.profileStatusHints[profile.status]}
          </p>`
        : html`<p class="intro">${strings.createIntro}</p>`}
      ${profile?.reviewNote && profile.status === 'draft'
        ? html`<section class="review-note" part="review-note" aria-labelledby="review-note-heading">
            ${heading(below(this.headingLevel, 1), undefined, strings.reviewNoteHeading, 'review-note-heading')}
            <p class="prose">${profile.reviewNote}</p>
          </section>`
        : nothing}
      <form part="form" novalidate @submit=${this.#onSave} @input=${this.#onEdit} @change=${this.#onEdit}>
        ${this.#text('displayName', strings.displayNameLabel, { maxlength: LIMITS.displayName, autocomplete: 'name', required: true })}
        ${this.#text('pronouns', strings.pronounsLabel, { maxlength: LIMITS.pronouns })}
        ${this.#text('headline', strings.headlineLabel, { maxlength: LIMITS.headline, hint: strings.headlineHint })}
        ${this.#text('bio', strings.bioLabel, { maxlength: LIMITS.bio, multiline: true })}
        ${this.#field('careerStage', strings.careerStageLabel, undefined, (describedBy, invalid) => html`
          <select id="careerStage" name="careerStage" part="input" required aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}>
            <option value="" ?selected=${!draft.careerStage}>${strings.chooseCareerStage}</option>
            ${(Object.keys(strings.careerStages) as CareerStage[]).map(
              (stage) => html`<option value=${stage} ?selected=${draft.careerStage === stage}>${strings.careerStages[stage]}</option>`,
            )}
          </select>`)}
        ${this.#group('categories', strings.categoriesLabel, strings.categoriesHint, html`
          <div class="options">
            ${library.categories.map((category) => this.#checkbox('categories', category.slug, category.name))}
          </div>`)}
        ${this.#group('skills', strings.skillsLabel, strings.skillsHint, html`
          ${library.categories.map(
            (category) => html`<fieldset class="subgroup">
              <legend>${category.name}</legend>
              <div class="options">${category.skills.map((skill) => this.#checkbox('skills', skill.slug, skill.name))}</div>
            </fieldset>`,
          )}
          ${this.#retiredSkills(library).map((skill) => this.#checkbox('skills', skill.slug, skill.name))}`)}
        ${this.#group('stories', strings.storiesLabel, strings.storiesHint, html`
          ${draft.stories.map(
            (story, i) => html`<fieldset class="row" part="story-row">
              <legend>${strings.storyLegend(i + 1)}</legend>
              ${this.#rowText(`stories-${i}-title`, strings.storyTitleLabel(i + 1), story.title, LIMITS.storyTitle)}
              ${this.#rowText(`stories-${i}-body`, strings.storyBodyLabel(i + 1), story.body, LIMITS.storyBody, true)}
              <button type="button" class="secondary" part="button remove-button" @click=${() => this.#removeRow('stories', i)}>
                ${strings.removeStory(i + 1)}
              </button>
            </fieldset>`,
          )}
          ${draft.stories.length < LIMITS.stories
            ? html`<button type="button" class="secondary" id="add-stories" part="button add-button" @click=${() => this.#addRow('stories')}>${strings.addStory}</button>`
            : nothing}`)}
        ${this.#text('languages', strings.languagesLabel, { hint: strings.languagesHint, autocomplete: 'off' })}
        ${this.#field('timeZone', strings.timeZoneLabel, strings.timeZoneHint, (describedBy, invalid) => html`
          <select id="timeZone" name="timeZone" part="input" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}>
            ${timeZones(draft.timeZone).map((zone) => html`<option value=${zone} ?selected=${zone === draft.timeZone}>${zone.replaceAll('_', ' ')}</option>`)}
          </select>`)}
        ${this.#group('links', strings.linksLabel, undefined, html`
          ${draft.links.map(
            (link, i) => html`<fieldset class="row" part="link-row">
              <legend>${strings.linkLegend(i + 1)}</legend>
              ${this.#rowText(`links-${i}-label`, strings.linkLabelLabel(i + 1), link.label, LIMITS.linkLabel)}
              ${this.#rowText(`links-${i}-url`, strings.linkUrlLabel(i + 1), link.url, 2000, false, 'url')}
              <button type="button" class="secondary" part="button remove-button" @click=${() => this.#removeRow('links', i)}>
                ${strings.removeLink(i + 1)}
              </button>
            </fieldset>`,
          )}
          ${draft.links.length < LIMITS.links
            ? html`<button type="button" class="secondary" id="add-links" part="button add-button" @click=${() => this.#addRow('links')}>${strings.addLink}</button>`
            : nothing}`)}
        ${this.#text('photoUrl', strings.photoUrlLabel, { type: 'url' })}
        ${this.#group('availability', strings.availabilityLabel, strings.availabilityHint, html`
          ${draft.availability.map(
            (window, i) => html`<fieldset class="row window" part="window-row">
              <legend>${strings.windowLegend(i + 1)}</legend>
              ${this.#field(`availability-${i}-weekday`, strings.weekdayLabel(i + 1), undefined, (describedBy, invalid) => html`
                <select id="availability-${i}-weekday" part="input" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}>
                  ${[1, 2, 3, 4, 5, 6, 7].map((day) => html`<option value=${day} ?selected=${window.weekday === day}>${weekdayName(day, strings.locale)}</option>`)}
                </select>`)}
              ${this.#rowText(`availability-${i}-start`, strings.startLabel(i + 1), window.start, 5, false, 'time')}
              ${this.#rowText(`availability-${i}-end`, strings.endLabel(i + 1), window.end, 5, false, 'time')}
              <button type="button" class="secondary" part="button remove-button" @click=${() => this.#removeRow('availability', i)}>
                ${strings.removeWindow(i + 1)}
              </button>
            </fieldset>`,
          )}
          ${draft.availability.length < LIMITS.windows
            ? html`<button type="button" class="secondary" id="add-availability" part="button add-button" @click=${() => this.#addRow('availability')}>${strings.addWindow}</button>`
            : nothing}`)}
        ${this.#number('minimumNoticeHours', strings.minimumNoticeLabel, strings.minimumNoticeHint, 0, 336)}
        ${this.#number('weeklyCap', strings.weeklyCapLabel, strings.weeklyCapHint, 1, 40)}
        <div class="actions">
          <button type="submit" part="button save-button" aria-disabled=${busy}>${strings.save}</button>
          ${canSend
            ? html`<button type="button" part="button submit-button" aria-disabled=${busy} @click=${() => this.#run(needsApproval ? 'submit' : 'publish')}>
                ${needsApproval ? strings.submitForReview : strings.publish}
              </button>`
            : nothing}
          <button type="button" class="secondary" part="button preview-button" aria-expanded=${this._preview ? 'true' : 'false'} aria-controls="preview"
            @click=${() => (this._preview = !this._preview)}>${strings.showPreview}</button>
        </div>
      </form>
      <section id="preview" class="preview" part="preview" aria-labelledby="preview-heading" ?hidden=${!this._preview}>
        ${this._preview ? this.#renderPreview(strings, library) : nothing}
      </section>
    `;
  }

  #renderPreview(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    const profile = previewOf(this._draft, library, this._profile);
    return html`
      ${heading(below(this.headingLevel, 1), undefined, strings.previewHeading, 'preview-heading')}
      <p class="preview-label">${strings.previewCardHeading}</p>
      <div class="preview-card">${renderCard(profile, strings, { level: below(this.headingLevel, 2) })}</div>
      <p class="preview-label">${strings.previewDetailHeading}</p>
      <div class="preview-detail">${renderDetail(profile, strings, { level: below(this.headingLevel, 2), headingId: 'preview-name' })}</div>
    `;
  }

  // --- fields

  #text(
    name: TextField,
    label: string,
    options: { hint?: string; maxlength?: number; multiline?: boolean; type?: string; autocomplete?: string; required?: boolean },
  ): TemplateResult {
    const value = this._draft[name];
    return this.#field(name, label, options.hint, (describedBy, invalid) =>
      options.multiline
        ? html`<textarea id=${name} name=${name} part="input" maxlength=${ifDefined(options.maxlength)} aria-describedby=${ifDefined(describedBy)}
            aria-invalid=${invalid} .value=${value}></textarea>`
        : html`<input id=${name} name=${name} part="input" type=${options.type ?? 'text'} maxlength=${ifDefined(options.maxlength)}
            autocomplete=${ifDefined(options.autocomplete)} ?required=${options.required} aria-describedby=${ifDefined(describedBy)}
            aria-invalid=${invalid} .value=${value} />`,
    );
  }

  #number(name: NumberField, label: string, hint: string, min: number, max: number): TemplateResult {
    return this.#field(name, label, hint, (describedBy, invalid) =>
      html`<input id=${name} name=${name} part="input" type="number" inputmode="numeric" min=${min} max=${max} step="1" aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${invalid} .value=${this._draft[name]} />`,
    );
  }

  #rowText(id: string, label: string, value: string, maxlength: number, multiline = false, type = 'text'): TemplateResult {
    return this.#field(id, label, undefined, (describedBy, invalid) =>
      multiline
        ? html`<textarea id=${id} part="input" maxlength=${maxlength} aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid} .value=${value}></textarea>`
        : html`<input id=${id} part="input" type=${type} maxlength=${maxlength} aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}
            .value=${value} />`,
    );
  }

  /** A label, its hint and the API's message, beside the control they describe. */
  #field(id: string, label: string, hint: string | undefined, control: (describedBy: string | undefined, invalid: 'true' | 'false') => TemplateResult): TemplateResult {
    const error = this._errors.get(id);
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for=${id}>${label}</label>
        ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="field-error" part="field-error" id="${id}-error">${this.text.fieldError(label, error)}</p>` : nothing}
        ${control(describedBy, error ? 'true' : 'false')}
      </div>
    `;
  }

  /** A fieldset whose legend names a group of controls (checkboxes, or rows of fields). */
  #group(id: string, legend: string, hint: string | undefined, content: TemplateResult): TemplateResult {
    const error = this._errors.get(id);
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return html`
      <fieldset id=${id} class="group ${error ? 'invalid' : ''}" part="field" aria-describedby=${ifDefined(describedBy)}>
        <legend>${legend}</legend>
        ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="field-error" part="field-error" id="${id}-error">${this.text.fieldError(legend, error)}</p>` : nothing}
        ${content}
      </fieldset>
    `;
  }

  #checkbox(list: 'skills' | 'categories', slug: string, name: string): TemplateResult {
    return html`<label class="option"
      ><input type="checkbox" name=${list} value=${slug} .checked=${this._draft[list].includes(slug)} /> ${name}</label
    >`;
  }

  /** Skills on the profile that the library has since retired: shown, so she can untick them. */
  #retiredSkills(library: Library): { slug: string; name: string }[] {
    const live = new Set(library.categories.flatMap((category) => category.skills.map((skill) => skill.slug)));
    return (this._profile?.skills ?? []).filter((skill) => !live.has(skill.slug));
  }

  // --- problems

  #renderProblems(strings: TalkingLibraryStrings): TemplateResult | typeof nothing {
    const fields = [...this._errors];
    if (fields.length > 0 || this._otherErrors.length > 0) {
      return html`
        <div class="summary" part="error-summary" tabindex="-1">
          ${heading(below(this.headingLevel, 1), undefined, strings.errorSummaryTitle)}
          <ul>
            ${fields.map(
              ([id, message]) => html`<li><a href="#${id}" @click=${(event: Event) => this.#goToField(event, id)}>${strings.fieldError(this.#labelOf(id, strings), message)}</a></li>`,
            )}
            ${this._otherErrors.map((message) => html`<li>${message}</li>`)}
          </ul>
        </div>
      `;
    }
    if (!this._failure) return nothing;
    const { action, error } = this._failure;
    if (statusOf(error) === 412) {
      return html`
        <div class="error" part="error changed-meanwhile">
          <p class="error-title">${strings.changedMeanwhile}</p>
          <p class="error-message">${strings.changedMeanwhileHint}</p>
          <button type="button" part="button reload-button" @click=${() => void this._load.run()}>${strings.reloadProfile}</button>
        </div>
      `;
    }
    return renderError(action === 'save' ? strings.saveFailed : strings.submitFailed, error, strings);
  }

  #labelOf(id: string, strings: TalkingLibraryStrings): string {
    const [field = '', index, part] = id.split('-');
    const n = Number(index) + 1;
    if (field === 'stories' && part) return part === 'title' ? strings.storyTitleLabel(n) : strings.storyBodyLabel(n);
    if (field === 'links' && part) return part === 'label' ? strings.linkLabelLabel(n) : strings.linkUrlLabel(n);
    if (field === 'availability' && part) return part === 'weekday' ? strings.weekdayLabel(n) : part === 'start' ? strings.startLabel(n) : strings.endLabel(n);
    const labels: Record<string, string> = {
      displayName: strings.displayNameLabel,
      pronouns: strings.pronounsLabel,
      headline: strings.headlineLabel,
      bio: strings.bioLabel,
      careerStage: strings.careerStageLabel,
      categories: strings.categoriesLabel,
      skills: strings.skillsLabel,
      stories: strings.storiesLabel,
      languages: strings.languagesLabel,
      timeZone: strings.timeZoneLabel,
      links: strings.linksLabel,
      photoUrl: strings.photoUrlLabel,
      availability: strings.availabilityLabel,
      minimumNoticeHours: strings.minimumNoticeLabel,
      weeklyCap: strings.weeklyCapLabel,
    };
    return labels[field] ?? field;
  }

  /** The summary's links move focus within the shadow root, leaving the page's address alone. */
  #goToField(event: Event, id: string): void {
    event.preventDefault();
    this.#control(id)?.focus();
  }

  /** The control to focus for a field: itself, or a group's first control. */
  #control(id: string): HTMLElement | null | undefined {
    const element = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    return element?.localName === 'fieldset' ? element.querySelector<HTMLElement>('input, select, textarea, button') : element;
  }

  /** Which field a problem's path is about: `body.stories.0.title` → `stories-0-title`, else its nearest group. */
  #fieldOf(path: string): string | undefined {
    const parts = path.replace(/^body\.?/, '').split('.').filter(Boolean);
    if (parts[0] === 'windows') parts[0] = 'availability';
    while (parts.length > 0) {
      const id = parts.join('-');
      if (this.renderRoot.querySelector(`#${CSS.escape(id)}`)) return id;
      parts.pop();
    }
    return undefined;
  }

  #fail(error: unknown): void {
    if (isAbort(error)) return;
    if (statusOf(error) === 412) {
      // Nothing she typed is wrong: the profile moved on. Say so, and offer the way forward.
      this._errors = new Map();
      this._otherErrors = [];
      this._failure = { action: this.#action, error };
      this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>('[part~="reload-button"]'));
      this.reportError(error);
      return;
    }
    const fields = new Map<string, string>();
    let unplaced = false;
    for (const { path, message } of fieldErrorsOf(error)) {
      const id = this.#fieldOf(path);
      if (id && !fields.has(id)) fields.set(id, message);
      // A message about no field of the form reads on from a name only a developer knows
      // (`query.limit: must be…`): the person gets our plain wording instead.
      else if (!id) unplaced = true;
    }
    this._errors = fields;
    this._otherErrors = fields.size === 0 || unplaced ? [describeError(error, this.text).message] : [];
    this._failure = { action: this.#action, error };
    // The summary says what is wrong and leads to each field.
    this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"], [part~="error"]'));
    this.reportError(error);
  }

  // --- what the expert does

  #onEdit = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const draft = this._draft;
    const id = target.id;
    const value = target.value;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      if (event.type !== 'change') return;
      const list = target.name as 'skills' | 'categories';
      const chosen = draft[list].filter((slug) => slug !== value);
      this._draft = { ...draft, [list]: target.checked ? [...chosen, value] : chosen };
      return;
    }
    const row = /^(stories|links|availability)-(\d+)-(\w+)$/.exec(id);
    if (row) {
      const [, list, index, key] = row as unknown as [string, RowList, string, string];
      const rows = [...draft[list]] as Record<string, unknown>[];
      rows[Number(index)] = { ...rows[Number(index)], [key]: key === 'weekday' ? Number(value) : value };
      this._draft = { ...draft, [list]: rows };
    } else if (id in draft) {
      this._draft = { ...draft, [id]: value };
    }
  };

  #addRow(list: RowList): void {
    const draft = this._draft;
    const blank = list === 'stories' ? { title: '', body: '' } : list === 'links' ? { label: '', url: 'https://' } : { weekday: 1, start: '09:00', end: '12:00' };
    this._draft = { ...draft, [list]: [...draft[list], blank] };
    const first = list === 'stories' ? 'title' : list === 'links' ? 'label' : 'weekday';
    this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#${list}-${draft[list].length}-${first}`));
  }

  #removeRow(list: RowList, index: number): void {
    const draft = this._draft;
    this._draft = { ...draft, [list]: draft[list].filter((_, i) => i !== index) };
    // Messages about rows are by position, which has just changed.
    this._errors = new Map([...this._errors].filter(([id]) => !id.startsWith(`${list}-`)));
    this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#add-${list}`));
  }

  #onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#run('save');
  };

  #run(action: Action): void {
    if (this._save.status === TaskStatus.PENDING) return;
    this.#action = action;
    this._errors = new Map();
    this._otherErrors = [];
    this._failure = undefined;
    this._notice = undefined;
    void this._save.run([this.sdk, this.library, action]);
  }
}

/** The form's fields for `profile`; a new one's time zone is `timeZone`, by default the viewer's. */
function draftOf(profile: Profile | null, timeZone?: string): Draft {
  return {
    displayName: profile?.displayName ?? '',
    pronouns: profile?.pronouns ?? '',
    headline: profile?.headline ?? '',
    bio: profile?.bio ?? '',
    careerStage: profile?.careerStage ?? '',
    skills: profile?.skills.map((skill) => skill.slug) ?? [],
    categories: profile?.categories.map((category) => category.slug) ?? [],
    stories: profile?.stories.map(({ title, body }) => ({ title, body })) ?? [],
    languages: (profile?.languages ?? ['en']).join(', '),
    timeZone: profile?.timeZone ?? timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London'),
    links: profile?.links.map(({ label, url }) => ({ label, url })) ?? [],
    photoUrl: profile?.photoUrl ?? '',
    availability: profile?.availability?.map(({ weekday, start, end }) => ({ weekday, start, end })) ?? [],
    minimumNoticeHours: String(profile?.minimumNoticeHours ?? 48),
    weeklyCap: String(profile?.weeklyCap ?? 3),
  };
}

/**
 * What `PUT …/availability` is sent. A number box left empty, or holding what is no number, goes
 * as null, so the API's message about it shows beside the box.
 */
function availabilityOf(draft: Draft): AvailabilityUpdate {
  const numberOf = (typed: string) => (typed.trim() === '' || !Number.isFinite(Number(typed)) ? null : Number(typed)) as number;
  return { windows: draft.availability, minimumNoticeHours: numberOf(draft.minimumNoticeHours), weeklyCap: numberOf(draft.weeklyCap) };
}

/** What the API is sent: every field, so a save means "the profile is now this". */
function bodyOf(draft: Draft): ProfileCreate {
  return {
    displayName: draft.displayName,
    pronouns: draft.pronouns.trim() || null,
    headline: draft.headline,
    bio: draft.bio,
    // Left out when not chosen: the API then says that it is needed, beside the field.
    careerStage: (draft.careerStage || undefined) as CareerStage,
    skills: draft.skills,
    categories: draft.categories,
    stories: draft.stories,
    languages: draft.languages
      .split(/[\s,;]+/)
      .map((tag) => tag.trim())
      .filter(Boolean),
    timeZone: draft.timeZone,
    links: draft.links,
    photoUrl: draft.photoUrl.trim() || null,
  };
}

/** The draft as members would see it once published. */
function previewOf(draft: Draft, library: Library, saved: Profile | null): Profile {
  const skills = library.categories.flatMap((category) => category.skills);
  const pick = <T extends { slug: string }>(slugs: string[], from: T[]) => slugs.flatMap((slug) => from.filter((item) => item.slug === slug).slice(0, 1));
  const body = bodyOf(draft);
  return {
    id: saved?.id ?? 'prf_preview',
    displayName: draft.displayName,
    pronouns: body.pronouns ?? null,
    headline: draft.headline,
    bio: draft.bio,
    careerStage: draft.careerStage || 'entry',
    skills: pick(draft.skills, [...skills, ...(saved?.skills ?? [])]),
    categories: pick(draft.categories, library.categories).map(({ id, slug, name }) => ({ id, slug, name })),
    stories: draft.stories.map((story, i) => ({ id: `sty_preview${i}`, ...story })),
    languages: body.languages ?? [],
    timeZone: draft.timeZone,
    links: draft.links,
    photoUrl: body.photoUrl ?? null,
    status: saved?.status ?? 'draft',
    availability: draft.availability,
    minimumNoticeHours: Number(draft.minimumNoticeHours),
    weeklyCap: Number(draft.weeklyCap),
    version: saved?.version ?? 1,
  };
}

/** Every time zone the browser knows, with hers even if it does not. */
function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-profile-editor': TlProfileEditorElement;
  }
}
