import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { TalkingLibraryClient } from '@talking-library/sdk';
import { addDefaultStrings, commonStrings, getStrings, mergeStrings, onStringsChange, type StringOverrides, type TalkingLibraryStrings } from '../strings.js';
import { TlErrorEvent } from '../events/error.js';
import type { Transport } from '@talking-library/sdk/transport';
import { ClientCache, DEFAULT_REQUEST_TIMEOUT_MS, sessionTokenOf, type ClientPart, type ClientSettings, type ClientWith, type SessionTokenGetter } from './client.js';
import { isAbort } from './errors.js';
import { nextTask } from './next-task.js';

/**
 * What every Talking Library element shares: which API and library it talks to, who is signed in,
 * its wording, and events and focus moves that wait until the page can see what they are about.
 * `Parts` names the parts of the SDK client the element calls.
 */
export abstract class LibraryElement<Parts extends ClientPart = never> extends LitElement implements ClientSettings {
  /** The element's own default wording, added to the page's strings when the first one is made. */
  static defaultText: Partial<TalkingLibraryStrings> = {};
  static #addedText = new WeakSet<object>();

  /** Base URL of the Talking Library API; a relative URL such as `/` resolves against the page. */
  @property() api: string | null = '';

  /** Slug of the library, such as `demo`. */
  @property() library: string | null = '';

  /** The partner site's `pk_…` key, when the API requires one for this origin. */
  @property({ attribute: 'publishable-key' }) publishableKey: string | null = '';

  /**
   * The signed-in member's session token (`tls_…`), from the partner's `POST /sessions` exchange or
   * a `tl-signed-in` event. Changing it reloads what the element shows. Never reflected.
   */
  @property({ attribute: 'member-token' }) memberToken: string | null = null;

  /**
   * Called before every request for the current session token (or nothing when nobody is signed
   * in); may return a promise. Wins over `member-token`. Assign a new function to reload.
   */
  @property({ attribute: false }) getSessionToken: SessionTokenGetter | undefined;

  /**
   * Milliseconds each try of a request may take before the element gives up on it; a read is tried
   * at most twice, then the error shows with "Try again". Not used with a `client` of the page's own.
   */
  @property({ attribute: 'request-timeout', type: Number }) requestTimeout = DEFAULT_REQUEST_TIMEOUT_MS;

  /** A client from `@talking-library/sdk`; when set, `api`, `publishable-key` and the token settings are ignored. */
  @property({ attribute: false }) client: TalkingLibraryClient | undefined;

  /** Text for this element only, over the page-wide strings set with `setStrings`. */
  @property({ attribute: false }) strings: StringOverrides | undefined;

  constructor() {
    super();
    const own = this.constructor as typeof LibraryElement;
    if (!LibraryElement.#addedText.has(own)) {
      // The common words too, the first time: the loader's getStrings sees only what was added.
      if (!LibraryElement.#addedText.has(LibraryElement)) {
        LibraryElement.#addedText.add(LibraryElement);
        addDefaultStrings(commonStrings);
      }
      LibraryElement.#addedText.add(own);
      addDefaultStrings(own.defaultText);
    }
  }

  readonly #clients = new ClientCache(this, (transport) => this.composeClient(transport), () => this.currentSessionToken());
  #eventsAfterRender: Event[] = [];
  #focusAfterRender: (() => HTMLElement | null | undefined) | undefined;
  #stopListeningToStrings: (() => void) | undefined;

  /** The SDK client to call: the page's, or one built from the attributes; nothing without an `api`. */
  protected get sdk(): ClientWith<Parts> | undefined {
    return this.#clients.get();
  }

  /** Builds the parts of the client this element calls, from the SDK's resource modules. */
  protected abstract composeClient(transport: Transport): ClientWith<Parts>;

  /** The token the client sends now; an element that signs people in puts its own session first. */
  protected currentSessionToken(): Promise<string | undefined> {
    return sessionTokenOf(this);
  }

  /** The wording in force for this element. */
  protected get text(): TalkingLibraryStrings {
    return mergeStrings(getStrings(), this.strings);
  }

  /** Dispatches `event` once the next render is on screen, so listeners see what it reports. */
  protected dispatchAfterRender(event: Event): void {
    this.#eventsAfterRender.push(event);
    this.requestUpdate();
  }

  /**
   * Focuses what `find` returns once the next render is on screen, after the events it announces:
   * the control the member used may be gone, or not there yet. The latest call wins.
   */
  protected focusAfterRender(find: () => HTMLElement | null | undefined): void {
    this.#focusAfterRender = find;
  }

  /** A task failed: says so with `tl-error`, unless it was only cancelled (aborted). */
  protected reportError(error: unknown): void {
    if (!isAbort(error)) this.dispatchAfterRender(new TlErrorEvent(error));
  }

  /**
   * The first render waits for a task of its own: the element's code has just been run and the
   * element made, and doing all three in one task made a long one on a slow phone (about 80 ms at
   * 4× CPU for `<talking-library>`). Later renders go as Lit schedules them.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated && typeof document !== 'undefined') await nextTask();
    super.scheduleUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopListeningToStrings = onStringsChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListeningToStrings?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    for (const event of this.#eventsAfterRender.splice(0)) this.dispatchEvent(event);
    const focus = this.#focusAfterRender;
    this.#focusAfterRender = undefined;
    focus?.()?.focus();
  }
}
