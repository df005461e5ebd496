import { html, nothing, type TemplateResult } from 'lit';
import type { TalkingLibraryStrings } from '../strings.js';
import { describeError, statusOf } from './errors.js';

/** How `<talking-library>`'s box differs: its words announce themselves, and its button has one part. */
export interface ErrorViewOptions {
  /** Wrap the words (not the button) in `role="alert"`, for an element with no live region of its own around the box. */
  alert?: boolean;
  /** The retry button's `part`; by default `button retry-button`. */
  retryPart?: string;
}

/**
 * The box that says a request failed: what failed, why, and a way to try again when there is one
 * and it can help (never for a refusal such as 403 or 404, which would only be refused again).
 * Only a fault on our side (5xx) carries the request id: a 4xx, such as a wrong code or too many
 * tries, is the API's answer, not something to quote to support.
 */
export function renderError(
  title: string,
  error: unknown,
  strings: TalkingLibraryStrings,
  retry?: () => void,
  { alert = false, retryPart = 'button retry-button' }: ErrorViewOptions = {},
): TemplateResult {
  const { message, requestId, retryable } = describeError(error, strings);
  const reference = requestId && (statusOf(error) ?? 500) >= 500 ? requestId : undefined;
  const words = html`<p class="error-title">${title}</p>
    ${message ? html`<p class="error-message">${message}</p>` : nothing}
    ${reference ? html`<p class="error-reference">${strings.errorReference(reference)}</p>` : nothing}`;
  return html`
    <div class="error" part="error">
      ${alert ? html`<div role="alert">${words}</div>` : words}
      ${retry && retryable ? html`<button type="button" part=${retryPart} @click=${retry}>${strings.retry}</button>` : nothing}
    </div>
  `;
}
