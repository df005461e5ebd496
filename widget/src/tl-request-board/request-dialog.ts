import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { renderError } from '../internal/error-view.js';
import type { RequestResponse, SkillRequest } from '@talking-library/sdk';
import { formatInZone, localInputNow, localInputToUtc, viewerTimeZone, zoneLabel } from '../internal/zoned-time.js';
import type { TalkingLibraryStrings } from '../strings.js';

// The board's dialogs: responding to a request, accepting a response, closing a request. Fetched
// the first time one opens, so a board that is only read never downloads them.

export const MAX_PROPOSED_TIMES = 3;

/** What the open dialog is for. */
export type Dialog =
  | { kind: 'respond'; request: SkillRequest }
  | { kind: 'accept'; request: SkillRequest; response: RequestResponse }
  | { kind: 'close'; request: SkillRequest };

/** What has been typed and chosen in the dialog. */
export interface DialogValues {
  message: string;
  /** `datetime-local` values, in the viewer's zone; empty boxes are left out when sent. */
  times: string[];
  startsAt: string;
  meetingPlace: string;
  closeReason: string;
}

/** The dialog as the board holds it, and what its controls do. */
export interface DialogModel {
  dialog: Dialog;
  values: DialogValues;
  errors: Map<string, string>;
  failure: unknown;
  busy: boolean;
  /** The expert's IANA zone, when accepting her response and her profile says. */
  expertZone: string | undefined;
  edit(change: Partial<Omit<DialogValues, 'times'>>): void;
  setTime(index: number, value: string): void;
  addTime(): void;
  removeTime(index: number): void;
  cancel(): void;
  submit(event: SubmitEvent): void;
}

/** The controls that can hold a message, in the order focus should try them. */
export const FIELD_ORDER = ['message', 'times', 'time-0', 'time-1', 'time-2', 'startsAt', 'meetingPlace', 'closeReason'];

export function renderDialogBody(model: DialogModel, strings: TalkingLibraryStrings): TemplateResult {
  const { dialog } = model;
  const title =
    dialog.kind === 'respond' ? strings.respondHeading(dialog.request.title) : dialog.kind === 'accept' ? strings.acceptHeading(dialog.response.expert.name) : strings.closeHeading(dialog.request.title);
  const submit = dialog.kind === 'respond' ? strings.sendResponse : dialog.kind === 'accept' ? strings.scheduleHour : strings.closeRequest;
  return html`<form class="dialog-body" novalidate @submit=${model.submit}>
    <h2 id="dialog-heading" class="dialog-heading" part="dialog-heading">${title}</h2>
    ${dialog.kind === 'respond' ? renderRespond(model, strings) : dialog.kind === 'accept' ? renderAccept(model, dialog.response, strings) : renderClose(model, strings)}
    <div role="alert">${model.failure !== undefined ? renderError(strings.requestActionFailed, model.failure, strings) : nothing}</div>
    <div class="actions">
      <button type="submit" part="button submit-button" aria-disabled=${model.busy ? 'true' : 'false'}>${submit}</button>
      <button type="button" class="secondary" part="button cancel-button" @click=${model.cancel}>${strings.cancel}</button>
    </div>
  </form>`;
}

function renderRespond(model: DialogModel, strings: TalkingLibraryStrings): TemplateResult {
  const { values, errors } = model;
  const zone = zoneLabel(viewerTimeZone(), strings.locale);
  const groupError = errors.get('times');
  const min = localInputNow();
  return html`
    ${field(errors, 'message', strings.responseMessageLabel, strings.responseMessageHint, (describedBy, invalid) => html`
      <textarea id="message" part="input" maxlength="2000" required aria-required="true" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}
        .value=${values.message} @input=${(event: Event) => model.edit({ message: (event.target as HTMLTextAreaElement).value })}></textarea>`)}
    <fieldset id="times" class=${groupError ? 'invalid' : ''} part="field" aria-describedby="times-hint${groupError ? ' times-error' : ''}">
      <legend>${strings.proposedTimesLegend}</legend>
      <p class="hint" id="times-hint">${strings.proposedTimesHint(zone)}</p>
      ${groupError ? html`<p class="field-error" part="field-error" id="times-error">${groupError}</p>` : nothing}
      ${values.times.map(
        (value, i) => html`<div class="time-row">
          ${field(errors, `time-${i}`, strings.responseTimeLabel(i + 1), undefined, (describedBy, invalid) => html`
            <input id="time-${i}" part="input" type="datetime-local" min=${min} step="60" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}
              .value=${value} @input=${(event: Event) => model.setTime(i, (event.target as HTMLInputElement).value)} />`)}
          ${i > 0
            ? html`<button type="button" class="secondary" part="button remove-time-button" @click=${() => model.removeTime(i)}>${strings.removeProposedTime(i + 1)}</button>`
            : nothing}
        </div>`,
      )}
      ${values.times.length < MAX_PROPOSED_TIMES
        ? html`<button type="button" class="secondary" id="add-time" part="button add-time-button" @click=${model.addTime}>${strings.addProposedTime}</button>`
        : nothing}
    </fieldset>
  `;
}

function renderAccept(model: DialogModel, response: RequestResponse, strings: TalkingLibraryStrings): TemplateResult {
  const { values, errors, expertZone } = model;
  const zone = viewerTimeZone();
  const error = errors.get('startsAt');
  // Her zone is named beside each time only where it differs: the same words twice help nobody.
  const theirs = expertZone && expertZone !== zone ? expertZone : undefined;
  return html`
    <p>${strings.acceptIntro}</p>
    <fieldset id="startsAt" class=${error ? 'invalid' : ''} part="field" aria-describedby="startsAt-hint${error ? ' startsAt-error' : ''}">
      <legend>${strings.chooseTimeLegend}</legend>
      <p class="hint" id="startsAt-hint">${strings.chooseTimeHint(zoneLabel(zone, strings.locale))}</p>
      ${error ? html`<p class="field-error" part="field-error" id="startsAt-error">${error}</p>` : nothing}
      ${response.proposedTimes.map(
        (time, i) => html`<label class="option time-option" part="time-option">
          <input type="radio" name="startsAt" value=${time} .checked=${values.startsAt === time} aria-describedby=${ifDefined(theirs ? `their-time-${i}` : undefined)}
            @change=${() => model.edit({ startsAt: time })} />
          <span>
            ${formatInZone(time, zone, strings.locale)}
            ${theirs
              ? html`<span class="their-time" id="their-time-${i}"
                  >${strings.theirTime(response.expert.name, formatInZone(time, theirs, strings.locale), zoneLabel(theirs, strings.locale, new Date(time)))}</span
                >`
              : nothing}
          </span>
        </label>`,
      )}
    </fieldset>
    ${field(errors, 'meetingPlace', strings.meetingPlaceLabel, strings.meetingPlaceHint, (describedBy, invalid) => html`
      <input id="meetingPlace" part="input" type="text" maxlength="500" autocomplete="off" required aria-required="true" aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${invalid} .value=${values.meetingPlace} @input=${(event: Event) => model.edit({ meetingPlace: (event.target as HTMLInputElement).value })} />`)}
  `;
}

function renderClose(model: DialogModel, strings: TalkingLibraryStrings): TemplateResult {
  return html`
    <p>${strings.closeIntro}</p>
    ${field(model.errors, 'closeReason', strings.closeReasonLabel, undefined, (describedBy, invalid) => html`
      <input id="closeReason" part="input" type="text" maxlength="500" autocomplete="off" aria-describedby=${ifDefined(describedBy)} aria-invalid=${invalid}
        .value=${model.values.closeReason} @input=${(event: Event) => model.edit({ closeReason: (event.target as HTMLInputElement).value })} />`)}
  `;
}

/** A label, its hint and its message, beside the control they describe. */
function field(
  errors: Map<string, string>,
  id: string,
  label: string,
  hint: string | undefined,
  control: (describedBy: string | undefined, invalid: 'true' | 'false') => TemplateResult,
): TemplateResult {
  const error = errors.get(id);
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

/** What must be right before anything is sent, each message in the dialog's words. */
export function dialogErrors(dialog: Dialog, values: DialogValues, strings: TalkingLibraryStrings, now = Date.now()): Map<string, string> {
  const errors = new Map<string, string>();
  if (dialog.kind === 'respond') {
    if (!values.message.trim()) errors.set('message', strings.responseMessageRequired);
    const filled = filledTimes(values.times);
    if (filled.length === 0) errors.set('times', strings.proposedTimeRequired);
    for (const { value, box } of filled) {
      const utc = localInputToUtc(value);
      if (!utc) errors.set(`time-${box}`, strings.proposedTimeInvalid(box + 1));
      else if (new Date(utc).getTime() <= now) errors.set(`time-${box}`, strings.proposedTimeInPast(box + 1));
    }
  } else if (dialog.kind === 'accept') {
    if (!values.startsAt) errors.set('startsAt', strings.chooseTimeRequired);
    if (!values.meetingPlace.trim()) errors.set('meetingPlace', strings.meetingPlaceRequired);
  }
  return errors;
}

/** The boxes with a time in them, and which box each is. */
export function filledTimes(times: string[]): { value: string; box: number }[] {
  return times.map((value, box) => ({ value, box })).filter(({ value }) => value !== '');
}

/** The times to send: each filled box read in the viewer's zone, in UTC. */
export function proposedTimesOf(times: string[]): string[] {
  return filledTimes(times).map(({ value }) => localInputToUtc(value)!);
}

/** Which control of the dialog a problem's path is about: `body.proposedTimes.1` → the box that time came from. */
export function dialogFieldOf(path: string, times: string[]): string | undefined {
  const [first, second] = path.replace(/^body\.?/, '').split('.');
  if (first === 'proposedTimes') {
    const box = second === undefined ? undefined : filledTimes(times)[Number(second)]?.box;
    return box === undefined ? 'times' : `time-${box}`;
  }
  if (first === 'closedReason') return 'closeReason';
  return first === 'message' || first === 'startsAt' || first === 'meetingPlace' ? first : undefined;
}
