/**
 * JSX typings for the Talking Library elements in React 19 and Preact: `<talking-library>` and the
 * other tags check their props and `ontl-*` event handlers. Bring them into a project once:
 *
 * ```ts
 * import type {} from '@talking-library/widget/jsx';
 * ```
 *
 * Props are the element's own properties (`api`, `library`, `publishableKey`, `pageSize`, `client`,
 * `getSessionToken`, …; React 19 and Preact set a property when the element has it) and their
 * attribute names (`publishable-key`, `page-size`, …). An event handler is `on` and the event's
 * name, exactly (`ontl-request-exchange`): both libraries listen for the name after `on` as it is
 * written. Each handler receives the event's own class, as `GlobalEventHandlersEventMap` maps it.
 *
 * This module holds types only; importing it adds no code.
 */
import type { LitElement } from 'lit';
import type * as React from 'react';
import type * as Preact from 'preact';
import type { TalkingLibraryElement } from './talking-library/talking-library.js';
import type { TlProfileEditorElement } from './tl-profile-editor/tl-profile-editor.js';
import type { TlReviewQueueElement } from './tl-review-queue/tl-review-queue.js';
import type { TlSignInElement } from './tl-sign-in/tl-sign-in.js';

/**
 * An element's own settable properties: its fields, not HTMLElement's or Lit's, and not its methods.
 * A method (`closeProfile`) and a callback property (`getSessionToken`) are both functions; only the
 * property may be `undefined`, and that is how the two are told apart.
 */
export type ElementProperties<E> = {
  [K in Exclude<keyof E, keyof LitElement> as E[K] extends (...args: never[]) => unknown ? (undefined extends E[K] ? K : never) : K]?: E[K];
};

/** The handler props for the events an element fires: `ontl-request-exchange`, typed by the event's class. */
export type ElementEventHandlers<Events extends keyof GlobalEventHandlersEventMap> = {
  [N in Events as `on${N}`]?: (event: GlobalEventHandlersEventMap[N]) => void;
};

/** Attributes every element reads, by their HTML names. */
interface LibraryAttributes {
  api?: string;
  library?: string;
  'publishable-key'?: string;
  'member-token'?: string;
}

/** What each element takes besides the framework's own HTML attributes. */
export interface TalkingLibraryElementProps {
  'talking-library': ElementProperties<TalkingLibraryElement> &
    LibraryAttributes & { 'page-size'?: number | string; 'no-history'?: boolean } &
    ElementEventHandlers<'tl-profiles-loaded' | 'tl-request-exchange' | 'tl-error'>;
  'tl-sign-in': ElementProperties<TlSignInElement> & LibraryAttributes & ElementEventHandlers<'tl-signed-in' | 'tl-signed-out' | 'tl-error'>;
  'tl-profile-editor': ElementProperties<TlProfileEditorElement> &
    LibraryAttributes &
    ElementEventHandlers<'tl-profile-saved' | 'tl-profile-submitted' | 'tl-error'>;
  'tl-review-queue': ElementProperties<TlReviewQueueElement> & LibraryAttributes & ElementEventHandlers<'tl-profile-reviewed' | 'tl-error'>;
}

/** Each tag's element class. */
export interface TalkingLibraryElementTagNameMap {
  'talking-library': TalkingLibraryElement;
  'tl-sign-in': TlSignInElement;
  'tl-profile-editor': TlProfileEditorElement;
  'tl-review-queue': TlReviewQueueElement;
}

type Tag = keyof TalkingLibraryElementProps;

/** React's props for an element: its HTML attributes and `ref` for the element's class, then ours. */
export type ReactElementProps<T extends Tag> = Omit<
  React.DetailedHTMLProps<React.HTMLAttributes<TalkingLibraryElementTagNameMap[T]>, TalkingLibraryElementTagNameMap[T]>,
  keyof TalkingLibraryElementProps[T]
> &
  TalkingLibraryElementProps[T];

/** Preact's props for an element. */
export type PreactElementProps<T extends Tag> = Omit<Preact.HTMLAttributes<TalkingLibraryElementTagNameMap[T]>, keyof TalkingLibraryElementProps[T]> &
  TalkingLibraryElementProps[T];

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'talking-library': ReactElementProps<'talking-library'>;
      'tl-sign-in': ReactElementProps<'tl-sign-in'>;
      'tl-profile-editor': ReactElementProps<'tl-profile-editor'>;
      'tl-review-queue': ReactElementProps<'tl-review-queue'>;
    }
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'talking-library': PreactElementProps<'talking-library'>;
      'tl-sign-in': PreactElementProps<'tl-sign-in'>;
      'tl-profile-editor': PreactElementProps<'tl-profile-editor'>;
      'tl-review-queue': PreactElementProps<'tl-review-queue'>;
    }
  }
}
