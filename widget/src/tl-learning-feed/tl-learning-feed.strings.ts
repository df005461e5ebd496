import { plural, type TalkingLibraryStrings } from '../strings.js';

/** What `<tl-learning-feed>` says. */
export const learningFeedStrings = {
  learningHeading: 'Shared learning',
  learningSignedOutNote: 'Members who sign in also see what was shared with the library only.',
  loadingLearning: 'Loading shared learning…',
  loadingMoreLearning: 'Loading more shared learning…',
  learningLoadFailed: 'Sorry, the shared learning could not be loaded.',
  learningSearchLabel: 'Search shared learning',
  learningSearchHint: 'Words from the summary, what was learned, the next steps or an output’s title.',
  learningSearchButton: 'Search',
  learningCategoryLabel: 'Category',
  learningAnyCategory: 'Any category',
  learningSkillLabel: 'Skill',
  learningAnySkill: 'Any skill',
  learningListLabel: 'Shared learning',
  learningShown: (shown: number, more: boolean) => `${plural(shown, 'item', 'items')} shown${more ? ', with more to show' : ''}.`,
  noLearning: 'Nothing has been shared yet.',
  noMatchingLearning: 'Nothing shared matches your search and filters.',
  sharedBy: (role: string) => (role === 'expert' ? 'Shared by the expert' : 'Shared by the member'),
  learnedLabel: 'What was learned',
  nextStepsLabel: 'Next steps',
  outputsLabel: 'Outputs',
  expertProfileLink: (name: string) => `${name}’s profile`,
} satisfies Partial<TalkingLibraryStrings>;
