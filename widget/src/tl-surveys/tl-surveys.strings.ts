import { plural, type TalkingLibraryStrings } from '../strings.js';

/** What `<tl-surveys>` says. */
export const surveysStrings = {
  surveysHeading: 'Surveys for you',
  loadingSurveys: 'Loading your surveys…',
  surveysLoadFailed: 'Sorry, your surveys could not be loaded.',
  surveysSignedOut: 'Sign in to see the surveys waiting for you.',
  noSurveys: 'No surveys are waiting for you. Thank you.',
  surveysWaiting: (count: number) => `${plural(count, 'survey', 'surveys')} waiting for you.`,
  surveyAboutExchange: 'About your recent hour.',
  surveyOptional: '(optional)',
  surveyYes: 'Yes',
  surveyNo: 'No',
  surveyScaleHint: (min: number, max: number, minLabel?: string, maxLabel?: string) =>
    `From ${min}${minLabel ? ` (${minLabel})` : ''} to ${max}${maxLabel ? ` (${maxLabel})` : ''}.`,
  surveyTextHint: (max: number) => `At most ${max} characters.`,
  sendAnswers: 'Send answers',
  sendingAnswers: 'Sending your answers…',
  answersSent: 'Thank you: your answers are saved.',
  answersFailed: 'Sorry, your answers could not be sent.',
} satisfies Partial<TalkingLibraryStrings>;
