import type { Survey } from '@talking-library/sdk';

/** The member answered a survey in `<tl-surveys>`. */
export class TlSurveyAnsweredEvent extends Event {
  /** The survey with her answers, as the API stored them (with the instrument version they answered). */
  readonly survey: Survey;

  constructor(survey: Survey) {
    super('tl-survey-answered', { bubbles: true, composed: true });
    this.survey = survey;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-survey-answered': TlSurveyAnsweredEvent;
  }
}
