import type { ProjectStage } from '@talking-library/sdk';

/** The stages a project can be at, in order: the contract's, without bringing its validator along. */
export const PROJECT_STAGES: readonly ProjectStage[] = ['idea', 'planning', 'testing', 'implementing', 'spreading'];
