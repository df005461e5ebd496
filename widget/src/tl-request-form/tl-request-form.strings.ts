import type { TalkingLibraryStrings } from '../strings.js';

/** What `<tl-request-form>` says. */
export const requestFormStrings = {
  requestFormHeading: 'Ask for help with your project',
  requestFormIntro: 'Tell experts what you need. Those whose skills match will be told, and can offer you an hour.',
  requestFormSignedOut: 'Sign in to post a request for help with your improvement project. Use the sign-in on this page, or the link the library emailed you.',
  loadingRequestForm: 'Loading the form…',
  requestFormLoadFailed: 'Sorry, the form could not be loaded.',
  requestTitleLabel: 'Title',
  requestTitleHint: 'One line experts will see first, such as “FHIR help for our discharge letters”.',
  requestNeedLabel: 'What you need',
  requestNeedHint: 'In your own words: where you are stuck and what would help.',
  projectLegend: 'Your improvement project',
  projectNameLabel: 'Project name',
  projectAimHint: 'Optional: what the project sets out to improve.',
  chooseProjectStage: 'Choose a stage',
  wantedSkillsHint: 'Choose any that fit. Experts with these skills see your request first.',
  chooseRequestCategory: 'Choose a category',
  requestTitleRequired: 'Enter a title for your request',
  requestNeedRequired: 'Say what you need help with',
  projectNameRequired: 'Enter the name of your project',
  projectStageRequired: 'Choose the stage your project is at',
  requestCategoryRequired: 'Choose a category',
  postRequest: 'Post request',
  postingRequest: 'Posting your request…',
  requestPosted: (title: string) => `Your request “${title}” is on the board. Experts whose skills match will be told.`,
  requestPostFailed: 'Sorry, your request could not be posted.',
} satisfies Partial<TalkingLibraryStrings>;
