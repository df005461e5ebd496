/**
 * `<talking-library>` and the other tags in React 19's JSX: `import type {} from '@talking-library/widget/jsx/react'`.
 * React 19 sets a prop as a property when the element has one by that name, and `ontl-request-exchange`
 * listens for `tl-request-exchange`. (Or use `@talking-library/react`, whose `onTlRequestExchange` reads as React does.)
 */
import type * as React from 'react';
import type { TalkingLibraryElementProps, TalkingLibraryElementTagNameMap, TalkingLibraryTag } from './index.js';

export type * from './index.js';

/** React's props for an element: its HTML attributes and `ref` for the element's class, then ours. */
export type ReactElementProps<T extends TalkingLibraryTag> = Omit<
  React.DetailedHTMLProps<React.HTMLAttributes<TalkingLibraryElementTagNameMap[T]>, TalkingLibraryElementTagNameMap[T]>,
  keyof TalkingLibraryElementProps[T]
> &
  TalkingLibraryElementProps[T];

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'talking-library': ReactElementProps<'talking-library'>;
      'tl-sign-in': ReactElementProps<'tl-sign-in'>;
      'tl-profile-editor': ReactElementProps<'tl-profile-editor'>;
      'tl-review-queue': ReactElementProps<'tl-review-queue'>;
      'tl-credits': ReactElementProps<'tl-credits'>;
      'tl-request-hour': ReactElementProps<'tl-request-hour'>;
      'tl-my-exchanges': ReactElementProps<'tl-my-exchanges'>;
      'tl-request-form': ReactElementProps<'tl-request-form'>;
      'tl-request-board': ReactElementProps<'tl-request-board'>;
      'tl-learning-feed': ReactElementProps<'tl-learning-feed'>;
      'tl-insights': ReactElementProps<'tl-insights'>;
      'tl-surveys': ReactElementProps<'tl-surveys'>;
    }
  }
}
