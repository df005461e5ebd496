import type { TalkingLibraryStrings } from '../strings.js';

/** What `<tl-request-form>` and `<tl-request-board>` both say about a request. */
export const requestStrings = {
  projectStage: (stage: string) =>
    ({ idea: 'Idea', planning: 'Planning', testing: 'Testing', implementing: 'Implementing', spreading: 'Spreading' })[stage] ?? stage,
  projectLabel: 'Project',
  projectAimLabel: 'Aim',
  projectStageLabel: 'Stage',
  wantedSkillsLabel: 'Skills wanted',
  requestCategoryLabel: 'Category',
  errorSummaryTitle: 'There is a problem',
} satisfies Partial<TalkingLibraryStrings>;
