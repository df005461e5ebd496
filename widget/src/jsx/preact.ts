/**
 * `<talking-library>` and the other tags in Preact's JSX: `import type {} from '@talking-library/widget/jsx/preact'`.
 * Preact sets a prop as a property when the element has one by that name, and `ontl-request-exchange`
 * listens for `tl-request-exchange`.
 */
import type * as Preact from 'preact';
import type { TalkingLibraryElementProps, TalkingLibraryElementTagNameMap, TalkingLibraryTag } from './index.js';

export type * from './index.js';

/** Preact's props for an element: its HTML attributes for the element's class, then ours. */
export type PreactElementProps<T extends TalkingLibraryTag> = Omit<
  Preact.HTMLAttributes<TalkingLibraryElementTagNameMap[T]>,
  keyof TalkingLibraryElementProps[T]
> &
  TalkingLibraryElementProps[T];

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'talking-library': PreactElementProps<'talking-library'>;
      'tl-sign-in': PreactElementProps<'tl-sign-in'>;
      'tl-profile-editor': PreactElementProps<'tl-profile-editor'>;
      'tl-review-queue': PreactElementProps<'tl-review-queue'>;
      'tl-credits': PreactElementProps<'tl-credits'>;
      'tl-request-hour': PreactElementProps<'tl-request-hour'>;
      'tl-my-exchanges': PreactElementProps<'tl-my-exchanges'>;
      'tl-request-form': PreactElementProps<'tl-request-form'>;
      'tl-request-board': PreactElementProps<'tl-request-board'>;
      'tl-learning-feed': PreactElementProps<'tl-learning-feed'>;
      'tl-insights': PreactElementProps<'tl-insights'>;
      'tl-surveys': PreactElementProps<'tl-surveys'>;
    }
  }
}
