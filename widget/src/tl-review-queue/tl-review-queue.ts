import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus } from '@lit/task';
import type { Profile } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Profiles } from '@talking-library/sdk/resources/profiles';
import { TlProfileReviewedEvent, type ReviewDecision } from '../events/profile-reviewed.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, NotSignedInError, fieldErrorsOf, isAbort } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { profileDetailStyles } from '../internal/profile-detail.styles.js';
import { profileStyles } from '../internal/profile.styles.js';
import { renderDetail } from '../internal/profile-detail.js';
import { below, heading, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-review-queue.styles.js';
import { profileStrings } from '../internal/profile.strings.js';
import { reviewQueueStrings } from './tl-review-queue.strings.js';

/**
 * For coordinators: the profiles experts have submitted, oldest first, each in full as members
 * would see it, with "Publish" and "Send back" (which needs a note saying what to change).
 * Needs a coordinator's session: a `member-token` or `getSessionToken`.
 *
 * @tag tl-review-queue
 *
 * @fires {TlProfileReviewedEvent} tl-profile-reviewed - A profile was published or sent back; `event.decision` says which.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Profiles waiting for review".
 * @csspart status - The polite live region: loading, how many wait, what was just done.
 * @csspart alert - The assertive live region for the queue's own errors.
 * @csspart error - The box shown when a request fails for a reason no field explains.
 * @csspart refresh-button - Loads the queue again.
 * @csspart list - The list of submitted profiles.
 * @csspart item - One submitted profile with its decision.
 * @csspart detail - The profile as members would see it (and every part of it, as in `<talking-library>`).
 * @csspart decision - Publish and send back, for one profile.
 * @csspart button - Every button.
 * @csspart publish-button - "Publish".
 * @csspart send-back-button - "Send back".
 * @csspart field - The note's label, hint, error and text area.
 * @csspart field-error - The API's message about the note.
 * @csspart note-input - The note to the expert.
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, links, tags and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons, outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-link-color=var(--tl-color-accent)] - Links in the profile.
 * @cssproperty [--tl-chip-color=var(--tl-color-accent)] - Skill tags.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlReviewQueueElement extends LibraryElement<'profiles'> {
  static override defaultText = { ...profileStrings, ...reviewQueueStrings };
  static override styles = [themeStyles, profileStyles, profileDetailStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'profiles'> {
    return { profiles: new Profiles(transport) };
  }

  /**
   * Level of the queue's heading, to fit the page's outline; each profile's name is one below it.
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

  @state() private _queue: Profile[] = [];
  @state() private _notes: Record<string, string> = {};
  @state() private _noteErrors: Record<string, string> = {};
  @state() private _failures: Record<string, unknown> = {};
  /** What the coordinator just did, said in the status region. */
  @state() private _notice = '';

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) throw new NotSignedInError();
      // The whole queue, a hundred at a time: a coordinator works through all of it.
      const queue: Profile[] = [];
      for await (const profile of client.profiles.reviewQueue(slug, { limit: 100 }, { signal })) queue.push(profile);
      return queue;
    },
    onComplete: (queue) => {
      this._queue = queue;
      this._noteErrors = {};
      this._failures = {};
    },
    onError: (error) => this.reportError(error),
  });

  private _act = new Task(this, {
    autoRun: false,
    task: async (
      [client, slug, profile, decision, note]: readonly [ClientWith<'profiles'> | undefined, string | null, Profile, ReviewDecision, string],
      { signal },
    ) => {
      if (!client || !slug) throw new NotConfiguredError();
      const updated =
        decision === 'published' ? await client.profiles.publish(slug, profile.id, { signal }) : await client.profiles.sendBack(slug, profile.id, note, { signal });
      return { before: profile, profile: updated, decision };
    },
    onComplete: ({ before, profile, decision }) => {
      const strings = this.text;
      const index = this._queue.findIndex((p) => p.id === before.id);
      this._queue = this._queue.filter((p) => p.id !== before.id);
      this._notice = decision === 'published' ? strings.publishedProfile(before.displayName) : strings.sentBackProfile(before.displayName);
      // Focus moves on to the next profile waiting, or back to the heading when none is left.
      const next = this._queue[Math.min(index, this._queue.length - 1)];
      this.focusAfterRender(() =>
        this.renderRoot.querySelector<HTMLElement>(next ? `[data-profile-id="${CSS.escape(next.id)}"]` : '[part~="heading"]'));
      this.dispatchAfterRender(new TlProfileReviewedEvent(profile, decision));
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const [, profile] = this.#acting ?? [];
      if (!profile) return;
      const note = fieldErrorsOf(error).find((e) => e.path === 'body.note');
      if (note) {
        this._noteErrors = { ...this._noteErrors, [profile.id]: note.message };
        this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#note-${CSS.escape(profile.id)}`));
      } else {
        this._failures = { ...this._failures, [profile.id]: error };
      }
      this.reportError(error);
    },
  });

  #acting: [ReviewDecision, Profile] | undefined;

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const loaded = this._load.status === TaskStatus.COMPLETE;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    return html`
      <div class="top">
        ${heading(this.headingLevel, 'heading', strings.reviewHeading, undefined, true)}
        ${loaded
          ? html`<button type="button" class="secondary" part="button refresh-button" @click=${() => void this._load.run()}>${strings.refresh}</button>`
          : nothing}
      </div>
      <p class="status ${loaded && this._queue.length === 0 ? 'empty' : ''}" part="status" role="status">
        ${this.#statusText(strings, loading, loaded)}
      </p>
      <div class="alert" part="alert" role="alert">
        ${error !== undefined ? renderError(error instanceof NotSignedInError ? strings.editorSignedOut : strings.queueLoadFailed, error, strings) : nothing}
      </div>
      ${error !== undefined && !(error instanceof NotSignedInError)
        ? html`<button type="button" part="button retry-button" @click=${() => void this._load.run()}>${strings.retry}</button>`
        : nothing}
      ${loaded && this._queue.length > 0
        ? html`<ol class="queue" part="list" role="list">
            ${this._queue.map((profile) => html`<li>${this.#renderItem(profile, strings)}</li>`)}
          </ol>`
        : nothing}
    `;
  }

  #statusText(strings: TalkingLibraryStrings, loading: boolean, loaded: boolean): string {
    if (loading) return strings.loadingQueue;
    if (!loaded) return '';
    const count = this._queue.length === 0 ? strings.queueEmpty : strings.queueCount(this._queue.length);
    return this._notice ? `${this._notice} ${count}` : count;
  }

  #renderItem(profile: Profile, strings: TalkingLibraryStrings): TemplateResult {
    const id = profile.id;
    const busy = this._act.status === TaskStatus.PENDING ? 'true' : 'false';
    const noteId = `note-${id}`;
    const noteError = this._noteErrors[id];
    const failure = this._failures[id];
    const describedBy = `${noteId}-hint${noteError ? ` ${noteId}-error` : ''}`;
    return html`
      <article class="item" part="item" aria-labelledby="review-name-${id}" data-profile-id=${id} tabindex="-1">
        ${renderDetail(profile, strings, { level: below(this.headingLevel, 1), headingId: `review-name-${id}` })}
        <div class="decision" part="decision" role="group" aria-label=${strings.reviewActionsLabel(profile.displayName)}>
          <div role="alert">${failure !== undefined ? renderError(strings.reviewFailed(profile.displayName), failure, strings) : nothing}</div>
          <div class="actions">
            <button type="button" part="button publish-button" aria-disabled=${busy} @click=${() => this.#decide(profile, 'published')}>${strings.publish}</button>
          </div>
          <form novalidate @submit=${(event: SubmitEvent) => this.#onSendBack(event, profile)}>
            <div class="field ${noteError ? 'invalid' : ''}" part="field">
              <label for=${noteId}>${strings.sendBackNoteLabel}</label>
              <p class="hint" id="${noteId}-hint">${strings.sendBackNoteHint}</p>
              ${noteError
                ? html`<p class="field-error" part="field-error" id="${noteId}-error">${strings.fieldError(strings.sendBackNoteLabel, noteError)}</p>`
                : nothing}
              <textarea id=${noteId} part="note-input" required maxlength="2000" aria-describedby=${ifDefined(describedBy)}
                aria-invalid=${noteError ? 'true' : 'false'} .value=${this._notes[id] ?? ''}
                @input=${(event: Event) => (this._notes = { ...this._notes, [id]: (event.target as HTMLTextAreaElement).value })}></textarea>
            </div>
            <button type="submit" class="secondary" part="button send-back-button" aria-disabled=${busy}>${strings.sendBack}</button>
          </form>
        </div>
      </article>
    `;
  }

  #onSendBack(event: SubmitEvent, profile: Profile): void {
    event.preventDefault();
    this.#decide(profile, 'sent-back');
  }

  #decide(profile: Profile, decision: ReviewDecision): void {
    if (this._act.status === TaskStatus.PENDING) return;
    this.#acting = [decision, profile];
    const { [profile.id]: _note, ...noteErrors } = this._noteErrors;
    const { [profile.id]: _failure, ...failures } = this._failures;
    this._noteErrors = noteErrors;
    this._failures = failures;
    this._notice = '';
    // The API says when the note is missing, beside the field, like every other rule it keeps.
    void this._act.run([this.sdk, this.library, profile, decision, this._notes[profile.id] ?? '']);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-review-queue': TlReviewQueueElement;
  }
}
