import { html, nothing, type TemplateResult } from 'lit';
import type { TalkingLibraryStrings } from '../strings.js';
import { describeError, statusOf } from './errors.js';

/**
 * The box that says a request failed: what failed, why, and a way to try again when there is one
 * and it can help (never for a refusal such as 403 or 404, which would only be refused again).
 * Only a fault on our side (5xx) carries the request id: a 4xx, such as a wrong code or too many
 * tries, is the API's answer, not something to quote to support.
 */
export function renderError(title: string, error: unknown, strings: TalkingLibraryStrings, retry?: () => void): TemplateResult {
  const { message, requestId, retryable } = describeError(error, strings);
  const reference = requestId && (statusOf(error) ?? 500) >= 500 ? requestId : undefined;
  return html`
    <div class="error" part="error">
      <p class="error-title">${title}</p>
      ${message ? html`<p class="error-message">${message}</p>` : nothing}
      ${reference ? html`<p class="error-reference">${strings.errorReference(reference)}</p>` : nothing}
      ${retry && retryable ? html`<button type="button" part="button retry-button" @click=${retry}>${strings.retry}</button>` : nothing}
    </div>
  `;
}
